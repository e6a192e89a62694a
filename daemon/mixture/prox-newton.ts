/**
 * A local minimiser built for the scaling-law objective, used by the "fast" fit.
 *
 * Why not L-BFGS: with δ = 1e-3 most residuals sit in Huber's linear zone, so the Huber sum behaves
 * like an L1 fit whose curvature jumps whenever a point crosses |r| = δ, and the soft bounds add
 * kinks. L-BFGS's secant pairs then disagree with each other; the reference's runs mostly end at
 * the 200-iteration cap, with ~9 evaluations per iteration spent in the line search.
 *
 * This solver instead takes proximal Newton steps: each step minimises
 *     gᵀd + ½·dᵀ(H_exact + μ·(H_robust + D))·d + Σ soft bounds(θ + d)
 * exactly. The bounds are separable and piecewise linear, so the minimiser is found by trying, for
 * each coordinate, every linear piece (free inside it) and every kink (fixed there), and keeping the
 * best feasible candidate (one small linear solve when no coordinate changes piece, at most 3·3·5
 * otherwise; never a data pass). The damping μ is
 * Levenberg–Marquardt's, scaled by the diagonal (a, e and α have curvatures orders of magnitude
 * apart) and updated by Nielsen's rule from how well the model predicted the decrease; abrupt ×10
 * updates made the steps zigzag along the curved valley that trades ε against β and α. Large μ gives
 * the safe majorise-minimise step (IRLS weights), so every accepted step lowers the true objective.
 */
import { penalty, type Curvature, type ScalingLawObjective, type SoftBound } from './scaling-law';

/** θ = (a, e, α). The solver is written for three parameters (see isPositiveDefinite). */
const THETA_SIZE = 3;
const MIN_DAMPING = 1e-8;
const MAX_DAMPING = 1e10;
const INITIAL_DAMPING = 1;
/** Relative improvement below which the solver stops (far below the 1e-5 the fits are compared at). */
const STALL = 1e-13;
/** Keeps the model matrix invertible when the data fix fewer than three directions (e.g. one point). */
const RIDGE = 1e-10;

/** One way a coordinate can sit in the step's solution: free inside a linear piece, or fixed at a kink. */
interface CoordinateOption {
  /** The kink's position, or NaN for a free piece. */
  fixedAt: number;
  /** The piece's extent and the penalty's slope on it (free pieces only). */
  low: number;
  high: number;
  slope: number;
}

interface ModelState {
  theta: Float64Array;
  /** Penalised objective at theta. */
  value: number;
  gradient: Float64Array;
  curvature: Curvature;
}

export interface ProxNewtonResult {
  value: number;
  /** Objective evaluations (data passes) spent. */
  evaluations: number;
}

export class ProxNewton {
  private current = newModelState();
  private trial = newModelState();
  private readonly model = new Float64Array(THETA_SIZE * THETA_SIZE);
  private readonly step = new Float64Array(THETA_SIZE);
  private readonly candidate = new Float64Array(THETA_SIZE);
  private readonly position = new Float64Array(THETA_SIZE);
  private readonly solveMatrix = new Float64Array(THETA_SIZE * (THETA_SIZE + 1));
  /** The option each coordinate takes in the candidate being solved, and the free coordinates' indices. */
  private readonly chosen: CoordinateOption[] = [];
  private readonly free = new Int8Array(THETA_SIZE);

  /** Minimises `objective` from the point in `x`, which holds the result on return. */
  minimize(objective: ScalingLawObjective, x: Float64Array, maxEvaluations: number): ProxNewtonResult {
    const options = coordinateOptions(objective.bounds);
    this.evaluate(objective, x, this.current);
    let evaluations = 1;
    let damping = INITIAL_DAMPING;
    let growth = 2;
    while (evaluations < maxEvaluations) {
      this.dampedModel(damping);
      const predicted = penalty(objective.bounds, this.current.theta) - this.proximalStep(objective.bounds, options);
      for (let i = 0; i < THETA_SIZE; i++) this.trial.theta[i] = this.current.theta[i] + this.step[i];
      this.evaluate(objective, this.trial.theta, this.trial);
      evaluations++;
      const improvement = this.current.value - this.trial.value;
      if (improvement > 0) {
        [this.current, this.trial] = [this.trial, this.current];
        const agreement = improvement / predicted;
        damping = Math.max(damping * Math.max(1 / 3, 1 - (2 * agreement - 1) ** 3), MIN_DAMPING);
        growth = 2;
        if (improvement <= STALL * Math.max(1, Math.abs(this.current.value))) break;
      } else if (damping < MAX_DAMPING) {
        damping *= growth;
        growth *= 2;
      } else {
        break;
      }
    }
    x.set(this.current.theta);
    return { value: this.current.value, evaluations };
  }

  private evaluate(objective: ScalingLawObjective, theta: ArrayLike<number>, into: ModelState): void {
    into.theta.set(theta);
    into.value = objective.dataTerm(theta, into.gradient, into.curvature) + penalty(objective.bounds, theta);
  }

  /**
   * model = H_exact + μ·(H_robust + D) + ridge·I with D = diag(|H_exact| + H_robust), μ raised
   * (for this step only) until the model is positive definite.
   */
  private dampedModel(damping: number): void {
    const { exact, robust } = this.current.curvature;
    let scale = Number.MIN_VALUE;
    for (let i = 0; i < THETA_SIZE; i++) scale += Math.abs(exact[i * 4]) + robust[i * 4];
    for (let mu = damping; ; mu *= 10) {
      for (let i = 0; i < this.model.length; i++) this.model[i] = exact[i] + mu * robust[i];
      for (let i = 0; i < THETA_SIZE; i++) this.model[i * 4] += mu * (Math.abs(exact[i * 4]) + robust[i * 4]) + RIDGE * scale;
      if (isPositiveDefinite(this.model) || mu > MAX_DAMPING) return;
    }
  }

  /**
   * The exact minimiser d of gᵀd + ½dᵀMd + Σ bounds(θ + d), into `this.step`; returns the model's
   * value there. Usually every coordinate stays inside the piece it is in, and a feasible solution
   * with every coordinate free is optimal for this convex problem, so that is tried first.
   */
  private proximalStep(bounds: readonly SoftBound[], options: readonly CoordinateOption[][]): number {
    const chosen = this.chosen;
    const theta = this.current.theta;
    const stayInside = options.every((own, j) => {
      const piece = own.find((o) => Number.isNaN(o.fixedAt) && theta[j] > o.low && theta[j] < o.high);
      if (piece) chosen[j] = piece;
      return piece !== undefined;
    });
    if (stayInside && this.solveWithChosen()) {
      this.step.set(this.candidate);
      return this.modelValue(bounds);
    }
    let best = Infinity;
    this.step.fill(0);
    for (const oA of options[0]) {
      for (const oE of options[1]) {
        for (const oAlpha of options[2]) {
          chosen[0] = oA;
          chosen[1] = oE;
          chosen[2] = oAlpha;
          if (!this.solveWithChosen()) continue;
          const value = this.modelValue(bounds);
          if (value < best) {
            best = value;
            this.step.set(this.candidate);
          }
        }
      }
    }
    return best;
  }

  /**
   * Solves for the free coordinates of the step, the others fixed at their kinks (per `chosen`);
   * leaves the step in `candidate`. False when a free coordinate leaves its piece (or the system is
   * singular).
   */
  private solveWithChosen(): boolean {
    const { model, candidate, solveMatrix, chosen, free } = this;
    const theta = this.current.theta;
    const gradient = this.current.gradient;
    let m = 0;
    for (let j = 0; j < THETA_SIZE; j++) {
      if (Number.isNaN(chosen[j].fixedAt)) free[m++] = j;
      else candidate[j] = chosen[j].fixedAt - theta[j];
    }
    const width = m + 1;
    for (let r = 0; r < m; r++) {
      const i = free[r];
      let rhs = -(gradient[i] + chosen[i].slope);
      for (let j = 0; j < THETA_SIZE; j++) if (!Number.isNaN(chosen[j].fixedAt)) rhs -= model[i * THETA_SIZE + j] * candidate[j];
      for (let c = 0; c < m; c++) solveMatrix[r * width + c] = model[i * THETA_SIZE + free[c]];
      solveMatrix[r * width + m] = rhs;
    }
    if (!solveInPlace(solveMatrix, m)) return false;
    for (let r = 0; r < m; r++) {
      const j = free[r];
      candidate[j] = solveMatrix[r * width + m];
      const position = theta[j] + candidate[j];
      if (!(position >= chosen[j].low && position <= chosen[j].high)) return false;
    }
    return true;
  }

  /** gᵀd + ½dᵀMd + bounds(θ + d) for the step d in `candidate`. */
  private modelValue(bounds: readonly SoftBound[]): number {
    const { candidate: d, model, position } = this;
    const { theta, gradient } = this.current;
    for (let i = 0; i < THETA_SIZE; i++) position[i] = theta[i] + d[i];
    let value = penalty(bounds, position);
    for (let i = 0; i < THETA_SIZE; i++) {
      value += gradient[i] * d[i];
      for (let j = 0; j < THETA_SIZE; j++) value += 0.5 * d[i] * model[i * THETA_SIZE + j] * d[j];
    }
    return value;
  }
}

function newModelState(): ModelState {
  const matrix = () => new Float64Array(THETA_SIZE * THETA_SIZE);
  return { theta: new Float64Array(THETA_SIZE), value: NaN, gradient: new Float64Array(THETA_SIZE), curvature: { exact: matrix(), robust: matrix() } };
}

/** Per coordinate: its penalty's linear pieces (free) and kinks (fixed), from the soft bounds. */
function coordinateOptions(bounds: readonly SoftBound[]): CoordinateOption[][] {
  return Array.from({ length: THETA_SIZE }, (_, index) => {
    const own = bounds.filter((b) => b.index === index);
    const kinks = [...new Set(own.map((b) => b.at))].sort((p, q) => p - q);
    const edges = [-Infinity, ...kinks, Infinity];
    const pieces = edges.slice(1).map((high, p) => {
      const low = edges[p];
      const inside = Number.isFinite(low) ? (Number.isFinite(high) ? (low + high) / 2 : low + 1) : high - 1;
      const slope = own.reduce((sum, b) => sum + (b.side * (inside - b.at) > 0 ? b.side : 0), 0);
      return { fixedAt: NaN, low, high, slope };
    });
    return [...pieces, ...kinks.map((at) => ({ fixedAt: at, low: at, high: at, slope: 0 }))];
  });
}

/** Cholesky test of a symmetric 3×3 matrix (row-major). */
function isPositiveDefinite(m: Float64Array): boolean {
  if (!(m[0] > 0)) return false;
  const l11 = Math.sqrt(m[0]);
  const l21 = m[3] / l11;
  const l31 = m[6] / l11;
  const d2 = m[4] - l21 * l21;
  if (!(d2 > 0)) return false;
  const l32 = (m[7] - l31 * l21) / Math.sqrt(d2);
  return m[8] - l31 * l31 - l32 * l32 > 0;
}

/** Gaussian elimination with partial pivoting on an m×(m+1) augmented matrix; the solution replaces the last column. */
function solveInPlace(aug: Float64Array, m: number): boolean {
  const width = m + 1;
  for (let c = 0; c < m; c++) {
    let pivot = c;
    for (let r = c + 1; r < m; r++) if (Math.abs(aug[r * width + c]) > Math.abs(aug[pivot * width + c])) pivot = r;
    if (aug[pivot * width + c] === 0) return false;
    for (let k = 0; k < width; k++) [aug[c * width + k], aug[pivot * width + k]] = [aug[pivot * width + k], aug[c * width + k]];
    for (let r = 0; r < m; r++) {
      if (r === c) continue;
      const factor = aug[r * width + c] / aug[c * width + c];
      for (let k = c; k < width; k++) aug[r * width + k] -= factor * aug[c * width + k];
    }
  }
  for (let r = 0; r < m; r++) aug[r * width + m] /= aug[r * width + r];
  return true;
}
