/**
 * Builds the form from the schema's field specs: each field in a row with its key, control,
 * default and paper value, description and diagnostics; objects as collapsible sections.
 * Rows and sections carry their JSON path, which is how diagnostics find their place.
 */
import { formatJsonPath } from '../../shared/config/diagnostics';
import { button, element } from '../shared/dom';
import type { Control, FormContext } from './control';
import { rowsControl } from './rows-control';
import { booleanControl, choiceControl, constantControl, jsonControl, listControl, numberControl, textControl } from './scalar-controls';
import { valueAt, type FieldSpec } from './schema-form';
import { unionControl } from './union-control';
import { weightsControl } from './weights-control';

let nextId = 0;

export function createField(spec: FieldSpec, context: FormContext, depth = 0): Control {
  if (spec.kind === 'section') return sectionControl(spec, context, depth);
  const id = `field-${nextId++}`;
  return fieldRow(spec, createInput(spec, context, id), context, id);
}

/** Just the input, without label and help (table cells, union alternatives). */
export function createInput(spec: FieldSpec, context: FormContext, id: string): Control {
  switch (spec.kind) {
    case 'number':
      return numberControl(spec, context, id);
    case 'text':
      return textControl(spec, context, id);
    case 'choice':
      return choiceControl(spec, context, id);
    case 'boolean':
      return booleanControl(spec, context, id);
    case 'list':
      return listControl(spec, context, id);
    case 'constant':
      return constantControl(spec);
    case 'rows':
      return rowsControl(spec, context, id, createInput);
    case 'weights':
      return weightsControl(spec, context, id);
    case 'union':
      return unionControl(spec, context, id, createInput);
    case 'section':
      return sectionControl(spec, context, 2);
    case 'json':
      return jsonControl(spec, context);
  }
}

function fieldRow(spec: FieldSpec, control: Control, context: FormContext, id: string): Control {
  const root = element('div', { className: `field field-${spec.kind}`, attributes: { 'data-path': formatJsonPath(spec.path) } }, [
    element('label', { attributes: { for: id } }, [element('code', { text: spec.key }), spec.required ? element('span', { className: 'required', text: 'required' }) : null]),
    element('div', { className: 'control' }, [control.root]),
    element('div', { className: 'hint' }, [defaultsText(spec) && element('span', { text: defaultsText(spec) }), button('Show in JSON', () => context.reveal(spec.path), { className: 'link' })]),
    spec.description ? element('p', { className: 'description', text: spec.description }) : null,
    element('ul', { className: 'diagnostics' }),
  ]);
  return { root, update: control.update };
}

/** Top-level sections start open; nested ones (source, bounds, fit options...) open when the config sets them. */
function sectionControl(spec: Extract<FieldSpec, { kind: 'section' }>, context: FormContext, depth: number): Control {
  const children = spec.fields.map((field) => createField(field, context, depth + 1));
  const root = element('details', { className: `section depth-${depth}`, attributes: { 'data-path': formatJsonPath(spec.path) } }, [
    element('summary', {}, [element('code', { text: spec.title }), spec.required ? element('span', { className: 'required', text: 'required' }) : null]),
    spec.description ? element('p', { className: 'description', text: spec.description }) : null,
    element('ul', { className: 'diagnostics' }),
    ...children.map((child) => child.root),
  ]);
  let opened = false;
  return {
    root,
    update: (config) => {
      if (!opened) {
        root.open = depth === 0 || valueAt(config, spec.path) !== undefined;
        opened = true;
      }
      for (const child of children) child.update(config);
    },
  };
}

function defaultsText(spec: FieldSpec): string {
  const parts = [
    spec.default !== undefined && typeof spec.default !== 'object' ? `default ${JSON.stringify(spec.default)}` : null,
    spec.paper !== undefined ? `paper ${typeof spec.paper === 'string' ? spec.paper : JSON.stringify(spec.paper)}` : null,
  ];
  return parts.filter(Boolean).join(' · ');
}
