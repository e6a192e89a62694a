/**
 * The ADO policy (Jiang et al., ICLR 2025), as the reference code runs it (ado.py, HEAD bc3d8d0):
 *
 *   every observation:  record counts and per-domain mean losses (absent domains imputed);
 *                       h ← (1−γ1)·h + γ1·(realised batch composition)          credit assignment
 *   refit (step ≥ startStep, at each multiple of updateInterval):
 *                       fit L_k(n) = exp(e) + exp(a)·n^(−α) to the Savitzky–Golay smoothed
 *                       losses, every `subsample`-th observation from `ignoreSteps` on
 *   once a fit exists and step ≥ startStep:
 *                       ρ (preference.ts; or, with objective "final", the plan of the rest of the
 *                       run, final-loss-plan.ts), then π and π̄ (preference.ts)
 *   until then π = μ.
 *
 * Trainers that report every N steps send one aggregated observation per N steps: the smoothing
 * window, `ignoreSteps` and `subsample` then count observations, while the refit schedule and π̄'s
 * average use the step index. A refit is due when a multiple of updateInterval is reached or
 * passed, which for N = 1 is the reference's `step % updateInterval == 0`.
 */
import { isRefitStep, refitCanRun } from '../../shared/ado-schedule';
import type { ResolvedAdoConfig } from '../../shared/config';
import { assertValidFeedback } from './feedback';
import type { CapBounds } from '../../shared/weight-caps';
import { weightVector } from '../../shared/mixture-files';
import { domainFitData, fitRows, TOKENS_PER_N_UNIT } from './fit-data';
import { planFinalLoss } from './final-loss-plan';
import { ScalingLawFitter } from './fit';
import { LossHistory, type LossHistoryState } from './history';
import type { MixturePolicy, PolicyState, PolicyStep, RefitReport, ScalingLaw, StepFeedback } from './policy';
import { mixWithAverage, preference, updateAverage } from './preference';
import { SavitzkyGolay } from './savgol';
import { isFiniteLaw } from './scaling-law';
import { checkState, stateVector } from './state';

const STATE_VERSION = 1;

/** What the final-loss objective needs beyond the ADO settings: the run's length, and its caps. */
export interface RunPlan {
  /** training.steps: the plan covers the steps after the current one. */
  totalSteps: number;
  caps?: CapBounds;
}

/** The final-loss objective's fixed inputs: target weights and share bounds. */
interface FinalObjective {
  totalSteps: number;
  targets: Float64Array;
  lo: Float64Array;
  hi: Float64Array;
}

interface AdoState extends PolicyState {
  domains: string[];
  history: LossHistoryState;
  credit: number[];
  average: number[];
  next: number[];
  laws: ScalingLaw[] | null;
  /** −1 before the first observation. */
  lastStep: number;
}

export class AdoPolicy implements MixturePolicy {
  readonly name = 'ado';
  private history: LossHistory;
  /** h: EMA of the realised batch composition. */
  private credit: Float64Array;
  /** π̄: running average of ρ over global steps, from μ. */
  private average: Float64Array;
  /** π: the distribution for the next batch. */
  private next: Float64Array;
  private laws: ScalingLaw[] | null = null;
  private lastStep = -1;
  private readonly smoother: SavitzkyGolay;
  private readonly fitter: ScalingLawFitter;
  private readonly finalObjective?: FinalObjective;

  /**
   * @param prior μ: one positive weight per domain, summing to 1.
   * @param tokensPerSample tokens in one sample; n is counted in 1024-token samples.
   * @param plan the run's length and caps, which the final-loss objective needs.
   */
  constructor(
    readonly domains: readonly string[],
    private readonly prior: Float64Array,
    private readonly settings: ResolvedAdoConfig,
    private readonly tokensPerSample: number,
    plan?: RunPlan,
  ) {
    if (prior.length !== domains.length || !prior.every((p) => p > 0)) {
      throw new Error('ADO needs a positive prior weight for every domain: each preference is multiplied by it');
    }
    if (domains.length * settings.deltaMin > 1) throw new Error(`K × deltaMin = ${domains.length} × ${settings.deltaMin} exceeds 1`);
    this.history = new LossHistory(domains.length, settings.sameStepSize);
    this.credit = Float64Array.from(prior);
    this.average = Float64Array.from(prior);
    this.next = Float64Array.from(prior);
    this.smoother = new SavitzkyGolay(settings.savgolWindow, settings.savgolOrder);
    this.fitter = new ScalingLawFitter({ ...settings.bounds, ...settings.fit, huberDelta: settings.huberDelta });
    if (settings.objective === 'final') this.finalObjective = finalObjective(domains, prior, settings, plan);
  }

  current(): Float64Array {
    return Float64Array.from(this.next);
  }

  observe(feedback: StepFeedback): PolicyStep {
    assertValidFeedback(feedback, this.domains.length, this.lastStep);
    const { step, counts, losses } = feedback;
    this.history.append(counts, losses);
    this.updateCredit(counts);
    const refit = this.refitDue(step) ? this.refit(step) : undefined;
    this.lastStep = step;
    if (step < this.settings.startStep || this.laws === null) return { weights: this.current(), ...(refit ? { refit } : {}) };
    const rho = this.finalObjective ? this.plan(this.finalObjective, this.laws, step, counts) : preference({
      laws: this.laws,
      prior: this.prior,
      credit: this.credit,
      samplesSeen: this.samplesSeen(),
      s: this.settings.s,
      alphaFloor: this.settings.alphaFloor,
      deltaMin: this.settings.deltaMin,
    });
    this.next = mixWithAverage(rho, this.average, this.settings.gamma2);
    updateAverage(this.average, rho, step);
    return { weights: this.current(), preference: rho, ...(refit ? { refit } : {}) };
  }

  state(): AdoState {
    return {
      policy: this.name,
      version: STATE_VERSION,
      domains: [...this.domains],
      history: this.history.toState(),
      credit: Array.from(this.credit),
      average: Array.from(this.average),
      next: Array.from(this.next),
      laws: this.laws && this.laws.map((law) => ({ ...law })),
      lastStep: this.lastStep,
    };
  }

  restore(state: PolicyState): void {
    const s = checkState<AdoState>(state, this.name, STATE_VERSION, this.domains);
    const K = this.domains.length;
    if (s.laws !== null && !(Array.isArray(s.laws) && s.laws.length === K && s.laws.every(isFiniteLaw))) {
      throw new Error(`ADO state: "laws" must be null or ${K} finite scaling laws`);
    }
    if (!Number.isInteger(s.lastStep) || s.lastStep < -1) throw new Error('ADO state: "lastStep" must be an integer ≥ −1');
    this.history = LossHistory.fromState(K, this.settings.sameStepSize, s.history);
    this.credit = stateVector(s.credit, K, 'credit');
    this.average = stateVector(s.average, K, 'average');
    this.next = stateVector(s.next, K, 'next');
    this.laws = s.laws && s.laws.map((law) => ({ ...law }));
    this.lastStep = s.lastStep;
  }

  /** The final-loss plan for the steps after `step`, assuming batches the size of this one. */
  private plan(objective: FinalObjective, laws: readonly ScalingLaw[], step: number, counts: ArrayLike<number>): Float64Array {
    let batch = 0;
    for (let k = 0; k < counts.length; k++) batch += counts[k];
    const stepsLeft = Math.max(1, objective.totalSteps - step - 1);
    return planFinalLoss({
      laws,
      samplesSeen: this.samplesSeen(),
      remaining: (stepsLeft * batch * this.tokensPerSample) / TOKENS_PER_N_UNIT,
      targets: objective.targets,
      lo: objective.lo,
      hi: objective.hi,
    });
  }

  /** n of every domain after the newest observation, in 1024-token samples. */
  private samplesSeen(): Float64Array {
    const row = this.history.length - 1;
    const n = new Float64Array(this.domains.length);
    for (let k = 0; k < n.length; k++) n[k] = (this.history.samplesSeen(k, row) * this.tokensPerSample) / TOKENS_PER_N_UNIT;
    return n;
  }

  private updateCredit(counts: ArrayLike<number>): void {
    let total = 0;
    for (let k = 0; k < counts.length; k++) total += counts[k];
    const g = this.settings.gamma1;
    for (let k = 0; k < counts.length; k++) this.credit[k] = (1 - g) * this.credit[k] + (g * counts[k]) / total;
  }

  /**
   * The newest multiple of updateInterval at or before `step` was not yet passed, is a refit step,
   * and the history can feed a fit (a point to fit and a full smoothing window; otherwise the
   * previous laws stay).
   */
  private refitDue(step: number): boolean {
    const latest = step - (step % this.settings.updateInterval);
    return latest > this.lastStep && isRefitStep(this.settings, latest) && refitCanRun(this.settings, this.history.length - 1);
  }

  /**
   * New laws for every domain; the previous ones stay when any fit is not finite (the reference's
   * check_valid). A domain with nothing to fit yet (not sampled, possible only without
   * sameStepSize) fails that check, so ADO starts once every domain has been seen.
   */
  private refit(step: number): RefitReport | undefined {
    const rows = fitRows(this.history.length, this.settings.ignoreSteps, this.settings.subsample);
    const fitted = this.domains.map((_, k) => {
      const data = domainFitData(this.history, k, rows, this.smoother, this.tokensPerSample);
      return { data, result: this.fitter.fit(data, this.laws?.[k]) };
    });
    const valid = fitted.every(({ result }) => isFiniteLaw(result.law) && Number.isFinite(result.objective));
    if (valid) this.laws = fitted.map(({ result }) => result.law);
    if (!this.laws) return undefined;
    return {
      step,
      laws: this.laws.map((law) => ({ ...law })),
      objectives: fitted.map(({ result }) => result.objective),
      n: fitted.map(({ data }) => Array.from(data.n)),
      smoothedLoss: fitted.map(({ data }) => Array.from(data.smoothedLoss)),
      ...(this.settings.sameStepSize ? {} : { ownN: Array.from(this.samplesSeen()) }),
    };
  }
}

function finalObjective(domains: readonly string[], prior: Float64Array, settings: ResolvedAdoConfig, plan: RunPlan | undefined): FinalObjective {
  if (!plan) throw new Error('ADO\'s "final" objective plans the rest of the run, so it needs the run\'s length (training.steps)');
  const { targetWeights } = settings;
  const targets =
    targetWeights === 'uniform' ? new Float64Array(domains.length).fill(1 / domains.length)
    : targetWeights === 'prior' ? Float64Array.from(prior)
    : weightVector(targetWeights, domains);
  const lo = Float64Array.from(prior, (mu, k) => Math.max(settings.deltaMin, settings.priorFloor * mu, plan.caps?.lo[k] ?? 0));
  const hi = Float64Array.from(prior, (_, k) => plan.caps?.hi[k] ?? 1);
  const floorTotal = lo.reduce((a, b) => a + b, 0);
  if (floorTotal > 1) {
    throw new Error(`ADO's "final" objective: the lower bounds (deltaMin, priorFloor × prior, caps' min) sum to ${+floorTotal.toPrecision(4)} > 1; lower deltaMin or priorFloor`);
  }
  return { totalSteps: plan.totalSteps, targets, lo, hi };
}
