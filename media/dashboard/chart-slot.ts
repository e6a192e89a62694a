/** A canvas whose chart.js chart is created on first draw and afterwards updated in place without animation. */
import type { Chart as ChartInstance, ChartConfiguration, ChartDataset, ChartOptions, ChartType } from 'chart.js';
import { Chart } from '../charts/chart-registry';
import { element } from '../shared/dom';

export interface DatasetDescription {
  label: string;
  points: number;
  /** Points of the faint unsmoothed copy beneath a smoothed curve (raw-lines.ts). */
  rawPoints: number;
}

export class ChartSlot<T extends ChartType> {
  readonly canvas = element('canvas');
  private chart: ChartInstance<T> | null = null;
  /** The options to create the chart with, kept while there is nothing to draw. */
  private options: ChartOptions<T> | undefined;

  constructor(private readonly type: T) {}

  /** `options` only when they changed (theme, axis kind, scale type): replacing them resets zoom. */
  draw(datasets: ChartDataset<T>[], options?: ChartOptions<T>): void {
    if (options) this.options = options;
    if (!this.chart) {
      // An empty chart costs as much to build as a full one, and the card shows why it is empty.
      if (datasets.every((dataset) => dataset.data.length === 0)) return;
      const config = { type: this.type, data: { datasets }, options: this.options ?? {} } as ChartConfiguration<T>;
      this.chart = new Chart(this.canvas, config) as unknown as ChartInstance<T>;
      return;
    }
    this.chart.data.datasets = datasets;
    if (options) this.chart.options = options;
    this.chart.update('none');
  }

  /** What the chart currently draws, for tests and the benchmark (see inspection.ts). */
  describe(): DatasetDescription[] {
    return (this.chart?.data.datasets ?? []).map((dataset) => ({ label: dataset.label ?? '', points: dataset.data.length, rawPoints: 'rawPoints' in dataset ? (dataset.rawPoints?.length ?? 0) : 0 }));
  }

  /** The tooltip's lines while one shows: it is drawn on the canvas, out of reach of DOM queries. */
  tooltip(): string[] {
    const tooltip = this.chart?.tooltip;
    if (!tooltip || tooltip.opacity === 0) return [];
    return [...tooltip.title, ...tooltip.beforeBody, ...tooltip.body.flatMap((item) => [...item.before, ...item.lines, ...item.after]), ...tooltip.afterBody];
  }

  get instance(): ChartInstance<T> | null {
    return this.chart;
  }

  destroy(): void {
    this.chart?.destroy();
    this.chart = null;
  }
}
