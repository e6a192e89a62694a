/**
 * Checkpoints: everything a resumed run needs to continue exactly as if it had never stopped.
 *
 *   <runDir>/checkpoints/
 *     step-00000500/            one complete checkpoint (the number is nextStep, zero-padded)
 *       state.json              CheckpointState: counters, RNG and stream states, policy state
 *       parameters.f32          every parameter, float32 little-endian, in state.parameters' order
 *       adam-m.f32 adam-v.f32   AdamW's first and second moments, same layout
 *     latest                    the name of the newest complete checkpoint folder
 *
 * A checkpoint is written into a hidden temp folder, every file fsynced, then renamed into place;
 * only then is `latest` replaced (atomically). A crash at any moment leaves `latest` naming a
 * complete checkpoint. The newest KEEP_CHECKPOINTS folders are kept.
 */
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import type { PolicyState } from '../mixture/policy';
import type { WindowStreamState } from '../data';
import { paths } from '../runs/layout';
import { fsyncDirectory, writeFileAtomic } from '../util/atomic-write';

export const CHECKPOINT_FORMAT_VERSION = 1;
const KEEP_CHECKPOINTS = 2;
const LATEST = 'latest';

export interface CheckpointState {
  formatVersion: number;
  /** Steps completed: the resumed run trains this step index next. */
  nextStep: number;
  tokens: number;
  /** Wall time trained so far (resumes continue it). */
  elapsedMs: number;
  /** The layout of the .f32 files. */
  parameters: { name: string; shape: number[] }[];
  optimizerStep: number;
  /** The domain sampler's generator. */
  samplerRng: number[];
  /** Per domain, in the run's domain order. */
  streams: WindowStreamState[];
  policy: PolicyState;
  /** The distribution the next batch is drawn from. */
  weights: number[];
  /** Σ over trained steps of the distribution each batch was drawn from (for the average mixture). */
  weightSums: number[];
}

export interface Checkpoint {
  state: CheckpointState;
  parameters: Float32Array;
  firstMoment: Float32Array;
  secondMoment: Float32Array;
}

/** Writes a checkpoint and returns its folder, relative to the run directory. */
export function writeCheckpoint(runDir: string, checkpoint: Checkpoint): string {
  const root = paths.checkpoints(runDir);
  mkdirSync(root, { recursive: true });
  const name = folderName(checkpoint.state.nextStep);
  const folder = join(root, name);
  // A folder only appears complete (by rename), so an existing one already holds this step.
  if (!existsSync(folder)) {
    const temp = join(root, `.${name}.${process.pid}.tmp`);
    rmSync(temp, { recursive: true, force: true });
    mkdirSync(temp);
    writeDurably(join(temp, 'parameters.f32'), bytesOf(checkpoint.parameters));
    writeDurably(join(temp, 'adam-m.f32'), bytesOf(checkpoint.firstMoment));
    writeDurably(join(temp, 'adam-v.f32'), bytesOf(checkpoint.secondMoment));
    writeDurably(join(temp, 'state.json'), Buffer.from(JSON.stringify(checkpoint.state) + '\n', 'utf8'));
    fsyncDirectory(temp);
    renameSync(temp, folder);
    fsyncDirectory(root);
  }
  writeFileAtomic(join(root, LATEST), name + '\n');
  pruneOlderThan(root, name);
  return join('checkpoints', name);
}

export class CheckpointError extends Error {}

/** The checkpoint `latest` names, or null when the run has none yet. */
export function readLatestCheckpoint(runDir: string): Checkpoint | null {
  const folder = latestCheckpointFolder(runDir);
  return folder === null ? null : readCheckpoint(folder);
}

/** The folder `latest` names, or null when the run has no checkpoint yet. */
export function latestCheckpointFolder(runDir: string): string | null {
  const root = paths.checkpoints(runDir);
  const pointer = join(root, LATEST);
  return existsSync(pointer) ? join(root, readFileSync(pointer, 'utf8').trim()) : null;
}

/** The folder of the checkpoint written after `nextStep` steps (it may have been pruned). */
export function checkpointFolder(runDir: string, nextStep: number): string {
  return join(paths.checkpoints(runDir), folderName(nextStep));
}

/** Steps trained at each checkpoint the run still keeps, oldest first. */
export function keptCheckpoints(runDir: string): number[] {
  const root = paths.checkpoints(runDir);
  if (!existsSync(root)) return [];
  return readdirSync(root)
    .filter((entry) => /^step-\d+$/.test(entry))
    .map((entry) => Number(entry.slice('step-'.length)))
    .sort((a, b) => a - b);
}

/** One complete checkpoint folder. */
export function readCheckpoint(folder: string): Checkpoint {
  let state: CheckpointState;
  try {
    state = JSON.parse(readFileSync(join(folder, 'state.json'), 'utf8')) as CheckpointState;
  } catch (error) {
    throw new CheckpointError(`${folder}: cannot read the checkpoint (${(error as Error).message})`);
  }
  if (state.formatVersion > CHECKPOINT_FORMAT_VERSION) {
    throw new CheckpointError(`${folder}: checkpoint format ${state.formatVersion} is newer than this build reads (${CHECKPOINT_FORMAT_VERSION}); upgrade ADO Studio`);
  }
  return {
    state,
    parameters: readFloats(join(folder, 'parameters.f32')),
    firstMoment: readFloats(join(folder, 'adam-m.f32')),
    secondMoment: readFloats(join(folder, 'adam-v.f32')),
  };
}

function folderName(nextStep: number): string {
  return `step-${String(nextStep).padStart(8, '0')}`;
}

function pruneOlderThan(root: string, newest: string): void {
  const complete = readdirSync(root)
    .filter((entry) => /^step-\d+$/.test(entry) && entry <= newest)
    .sort();
  for (const stale of complete.slice(0, Math.max(0, complete.length - KEEP_CHECKPOINTS))) {
    rmSync(join(root, stale), { recursive: true, force: true });
  }
}

function bytesOf(values: Float32Array): Uint8Array {
  return new Uint8Array(values.buffer, values.byteOffset, values.byteLength);
}

function readFloats(file: string): Float32Array {
  const bytes = readFileSync(file);
  // Copied into a fresh, aligned buffer: a Buffer may start at any offset of a shared pool.
  return new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
}

function writeDurably(file: string, bytes: Uint8Array): void {
  const fd = openSync(file, 'w', 0o644);
  try {
    let offset = 0;
    while (offset < bytes.length) offset += writeSync(fd, bytes, offset, bytes.length - offset);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}
