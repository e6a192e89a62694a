/**
 * A chart.js dataset type for a rows × columns heatmap drawn as one bitmap: a pixel per cell,
 * stretched column by column over the x scale. chart.js elements per cell (chartjs-chart-matrix)
 * cost about 85 ms for 22 domains × 160 columns, a third of the dashboard's first render; the
 * bitmap takes a millisecond. The cells stay the dataset's data, so the tooltip, CSV and tests see
 * the same model the pixels come from, and the `heatmapCell` interaction mode finds the cell under
 * the pointer for the tooltip.
 */
import {
  DatasetController,
  Element,
  Interaction,
  type CartesianParsedData,
  type CartesianScaleTypeRegistry,
  type Chart,
  type ChartDataset,
  type ChartEvent,
  type ControllerDatasetOptions,
  type CoreChartOptions,
  type InteractionItem,
  type InteractionModeFunction,
  type Scale,
} from 'chart.js';
import { viridis, viridisRgb } from './color-scale';

export interface HeatmapCell {
  /** The column's centre and width in x-axis units. */
  x: number;
  width: number;
  /** The row's label (a category of the y scale). */
  y: string;
  /** The value the colour shows; NaN leaves the cell blank. */
  v: number;
}

export interface HeatmapDatasetOptions extends ControllerDatasetOptions {
  /** Cells per row: `data` holds rows × columns cells, row by row, in the y scale's label order. */
  columns: number;
  /** The value drawn at the top of the colour scale (0 is at the bottom). */
  maxValue: number;
}

declare module 'chart.js' {
  interface ChartTypeRegistry {
    heatmap: {
      chartOptions: CoreChartOptions<'heatmap'>;
      datasetOptions: HeatmapDatasetOptions;
      defaultDataPoint: HeatmapCell;
      parsedDataType: CartesianParsedData;
      metaExtensions: object;
      scales: keyof CartesianScaleTypeRegistry;
    };
  }
  interface InteractionModeMap {
    heatmapCell: InteractionModeFunction;
  }
}

/** The cell under the pointer, as the tooltip positions itself by: it is never drawn. */
export class HeatmapCellElement extends Element {
  static readonly id = 'heatmapCell';
  static override readonly defaults = {};
}

export class HeatmapController extends DatasetController<'heatmap'> {
  static readonly id = 'heatmap';
  static readonly defaults = { dataElementType: HeatmapCellElement.id };
  static readonly overrides = {
    interaction: { mode: 'heatmapCell', intersect: true },
    scales: { x: { type: 'linear' }, y: { type: 'category', offset: true, reverse: false } },
  };

  private bitmap: HTMLCanvasElement | null = null;

  // No element per cell: the bitmap stands for all of them.
  override addElements(): void {}
  override buildOrUpdateElements(): void {}

  override update(): void {
    const { data, columns, maxValue } = this.grid();
    const rows = columns > 0 ? Math.floor(data.length / columns) : 0;
    if (rows === 0) {
      this.bitmap = null;
      return;
    }
    const image = new ImageData(columns, rows);
    data.forEach((cell, i) => {
      if (!Number.isFinite(cell.v)) return;
      image.data.set([...viridisRgb(cell.v / (maxValue || 1)), 255], 4 * i);
    });
    this.bitmap ??= document.createElement('canvas');
    this.bitmap.width = columns;
    this.bitmap.height = rows;
    this.bitmap.getContext('2d')?.putImageData(image, 0, 0);
  }

  override draw(): void {
    const { xScale, yScale } = this._cachedMeta;
    const { data, columns } = this.grid();
    const bitmap = this.bitmap;
    if (!bitmap || !xScale || !yScale) return;
    const rows = bitmap.height;
    const first = yScale.getPixelForValue(0);
    const rowHeight = rows > 1 ? (yScale.getPixelForValue(rows - 1) - first) / (rows - 1) : this.chart.chartArea.height;
    const ctx = this.chart.ctx;
    const area = this.chart.chartArea;
    ctx.save();
    ctx.beginPath();
    ctx.rect(area.left, area.top, area.width, area.height);
    ctx.clip();
    ctx.imageSmoothingEnabled = false;
    // A negative row height (a reversed axis) turns the bitmap upside down through the transform.
    ctx.translate(0, first - rowHeight / 2);
    ctx.scale(1, Math.sign(rowHeight) || 1);
    const height = Math.abs(rowHeight) * rows;
    for (let column = 0; column < columns; column++) {
      const cell = data[column];
      const left = xScale.getPixelForValue(cell.x - cell.width / 2);
      const right = xScale.getPixelForValue(cell.x + cell.width / 2);
      // At least a pixel, so one-step columns at the live edge stay visible; half a pixel more closes seams.
      ctx.drawImage(bitmap, column, 0, 1, rows, left, 0, Math.max(1, right - left + 0.5), height);
    }
    ctx.restore();
  }

  override getMinMax(scale: Scale): { min: number; max: number } {
    const { data, columns } = this.grid();
    if (data.length === 0 || columns === 0) return { min: Number.POSITIVE_INFINITY, max: Number.NEGATIVE_INFINITY };
    if (scale !== this._cachedMeta.xScale) return { min: 0, max: Math.floor(data.length / columns) - 1 };
    const first = data[0];
    const last = data[columns - 1];
    // The scale spans the cells' edges, not their centres, so the first and last columns show whole.
    return { min: first.x - first.width / 2, max: last.x + last.width / 2 };
  }

  override getLabelAndValue(index: number): { label: string; value: string } {
    const cell = this.grid().data[index];
    return { label: cell?.y ?? '', value: cell ? String(cell.v) : '' };
  }

  override getStyle(index: number): { backgroundColor: string; borderColor: string; borderWidth: number } {
    const { data, maxValue } = this.grid();
    const color = viridis((data[index]?.v ?? 0) / (maxValue || 1));
    return { backgroundColor: color, borderColor: color, borderWidth: 0 };
  }

  // Hovering shows the tooltip; a cell has no element to restyle.
  override setHoverStyle(): void {}
  override removeHoverStyle(): void {}

  /** The cell under a canvas position, as chart.js tooltips take it; null outside the cells. */
  itemAt(x: number, y: number): InteractionItem | null {
    const { xScale, yScale } = this._cachedMeta;
    const { data, columns } = this.grid();
    const area = this.chart.chartArea;
    if (!xScale || !yScale || columns === 0 || x < area.left || x > area.right || y < area.top || y > area.bottom) return null;
    const rows = Math.floor(data.length / columns);
    const row = Math.round(yScale.getValueForPixel(y) ?? NaN);
    if (!(row >= 0 && row < rows)) return null;
    const column = columnAt(data, columns, xScale.getValueForPixel(x) ?? NaN);
    const index = row * columns + column;
    const cell = data[index];
    if (column < 0 || !Number.isFinite(cell.v)) return null;
    const element = new HeatmapCellElement();
    element.x = xScale.getPixelForValue(cell.x);
    element.y = yScale.getPixelForValue(row);
    return { element, datasetIndex: this.index, index };
  }

  private grid(): { data: HeatmapCell[]; columns: number; maxValue: number } {
    const dataset = this.getDataset() as ChartDataset<'heatmap', HeatmapCell[]>;
    return { data: dataset.data ?? [], columns: dataset.columns ?? 0, maxValue: dataset.maxValue ?? 0 };
  }
}

/** The column whose span holds `value` (the nearest one at the edges); -1 when there is none. */
function columnAt(data: readonly HeatmapCell[], columns: number, value: number): number {
  if (!Number.isFinite(value) || columns === 0) return -1;
  let lo = 0;
  let hi = columns - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (data[mid].x - data[mid].width / 2 <= value) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

const heatmapCell: InteractionModeFunction = (chart: Chart, event: ChartEvent) => {
  for (const meta of chart.getSortedVisibleDatasetMetas()) {
    const item = meta.controller instanceof HeatmapController && event.x !== null && event.y !== null ? meta.controller.itemAt(event.x, event.y) : null;
    if (item) return [item];
  }
  return [];
};
Interaction.modes.heatmapCell = heatmapCell;
