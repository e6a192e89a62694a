/**
 * The one interface every mixture policy implements. The built-in trainer, the daemon's
 * scheduler service for external trainers and `ado replay` all drive policies through it.
 *
 * Pure TypeScript: no tfjs, no I/O. Vectors are Float64Array of length K (one entry per domain,
 * in the order of `domains`).
 */

/** What the trainer reports after each optimizer step (or after N steps, aggregated). */
export interface StepFeedback {
  /** Global step index (0-based) of the batch just trained on. */
  step: number;
  /** Samples of each domain in that step's global batch. */
  counts: ArrayLike<number>;
  /** Each domain's mean per-sample loss in that batch; null where the domain was absent. */
  losses: ArrayLike<number | null>;
}

/** One domain's scaling law L(n) = exp(logEps) + exp(logBeta) · n^(−alpha), n in 1024-token samples. */
export interface ScalingLaw {
  logBeta: number;
  logEps: number;
  alpha: number;
}

/** What a refit produced, for events, the dashboard and `ado replay`'s "fit" field. */
export interface RefitReport {
  step: number;
  /** Per domain; the previous law where the new fit was rejected (non-finite). */
  laws: ScalingLaw[];
  /** Per domain: the fit objective reached (Huber sum + penalties). */
  objectives: number[];
  /** The x values of the fit (n, in 1024-token samples), shared by every domain when sameStepSize. */
  n: number[][];
  /** Per domain: the smoothed losses the law was fitted to (same length as n[k]). */
  smoothedLoss: number[][];
  /** Per domain: its own n at this refit, present only when each domain counts its own samples (not sameStepSize). */
  ownN?: number[];
}

/** The result of one observation. */
export interface PolicyStep {
  /** The distribution to sample the next batch from (sums to 1). */
  weights: Float64Array;
  /** Present on steps where the policy refitted its model (ADO's scaling laws). */
  refit?: RefitReport;
  /** ADO's preference ρ before smoothing, when it was computed this step. */
  preference?: Float64Array;
  /** The policy's own distribution, present when caps changed it (then `weights` is the capped one). */
  policyWeights?: Float64Array;
}

/** JSON-serialisable policy state; `restore(state())` then continuing equals never stopping. */
export type PolicyState = { policy: string; version: number } & Record<string, unknown>;

export interface MixturePolicy {
  readonly name: string;
  readonly domains: readonly string[];
  /** The distribution for the next batch (the prior before any observation). */
  current(): Float64Array;
  observe(feedback: StepFeedback): PolicyStep;
  state(): PolicyState;
  restore(state: PolicyState): void;
}
