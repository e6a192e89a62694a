import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CHECKPOINT_FORMAT_VERSION, CheckpointError, readLatestCheckpoint, writeCheckpoint, type Checkpoint } from '../../../daemon/train/checkpoint';
import { temporaryRunDir } from './fixtures';

function checkpointAt(nextStep: number): Checkpoint {
  return {
    state: {
      formatVersion: CHECKPOINT_FORMAT_VERSION,
      nextStep,
      tokens: nextStep * 64,
      elapsedMs: nextStep * 10,
      parameters: [{ name: 'w', shape: [3] }],
      optimizerStep: nextStep,
      samplerRng: [1, 2, 3, 4],
      streams: [{ epoch: 0, position: nextStep, rng: [5, 6, 7, 8] }],
      policy: { policy: 'constant', version: 1 },
      weights: [1],
      weightSums: [nextStep],
    },
    parameters: Float32Array.from([nextStep, 0.5, -1]),
    firstMoment: Float32Array.from([0.1, 0.2, 0.3]),
    secondMoment: Float32Array.from([1e-8, 2, 3]),
  };
}

test('a run without checkpoints has no latest one', () => {
  assert.equal(readLatestCheckpoint(temporaryRunDir()), null);
});

test('checkpoints round-trip exactly, `latest` names the newest and only the last two are kept', () => {
  const runDir = temporaryRunDir();
  assert.equal(writeCheckpoint(runDir, checkpointAt(10)), join('checkpoints', 'step-00000010'));
  writeCheckpoint(runDir, checkpointAt(20));
  writeCheckpoint(runDir, checkpointAt(30));
  assert.deepEqual(readdirSync(join(runDir, 'checkpoints')).sort(), ['latest', 'step-00000020', 'step-00000030']);
  assert.deepEqual(readLatestCheckpoint(runDir), checkpointAt(30));
});

test('a leftover temp folder from a crash mid-write is ignored and replaced', () => {
  const runDir = temporaryRunDir();
  writeCheckpoint(runDir, checkpointAt(10));
  const torn = join(runDir, 'checkpoints', `.step-00000020.${process.pid}.tmp`);
  mkdirSync(torn);
  writeFileSync(join(torn, 'parameters.f32'), 'half');
  assert.equal(readLatestCheckpoint(runDir)?.state.nextStep, 10);
  writeCheckpoint(runDir, checkpointAt(20));
  assert.deepEqual(readLatestCheckpoint(runDir), checkpointAt(20));
});

test('a checkpoint from a newer format is refused with a clear message', () => {
  const runDir = temporaryRunDir();
  const future = checkpointAt(10);
  future.state.formatVersion = CHECKPOINT_FORMAT_VERSION + 1;
  writeCheckpoint(runDir, future);
  assert.throws(() => readLatestCheckpoint(runDir), (error: Error) => error instanceof CheckpointError && /newer than this build/.test(error.message));
});
