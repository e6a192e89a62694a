/**
 * A deterministic, plausible run: per-domain power-law losses with noise, a mixture that drifts
 * from the prior after warm-up, evaluations and refits at fixed intervals. It stands in for a real
 * daemon where a test needs a size a real run cannot reach in seconds (60,000 steps × 22 domains).
 */
import type { RequestResults, StepHistory } from '../../../shared/protocol';
import type { RunEvent, RunEventBody } from '../../../shared/run-events';

export interface SyntheticRunOptions {
  runId: string;
  domains: number;
  steps: number;
  evalInterval: number;
  fitInterval: number;
  /** Steps per simulated second of wall time. */
  stepsPerSecond: number;
  tokensPerStep: number;
  seed: number;
}

export const SYNTHETIC_DEFAULTS: SyntheticRunOptions = {
  runId: 'synthetic',
  domains: 6,
  steps: 2_000,
  evalInterval: 100,
  fitInterval: 250,
  stepsPerSecond: 20,
  tokensPerStep: 2_048,
  seed: 7,
};

export function domainNames(count: number): string[] {
  const base = ['arxiv', 'books', 'github', 'wikipedia', 'stackexchange', 'pubmed', 'fiction', 'news', 'legal', 'math', 'dialogue'];
  return Array.from({ length: count }, (_, k) => (k < base.length ? base[k] : `${base[k % base.length]}-${Math.floor(k / base.length)}`));
}

/** mulberry32: tiny, seedable, good enough for noise. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** How many of `batch` samples each domain gets when drawn from `weights`. */
function sampleCounts(weights: number[], batch: number, rand: () => number): number[] {
  const counts = weights.map(() => 0);
  for (let i = 0; i < batch; i++) {
    let u = rand();
    const k = weights.findIndex((w) => (u -= w) < 0);
    counts[k < 0 ? weights.length - 1 : k]++;
  }
  return counts;
}

/** Every event of the run, numbered from 1, in order. */
export function* syntheticRunEvents(options: Partial<SyntheticRunOptions> = {}): Generator<RunEvent> {
  const o = { ...SYNTHETIC_DEFAULTS, ...options };
  const rand = random(o.seed);
  const K = o.domains;
  const domains = domainNames(K);
  const rawPrior = domains.map((_, k) => 1 + ((k * 7) % 5));
  const priorSum = rawPrior.reduce((a, b) => a + b, 0);
  const prior = rawPrior.map((p) => p / priorSum);
  const eps = domains.map((_, k) => 1.2 + 0.15 * (k % 4));
  const beta = domains.map((_, k) => 3 + (k % 3));
  const alpha = domains.map((_, k) => 0.25 + 0.05 * (k % 5));
  const target = prior.map((p, k) => p * (1 + 0.8 * Math.sin(k)) + 0.02);
  const targetSum = target.reduce((a, b) => a + b, 0);
  const warmup = Math.floor(o.steps / 10);
  const n = (step: number) => (step * o.tokensPerStep) / 1024;
  const lawLoss = (k: number, step: number) => eps[k] + beta[k] * Math.pow(Math.max(n(step), 1), -alpha[k]);

  let seq = 0;
  const startTime = 1_700_000_000_000;
  const at = (step: number) => ({ tokens: step * o.tokensPerStep, elapsedMs: Math.round((step / o.stepsPerSecond) * 1000) });
  const numbered = (body: RunEventBody, step: number): RunEvent => ({ ...body, runId: o.runId, seq: ++seq, time: startTime + at(step).elapsedMs });

  yield numbered({ type: 'state', state: 'running' }, 0);
  yield numbered({ type: 'meta', kind: 'train', domains, prior, policy: 'ado', totalSteps: o.steps, tokensPerStep: o.tokensPerStep, backend: 'cpu' }, 0);
  let weights = prior;
  const trainTokens = domains.map((_, k) => 2_000_000 * (1 + (k % 4)));
  const consumed = domains.map(() => 0);
  // Step indices count from 0, as the trainer's do; evaluations and refits follow every interval's last step.
  for (let step = 0; step < o.steps; step++) {
    const drift = step < warmup ? 0 : Math.min(1, (step - warmup) / (o.steps / 2));
    weights = prior.map((p, k) => (1 - drift) * p + (drift * target[k]) / targetSum);
    const counts = sampleCounts(weights, 16, rand);
    const domainLosses = domains.map((_, k) => (counts[k] === 0 ? null : lawLoss(k, step) * (1 + 0.06 * (rand() - 0.5))));
    counts.forEach((c, k) => (consumed[k] += (c * o.tokensPerStep) / 16));
    const present = domainLosses.filter((l): l is number => l !== null);
    yield numbered(
      {
        type: 'step',
        step,
        ...at(step),
        loss: present.reduce((a, b) => a + b, 0) / Math.max(present.length, 1),
        domainLosses,
        counts,
        weights,
        learningRate: 1e-3,
        epochs: consumed.map((c, k) => c / trainTokens[k]),
      },
      step,
    );
    if ((step + 1) % o.evalInterval === 0) {
      const losses = domains.map((_, k) => lawLoss(k, step) * 1.03);
      const uniform = losses.reduce((a, b) => a + b, 0) / K;
      yield numbered({ type: 'eval', step, ...at(step), losses, uniform, tokenWeighted: losses.reduce((a, l, k) => a + l * prior[k], 0) }, step);
    }
    if (step >= warmup && (step + 1) % o.fitInterval === 0) {
      const pointSteps = Array.from({ length: 40 }, (_, i) => Math.max(1, Math.round(((i + 1) * step) / 40)));
      yield numbered(
        {
          type: 'fit',
          step,
          n: n(step),
          laws: domains.map((_, k) => ({ logBeta: Math.log(beta[k]), logEps: Math.log(eps[k]), alpha: alpha[k] * (1 + 0.1 * rand()) })),
          objectives: domains.map(() => 0.01 * rand()),
          predicted: domains.map((_, k) => lawLoss(k, step)),
          preference: weights,
          points: { n: pointSteps.map(n), loss: domains.map((_, k) => pointSteps.map((s) => lawLoss(k, s) * (1 + 0.01 * (rand() - 0.5)))) },
        },
        step,
      );
    }
    if (step === warmup) yield numbered({ type: 'log', level: 'warning', message: `domain <b>${domains[0]}</b> is repeating`, code: 'domain-exhausted' }, step);
  }
}

/** What the daemon's runs.history returns: steps averaged into at most `maxPoints` buckets. */
export function historyOf(events: Iterable<RunEvent>, maxPoints: number): RequestResults['runs.history'] {
  const steps: Extract<RunEvent, { type: 'step' }>[] = [];
  const evals: RunEvent[] = [];
  const fits: RunEvent[] = [];
  let meta: RunEvent | null = null;
  let samples: RunEvent | undefined;
  for (const event of events) {
    if (event.type === 'samples') samples = event;
    else if (event.type === 'step') steps.push(event);
    else if (event.type === 'eval') evals.push(event);
    else if (event.type === 'fit') fits.push(event);
    else if (event.type === 'meta') meta = event;
  }
  const K = meta?.type === 'meta' ? meta.domains.length : 0;
  const bucketSize = Math.max(1, Math.ceil(steps.length / maxPoints));
  const history: StepHistory = {
    step: [],
    tokens: [],
    elapsedMs: [],
    loss: [],
    domainLosses: Array.from({ length: K }, () => []),
    weights: Array.from({ length: K }, () => []),
    epochs: Array.from({ length: K }, () => []),
  };
  const mean = (values: (number | null | undefined)[]) => {
    const present = values.filter((v): v is number => typeof v === 'number');
    return present.length > 0 ? present.reduce((a, b) => a + b, 0) / present.length : null;
  };
  for (let start = 0; start < steps.length; start += bucketSize) {
    const bucket = steps.slice(start, start + bucketSize);
    const last = bucket[bucket.length - 1];
    history.step.push(last.step);
    history.tokens.push(last.tokens);
    history.elapsedMs.push(last.elapsedMs);
    history.loss.push(mean(bucket.map((s) => s.loss)));
    for (let k = 0; k < K; k++) {
      history.domainLosses[k].push(mean(bucket.map((s) => s.domainLosses[k])));
      history.weights[k].push(mean(bucket.map((s) => s.weights[k])) ?? 0);
      history.epochs?.[k].push(last.epochs?.[k] ?? 0);
    }
  }
  return { steps: history, evals, fits, meta, ...(samples ? { samples } : {}) };
}
