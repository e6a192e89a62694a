/**
 * ODM, Online Data Mixing (Albalak et al., 2023): each domain is an arm of an EXP3 bandit whose
 * reward is the domain's training loss — domains whose loss is still high are sampled more.
 *
 *   ε_t = min(1/K, √(ln K / (K·t)))                         exploration, t = 1, 2, … (batches)
 *   π_t = (1 − K·ε_t) · softmax(ε_{t−1} · R̂) + ε_t          so every domain keeps ≥ ε_t
 *   R̂_k ← α·R̂_k + (1 − α)·L_k / π_k    for each domain k in the batch (importance-weighted)
 *
 * Parameters (`mixture.odm`): rewardSmoothing = α (0.9 in the paper); warmupSteps = steps sampled
 * from the prior before the bandit takes over (0 in the paper, whose first π is uniform).
 */
import type { ResolvedRunConfig } from '../../shared/config';
import { assertValidFeedback } from './feedback';
import type { MixturePolicy, PolicyState, PolicyStep, StepFeedback } from './policy';
import { checkState, stateVector } from './state';

const STATE_VERSION = 1;

interface OdmState extends PolicyState {
  domains: string[];
  rewards: number[];
  next: number[];
  lastStep: number;
}

export class OdmPolicy implements MixturePolicy {
  readonly name = 'odm';
  private rewards: Float64Array;
  private next: Float64Array;
  /** π of the batch being reported: the importance weight's denominator. */
  private sampledWith: Float64Array;
  private lastStep = -1;

  constructor(
    readonly domains: readonly string[],
    private readonly prior: Float64Array,
    private readonly settings: ResolvedRunConfig['mixture']['odm'],
  ) {
    this.rewards = new Float64Array(domains.length);
    this.next = settings.warmupSteps > 0 ? Float64Array.from(prior) : this.distribution(1);
    this.sampledWith = Float64Array.from(this.next);
  }

  current(): Float64Array {
    return Float64Array.from(this.next);
  }

  observe(feedback: StepFeedback): PolicyStep {
    assertValidFeedback(feedback, this.domains.length, this.lastStep);
    const { step, counts, losses } = feedback;
    this.lastStep = step;
    const alpha = this.settings.rewardSmoothing;
    for (let k = 0; k < this.domains.length; k++) {
      const loss = losses[k];
      if (counts[k] > 0 && loss !== null) this.rewards[k] = alpha * this.rewards[k] + ((1 - alpha) * loss) / this.sampledWith[k];
    }
    // Batch t = step + 1 was just reported; the next one is t + 1.
    this.next = step + 1 < this.settings.warmupSteps ? Float64Array.from(this.prior) : this.distribution(step + 2);
    this.sampledWith = Float64Array.from(this.next);
    return { weights: this.current() };
  }

  state(): OdmState {
    return {
      policy: this.name,
      version: STATE_VERSION,
      domains: [...this.domains],
      rewards: Array.from(this.rewards),
      next: Array.from(this.next),
      lastStep: this.lastStep,
    };
  }

  restore(state: PolicyState): void {
    const s = checkState<OdmState>(state, this.name, STATE_VERSION, this.domains);
    if (!Number.isInteger(s.lastStep) || s.lastStep < -1) throw new Error('ODM state: "lastStep" must be an integer ≥ −1');
    this.rewards = stateVector(s.rewards, this.domains.length, 'rewards');
    this.next = stateVector(s.next, this.domains.length, 'next');
    this.sampledWith = Float64Array.from(this.next);
    this.lastStep = s.lastStep;
  }

  /** π_t for batch t (1-based). */
  private distribution(t: number): Float64Array {
    const K = this.domains.length;
    const exploration = (i: number) => Math.min(1 / K, Math.sqrt(Math.log(K) / (K * i)));
    const eps = exploration(t);
    const scale = t > 1 ? exploration(t - 1) : 0;
    let max = -Infinity;
    for (const r of this.rewards) max = Math.max(max, scale * r);
    const soft = this.rewards.map((r) => Math.exp(scale * r - max));
    const total = soft.reduce((a, b) => a + b, 0);
    return soft.map((v) => (1 - K * eps) * (v / total) + eps);
  }
}
