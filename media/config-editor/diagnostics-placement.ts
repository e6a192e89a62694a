/**
 * Puts each diagnostic next to the field it is about: the element whose JSON path is the longest
 * prefix of the diagnostic's (a misspelled key inside "mixture.ado" lands on the ado section).
 * Errors open the collapsed sections around them, so none is hidden.
 */
import { formatJsonPath } from '../../shared/config/diagnostics';
import type { FieldDiagnostic } from '../shared/config-editor-messages';
import { element } from '../shared/dom';

/** Returns the diagnostics no field took (they belong to the whole document). */
export function placeDiagnostics(form: HTMLElement, diagnostics: readonly FieldDiagnostic[]): FieldDiagnostic[] {
  form.querySelectorAll('ul.diagnostics').forEach((list) => list.replaceChildren());
  form.querySelectorAll('.has-error, .has-warning').forEach((marked) => marked.classList.remove('has-error', 'has-warning'));
  return diagnostics.filter((diagnostic) => {
    const list = listFor(form, diagnostic);
    if (!list) return true;
    list.append(diagnosticItem(diagnostic));
    const owner = list.parentElement;
    owner?.classList.add(diagnostic.severity === 'error' ? 'has-error' : 'has-warning');
    if (diagnostic.severity === 'error') for (let section = owner?.closest('details'); section; section = section.parentElement?.closest('details')) section.open = true;
    return false;
  });
}

export function diagnosticItem(diagnostic: FieldDiagnostic): HTMLElement {
  return element('li', { className: `diagnostic ${diagnostic.severity}` }, [element('span', { className: 'severity', text: diagnostic.severity }), element('span', { text: diagnostic.message })]);
}

function listFor(form: HTMLElement, diagnostic: FieldDiagnostic): HTMLUListElement | null {
  for (let length = diagnostic.path.length; length > 0; length--) {
    const key = CSS.escape(formatJsonPath(diagnostic.path.slice(0, length)));
    const owner = Array.from(form.querySelectorAll(`[data-path="${key}"]`)).find((candidate) => candidate.querySelector(':scope > ul.diagnostics'));
    if (owner) return owner.querySelector(':scope > ul.diagnostics') as HTMLUListElement;
  }
  return null;
}
