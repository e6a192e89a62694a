/**
 * `ado sample <run>`: text from a trained run's checkpoint (the latest unless --checkpoint), with
 * the tokenizer the run trained with. Deterministic for a given --seed on the same backend;
 * --temperature 0 is greedy. The model sees at most its context length: a longer prompt is cut to
 * its last data.contextLength tokens. Without --prompt, it starts a new document (the tokenizer's
 * end-of-document token).
 *
 * Exit codes: 0 printed · 1 user error (no such run or checkpoint, external run) · 2 usage.
 */
import { Command, InvalidArgumentError, Option } from 'commander';
import { resolve } from 'node:path';
import type { BackendName } from '../../../shared/config';
import { defaultDataDir, paths } from '../../runs/layout';
import { resolveRunDir } from '../../runs/resolve-run-dir';
import { UserError } from '../../util/user-error';
import { exitWithUsageCode } from '../errors';

interface SampleOptions {
  checkpoint?: string;
  prompt?: string;
  tokens: number;
  temperature: number;
  topK: number;
  seed: number;
  backend?: BackendName;
  dataDir?: string;
  json?: boolean;
}

export function registerSample(program: Command): void {
  program
    .command('sample')
    .description('generate text from a trained run\'s checkpoint, to see what the model learned')
    .argument('<run>', 'run directory, or run id in the data directory')
    .option('--checkpoint <step|path>', 'a checkpoint by steps trained (as in checkpoints/step-00000500) or its folder; default: the latest')
    .option('--prompt <text>', 'text to continue (default: the start of a new document)')
    .option('--tokens <n>', 'tokens to generate', count('tokens', 1), 200)
    .option('--temperature <t>', 'sampling temperature; 0 = greedy (always the most likely token)', nonNegative, 0.8)
    .option('--top-k <k>', 'sample among the k most likely tokens; 0 = all', count('k', 0), 40)
    .option('--seed <s>', 'random seed; the same seed gives the same text', count('seed', 0), 1)
    .addOption(new Option('--backend <name>', 'tfjs backend (default: the run\'s training.backend)').choices(['auto', 'tensorflow', 'wasm', 'cpu']))
    .option('--data-dir <dir>', 'data directory (default: $ADO_DATA_DIR or ~/.ado)')
    .option('--json', 'print {runId, checkpoint, stepsTrained, prompt, text, tokens} as JSON')
    .exitOverride(exitWithUsageCode)
    .action(sample);
}

async function sample(run: string, options: SampleOptions): Promise<void> {
  const dataDir = resolve(options.dataDir ?? defaultDataDir());
  const runDir = resolveRunDir(run, dataDir);
  if (!runDir) throw new UserError(`no run "${run}": give a run directory or the id of a run under ${paths.runs(dataDir)}`);
  // Loaded only now: every other command of this bundle runs without tfjs.
  const [{ selectBackend }, { loadCheckpointModel, readTrainedRun }, { generate }, { Random }] = await Promise.all([
    import('../../backend/select-backend'),
    import('../../train/checkpoint-model'),
    import('../../model/generate'),
    import('../../util/random'),
  ]);
  const { runId, config } = readTrainedRun(runDir);
  const backend = await selectBackend(options.backend ?? config.training.backend);
  const loaded = await loadCheckpointModel(runDir, config, options.checkpoint, backend.name);
  try {
    const { model, tokenizer } = loaded;
    const prompt = options.prompt ? tokenizer.encode(options.prompt) : [...tokenizer.documentSeparator];
    const contextLength = config.data.contextLength;
    if (!options.json) {
      process.stderr.write(`sampling from ${loaded.folder} (after ${loaded.stepsTrained} steps) on ${backend.detail}\n`);
      if (prompt.length > contextLength) process.stderr.write(`the prompt has ${prompt.length} tokens; the model sees only its last ${contextLength}\n`);
    }
    const [tokens] = generate(model, [prompt], { tokens: options.tokens, temperature: options.temperature, topK: options.topK, rng: new Random(options.seed) });
    const text = tokenizer.decode(tokens);
    if (options.json) {
      process.stdout.write(JSON.stringify({ runId, checkpoint: loaded.folder, stepsTrained: loaded.stepsTrained, seed: options.seed, prompt: options.prompt ?? '', text, tokens }, null, 2) + '\n');
    } else process.stdout.write(`${options.prompt ?? ''}${text}\n`);
  } finally {
    loaded.model.dispose();
  }
}

function count(what: string, minimum: number) {
  return (text: string): number => {
    const value = Number(text);
    if (!Number.isInteger(value) || value < minimum) throw new InvalidArgumentError(`expected a whole number of ${what} ≥ ${minimum}`);
    return value;
  };
}

function nonNegative(text: string): number {
  const value = Number(text);
  if (!Number.isFinite(value) || value < 0) throw new InvalidArgumentError('expected a number ≥ 0');
  return value;
}
