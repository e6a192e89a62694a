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
 * Durability: every observation is in the event log (appended before the reply), and the policy's
 * state is snapshotted on every refit and every `snapshotEvery` observations, so a restart restores
 * the snapshot and re-observes the step events logged after it: the policy continues exactly where
 * it was, even after a kill -9. The snapshot only bounds that replay, so it is written off the
 * event loop (latest-json-file.ts) rather than making every hundredth observation wait for fsync.
 */
import { existsSync, readFileSync } from 'node:fs';
import { AdoConfig, validateConfigValue, type ResolvedRunConfig } from '../../shared/config';
import { ErrorCode, type RequestParams, type RequestResults } from '../../shared/protocol';
import type { StepEvent } from '../../shared/run-events';
import { epochLimits } from '../../shared/planned-epochs';
import { capBounds } from '../../shared/weight-caps';
import { fitEventFromPolicyStep } from '../events/policy-events';
import { CappedPolicy } from '../mixture/capped-policy';
import type { PolicySpec } from '../mixture/create-policy';
import type { MixturePolicy, PolicyState, StepFeedback } from '../mixture/policy';
import { paths } from '../runs/layout';
import { checkObservation, type Observation } from './feedback';
import { LatestJsonFile } from './latest-json-file';
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

/** Builds a policy: daemon/mixture/create-policy.ts in the daemon, a stand-in in transport tests. */
export type PolicyFactory = (spec: PolicySpec) => MixturePolicy;

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

  constructor(readonly run: Run, readonly config: ExternalRunConfig, readonly policy: MixturePolicy, log: (line: string) => void) {
    this.snapshotFile = new LatestJsonFile(paths.policyState(run.dir), (error) => log(`[${run.id}] cannot write the policy snapshot: ${error.message}`));
  }

  /** n in 1024-token samples. */
  get n(): number {
    return (this.samples * this.config.tokensPerSample) / N_UNIT_TOKENS;
  }

  apply(feedback: StepFeedback) {
    const result = this.policy.observe(feedback);
    this.lastStep = feedback.step;
    for (let k = 0; k < feedback.counts.length; k++) this.samples += feedback.counts[k];
    return result;
  }
}

export class ExternalScheduler {
  private readonly hosted = new Map<string, HostedPolicy>();

  constructor(
    private readonly createPolicy: PolicyFactory,
    private readonly log: (line: string) => void,
    private readonly snapshotEvery = 100,
  ) {}

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
  host(run: Run, config: ExternalRunConfig): void {
    const hosted = new HostedPolicy(run, config, this.build(config), this.log);
    this.hosted.set(run.id, hosted);
    run.append({ type: 'meta', kind: 'external', domains: config.domains, prior: config.prior, policy: config.mixture.policy });
  }

  /** Hosts an existing run again after a restart: its snapshot, then every observation logged after it. */
  restore(run: Run): void {
    const config = run.config as ExternalRunConfig;
    const hosted = new HostedPolicy(run, config, this.build(config), this.log);
    const snapshot = readSnapshot(run);
    if (snapshot) {
      hosted.policy.restore(snapshot.state);
      hosted.lastStep = snapshot.step;
      hosted.samples = snapshot.samples;
    }
    for (const event of run.read(snapshot?.seq ?? 0)) {
      if (event.type === 'step') hosted.apply({ step: event.step, counts: event.counts, losses: event.domainLosses });
    }
    this.hosted.set(run.id, hosted);
  }

  observe(run: Run, observation: Observation): RequestResults['scheduler.observe'] {
    const hosted = this.get(run);
    const feedback = checkObservation(observation, hosted.config.domains, hosted.lastStep);
    const result = hosted.apply(feedback);
    const weights = Array.from(result.weights);
    run.append(stepEvent(hosted, observation, weights, result.policyWeights));
    const fit = fitEventFromPolicyStep(result, hosted.n);
    if (fit) run.append(fit);
    if (fit || ++hosted.sinceSnapshot >= this.snapshotEvery) this.snapshot(hosted);
    return { weights, step: observation.step };
  }

  /** The distribution for the next batch, and the last step observed (-1 before any). */
  weights(run: Run): RequestResults['scheduler.weights'] {
    const hosted = this.get(run);
    return { weights: Array.from(hosted.policy.current()), step: hosted.lastStep ?? -1 };
  }

  /** Stops hosting (run stopped, deleted, or the daemon shutting down), after a last snapshot unless `snapshot` is false. */
  async release(runId: string, snapshot = true): Promise<void> {
    const hosted = this.hosted.get(runId);
    if (!hosted) return;
    this.hosted.delete(runId);
    if (snapshot) this.snapshot(hosted);
    await hosted.snapshotFile.flush();
  }

  async releaseAll(): Promise<void> {
    await Promise.all([...this.hosted.keys()].map((runId) => this.release(runId)));
  }

  /** The configured policy, inside its weight caps when the mixture sets any. */
  private build(config: ExternalRunConfig): MixturePolicy {
    const policy = this.createPolicy(config);
    const { caps } = config.mixture;
    if (caps === undefined) return policy;
    return new CappedPolicy(policy, capBounds(config.domains, caps), { maxEpochs: epochLimits(config.domains, undefined), onExhausted: 'warn' });
  }

  private get(run: Run): HostedPolicy {
    const hosted = this.hosted.get(run.id);
    if (!hosted) throw new ProtocolError(ErrorCode.InvalidRunState, `run "${run.id}" is ${run.state}; it takes no more observations`);
    return hosted;
  }

  private snapshot(hosted: HostedPolicy): void {
    if (hosted.lastStep === undefined) return;
    hosted.sinceSnapshot = 0;
    const snapshot: PolicySnapshot = {
      formatVersion: 1,
      seq: hosted.run.lastSeq,
      step: hosted.lastStep,
      samples: hosted.samples,
      state: hosted.policy.state(),
    };
    hosted.snapshotFile.write(snapshot);
  }
}

function stepEvent(hosted: HostedPolicy, observation: Observation, weights: number[], policyWeights?: Float64Array): StepEvent {
  let lossSum = 0;
  let counted = 0;
  observation.counts.forEach((count, k) => {
    if (count > 0) {
      lossSum += count * (observation.losses[k] as number);
      counted += count;
    }
  });
  const event: StepEvent = {
    type: 'step',
    step: observation.step,
    tokens: hosted.samples * hosted.config.tokensPerSample,
    elapsedMs: Date.now() - hosted.run.record.createdAt,
    loss: lossSum / counted,
    domainLosses: observation.losses,
    counts: observation.counts,
    weights,
  };
  if (policyWeights) event.policyWeights = Array.from(policyWeights);
  return event;
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
