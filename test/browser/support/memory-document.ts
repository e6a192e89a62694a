/**
 * A run config document in memory, standing in for a VS Code TextDocument in the browser tests.
 * Its diagnostics come from validateConfig, the function the language server publishes.
 */
import { validateConfig } from '../../../shared/config';
import type { ConfigDocument, DocumentDiagnostic } from '../../../extension/panels/config-editor-relay';
import type { TextReplacement } from '../../../extension/panels/config-edits';

export class MemoryDocument implements ConfigDocument {
  readonly uri = 'file:///workspace/tiny.ado.json';
  readonly fileName = 'tiny.ado.json';
  revealed: string[] = [];
  submitted = 0;
  private changed: () => void = () => {};

  constructor(public content: string) {}

  onChange(listener: () => void): void {
    this.changed = listener;
  }

  text(): string {
    return this.content;
  }

  /** As if the user typed in the text editor. */
  type(content: string): void {
    this.content = content;
    this.changed();
  }

  diagnostics(): DocumentDiagnostic[] {
    const lineStarts = [0, ...[...this.content.matchAll(/\n/g)].map((m) => (m.index ?? 0) + 1)];
    return validateConfig(this.content).diagnostics.map((d) => ({
      offset: lineStarts[d.range.start.line] + d.range.start.character,
      severity: d.severity,
      message: d.message,
    }));
  }

  async replace({ offset, length, text }: TextReplacement): Promise<void> {
    this.type(this.content.slice(0, offset) + text + this.content.slice(offset + length));
  }

  async reveal(offset: number, length: number): Promise<void> {
    this.revealed.push(this.content.slice(offset, offset + length));
  }

  async submit(): Promise<void> {
    this.submitted++;
  }
}
