/**
 * The focused run's latest text samples (`training.samples`): per prompt, its domain, the prompt
 * (dimmed) and what the model wrote after it. Model output is arbitrary text, so it only ever
 * reaches the page through textContent.
 */
import type { RunData } from '../charts/run-data';
import { element } from '../shared/dom';
import { RenderKey } from '../shared/render-key';
import './samples-section.css';

export class SamplesSection {
  readonly root: HTMLElement;
  private readonly title = element('h3', { text: 'Samples' });
  private readonly list = element('div', { className: 'samples-list' });
  private readonly key = new RenderKey();

  constructor() {
    this.root = element('section', { className: 'card samples-card', attributes: { 'data-chart': 'samples' } }, [element('header', {}, [this.title]), this.list]);
    this.root.hidden = true;
  }

  render(run: RunData | null): void {
    if (!this.key.changed(`${run?.runId}|${run?.changes.samples}`)) return;
    const latest = run?.latestSamples;
    this.root.hidden = !latest;
    if (!run || !latest) return this.list.replaceChildren();
    this.title.textContent = `Samples at step ${latest.step}`;
    this.list.replaceChildren(
      ...latest.samples.map((sample) =>
        element('figure', { className: 'sample' }, [
          element('figcaption', { text: run.domains[sample.domain] ?? `domain ${sample.domain + 1}` }),
          element('pre', { className: 'sample-text' }, [element('span', { className: 'sample-prompt', text: sample.prompt }), element('span', { className: 'sample-continuation', text: sample.text })]),
        ]),
      ),
    );
  }
}
