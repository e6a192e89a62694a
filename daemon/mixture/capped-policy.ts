/**
 * Weight caps and epoch limits around any policy. The inner policy keeps its own, uncapped state
 * (ADO's π̄ and credit history see what ADO chose, not what the caps allowed); the sampler draws
 * from the projection of its distribution onto the caps. Domains that passed their epoch limit
 * under `onExhausted: "cap"` get a maximum weight of 0 from then on.
 */
import { capsInfeasibility, type CapBounds } from '../../shared/weight-caps';
import { projectOntoCaps } from './caps';
import type { MixturePolicy, PolicyState, PolicyStep, StepFeedback } from './policy';

export interface EpochLimit {
  /** Per domain; Infinity where unlimited. */
  maxEpochs: number[];
  onExhausted: 'warn' | 'cap';
}

/** A domain that crossed its epoch limit at this observation. */
export interface Exhaustion {
  domain: number;
  epochs: number;
  capped: boolean;
  /** Why the cap could not be applied (it would leave no feasible distribution). */
  refused?: string;
}

export class CappedPolicy implements MixturePolicy {
  private readonly exhausted: boolean[];
  private cappedToZero: boolean[];

  constructor(
    private readonly inner: MixturePolicy,
    private readonly bounds: CapBounds,
    private readonly limit: EpochLimit,
  ) {
    this.exhausted = inner.domains.map(() => false);
    this.cappedToZero = inner.domains.map(() => false);
  }

  get name(): string {
    return this.inner.name;
  }

  get domains(): readonly string[] {
    return this.inner.domains;
  }

  current(): Float64Array {
    return this.apply(this.inner.current());
  }

  observe(feedback: StepFeedback): PolicyStep {
    const step = this.inner.observe(feedback);
    const weights = this.apply(step.weights);
    const changed = weights.some((w, k) => Math.abs(w - step.weights[k]) > 1e-12);
    return changed ? { ...step, weights, policyWeights: step.weights } : step;
  }

  /** Records epochs consumed so far; returns the domains that crossed their limit just now. */
  trackEpochs(epochs: ArrayLike<number>): Exhaustion[] {
    const crossed: Exhaustion[] = [];
    for (let k = 0; k < epochs.length; k++) {
      if (this.exhausted[k] || !(epochs[k] > this.limit.maxEpochs[k])) continue;
      this.exhausted[k] = true;
      if (this.limit.onExhausted === 'warn') {
        crossed.push({ domain: k, epochs: epochs[k], capped: false });
        continue;
      }
      const proposal = this.cappedToZero.map((z, j) => z || j === k);
      const refused = capsInfeasibility(this.effectiveBounds(proposal), this.domains);
      if (refused === null) this.cappedToZero = proposal;
      crossed.push({ domain: k, epochs: epochs[k], capped: refused === null, ...(refused ? { refused } : {}) });
    }
    return crossed;
  }

  state(): PolicyState {
    return { policy: 'capped', version: 1, inner: this.inner.state(), exhausted: [...this.exhausted], cappedToZero: [...this.cappedToZero] };
  }

  restore(state: PolicyState): void {
    if (state.policy !== 'capped') throw new Error(`expected a capped policy state, got "${state.policy}"`);
    this.inner.restore(state.inner as PolicyState);
    (state.exhausted as boolean[]).forEach((v, k) => (this.exhausted[k] = v));
    this.cappedToZero = [...(state.cappedToZero as boolean[])];
  }

  private apply(weights: Float64Array): Float64Array {
    return projectOntoCaps(weights, this.effectiveBounds(this.cappedToZero));
  }

  private effectiveBounds(zeroed: boolean[]): CapBounds {
    return { lo: this.bounds.lo.map((lo, k) => (zeroed[k] ? 0 : lo)), hi: this.bounds.hi.map((hi, k) => (zeroed[k] ? 0 : hi)) };
  }
}
