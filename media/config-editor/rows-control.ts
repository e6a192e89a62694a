/** An array of objects as an editable table (the domains): add, remove and reorder rows, edit cells. */
import { formatJsonPath } from '../../shared/config/diagnostics';
import { button, element } from '../shared/dom';
import type { Control, FormContext } from './control';
import { fieldAt, valueAt, type FieldSpec } from './schema-form';

type RowsSpec = Extract<FieldSpec, { kind: 'rows' }>;
export type InputFactory = (spec: FieldSpec, context: FormContext, id: string) => Control;

function iconButton(icon: string, label: string, onClick: () => void, disabled: boolean): HTMLButtonElement {
  const node = button(icon, onClick, { title: label, attributes: { 'aria-label': label } });
  node.disabled = disabled;
  return node;
}

export function rowsControl(spec: RowsSpec, context: FormContext, id: string, createInput: InputFactory): Control {
  const body = element('tbody');
  const header = element('tr', {}, [...spec.item.map((field) => element('th', { text: field.key, title: field.description })), element('th', { text: '' })]);
  let rows: Control[] = [];
  let count = -1;
  const add = () =>
    context.edit(count > 0 ? { type: 'insert', path: spec.path, index: count, value: spec.newItem } : { type: 'set', path: spec.path, value: [spec.newItem] });
  const root = element('div', { className: 'rows-field' }, [
    element('table', { attributes: { id } }, [element('thead', {}, [header]), body]),
    button(`Add ${spec.key === 'domains' ? 'domain' : 'row'}`, add),
  ]);

  const rebuild = (length: number) => {
    count = length;
    rows = Array.from({ length }, (_, index) => {
      const cells = spec.item.map((field) => {
        const cell = createInput(fieldAt(field, [...spec.path, index, field.key]), context, `${id}-${index}-${field.key}`);
        return { cell, node: element('td', { attributes: { 'data-path': formatJsonPath([...spec.path, index, field.key]) } }, [cell.root, element('ul', { className: 'diagnostics' })]) };
      });
      const move = (to: number) => context.edit({ type: 'move', path: spec.path, from: index, to });
      const actions = element('td', { className: 'row-actions' }, [
        iconButton('↑', 'Move up', () => move(index - 1), index === 0),
        iconButton('↓', 'Move down', () => move(index + 1), index === length - 1),
        iconButton('✕', 'Remove', () => context.edit({ type: 'set', path: [...spec.path, index], value: undefined }), false),
      ]);
      const row = element('tr', { attributes: { 'data-path': formatJsonPath([...spec.path, index]) } }, [...cells.map((c) => c.node), actions]);
      return { root: row, update: (config: unknown) => cells.forEach(({ cell }) => cell.update(config)) };
    });
    body.replaceChildren(...rows.map((row) => row.root));
  };

  return {
    root,
    update: (config) => {
      const items = valueAt(config, spec.path);
      const length = Array.isArray(items) ? items.length : 0;
      if (length !== count) rebuild(length);
      for (const row of rows) row.update(config);
    },
  };
}
