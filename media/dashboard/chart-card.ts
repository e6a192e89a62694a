/**
 * A titled card around one chart: an empty-state message instead of a blank canvas, PNG and CSV
 * export, and zoom reset for charts that zoom.
 */
import type { ChartDataset, ChartOptions, ChartType } from 'chart.js';
import { button, element } from '../shared/dom';
import { ChartSlot, type DatasetDescription } from './chart-slot';

export interface ChartDescription {
  name: string;
  title: string;
  /** The empty-state message when one is shown. */
  empty: string | null;
  datasets: DatasetDescription[];
  /** The text of the tooltip shown, empty when none is. */
  tooltip: string[];
}

export type ExportFormat = 'png' | 'csv';

/** Where exports go and what they are painted on; the same for every card of a page. */
export interface CardExports {
  /** The page background, painted under the chart in PNG exports. */
  background: () => string;
  save: (format: ExportFormat, fileName: string, data: string) => void;
}

export interface ChartCardOptions {
  title: string;
  /** File name without extension for exports. */
  fileName: string;
  className?: string;
  zoomable?: boolean;
  /** The card's data as CSV; no CSV button without it. */
  csv?: () => string;
}

export class ChartCard<T extends ChartType> {
  readonly root: HTMLElement;
  readonly body: HTMLElement;
  private readonly slot: ChartSlot<T>;
  private readonly emptyState = element('div', { className: 'empty-state', attributes: { role: 'status' } });
  private readonly titleNode: HTMLElement;
  private readonly name: string;

  constructor(type: T, options: ChartCardOptions, exports: CardExports) {
    this.name = options.fileName;
    this.slot = new ChartSlot(type);
    this.titleNode = element('h3', { text: options.title });
    const resetZoom = () => this.slot.instance?.resetZoom('none');
    const actions = element('div', { className: 'card-actions' }, [
      options.zoomable && button('Reset zoom', resetZoom, { title: 'Reset zoom (or double-click the chart)' }),
      button('PNG', () => exports.save('png', options.fileName, this.pngDataUrl(exports.background())), { title: 'Save this chart as PNG' }),
      options.csv && button('CSV', () => exports.save('csv', options.fileName, options.csv?.() ?? ''), { title: 'Save this chart\'s data as CSV' }),
    ]);
    this.body = element('div', { className: 'chart-body' }, [this.slot.canvas, this.emptyState]);
    this.root = element('section', { className: `card ${options.className ?? ''}`, attributes: { 'data-chart': options.fileName } }, [
      element('header', {}, [this.titleNode, actions]),
      this.body,
    ]);
    if (options.zoomable) this.slot.canvas.addEventListener('dblclick', resetZoom);
  }

  setTitle(title: string): void {
    this.titleNode.textContent = title;
  }

  draw(datasets: ChartDataset<T>[], options?: ChartOptions<T>): void {
    this.slot.draw(datasets, options);
  }

  /** Shows `message` over the chart area instead of an empty or misleading chart; null hides it. */
  setEmpty(message: string | null): void {
    if (this.emptyState.textContent !== (message ?? '')) this.emptyState.textContent = message ?? '';
    this.root.classList.toggle('is-empty', message !== null);
  }

  describe(): ChartDescription {
    return { name: this.name, title: this.titleNode.textContent ?? '', empty: this.root.classList.contains('is-empty') ? this.emptyState.textContent : null, datasets: this.slot.describe(), tooltip: this.slot.tooltip() };
  }

  /** The chart on an opaque background: a transparent PNG is unreadable on the other theme's page. */
  private pngDataUrl(background: string): string {
    const source = this.slot.canvas;
    const out = element('canvas');
    out.width = source.width;
    out.height = source.height;
    const context = out.getContext('2d');
    if (!context) return source.toDataURL('image/png');
    context.fillStyle = background;
    context.fillRect(0, 0, out.width, out.height);
    context.drawImage(source, 0, 0);
    return out.toDataURL('image/png');
  }
}
