/**
 * One legend for every chart: a chip per domain (and aggregate) in its chart colour. Click toggles
 * it everywhere; alt-click shows it alone, as in TensorBoard's run selector.
 */
import { AGGREGATE_KEYS } from '../charts/curve-series';
import { domainColor } from '../charts/palette';
import type { RunData } from '../charts/run-data';
import { button, element } from '../shared/dom';
import { RenderKey } from '../shared/render-key';

export class DomainLegend {
  readonly root = element('div', { className: 'legend', attributes: { role: 'group', 'aria-label': 'Series shown' } });
  private readonly key = new RenderKey();

  constructor(private readonly setHidden: (hidden: string[]) => void) {}

  render(runs: readonly RunData[], hidden: readonly string[], dark: boolean, themeVersion: number): void {
    const domains = [...new Set(runs.flatMap((run) => run.domains))];
    const aggregates = Object.values(AGGREGATE_KEYS);
    if (!this.key.changed(`${domains.join('\n')}|${hidden.join('\n')}|${themeVersion}`)) return;
    const all = [...aggregates, ...domains];
    const chip = (key: string, color: string | null) => {
      const shown = !hidden.includes(key);
      const swatch = element('span', { className: 'swatch' });
      if (color) swatch.style.background = color;
      const node = button('', (event) => this.setHidden(event.altKey ? all.filter((k) => k !== key) : shown ? [...hidden, key] : hidden.filter((k) => k !== key)), {
        className: `chip${color ? '' : ' aggregate'}`,
        title: `${shown ? 'Hide' : 'Show'} ${key} (alt-click: show only this)`,
        attributes: { 'aria-pressed': String(shown) },
      });
      node.append(swatch, element('span', { text: key }));
      return node;
    };
    this.root.replaceChildren(
      ...aggregates.map((key) => chip(key, null)),
      ...domains.map((domain, k) => chip(domain, domainColor(k, dark))),
      hidden.length > 0 ? button('Show all', () => this.setHidden([]), { className: 'link' }) : '',
    );
  }
}
