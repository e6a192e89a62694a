/**
 * The per-domain scaling law L̂(n) = exp(e) + exp(a)·n^(−α) and the objective its parameters
 * θ = (a, e, α) are fitted with (the reference's `loss_fn`, ado.py:273-284), in float64:
 *
 *   f(θ) = Σ_i Huber_δ(log L_i − logaddexp(a − α·log n_i, e))
 *        + max(α − maxAlpha, 0) − min(α, 0.001) + max(a − maxLogBeta, 0) − min(e − minLogEps, 0)
 *
 * The fit works in log space because the losses span a narrow range while β·n^(−α) spans orders of
 * magnitude; the Huber term is summed, not averaged, so the unit-slope penalties weigh the same
 * whatever the number of points. −min(α, 0.001) keeps its constant −0.001 for α ≥ 0.001, as in the
 * reference, so objective values compare with the reference's.
 */
import type { ScalingLaw } from './policy';

/** Where θ = (a, e, α) lives in a parameter vector. */
export const A = 0;
export const E = 1;
export const ALPHA = 2;
export const THETA_SIZE = 3;

export interface ObjectiveSettings {
  /** Huber δ on log-loss residuals (nats of log loss). */
  huberDelta: number;
  /** Soft lower bound on e = log ε. */
  minLogEps: number;
  /** Soft upper bound on a = log β. */
  maxLogBeta: number;
  /** Soft upper bound on α (the soft lower bound is 0). */
  maxAlpha: number;
}

/** The data of one fit, precomputed once so the hot loop takes no logarithms of its own. */
export interface FitPoints {
  /** log n_i, n in 1024-token samples. */
  logN: Float64Array;
  /** log L_i of the smoothed losses (nats). */
  logLoss: Float64Array;
}

/** One unit-slope soft bound: the penalty max(side·(θ[index] − at), 0). */
export interface SoftBound {
  index: number;
  at: number;
  /** +1 penalises θ above `at`, −1 below. */
  side: 1 | -1;
}

/** The reference's lower soft bound on α is min(α, 0.001), not min(α, 0). */
const ALPHA_KNEE = 0.001;

/** The penalty terms of f as hinges; their sum is f's penalty plus ALPHA_KNEE (−min(α, k) = max(k − α, 0) − k). */
export function softBounds(s: ObjectiveSettings): SoftBound[] {
  return [
    { index: ALPHA, at: s.maxAlpha, side: 1 },
    { index: ALPHA, at: ALPHA_KNEE, side: -1 },
    { index: A, at: s.maxLogBeta, side: 1 },
    { index: E, at: s.minLogEps, side: -1 },
  ];
}

export function penalty(bounds: readonly SoftBound[], theta: ArrayLike<number>): number {
  let sum = -ALPHA_KNEE;
  for (const b of bounds) sum += Math.max(b.side * (theta[b.index] - b.at), 0);
  return sum;
}

/** f(θ) with its gradient written into `gradient` (length 3): what L-BFGS minimises. */
export type ValueAndGradient = (theta: ArrayLike<number>, gradient: Float64Array) => number;

/**
 * Second-order information about the Huber sum at θ (3×3, row-major), for Newton-type steps:
 *   - `exact`: the true Hessian of the Huber sum where it exists: Σ over points in Huber's quadratic
 *     zone of JJᵀ, minus Σ_i ψ_i ∇²pred_i (residual curvature, large here because most points sit in
 *     the linear zone where ψ = ±δ);
 *   - `robust`: Σ over points in the linear zone of (δ/|r_i|)·JJᵀ, the curvature of the quadratic that
 *     majorises Huber there (the IRLS weight). Adding it makes a step conservative but safe.
 */
export interface Curvature {
  exact: Float64Array;
  robust: Float64Array;
}

export class ScalingLawObjective {
  readonly bounds: SoftBound[];

  /**
   * @param dataWeight multiplies the Huber sum; a fit on every m-th point uses m so that the penalties
   *   keep their weight relative to the data, as in the fit on all points.
   */
  constructor(readonly points: FitPoints, readonly settings: ObjectiveSettings, readonly dataWeight = 1) {
    this.bounds = softBounds(settings);
  }

  /** f(θ), writing ∇f into `gradient`, with JAX's 0.5 subgradient at the penalties' kinks. */
  readonly valueAndGradient: ValueAndGradient = (theta, gradient) => {
    const value = this.dataTerm(theta, gradient, null);
    for (const b of this.bounds) gradient[b.index] += b.side * hingeSlope(b.side * (theta[b.index] - b.at));
    return value + penalty(this.bounds, theta);
  };

  /** The Huber sum alone (no penalties), writing its gradient and, when asked, its curvature. */
  dataTerm(theta: ArrayLike<number>, gradient: Float64Array, curvature: Curvature | null): number {
    const { logN, logLoss } = this.points;
    const delta = this.settings.huberDelta;
    const a = theta[A];
    const e = theta[E];
    const alpha = theta[ALPHA];
    let value = 0;
    let gA = 0;
    let gE = 0;
    let gAlpha = 0;
    // Upper triangles of the two curvature matrices: (a,a) (a,e) (a,α) (e,e) (e,α) (α,α).
    let xAA = 0, xAE = 0, xAAl = 0, xEE = 0, xEAl = 0, xAlAl = 0;
    let rAA = 0, rAE = 0, rAAl = 0, rEE = 0, rEAl = 0, rAlAl = 0;
    for (let i = 0, count = logN.length; i < count; i++) {
      const x = logN[i];
      const reducible = a - alpha * x;
      const gap = reducible - e;
      // pred = logaddexp(reducible, e) with one exp and one log; `share` = ∂pred/∂reducible.
      let predicted: number;
      let share: number;
      if (gap > 0) {
        const z = Math.exp(-gap);
        predicted = reducible + Math.log(1 + z);
        share = 1 / (1 + z);
      } else {
        const z = Math.exp(gap);
        predicted = e + Math.log(1 + z);
        share = z / (1 + z);
      }
      const residual = logLoss[i] - predicted;
      const magnitude = Math.abs(residual);
      const linearZone = magnitude > delta;
      // ψ = Huber'(residual); f depends on pred through −ψ.
      let psi: number;
      if (linearZone) {
        value += delta * (magnitude - 0.5 * delta);
        psi = residual > 0 ? delta : -delta;
      } else {
        value += 0.5 * residual * residual;
        psi = residual;
      }
      // ∇pred = (share, 1 − share, −share·x).
      const jE = 1 - share;
      const jAlpha = -share * x;
      gA -= psi * share;
      gE -= psi * jE;
      gAlpha -= psi * jAlpha;
      if (curvature !== null) {
        // ∇²pred = share·(1 − share)·vvᵀ with v = (1, −1, −x).
        const c = -psi * share * jE;
        xAA += c;
        xAE -= c;
        xAAl -= c * x;
        xEE += c;
        xEAl += c * x;
        xAlAl += c * x * x;
        const w = linearZone ? delta / magnitude : 1;
        const jA = share;
        if (linearZone) {
          rAA += w * jA * jA;
          rAE += w * jA * jE;
          rAAl += w * jA * jAlpha;
          rEE += w * jE * jE;
          rEAl += w * jE * jAlpha;
          rAlAl += w * jAlpha * jAlpha;
        } else {
          xAA += jA * jA;
          xAE += jA * jE;
          xAAl += jA * jAlpha;
          xEE += jE * jE;
          xEAl += jE * jAlpha;
          xAlAl += jAlpha * jAlpha;
        }
      }
    }
    const weight = this.dataWeight;
    gradient[A] = weight * gA;
    gradient[E] = weight * gE;
    gradient[ALPHA] = weight * gAlpha;
    if (curvature !== null) {
      fillSymmetric(curvature.exact, weight, xAA, xAE, xAAl, xEE, xEAl, xAlAl);
      fillSymmetric(curvature.robust, weight, rAA, rAE, rAAl, rEE, rEAl, rAlAl);
    }
    return weight * value;
  }
}

function fillSymmetric(m: Float64Array, scale: number, aa: number, ae: number, aAl: number, ee: number, eAl: number, alAl: number): void {
  m[0] = scale * aa;
  m[1] = m[3] = scale * ae;
  m[2] = m[6] = scale * aAl;
  m[4] = scale * ee;
  m[5] = m[7] = scale * eAl;
  m[8] = scale * alAl;
}

/** d/dx max(x, 0), splitting 0.5/0.5 at the kink as JAX's maximum does, for agreement at ties. */
function hingeSlope(x: number): number {
  return x > 0 ? 1 : x === 0 ? 0.5 : 0;
}

/** L̂(n) in nats, with the raw α (the α floor applies only to the preference's slope). */
export function predictLoss(law: ScalingLaw, n: number): number {
  return Math.exp(law.logEps) + Math.exp(law.logBeta - law.alpha * Math.log(n));
}

export function lawFromVector(theta: ArrayLike<number>): ScalingLaw {
  return { logBeta: theta[A], logEps: theta[E], alpha: theta[ALPHA] };
}

export function lawToVector(law: ScalingLaw): [number, number, number] {
  return [law.logBeta, law.logEps, law.alpha];
}

export function isFiniteLaw(law: ScalingLaw): boolean {
  return Number.isFinite(law.logBeta) && Number.isFinite(law.logEps) && Number.isFinite(law.alpha);
}
