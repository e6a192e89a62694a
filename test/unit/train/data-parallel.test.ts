import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { selectBackend } from '../../../daemon/backend/select-backend';
import { tinyConfig, trainTiny } from './fixtures';

before(async () => {
  await selectBackend('cpu');
});

test('two data-parallel workers train like one, up to float summation order', async () => {
  const config = (workers: number) => tinyConfig({ training: { steps: 12, workers, evalInterval: 6, checkpointInterval: 100 } });
  const single = await trainTiny({ config: config(1) });
  const parallel = await trainTiny({ config: config(2) });
  const losses = (run: typeof single) => run.sink.ofType('step').map((s) => s.loss as number);
  const a = losses(single);
  const b = losses(parallel);
  assert.equal(b.length, 12);
  a.forEach((loss, i) => assert.ok(Math.abs(loss - b[i]) < 1e-5, `step ${i}: ${loss} vs ${b[i]}`));
  const evalA = single.sink.ofType('eval').flatMap((e) => e.losses);
  const evalB = parallel.sink.ofType('eval').flatMap((e) => e.losses);
  evalA.forEach((loss, i) => assert.ok(Math.abs(loss - evalB[i]) < 1e-5));
  assert.deepEqual(
    parallel.sink.ofType('step').map((s) => s.counts),
    single.sink.ofType('step').map((s) => s.counts),
  );
});
