/**
 * L-BFGS as jaxopt 0.8.3's `LBFGS` runs it with the defaults the reference relies on
 * (`jaxopt.LBFGS(loss_fn, tol, maxiter)`):
 *   - history of 10 (s, y) pairs in a ring, every pair kept even when sᵀy ≤ 0 (ρ = 0 when sᵀy = 0);
 *   - initial inverse Hessian γI with γ = sᵀy / yᵀy of the newest pair (use_gamma);
 *   - zoom line search (maxls 30, steps capped at max_stepsize 1.0), started at the previous
 *     step × 1.5, reset to 1.0 once it fell to ≤ 1e-6 (linesearch_init "increase");
 *   - stops when ‖∇f‖₂ ≤ tol after an iteration, or after maxIterations iterations; at least one
 *     iteration always runs (jaxopt's error starts at +∞).
 *
 * One instance owns all buffers and is reused across starts, so a multi-start fit allocates nothing
 * per start beyond the line search's small probe records.
 */
import { dot, ZoomLineSearch } from './line-search';
import type { ValueAndGradient } from './scaling-law';

const HISTORY_SIZE = 10;
const MAX_LINE_SEARCH_STEPS = 30;
const MAX_STEPSIZE = 1;
const MIN_STEPSIZE = 1e-6;
const STEPSIZE_GROWTH = 1.5;

export interface LbfgsOptions {
  maxIterations: number;
  /** Stop once the gradient's Euclidean norm is at most this. */
  tolerance: number;
}

export interface LbfgsResult {
  /** f at the final point (the point itself is left in the caller's `x`). */
  value: number;
  iterations: number;
  gradientNorm: number;
}

export class Lbfgs {
  private readonly gradient: Float64Array;
  private readonly previousX: Float64Array;
  private readonly previousGradient: Float64Array;
  private readonly direction: Float64Array;
  /** Ring buffers of HISTORY_SIZE rows × dimension. */
  private readonly sHistory: Float64Array;
  private readonly yHistory: Float64Array;
  private readonly rhoHistory = new Float64Array(HISTORY_SIZE);
  private readonly twoLoopAlpha = new Float64Array(HISTORY_SIZE);
  private readonly lineSearch: ZoomLineSearch;

  constructor(private readonly dimension: number, private readonly options: LbfgsOptions) {
    this.gradient = new Float64Array(dimension);
    this.previousX = new Float64Array(dimension);
    this.previousGradient = new Float64Array(dimension);
    this.direction = new Float64Array(dimension);
    this.sHistory = new Float64Array(HISTORY_SIZE * dimension);
    this.yHistory = new Float64Array(HISTORY_SIZE * dimension);
    this.lineSearch = new ZoomLineSearch(dimension, { maxSteps: MAX_LINE_SEARCH_STEPS, maxStepsize: MAX_STEPSIZE });
  }

  /** Minimises f from the point in `x`, which holds the final point on return. */
  minimize(f: ValueAndGradient, x: Float64Array): LbfgsResult {
    const d = this.dimension;
    const { gradient, previousX, previousGradient, direction, sHistory, yHistory, rhoHistory } = this;
    sHistory.fill(0);
    yHistory.fill(0);
    rhoHistory.fill(0);
    let gamma = 1;
    let stepsize = MAX_STEPSIZE;
    let value = f(x, gradient);
    let gradientNorm = Infinity;
    let iteration = 0;
    while (iteration < this.options.maxIterations && gradientNorm > this.options.tolerance) {
      const slot = iteration % HISTORY_SIZE;
      this.descentDirection(slot, gamma);
      previousX.set(x);
      previousGradient.set(gradient);
      const initialStep = stepsize <= MIN_STEPSIZE ? MAX_STEPSIZE : Math.min(stepsize * STEPSIZE_GROWTH, MAX_STEPSIZE);
      const result = this.lineSearch.search(f, x, value, gradient, direction, initialStep);
      stepsize = result.stepsize;
      value = result.value;

      const row = slot * d;
      let sy = 0;
      let yy = 0;
      for (let i = 0; i < d; i++) {
        const s = x[i] - previousX[i];
        const y = gradient[i] - previousGradient[i];
        sHistory[row + i] = s;
        yHistory[row + i] = y;
        sy += s * y;
        yy += y * y;
      }
      rhoHistory[slot] = sy === 0 ? 0 : 1 / sy;
      gamma = yy > 0 ? sy / yy : 1;
      gradientNorm = Math.sqrt(dot(gradient, gradient, d));
      iteration++;
    }
    return { value, iterations: iteration, gradientNorm };
  }

  /**
   * direction = −H·∇f by the two-loop recursion over the ring, oldest pair at `oldest`. Unwritten
   * slots have ρ = 0 and so drop out, which is how jaxopt treats its zero-initialised history.
   */
  private descentDirection(oldest: number, gamma: number): void {
    const d = this.dimension;
    const { direction, gradient, sHistory, yHistory, rhoHistory, twoLoopAlpha } = this;
    for (let i = 0; i < d; i++) direction[i] = -gradient[i];
    for (let j = HISTORY_SIZE - 1; j >= 0; j--) {
      const slot = (oldest + j) % HISTORY_SIZE;
      const row = slot * d;
      let sq = 0;
      for (let i = 0; i < d; i++) sq += sHistory[row + i] * direction[i];
      const a = rhoHistory[slot] * sq;
      twoLoopAlpha[slot] = a;
      for (let i = 0; i < d; i++) direction[i] -= a * yHistory[row + i];
    }
    for (let i = 0; i < d; i++) direction[i] *= gamma;
    for (let j = 0; j < HISTORY_SIZE; j++) {
      const slot = (oldest + j) % HISTORY_SIZE;
      const row = slot * d;
      let yr = 0;
      for (let i = 0; i < d; i++) yr += yHistory[row + i] * direction[i];
      const b = rhoHistory[slot] * yr;
      for (let i = 0; i < d; i++) direction[i] += (twoLoopAlpha[slot] - b) * sHistory[row + i];
    }
  }
}
