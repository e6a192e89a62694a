/**
 * The config editor page: the form generated from the schema, kept in step with the JSON document.
 * The document is the only source of truth: form edits go to the host as path edits, and every
 * document change (from the form, typing, undo) comes back and refreshes the form.
 */
import { parse, type ParseError } from 'jsonc-parser';
import type { JsonPath } from '../../shared/config/diagnostics';
import type { ConfigEditorState, ConfigEditorToHost, HostToConfigEditor } from '../shared/config-editor-messages';
import { button, element } from '../shared/dom';
import type { WebviewApi } from '../shared/vscode-api';
import type { FormContext } from './control';
import { diagnosticItem, placeDiagnostics } from './diagnostics-placement';
import { createField } from './form-fields';
import { configForm } from './schema-form';

export class ConfigEditor {
  private readonly fileName = element('h1');
  private readonly counts = element('span', { className: 'counts', attributes: { 'aria-live': 'polite' } });
  private readonly syntax = element('div', { className: 'banner error', attributes: { role: 'alert' } });
  private readonly documentDiagnostics = element('ul', { className: 'diagnostics document' });
  private readonly form = element('fieldset', { className: 'config-form' });
  private readonly fields;

  constructor(
    root: HTMLElement,
    private readonly host: WebviewApi<ConfigEditorState, ConfigEditorToHost>,
  ) {
    const context: FormContext = {
      edit: (edit) => host.postMessage({ type: 'edit', edit }),
      reveal: (path: JsonPath) => host.postMessage({ type: 'reveal', path }),
    };
    this.fields = configForm().map((spec) => createField(spec, context));
    this.form.append(...this.fields.map((field) => field.root));
    this.syntax.hidden = true;
    root.replaceChildren(
      element('header', { className: 'editor-header' }, [
        this.fileName,
        this.counts,
        button('Submit run', () => host.postMessage({ type: 'submit' }), { className: 'primary', title: 'ADO Studio: Submit Run with this config' }),
      ]),
      this.syntax,
      this.documentDiagnostics,
      this.form,
    );
  }

  start(): void {
    this.host.postMessage({ type: 'ready' });
  }

  receive(message: HostToConfigEditor): void {
    this.host.setState({ uri: message.uri });
    this.fileName.textContent = message.fileName;
    const errors: ParseError[] = [];
    const config: unknown = parse(message.text, errors, { allowTrailingComma: true });
    // While the text does not parse, the form would show half a config: keep it, but frozen.
    this.form.disabled = errors.length > 0;
    this.syntax.hidden = errors.length === 0;
    this.syntax.textContent = 'The JSON has syntax errors; fix them in the text editor to edit here again.';
    if (errors.length === 0) for (const field of this.fields) field.update(config);
    const unplaced = placeDiagnostics(this.form, message.diagnostics);
    this.documentDiagnostics.replaceChildren(...unplaced.map(diagnosticItem));
    const count = (severity: string) => message.diagnostics.filter((d) => d.severity === severity).length;
    const [errorCount, warningCount] = [count('error'), count('warning')];
    this.counts.textContent = errorCount + warningCount === 0 ? 'No problems' : `${errorCount} error${errorCount === 1 ? '' : 's'}, ${warningCount} warning${warningCount === 1 ? '' : 's'}`;
  }
}
