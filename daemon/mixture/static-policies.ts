/**
 * Baselines whose distribution never changes: "natural" (the prior, i.e. each domain's share of
 * training tokens), "balanced" (uniform over domains) and "fixed" (given weights, e.g. a mixture
 * exported from an earlier run).
 */
import type { MixturePolicy, PolicyState, PolicyStep } from './policy';
import { checkState } from './state';

const STATE_VERSION = 1;

export class StaticPolicy implements MixturePolicy {
  private readonly weights: Float64Array;

  constructor(readonly name: 'natural' | 'balanced' | 'fixed', readonly domains: readonly string[], weights: ArrayLike<number>) {
    this.weights = Float64Array.from(weights);
  }

  current(): Float64Array {
    return Float64Array.from(this.weights);
  }

  observe(): PolicyStep {
    return { weights: this.current() };
  }

  state(): PolicyState {
    return { policy: this.name, version: STATE_VERSION, domains: [...this.domains] };
  }

  restore(state: PolicyState): void {
    checkState(state, this.name, STATE_VERSION, this.domains);
  }
}
