/**
 * One of fixed values or a structured alternative, e.g. the prior: "natural", "balanced", or weights
 * per domain. Choosing the alternative writes a starting value (equal weights) to edit from.
 */
import { element } from '../shared/dom';
import { configDomainNames, showValue, type Control, type FormContext } from './control';
import type { InputFactory } from './rows-control';
import { valueAt, type FieldSpec, type UnionOption } from './schema-form';

type UnionSpec = Extract<FieldSpec, { kind: 'union' }>;

export function unionControl(spec: UnionSpec, context: FormContext, id: string, createInput: InputFactory): Control {
  const select = element('select', { attributes: { id } });
  select.append(new Option(spec.default === undefined ? 'not set' : `default (${String(spec.default)})`, ''));
  spec.options.forEach((option, index) => {
    const node = new Option(option.label, String(index));
    node.title = option.description;
    select.append(node);
  });
  const alternatives = spec.options.map((option) => ('field' in option ? createInput(option.field, context, `${id}-alt`) : null));
  const detail = element('div', { className: 'union-detail' });
  let config: unknown;
  select.addEventListener('change', () => {
    const option = spec.options[Number(select.value)];
    context.edit({ type: 'set', path: spec.path, value: option ? initialValue(option, config) : undefined });
  });
  return {
    root: element('div', { className: 'union-field' }, [select, detail]),
    update: (next) => {
      config = next;
      const value = valueAt(config, spec.path);
      const chosen = value === undefined ? -1 : spec.options.findIndex((option) => matches(option, value));
      showValue(select, chosen < 0 ? '' : String(chosen));
      const alternative = alternatives[chosen] ?? null;
      if (detail.firstChild !== alternative?.root) detail.replaceChildren(alternative?.root ?? '');
      alternative?.update(config);
    },
  };
}

function matches(option: UnionOption, value: unknown): boolean {
  if ('value' in option) return option.value === value;
  const kind = option.field.kind;
  return kind === 'number' ? typeof value === 'number' : typeof value === 'object' && value !== null && !Array.isArray(value);
}

function initialValue(option: UnionOption, config: unknown): unknown {
  if ('value' in option) return option.value;
  const field = option.field;
  switch (field.kind) {
    case 'weights': {
      const names = configDomainNames(config);
      return Object.fromEntries(names.map((name) => [name, Math.round(1e6 / Math.max(names.length, 1)) / 1e6]));
    }
    case 'number':
      return field.minimum !== undefined && field.minimum > 1 ? field.minimum : 1;
    case 'section':
      return Object.fromEntries(field.fields.filter((f) => f.required).map((f) => [f.key, '']));
    default:
      return {};
  }
}
