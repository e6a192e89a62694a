/** The focused run's recent log lines: warnings such as a domain repeating too often, and errors. */
import type { RunData } from '../charts/run-data';
import { element } from '../shared/dom';
import { RenderKey } from '../shared/render-key';

const SHOWN = 50;

export class LogPanel {
  readonly root: HTMLElement;
  private readonly list = element('ol', { className: 'log-list' });
  private readonly key = new RenderKey();

  constructor() {
    this.root = element('section', { className: 'card log-card', attributes: { 'data-chart': 'log' } }, [element('header', {}, [element('h3', { text: 'Log' })]), this.list]);
  }

  render(run: RunData | null): void {
    const logs = run?.logs ?? [];
    if (!this.key.changed(`${run?.runId}|${logs.length}|${logs[logs.length - 1]?.seq}`)) return;
    this.root.hidden = logs.length === 0;
    this.list.replaceChildren(
      ...logs.slice(-SHOWN).map((entry) =>
        element('li', { className: `log-${entry.level}` }, [
          element('time', { text: new Date(entry.time).toLocaleTimeString() }),
          element('span', { className: 'log-level', text: entry.level }),
          element('span', { className: 'log-message', text: entry.message }),
          entry.code ? element('code', { text: entry.code }) : null,
        ]),
      ),
    );
  }
}
