/** Controls for single values: numbers, text, choices, booleans, name lists, constants and read-only JSON. */
import type { JsonPath } from '../../shared/config/diagnostics';
import { button, element } from '../shared/dom';
import { showValue, type Control, type FormContext } from './control';
import { valueAt, type FieldSpec } from './schema-form';

type Spec<K extends FieldSpec['kind']> = Extract<FieldSpec, { kind: K }>;

/** An empty input means "not set": the key is removed and the schema default applies. */
export function numberControl(spec: Spec<'number'>, context: FormContext, id: string): Control {
  const input = element('input', { attributes: { id, type: 'number', step: spec.integer ? '1' : 'any', placeholder: placeholder(spec.default) } });
  if (spec.minimum !== undefined) input.min = String(spec.minimum);
  if (spec.maximum !== undefined) input.max = String(spec.maximum);
  input.addEventListener('change', () => {
    const text = input.value.trim();
    const value = Number(text);
    const valid = text === '' || (Number.isFinite(value) && (!spec.integer || Number.isInteger(value)));
    input.setCustomValidity(valid ? '' : spec.integer ? 'a whole number' : 'a number');
    if (valid) context.edit({ type: 'set', path: spec.path, value: text === '' ? undefined : value });
  });
  return {
    root: input,
    update: (config) => {
      const value = valueAt(config, spec.path);
      showValue(input, typeof value === 'number' ? String(value) : '');
    },
  };
}

export function textControl(spec: Spec<'text'>, context: FormContext, id: string): Control {
  const input = element('input', { attributes: { id, type: 'text', placeholder: placeholder(spec.default), spellcheck: 'false' } });
  input.addEventListener('change', () => context.edit({ type: 'set', path: spec.path, value: input.value === '' && !spec.required ? undefined : input.value }));
  return { root: input, update: (config) => showValue(input, stringOf(valueAt(config, spec.path))) };
}

export function choiceControl(spec: Spec<'choice'>, context: FormContext, id: string): Control {
  return selectControl(spec.path, spec.default, spec.choices.map((c) => ({ value: c.value, label: c.value, title: c.description })), context, id, String);
}

/** Three states, because "not set" (the default applies) differs from an explicit value. */
export function booleanControl(spec: Spec<'boolean'>, context: FormContext, id: string): Control {
  const options = [true, false].map((value) => ({ value: String(value), label: String(value), title: '' }));
  return selectControl(spec.path, spec.default, options, context, id, (text) => text === 'true');
}

/** Names separated by commas; a single name stays a string where the schema allows one. */
export function listControl(spec: Spec<'list'>, context: FormContext, id: string): Control {
  const input = element('input', { attributes: { id, type: 'text', placeholder: 'comma-separated', spellcheck: 'false' } });
  input.addEventListener('change', () => {
    const items = input.value.split(',').map((item) => item.trim()).filter((item) => item !== '');
    const value = items.length === 0 ? undefined : spec.singleAllowed && items.length === 1 ? items[0] : items;
    context.edit({ type: 'set', path: spec.path, value });
  });
  return {
    root: input,
    update: (config) => {
      const value = valueAt(config, spec.path);
      showValue(input, Array.isArray(value) ? value.join(', ') : stringOf(value));
    },
  };
}

export function constantControl(spec: Spec<'constant'>): Control {
  const output = element('output', { text: JSON.stringify(spec.value) });
  return { root: output, update: () => {} };
}

/** What the form cannot edit yet is shown, never hidden, with a way to the text. */
export function jsonControl(spec: FieldSpec, context: FormContext): Control {
  const preview = element('code', { className: 'json-preview' });
  const root = element('div', { className: 'json-field' }, [preview, button('Edit in JSON', () => context.reveal(spec.path), { className: 'link' })]);
  return {
    root,
    update: (config) => {
      const value = valueAt(config, spec.path);
      preview.textContent = value === undefined ? 'not set' : JSON.stringify(value);
    },
  };
}

function selectControl(
  path: JsonPath,
  defaultValue: unknown,
  options: { value: string; label: string; title: string }[],
  context: FormContext,
  id: string,
  parse: (text: string) => unknown,
): Control {
  const input = element('select', { attributes: { id } });
  input.append(new Option(defaultValue === undefined ? 'not set' : `default (${String(defaultValue)})`, ''));
  for (const option of options) {
    const node = new Option(option.label, option.value);
    node.title = option.title;
    input.append(node);
  }
  // A value the schema does not allow still shows, so the form never hides what the file says.
  const unknown = new Option('', '');
  input.addEventListener('change', () => context.edit({ type: 'set', path, value: input.value === '' ? undefined : parse(input.value) }));
  return {
    root: input,
    update: (config) => {
      const value = valueAt(config, path);
      const text = value === undefined ? '' : String(value);
      const known = text === '' || options.some((o) => o.value === text);
      unknown.remove();
      if (!known) {
        unknown.value = unknown.text = text;
        input.append(unknown);
      }
      showValue(input, text);
    },
  };
}

function placeholder(defaultValue: unknown): string {
  return defaultValue === undefined || typeof defaultValue === 'object' ? '' : `default ${String(defaultValue)}`;
}

function stringOf(value: unknown): string {
  return typeof value === 'string' || typeof value === 'number' ? String(value) : '';
}
