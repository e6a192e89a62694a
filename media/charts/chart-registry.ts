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
import { MatrixController, MatrixElement } from 'chartjs-chart-matrix';
import zoomPlugin from 'chartjs-plugin-zoom';

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
  MatrixController,
  MatrixElement,
  zoomPlugin,
);

export { Chart };
