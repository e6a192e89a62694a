/** Checks shared by every policy's `restore`: a state is only restored into the policy and domains that wrote it. */
import type { PolicyState } from './policy';

/**
 * Returns `state` typed as the policy's own state after checking its name, its version (older
 * versions would be migrated here; newer ones are refused) and its domains.
 */
export function checkState<T extends PolicyState>(state: PolicyState, policy: string, version: number, domains: readonly string[]): T {
  if (state?.policy !== policy) throw new Error(`cannot restore the "${policy}" policy from a "${state?.policy}" state`);
  if (typeof state.version !== 'number' || state.version > version) {
    throw new Error(`the "${policy}" state has version ${state.version}; this build reads version ${version} and older`);
  }
  const saved = state.domains;
  if (!Array.isArray(saved) || saved.length !== domains.length || saved.some((d, k) => d !== domains[k])) {
    throw new Error(`the "${policy}" state was saved for domains ${JSON.stringify(saved)}, not ${JSON.stringify(domains)}`);
  }
  return state as T;
}

/** A number[] of length K from a state field, as a Float64Array. */
export function stateVector(value: unknown, length: number, what: string): Float64Array {
  if (!Array.isArray(value) || value.length !== length || value.some((x) => typeof x !== 'number')) {
    throw new Error(`policy state: "${what}" must be ${length} numbers`);
  }
  return Float64Array.from(value);
}
