/**
 * The host half of a config editor panel, free of VS Code: turns the form's path edits into text
 * replacements on the document, and sends the page the document with its diagnostics placed on
 * JSON paths whenever either changes. The document adapter decides how text is replaced
 * (a WorkspaceEdit in VS Code, so undo and dirty state work as for typing).
 */
import { findNodeAtLocation, parseTree } from 'jsonc-parser';
import type { JsonPath, Severity } from '../../shared/config/diagnostics';
import type { ConfigEditorToHost, HostToConfigEditor } from '../../media/shared/config-editor-messages';
import { configEdit, detectFormatting, pathAt, type TextReplacement } from './config-edits';

export interface DocumentDiagnostic {
  /** Where the diagnostic starts in the text. */
  offset: number;
  severity: Severity;
  message: string;
}

export interface ConfigDocument {
  readonly uri: string;
  readonly fileName: string;
  text(): string;
  diagnostics(): DocumentDiagnostic[];
  replace(replacement: TextReplacement): Promise<void>;
  /** Shows the text between the offsets in the text editor. */
  reveal(offset: number, length: number): Promise<void>;
  submit(): Promise<void>;
}

export class ConfigEditorRelay {
  constructor(
    private readonly document: ConfigDocument,
    private readonly post: (message: HostToConfigEditor) => void,
  ) {}

  async handle(message: ConfigEditorToHost): Promise<void> {
    switch (message.type) {
      case 'ready':
        return this.documentChanged();
      case 'edit': {
        const text = this.document.text();
        const replacement = configEdit(text, message.edit, detectFormatting(text));
        if (replacement) await this.document.replace(replacement);
        return;
      }
      case 'reveal':
        return this.reveal(message.path);
      case 'submit':
        return this.document.submit();
    }
  }

  /** The text or its diagnostics changed: the page redraws the form from them. */
  documentChanged(): void {
    const text = this.document.text();
    const diagnostics = this.document.diagnostics().map(({ offset, severity, message }) => ({ path: pathAt(text, offset), severity, message }));
    this.post({ type: 'document', uri: this.document.uri, fileName: this.document.fileName, text, diagnostics });
  }

  /** The field's value, or its nearest ancestor present in the text. */
  private async reveal(path: JsonPath): Promise<void> {
    const root = parseTree(this.document.text());
    for (let length = path.length; root && length >= 0; length--) {
      const node = findNodeAtLocation(root, path.slice(0, length));
      if (node) return this.document.reveal(node.parent?.type === 'property' ? node.parent.offset : node.offset, node.parent?.type === 'property' ? node.parent.length : node.length);
    }
  }
}
