/**
 * Registers exactly the chart.js pieces the charts use, so bundles stay small and one import
 * prepares chart.js in the dashboard and in the HTML report alike.
 */
import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  Filler,
  LinearScale,
  LineController,
  LineElement,
  LogarithmicScale,
  PointElement,
  ScatterController,
  Tooltip,
} from 'chart.js';
import zoomPlugin from 'chartjs-plugin-zoom';
import { HeatmapCellElement, HeatmapController } from './heatmap-controller';
import { rawLinesPlugin } from './raw-lines';

Chart.register(
  BarController,
  BarElement,
  CategoryScale,
  Filler,
  LinearScale,
  LineController,
  LineElement,
  LogarithmicScale,
  PointElement,
  ScatterController,
  Tooltip,
  HeatmapController,
  HeatmapCellElement,
  zoomPlugin,
  rawLinesPlugin,
);

export { Chart };
