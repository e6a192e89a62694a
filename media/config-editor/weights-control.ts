/**
 * Weights per domain (a custom prior, fixed weights): one number per domain of the config, with
 * the normalised share each becomes, since the policy only ever sees the normalised distribution.
 */
import { formatPercent } from '../charts/format';
import { button, element } from '../shared/dom';
import { configDomainNames, showValue, type Control, type FormContext } from './control';
import { valueAt, type FieldSpec } from './schema-form';

type WeightsSpec = Extract<FieldSpec, { kind: 'weights' }>;

export function weightsControl(spec: WeightsSpec, context: FormContext, id: string): Control {
  const body = element('tbody');
  const total = element('span', { className: 'weights-total' });
  let names: string[] = [];
  let rows: { name: string; input: HTMLInputElement; share: HTMLElement; bar: HTMLElement }[] = [];
  let current: Record<string, unknown> = {};

  const normalise = () => {
    const sum = sumOf(current);
    if (sum > 0) context.edit({ type: 'set', path: spec.path, value: Object.fromEntries(Object.entries(current).map(([name, w]) => [name, round(Number(w) / sum)])) });
  };
  const root = element('div', { className: 'weights-field' }, [
    element('table', { attributes: { id } }, [body]),
    element('div', { className: 'weights-footer' }, [total, button('Normalise', normalise, { title: 'Rewrite the weights so they sum to 1' })]),
  ]);

  const rebuild = () => {
    rows = names.map((name) => {
      const input = element('input', { attributes: { type: 'number', min: '0', step: 'any', 'aria-label': `Weight of ${name}` } });
      input.addEventListener('change', () => {
        const value = input.value.trim() === '' ? undefined : Number(input.value);
        if (value === undefined || (Number.isFinite(value) && value >= 0)) context.edit({ type: 'set', path: [...spec.path, name], value });
      });
      const share = element('span', { className: 'share' });
      const bar = element('span', { className: 'share-bar' });
      body.append(element('tr', {}, [element('th', { text: name }), element('td', {}, [input]), element('td', {}, [share]), element('td', { className: 'bar-cell' }, [bar])]));
      return { name, input, share, bar };
    });
  };

  return {
    root,
    update: (config) => {
      const value = valueAt(config, spec.path);
      current = typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
      // Domains of the config first, then keys that name no domain (the validator flags those).
      const next = [...new Set([...configDomainNames(config), ...Object.keys(current)])];
      if (next.join('\n') !== names.join('\n')) {
        names = next;
        body.replaceChildren();
        rebuild();
      }
      const sum = sumOf(current);
      for (const row of rows) {
        const weight = Number(current[row.name] ?? 0);
        showValue(row.input, current[row.name] === undefined ? '' : String(current[row.name]));
        const share = sum > 0 ? weight / sum : 0;
        row.share.textContent = formatPercent(share);
        row.bar.style.width = `${(share * 100).toFixed(1)}%`;
      }
      total.textContent = names.length === 0 ? 'Add domains first.' : `sum ${round(sum)}${Math.abs(sum - 1) > 1e-9 ? ' (normalised when the run starts)' : ''}`;
    },
  };
}

function sumOf(weights: Record<string, unknown>): number {
  return Object.values(weights).reduce<number>((sum, w) => sum + (typeof w === 'number' && w > 0 ? w : 0), 0);
}

function round(value: number): number {
  return Math.round(value * 1e6) / 1e6;
}
