/** A plain HTML table from strings; every cell goes through textContent. */
import { element } from '../shared/dom';

export type Cell = string | { text: string; className?: string; title?: string };

export function table(header: readonly string[], rows: readonly (readonly Cell[])[], className = 'data'): HTMLTableElement {
  const cell = (tag: 'td' | 'th', value: Cell) => (typeof value === 'string' ? element(tag, { text: value }) : element(tag, value));
  return element('table', { className }, [
    element('thead', {}, [element('tr', {}, header.map((h) => cell('th', h)))]),
    element('tbody', {}, rows.map((row) => element('tr', {}, row.map((value, c) => cell(c === 0 ? 'th' : 'td', value))))),
  ]);
}
