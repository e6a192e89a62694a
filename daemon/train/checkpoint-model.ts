/**
 * A trained run's model, ready to generate from: the GPT its config describes, holding the
 * parameters of one of its checkpoints, and the tokenizer it trained with.
 */
import { existsSync, readFileSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { validateConfigValue, type ResolvedRunConfig } from '../../shared/config';
import type { ConcreteBackend } from '../backend/load-backend';
import { createTokenizer, type CorpusTokenizer } from '../data';
import { Gpt } from '../model/gpt';
import { kernelsFor } from '../model/kernels';
import { assignFlat } from '../model/parameters';
import { paths } from '../runs/layout';
import { readRunRecord } from '../runs/run-record';
import { UserError } from '../util/user-error';
import { checkpointFolder, keptCheckpoints, latestCheckpointFolder, readCheckpoint } from './checkpoint';

export interface CheckpointModel {
  model: Gpt;
  tokenizer: CorpusTokenizer;
  /** The checkpoint's folder. */
  folder: string;
  /** Optimizer steps the checkpoint's parameters had trained for. */
  stepsTrained: number;
}

/** A trained run's id and config (external runs have no model). */
export function readTrainedRun(runDir: string): { runId: string; config: ResolvedRunConfig } {
  const record = readRunRecord(runDir);
  if (record.kind !== 'train') throw new UserError(`run ${record.id} is an external run: its model trained elsewhere, so there is nothing to sample from`);
  const file = paths.runConfig(runDir);
  let value: unknown;
  try {
    value = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new UserError(`${file}: cannot read the run's config (${(error as Error).message})`);
  }
  const { config, diagnostics } = validateConfigValue(value);
  if (!config) throw new UserError(`${file} is not a valid run config: ${diagnostics.map((d) => `${d.path}: ${d.message}`).join('; ')}`);
  return { runId: record.id, config };
}

/**
 * `which`: undefined for the latest checkpoint, a number of steps trained (as in the folder name
 * step-00000500), or the path of a checkpoint folder.
 */
export async function loadCheckpointModel(runDir: string, config: ResolvedRunConfig, which: string | undefined, backend: ConcreteBackend): Promise<CheckpointModel> {
  const folder = chooseFolder(runDir, which);
  const checkpoint = readCheckpoint(folder);
  const tokenizer = await createTokenizer(config.data.tokenizer, runDir);
  const { model: m, data } = config;
  const model = new Gpt(
    { vocabSize: tokenizer.vocabSize, contextLength: data.contextLength, layers: m.layers, heads: m.heads, dModel: m.dModel, mlpRatio: m.mlpRatio },
    0,
    kernelsFor(backend),
  );
  const expected = model.parameters.map((p) => `${p.name}[${p.variable.shape.join('×')}]`).join(', ');
  const found = checkpoint.state.parameters.map((p) => `${p.name}[${p.shape.join('×')}]`).join(', ');
  if (expected !== found) {
    model.dispose();
    throw new UserError(`${folder} holds another model than ${paths.runConfig(runDir)} and its tokenizer (${tokenizer.name}, vocabulary ${tokenizer.vocabSize}) describe; was the tokenizer file changed since training?`);
  }
  assignFlat(model.parameters.map((p) => p.variable), checkpoint.parameters);
  return { model, tokenizer, folder, stepsTrained: checkpoint.state.nextStep };
}

function chooseFolder(runDir: string, which: string | undefined): string {
  const runId = basename(runDir);
  const kept = keptCheckpoints(runDir);
  const keptList = kept.length > 0 ? `it keeps checkpoints after ${kept.join(', ')} steps` : 'it has none yet';
  if (which === undefined) {
    const latest = latestCheckpointFolder(runDir);
    if (!latest) throw new UserError(`run ${runId} has no checkpoint yet; one is written every training.checkpointInterval steps and at the end`);
    return latest;
  }
  if (/^\d+$/.test(which)) {
    const folder = checkpointFolder(runDir, Number(which));
    if (!existsSync(folder)) throw new UserError(`run ${runId} has no checkpoint after ${which} steps; ${keptList}`);
    return folder;
  }
  const folder = resolve(which);
  if (!existsSync(resolve(folder, 'state.json'))) {
    throw new UserError(`${folder} is not a checkpoint folder (it has no state.json); give --checkpoint a number of steps (${keptList}) or a folder under ${paths.checkpoints(runDir)}`);
  }
  return folder;
}
