/**
 * `npm run bench:train [-- --steps 1000 --workers 1,2 --backend auto --fit full|fast]`: training throughput of the
 * reference model (B16 × T128, dModel 128, 2 layers, 4 heads, byte vocabulary) through the real
 * training session, with ADO choosing the mixture over the embedded corpus.
 *
 * Prints, per worker count: tokens/s and ms/step (wall clock), tokens per CPU-second (all threads;
 * less sensitive to other load on the machine than wall clock), the policy's share of wall time,
 * and RSS at the start and end of the measured window (memory must stay flat).
 * Figures, not assertions: the machine may be shared.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { parseArgs } from 'node:util';
import { resolveConfig, type BackendName } from '../shared/config';
import { selectBackend } from '../daemon/backend/select-backend';
import type { PreparedDomain } from '../daemon/data';
import { naturalPrior } from '../daemon/data';
import { byteTokenizer } from '../daemon/data/tokenizers/byte';
import { mixturePolicy } from '../daemon/train/mixture-policy';
import { runSession, type StepTiming } from '../daemon/train/training-session';
import { reportFigure } from './figures';

const BATCH = 16;
const CONTEXT = 128;
const WARMUP_STEPS = 10;

interface Measurement {
  workers: number;
  steps: number;
  wallMsPerStep: number;
  cpuMsPerStep: number;
  policyShare: number;
  rssStartMiB: number;
  rssEndMiB: number;
  rssMaxMiB: number;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      steps: { type: 'string', default: '1000' },
      workers: { type: 'string', default: '1,2' },
      backend: { type: 'string', default: 'auto' },
      fit: { type: 'string', default: 'full' },
    },
  });
  const steps = Number(values.steps);
  const backend = await selectBackend(values.backend as BackendName);
  const domains = embeddedCorpus();
  const fit = values.fit as 'full' | 'fast';
  console.log(`train bench: B${BATCH} × T${CONTEXT}, dModel 128, 2 layers, 4 heads, byte vocabulary, ${steps} steps, ADO (${fit} fit starts) over ${domains.length} domains`);
  console.log(`backend ${backend.detail}; node ${process.version}; ${cpus().length} CPUs (timings are noisy when other work shares them)`);
  for (const workers of values.workers!.split(',').map(Number)) {
    const m = await measure(domains, backend, steps, workers, fit);
    const tokens = BATCH * CONTEXT;
    console.log(
      `workers ${workers}: ` +
      [
        `${Math.round((tokens / m.wallMsPerStep) * 1000).toLocaleString('en-US')} tokens/s`,
        `${m.wallMsPerStep.toFixed(0)} ms/step`,
        `${Math.round((tokens / m.cpuMsPerStep) * 1000).toLocaleString('en-US')} tokens/CPU-s (${(m.cpuMsPerStep / m.wallMsPerStep).toFixed(2)} CPUs busy)`,
        `policy ${(m.policyShare * 100).toFixed(2)}% of wall time`,
        `RSS ${m.rssStartMiB} → ${m.rssEndMiB} MiB (max ${m.rssMaxMiB}) over steps ${WARMUP_STEPS}–${m.steps}`,
      ].join(' · '),
    );
    const label = `${workers} worker${workers > 1 ? 's' : ''}`;
    reportFigure('train', `B${BATCH}×T${CONTEXT} d128 L2, ${label}: tokens/s (ms/step)`, `${Math.round((tokens / m.wallMsPerStep) * 1000).toLocaleString('en-US')} (${m.wallMsPerStep.toFixed(0)} ms)`);
    reportFigure('train', `${label}: ADO policy share of wall time; RSS`, `${(m.policyShare * 100).toFixed(2)}%; ${m.rssStartMiB} → ${m.rssEndMiB} MiB`);
  }
}

async function measure(domains: PreparedDomain[], backend: Awaited<ReturnType<typeof selectBackend>>, steps: number, workers: number, fit: 'full' | 'fast'): Promise<Measurement> {
  const names = domains.map((d) => d.name);
  const tenth = Math.max(10, Math.round(steps / 10));
  const config = resolveConfig({
    version: 1,
    name: 'bench',
    seed: 1,
    data: { tokenizer: 'byte', contextLength: CONTEXT, domains: names.map((name) => ({ name, path: `${name}.txt` })) },
    model: { layers: 2, heads: 4, dModel: 128 },
    // Evaluation and checkpoints only at the end: the figures are for training steps.
    training: { steps, batchSize: BATCH, evalInterval: steps, checkpointInterval: steps, backend: backend.name, workers },
    mixture: {
      policy: 'ado',
      // The small-scale schedule of the design notes, so refits happen inside the measured window.
      ado: {
        startStep: tenth,
        ignoreSteps: tenth,
        updateInterval: Math.max(5, Math.round(steps / 15)),
        subsample: 5,
        savgolWindow: oddAtMost(tenth / 2),
        bounds: { minLogEps: -1 },
        fit: { starts: fit },
      },
    },
  });
  const prior = naturalPrior({ domains });
  const policy = mixturePolicy(config, names, prior, process.cwd());
  const runDir = mkdtempSync(join(tmpdir(), 'ado-train-bench-'));
  const samples: { at: number; cpu: number; rss: number }[] = [];
  let policyMs = 0;
  try {
    await runSession({
      config,
      domains,
      tokenizer: byteTokenizer(),
      prior,
      policy,
      backend,
      runDir,
      sink: { emit: () => {} },
      onStep: (event, timing: StepTiming) => {
        if (event.step < WARMUP_STEPS) return;
        policyMs += timing.policy;
        samples.push({ at: performance.now(), cpu: process.cpuUsage().user + process.cpuUsage().system, rss: process.memoryUsage().rss });
      },
    });
  } finally {
    rmSync(runDir, { recursive: true, force: true });
  }
  const first = samples[0];
  const last = samples[samples.length - 1];
  const measured = samples.length - 1;
  const wallMs = last.at - first.at;
  const mib = (bytes: number) => Math.round(bytes / 2 ** 20);
  return {
    workers,
    steps,
    wallMsPerStep: wallMs / measured,
    cpuMsPerStep: (last.cpu - first.cpu) / 1000 / measured,
    policyShare: policyMs / wallMs,
    rssStartMiB: mib(first.rss),
    rssEndMiB: mib(last.rss),
    rssMaxMiB: mib(Math.max(...samples.map((s) => s.rss))),
  };
}

/** The embedded default corpus as byte tokens, 2 % of each domain held out. */
function embeddedCorpus(): PreparedDomain[] {
  const folder = join(__dirname, '..', 'data', 'default');
  return readdirSync(folder)
    .filter((file) => file.endsWith('.txt'))
    .sort()
    .map((file) => {
      const tokens = Uint16Array.from(readFileSync(join(folder, file)));
      const cut = Math.floor(tokens.length * 0.98);
      return { name: basename(file, '.txt'), train: tokens.subarray(0, cut), validation: tokens.subarray(cut) };
    });
}

function oddAtMost(limit: number): number {
  const whole = Math.max(5, Math.floor(limit));
  return whole % 2 === 1 ? whole : whole - 1;
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
