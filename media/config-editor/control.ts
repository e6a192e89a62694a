/** What every form control shares: where edits go, and how it refreshes from the parsed document. */
import type { JsonPath } from '../../shared/config/diagnostics';
import type { ConfigEdit } from '../shared/config-editor-messages';

export interface FormContext {
  edit(edit: ConfigEdit): void;
  /** Shows the field's text in the JSON editor. */
  reveal(path: JsonPath): void;
}

export interface Control {
  readonly root: HTMLElement;
  /** Shows the values of `config`, the document as parsed (possibly invalid). */
  update(config: unknown): void;
}

/** Writes `value` unless the user is typing in that element: the document echo must not move their cursor. */
export function showValue(input: HTMLInputElement | HTMLSelectElement, value: string): void {
  if (input !== document.activeElement && input.value !== value) input.value = value;
}

/** The domain names of a config that may not be valid yet: what weight editors offer rows for. */
export function configDomainNames(config: unknown): string[] {
  const data = (config as { data?: { domains?: unknown; source?: { domains?: unknown } } } | null)?.data;
  const listed = Array.isArray(data?.domains) ? data.domains.map((d: unknown) => (d as { name?: unknown })?.name) : data?.source?.domains;
  return Array.isArray(listed) ? listed.filter((name): name is string => typeof name === 'string' && name !== '') : [];
}
