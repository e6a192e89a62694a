import { test } from 'node:test';
import assert from 'node:assert/strict';
import { curveDatasets, curveSeries } from '../../../media/charts/curve-series';
import { RunData } from '../../../media/charts/run-data';
import type { ChartTheme } from '../../../media/charts/chart-theme';
import { syntheticRunEvents } from '../../browser/support/synthetic-run';

const theme: ChartTheme = {
  dark: false, foreground: '#000', mutedForeground: '#666', grid: '#ddd', background: '#fff',
  tooltipBackground: '#fff', tooltipForeground: '#000', tooltipBorder: '#ccc', fontFamily: 'sans-serif', fontSize: 12,
};
const view = { xAxis: 'step' as const, smoothing: 0.6, logY: false, hidden: new Set<string>() };

function runWithEvals(steps: number): RunData {
  const run = new RunData('a');
  for (const event of syntheticRunEvents({ runId: 'a', domains: 2, steps, evalInterval: 100 })) run.applyEvent(event);
  return run;
}

test('a curve with a single point draws it as a dot; longer curves are plain lines', () => {
  const radius = (run: RunData) => curveDatasets(curveSeries([run], 'validation'), view, theme).map((d) => d.pointRadius);
  assert.deepEqual(radius(runWithEvals(100)), [3, 3, 3, 3]);
  assert.deepEqual(radius(runWithEvals(200)), [0, 0, 0, 0]);
});

test('smoothed curves carry their raw values for the faint copy beneath; unsmoothed ones do not', () => {
  const run = runWithEvals(1_000);
  const smoothed = curveDatasets(curveSeries([run], 'training'), view, theme);
  assert.ok(smoothed.every((d) => d.rawPoints?.length === d.data.length && d.data.length > 0));
  assert.notDeepEqual(smoothed[0].rawPoints, smoothed[0].data);
  const plain = curveDatasets(curveSeries([run], 'training'), { ...view, smoothing: 0 }, theme);
  assert.ok(plain.every((d) => d.rawPoints?.length === 0));
});
