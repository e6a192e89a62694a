/**
 * Messages between the daemon and the worker thread that hosts one external run's mixture policy
 * (policy-host.ts ↔ policy-thread.ts). A refit (ADO fits K scaling laws from hundreds of starts)
 * can take seconds to minutes; off the main thread it delays only that run's next answer.
 */
import type { PolicySpec } from '../mixture/create-policy';
import type { PolicyState, PolicyStep, StepFeedback } from '../mixture/policy';

export interface PolicyThreadData {
  spec: PolicySpec;
}

/** daemon → thread; `id` pairs each request with its answer. */
export type PolicyRequest =
  | { id: number; kind: 'observe'; feedback: StepFeedback }
  | { id: number; kind: 'state' }
  /** Restore a snapshot (if any), then re-observe `replay` without reporting. */
  | { id: number; kind: 'restore'; state?: PolicyState; replay: StepFeedback[] };

/** thread → daemon */
export type PolicyAnswer =
  | { id: number; kind: 'observed'; step: PolicyStep }
  | { id: number; kind: 'state'; state: PolicyState }
  | { id: number; kind: 'restored'; weights: Float64Array }
  | { id: number; kind: 'error'; message: string }
  | { kind: 'ready'; weights: Float64Array };
