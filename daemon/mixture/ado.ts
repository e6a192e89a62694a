/**
 * The ADO policy (Jiang et al., ICLR 2025), as the reference code runs it (ado.py, HEAD bc3d8d0):
 *
 *   every observation:  record counts and per-domain mean losses (absent domains imputed);
 *                       h ← (1−γ1)·h + γ1·(realised batch composition)          credit assignment
 *   refit (step ≥ startStep, at each multiple of updateInterval):
 *                       fit L_k(n) = exp(e) + exp(a)·n^(−α) to the Savitzky–Golay smoothed
 *                       losses, every `subsample`-th observation from `ignoreSteps` on
 *   once a fit exists and step ≥ startStep:
 *                       ρ_k ∝ μ_k · h_k^s · max(α_k, alphaFloor) · (L̂_k(n) − ε_k) / n
 *                       ρ ← clip_min_probability(ρ, δmin)
 *                       π = γ2·ρ + (1−γ2)·π̄        (π̄ before this step's update)
 *                       π̄ ← (t/(t+1))·π̄ + ρ/(t+1)   (t = the global step)
 *   until then π = μ.
 *
 * Trainers that report every N steps send one aggregated observation per N steps: the smoothing
 * window, `ignoreSteps` and `subsample` then count observations, while the refit schedule and π̄'s
 * average use the step index. A refit is due when a multiple of updateInterval is reached or
 * passed, which for N = 1 is the reference's `step % updateInterval == 0`.
 */
import type { ResolvedAdoConfig } from '../../shared/config';
import { clipMinProbability } from './distribution';
import { domainFitData, fitRows, TOKENS_PER_N_UNIT } from './fit-data';
import { ScalingLawFitter } from './fit';
import { LossHistory, type LossHistoryState } from './history';
import type { MixturePolicy, PolicyState, PolicyStep, RefitReport, ScalingLaw, StepFeedback } from './policy';
import { SavitzkyGolay } from './savgol';
import { isFiniteLaw, predictLoss } from './scaling-law';

const STATE_VERSION = 1;

export class AdoPolicy implements MixturePolicy {
  readonly name = 'ado';
  private history: LossHistory;
  /** h: EMA of the realised batch composition. */
  private credit: Float64Array;
  /** π̄: running average of ρ over global steps, from μ. */
  private average: Float64Array;
  private next: Float64Array;
  private laws: ScalingLaw[] | null = null;
  private lastStep: number | null = null;
  private readonly smoother: SavitzkyGolay;
  private readonly fitter: ScalingLawFitter;

  constructor(
    readonly domains: readonly string[],
    private readonly prior: Float64Array,
    private readonly settings: ResolvedAdoConfig,
    /** Tokens per sample; n is counted in 1024-token samples. */
    private readonly tokensPerSample: number,
  ) {
    this.history = new LossHistory(domains.length, settings.sameStepSize);
    this.credit = Float64Array.from(prior);
    this.average = Float64Array.from(prior);
    this.next = Float64Array.from(prior);
    this.smoother = new SavitzkyGolay(settings.savgolWindow, settings.savgolOrder);
    this.fitter = new ScalingLawFitter({ ...settings.bounds, ...settings.fit, huberDelta: settings.huberDelta });
  }

  current(): Float64Array {
    return Float64Array.from(this.next);
  }

  observe({ step, counts, losses }: StepFeedback): PolicyStep {
    this.history.append(counts, losses);
    this.updateCredit(counts);
    const refit = this.refitDue(step) ? this.refit(step) : undefined;
    this.lastStep = step;
    if (step < this.settings.startStep || this.laws === null) return { weights: this.current(), ...(refit ? { refit } : {}) };
    const preference = this.preference(this.laws);
    for (let k = 0; k < this.next.length; k++) {
      this.next[k] = this.settings.gamma2 * preference[k] + (1 - this.settings.gamma2) * this.average[k];
      this.average[k] = (step / (step + 1)) * this.average[k] + preference[k] / (step + 1);
    }
    return { weights: this.current(), preference, ...(refit ? { refit } : {}) };
  }

  state(): PolicyState {
    return {
      policy: this.name,
      version: STATE_VERSION,
      history: this.history.toState(),
      credit: Array.from(this.credit),
      average: Array.from(this.average),
      next: Array.from(this.next),
      laws: this.laws,
      lastStep: this.lastStep,
    };
  }

  restore(state: PolicyState): void {
    if (state.policy !== this.name || state.version !== STATE_VERSION) {
      throw new Error(`cannot restore ADO from a "${state.policy}" state of version ${state.version}`);
    }
    this.history = LossHistory.fromState(this.domains.length, this.settings.sameStepSize, state.history as LossHistoryState);
    this.credit = Float64Array.from(state.credit as number[]);
    this.average = Float64Array.from(state.average as number[]);
    this.next = Float64Array.from(state.next as number[]);
    this.laws = state.laws as ScalingLaw[] | null;
    this.lastStep = state.lastStep as number | null;
  }

  /** n of domain k after the newest observation, in 1024-token samples. */
  private samplesSeen(k: number): number {
    return (this.history.samplesSeen(k, this.history.length - 1) * this.tokensPerSample) / TOKENS_PER_N_UNIT;
  }

  private updateCredit(counts: ArrayLike<number>): void {
    let total = 0;
    for (let k = 0; k < counts.length; k++) total += counts[k];
    if (total === 0) return;
    const g = this.settings.gamma1;
    for (let k = 0; k < counts.length; k++) this.credit[k] = (1 - g) * this.credit[k] + (g * counts[k]) / total;
  }

  /** Some multiple of updateInterval, at or after startStep, lies in (lastStep, step]. */
  private refitDue(step: number): boolean {
    const earliest = Math.max((this.lastStep ?? -1) + 1, this.settings.startStep);
    return Math.floor(step / this.settings.updateInterval) * this.settings.updateInterval >= earliest;
  }

  /** New laws for every domain; the previous ones stay when any fit is not finite (the reference's check_valid). */
  private refit(step: number): RefitReport | undefined {
    const rows = fitRows(this.history.length, this.settings.ignoreSteps, this.settings.subsample);
    if (rows.length === 0 || this.history.length < this.settings.savgolWindow) return undefined;
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
    };
  }

  /** ρ after the δmin floor. Falls back to μ if every slope vanished (no domain is still learning). */
  private preference(laws: ScalingLaw[]): Float64Array {
    const { s, alphaFloor, deltaMin } = this.settings;
    const raw = new Float64Array(laws.length);
    let total = 0;
    laws.forEach((law, k) => {
      const n = this.samplesSeen(k);
      const slope = (Math.max(law.alpha, alphaFloor) * (predictLoss(law, n) - Math.exp(law.logEps))) / n;
      raw[k] = slope * this.prior[k] * Math.pow(this.credit[k], s);
      total += raw[k];
    });
    if (!(total > 0) || !Number.isFinite(total)) return Float64Array.from(this.prior);
    return clipMinProbability(raw.map((v) => v / total), deltaMin);
  }
}
