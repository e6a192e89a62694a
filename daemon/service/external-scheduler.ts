/**
 * External runs: the daemon hosts only the mixture policy for a trainer that runs elsewhere
 * (PyTorch, JAX, any number of machines). Each observation becomes a step event (and a fit event
 * when the policy refits) in the run's log, so an external run streams and charts like a local one.
 *
 * Observing every N steps: a trainer may send the aggregated counts and count-weighted mean losses
 * of N steps under the last step's index. The policy then sees one observation where it would have
 * seen N: ADO's per-step loss history gets one point per N steps (its Savitzky–Golay window and
 * `subsample` then span N times more training), its credit-assignment EMA (γ1) advances once per
 * N steps, and its step-indexed schedule (startStep, ignoreSteps, updateInterval) still counts
 * steps, so it simply has fewer points to fit. N = 1 is what the paper does; use it where the
 * round trip is affordable (it is a few hundred microseconds on loopback).
 *
 * The policy itself runs in a worker thread (policy-host.ts): a refit, which can take minutes for
 * 22 domains at the paper's settings, then delays only that run's next answer, never the daemon.
 *
 * Durability: every observation is in the event log (appended before the reply), and the policy's
 * state is snapshotted on every refit and every `snapshotEvery` observations. After a restart the run
 * is interrupted until it is resumed (run-manager.ts); resuming restores the snapshot and
 * re-observes the step events logged after it: the policy continues exactly where it was, even
 * after a kill -9. The snapshot only bounds that replay, so it is written off the
 * event loop (latest-json-file.ts) rather than making every hundredth observation wait for fsync.
 */
import { existsSync, readFileSync } from 'node:fs';
import { AdoConfig, validateConfigValue, type ResolvedRunConfig } from '../../shared/config';
import { ErrorCode, type RequestParams, type RequestResults } from '../../shared/protocol';
import { observationStepEvent } from '../events/observation-events';
import { fitEventFromPolicyStep } from '../events/policy-events';
import type { PolicyState, StepFeedback } from '../mixture/policy';
import { paths } from '../runs/layout';
import { checkObservation, type Observation } from './feedback';
import { LatestJsonFile } from './latest-json-file';
import { PolicyHost } from './policy-host';
import { ProtocolError } from './protocol-error';
import type { Run } from './run';

/** What an external run's config.json holds. */
export interface ExternalRunConfig {
  kind: 'external';
  name: string;
  domains: string[];
  /** Normalised, one entry per domain. */
  prior: number[];
  mixture: ResolvedRunConfig['mixture'];
  tokensPerSample: number;
}

interface PolicySnapshot {
  formatVersion: 1;
  /** The last event seq the state includes. */
  seq: number;
  step: number;
  samples: number;
  state: PolicyState;
}

/** Paper's unit: n counts 1024-token samples. External trainers default to samples of 1024 tokens. */
const DEFAULT_TOKENS_PER_SAMPLE = 1024;
const N_UNIT_TOKENS = 1024;

class HostedPolicy {
  lastStep: number | undefined;
  samples = 0;
  sinceSnapshot = 0;
  readonly snapshotFile: LatestJsonFile;

  constructor(readonly run: Run, readonly config: ExternalRunConfig, readonly policy: PolicyHost, log: (line: string) => void) {
    this.snapshotFile = new LatestJsonFile(paths.policyState(run.dir), (error) => log(`[${run.id}] cannot write the policy snapshot: ${error.message}`));
  }

  /** n in 1024-token samples. */
  get n(): number {
    return (this.samples * this.config.tokensPerSample) / N_UNIT_TOKENS;
  }

  /** Takes the observation's place in the run's order: later ones are checked against it. */
  count(feedback: StepFeedback): void {
    this.lastStep = feedback.step;
    for (let k = 0; k < feedback.counts.length; k++) this.samples += feedback.counts[k];
  }
}

export class ExternalScheduler {
  private readonly hosted = new Map<string, HostedPolicy>();

  constructor(private readonly log: (line: string) => void, private readonly snapshotEvery = 100) {}

  /** Checks a runs.createExternal request and turns it into the run's stored config. */
  static describe(params: RequestParams<'runs.createExternal'>): ExternalRunConfig {
    const { name, domains } = params;
    if (new Set(domains).size !== domains.length) throw invalidConfig('domain names must be unique');
    const prior = params.prior ?? domains.map(() => 1);
    if (prior.length !== domains.length) throw invalidConfig(`prior has ${prior.length} weights for ${domains.length} domains`);
    const mixture = (params.mixture ?? {}) as Record<string, unknown>;
    if (mixture.prior !== undefined) throw invalidConfig('give the prior as the "prior" array of the request, not as mixture.prior');
    // Both need what only the trainer has: a file next to its config, and each domain's token count.
    if ((mixture.fixed as { file?: unknown } | undefined)?.file !== undefined) throw invalidConfig('give fixed weights inline (mixture.fixed.weights); the daemon cannot read the trainer\'s files');
    if (mixture.maxEpochs !== undefined) throw invalidConfig('mixture.maxEpochs needs each domain\'s token count, which an external run does not report; leave it to the trainer');
    // The shared validator checks the mixture section (policy, ADO parameters, caps) against these
    // domains; the data and training parts are placeholders it needs to see a whole config.
    const { diagnostics, config } = validateConfigValue({
      version: 1,
      name,
      data: { domains: domains.map((domain) => ({ name: domain, path: domain })) },
      training: { steps: scheduleHorizon(mixture.ado) },
      mixture: { ...mixture, prior: Object.fromEntries(domains.map((domain, k) => [domain, prior[k]])) },
    });
    const errors = diagnostics.filter((d) => d.severity === 'error');
    if (!config || errors.length > 0) throw invalidConfig(errors.map((d) => `${d.path}: ${d.message}`).join('; '), errors);
    const total = prior.reduce((a, b) => a + b, 0);
    return {
      kind: 'external',
      name,
      domains,
      prior: prior.map((w) => w / total),
      mixture: config.mixture,
      tokensPerSample: params.tokensPerSample ?? DEFAULT_TOKENS_PER_SAMPLE,
    };
  }

  /** Starts hosting a new external run's policy and logs its meta event. */
  async host(run: Run, config: ExternalRunConfig): Promise<void> {
    this.hosted.set(run.id, new HostedPolicy(run, config, await PolicyHost.start(config), this.log));
    run.append({ type: 'meta', kind: 'external', domains: config.domains, prior: config.prior, policy: config.mixture.policy });
  }

  /** Hosts an existing run again after a restart: its snapshot, then every observation logged after it. */
  async restore(run: Run): Promise<void> {
    const config = run.config as ExternalRunConfig;
    const hosted = new HostedPolicy(run, config, await PolicyHost.start(config), this.log);
    const snapshot = readSnapshot(run);
    if (snapshot) {
      hosted.lastStep = snapshot.step;
      hosted.samples = snapshot.samples;
    }
    const replay: StepFeedback[] = [];
    for (const event of run.read(snapshot?.seq ?? 0)) {
      if (event.type !== 'step') continue;
      const feedback = { step: event.step, counts: event.counts, losses: event.domainLosses };
      hosted.count(feedback);
      replay.push(feedback);
    }
    await hosted.policy.restore(snapshot?.state, replay);
    this.hosted.set(run.id, hosted);
  }

  async observe(run: Run, observation: Observation): Promise<RequestResults['scheduler.observe']> {
    const hosted = this.get(run);
    const feedback = checkObservation(observation, hosted.config.domains, hosted.lastStep);
    hosted.count(feedback);
    const n = hosted.n;
    const tokens = hosted.samples * hosted.config.tokensPerSample;
    const result = await hosted.policy.observe(feedback);
    if (this.hosted.get(run.id) !== hosted) throw new ProtocolError(ErrorCode.InvalidRunState, `run "${run.id}" was stopped while this observation was processed`);
    const weights = Array.from(result.weights);
    run.append(observationStepEvent({ feedback, tokens, elapsedMs: Date.now() - run.record.createdAt, weights, policyWeights: result.policyWeights }));
    const fit = fitEventFromPolicyStep(result, n);
    if (fit) run.append(fit);
    if (fit || ++hosted.sinceSnapshot >= this.snapshotEvery) void this.snapshot(hosted);
    return { weights, step: observation.step };
  }

  /** The distribution for the next batch, and the last step observed (-1 before any). */
  weights(run: Run): RequestResults['scheduler.weights'] {
    const hosted = this.get(run);
    return { weights: Array.from(hosted.policy.current), step: hosted.lastStep ?? -1 };
  }

  /** Stops hosting (run stopped, deleted, or the daemon shutting down), after a last snapshot unless `snapshot` is false. */
  async release(runId: string, snapshot = true): Promise<void> {
    const hosted = this.hosted.get(runId);
    if (!hosted) return;
    this.hosted.delete(runId);
    if (snapshot) await this.snapshot(hosted);
    await hosted.snapshotFile.flush();
    await hosted.policy.terminate();
  }

  async releaseAll(): Promise<void> {
    await Promise.all([...this.hosted.keys()].map((runId) => this.release(runId)));
  }

  private get(run: Run): HostedPolicy {
    const hosted = this.hosted.get(run.id);
    if (!hosted) throw new ProtocolError(ErrorCode.InvalidRunState, `run "${run.id}" is ${run.state}; it takes no more observations`);
    return hosted;
  }

  private async snapshot(hosted: HostedPolicy): Promise<void> {
    if (hosted.lastStep === undefined) return;
    hosted.sinceSnapshot = 0;
    // Taken now, with the request: the state answers after every observation sent before it, and
    // those are exactly the ones whose events the log holds up to this seq.
    const { lastStep: step, samples } = hosted;
    const seq = hosted.run.lastSeq;
    try {
      hosted.snapshotFile.write({ formatVersion: 1, seq, step, samples, state: await hosted.policy.state() } satisfies PolicySnapshot);
    } catch (error) {
      this.log(`[${hosted.run.id}] no policy snapshot: ${(error as Error).message}`);
    }
  }
}

function readSnapshot(run: Run): PolicySnapshot | undefined {
  const file = paths.policyState(run.dir);
  if (!existsSync(file)) return undefined;
  const snapshot = JSON.parse(readFileSync(file, 'utf8')) as PolicySnapshot;
  if (snapshot.formatVersion !== 1) throw new Error(`${file}: policy snapshot format ${snapshot.formatVersion} is not one this build reads (1)`);
  return snapshot;
}

/**
 * The validator's schedule rules need a run length, which an external run does not have: this is
 * the shortest one for which they all hold (and, kept short, it keeps their arithmetic cheap).
 */
function scheduleHorizon(ado: unknown): number {
  const given = typeof ado === 'object' && ado !== null ? (ado as Record<string, unknown>) : {};
  const keys = ['startStep', 'ignoreSteps', 'updateInterval', 'savgolWindow'] as const;
  return 1 + Math.max(...keys.map((key) => (typeof given[key] === 'number' ? (given[key] as number) : (AdoConfig.properties[key].default as number))));
}

function invalidConfig(message: string, diagnostics: unknown[] = []): ProtocolError {
  return new ProtocolError(ErrorCode.InvalidConfig, `invalid external run: ${message}`, { diagnostics });
}
