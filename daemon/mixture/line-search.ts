/**
 * The strong-Wolfe "zoom" line search of jaxopt 0.8.3 (`ZoomLineSearch`, Nocedal & Wright
 * Algorithms 3.5–3.6 with Hager–Zhang's approximate-Wolfe fallback), as L-BFGS calls it: the
 * reference's fits stop and fail exactly where this search does, so its decisions are kept,
 * including what it returns when it fails (the largest step with sufficient decrease, else the last
 * step tried).
 *
 * One instance owns its scratch buffers and is reused across searches (no allocation per call).
 */
import type { ValueAndGradient } from './scaling-law';

/** jaxopt's defaults. */
const ARMIJO_C1 = 1e-4;
const CURVATURE_C2 = 0.9;
const APPROX_WOLFE_C3 = 1e-6;
const CUBIC_MARGIN = 0.2;
const QUADRATIC_MARGIN = 0.1;
const MIN_INTERVAL = 1e-6;
const INTERVAL_GROWTH = 2;

export interface LineSearchOptions {
  /** Evaluations before the search gives up (jaxopt's maxls). */
  maxSteps: number;
  /** Largest step tried (L-BFGS passes its max_stepsize, 1.0). */
  maxStepsize: number;
}

/** One end of the bracketing interval: a step size with its objective value and directional slope. */
interface Probe {
  step: number;
  value: number;
  slope: number;
}

export interface LineSearchResult {
  stepsize: number;
  /** The objective at the accepted point (written into the caller's `x` and `gradient`). */
  value: number;
}

export class ZoomLineSearch {
  private readonly trial: Float64Array;
  private readonly trialGradient: Float64Array;

  constructor(private readonly dimension: number, private readonly options: LineSearchOptions) {
    this.trial = new Float64Array(dimension);
    this.trialGradient = new Float64Array(dimension);
  }

  /**
   * Searches along `direction` from `x` (objective `value`, gradient `gradient`) starting with
   * `initialStep`. On return `x` and `gradient` hold the accepted point; when the search found
   * nothing acceptable they are unchanged (step 0), as jaxopt leaves them.
   */
  search(f: ValueAndGradient, x: Float64Array, value: number, gradient: Float64Array, direction: Float64Array, initialStep: number): LineSearchResult {
    const { maxSteps, maxStepsize } = this.options;
    const slope0 = dot(gradient, direction, this.dimension);
    const decreaseError = (step: number, v: number, slope: number): number => {
      const armijo = v - value - ARMIJO_C1 * step * slope0;
      const approximate = Math.max(slope - (2 * ARMIJO_C1 - 1) * slope0, v - value - APPROX_WOLFE_C3 * Math.abs(value));
      return nanToInfinity(Math.max(Math.min(approximate, armijo), 0));
    };
    const curvatureError = (slope: number): number => nanToInfinity(Math.max(Math.abs(slope) - CURVATURE_C2 * Math.abs(slope0), 0));

    let previous: Probe = { step: 0, value, slope: slope0 };
    let low: Probe = previous;
    let high: Probe = previous;
    let cubicReference: Probe = previous;
    let intervalFound = false;
    let safeStep = 0;
    let lastStep = initialStep;
    let lastDecreaseError = Infinity;

    for (let iteration = 0; iteration < maxSteps; iteration++) {
      let step: number;
      if (!intervalFound) {
        step = Math.min(iteration === 0 ? initialStep : INTERVAL_GROWTH * previous.step, maxStepsize);
      } else {
        step = this.interpolate(low, high, cubicReference);
      }
      const probe = this.probe(f, x, direction, step);
      const decrease = decreaseError(step, probe.value, probe.slope);
      const done = Math.max(decrease, curvatureError(probe.slope)) <= 0;
      lastStep = step;
      lastDecreaseError = decrease;
      if (!intervalFound) {
        if (decrease <= 0) safeStep = step;
        const highIsNew = decrease > 0 || (probe.value >= previous.value && iteration > 0);
        const lowIsNew = probe.slope >= 0 && !highIsNew;
        [low, high] = lowIsNew ? [probe, previous] : [previous, probe];
        cubicReference = low;
        intervalFound = highIsNew || lowIsNew || done;
        if (done || (step >= maxStepsize && !intervalFound)) return this.accept(x, gradient, step, probe.value);
        previous = probe;
      } else {
        const tooSmall = Math.abs(high.step - low.step) <= MIN_INTERVAL;
        if (decrease <= 0) safeStep = Math.max(step, safeStep);
        if (done) return this.accept(x, gradient, step, probe.value);
        const highToProbe = decrease > 0 || probe.value >= low.value;
        const highToLow = !highToProbe && probe.slope * (high.step - low.step) >= 0;
        cubicReference = highToProbe || highToLow ? high : low;
        if (highToProbe) high = probe;
        else {
          if (highToLow) high = low;
          low = probe;
        }
        if (tooSmall && safeStep > 0) break;
      }
    }
    // Failed: fall back to the largest step with sufficient decrease; without one, take the last step
    // tried unless its objective was not even finite.
    const fallback = safeStep > 0 || lastDecreaseError === Infinity ? safeStep : lastStep;
    const fallbackValue = this.probe(f, x, direction, fallback).value;
    return this.accept(x, gradient, fallback, fallbackValue);
  }

  /** Evaluates x + step·direction into the trial buffers. */
  private probe(f: ValueAndGradient, x: Float64Array, direction: Float64Array, step: number): Probe {
    for (let i = 0; i < this.dimension; i++) this.trial[i] = x[i] + step * direction[i];
    const value = f(this.trial, this.trialGradient);
    return { step, value, slope: dot(this.trialGradient, direction, this.dimension) };
  }

  /** Moves the caller's point to the last probe. */
  private accept(x: Float64Array, gradient: Float64Array, stepsize: number, value: number): LineSearchResult {
    x.set(this.trial);
    gradient.set(this.trialGradient);
    return { stepsize, value };
  }

  /** jaxopt's choice inside [low, high]: cubic, else quadratic, else bisection. */
  private interpolate(low: Probe, high: Probe, reference: Probe): number {
    const width = Math.abs(high.step - low.step);
    const left = Math.min(low.step, high.step);
    const right = Math.max(low.step, high.step);
    const cubic = cubicMinimizer(low, high, reference);
    if (cubic > left + CUBIC_MARGIN * width && cubic < right - CUBIC_MARGIN * width) return cubic;
    const quadratic = quadraticMinimizer(low, high);
    if (quadratic > left + QUADRATIC_MARGIN * width && quadratic < right - QUADRATIC_MARGIN * width) return quadratic;
    return (low.step + high.step) / 2;
  }
}

/** Critical point of the cubic through a (value and slope), b and c; NaN when it has none. */
function cubicMinimizer(a: Probe, b: Probe, c: Probe): number {
  const db = b.step - a.step;
  const dc = c.step - a.step;
  const denominator = (db * dc) ** 2 * (db - dc);
  const rb = b.value - a.value - a.slope * db;
  const rc = c.value - a.value - a.slope * dc;
  const cubicTerm = (dc * dc * rb - db * db * rc) / denominator;
  const squareTerm = (-(dc ** 3) * rb + db ** 3 * rc) / denominator;
  const radical = squareTerm * squareTerm - 3 * cubicTerm * a.slope;
  return a.step + (-squareTerm + Math.sqrt(radical)) / (3 * cubicTerm);
}

/** Critical point of the quadratic through a (value and slope) and b. */
function quadraticMinimizer(a: Probe, b: Probe): number {
  const db = b.step - a.step;
  const curvature = (b.value - a.value - a.slope * db) / (db * db);
  return a.step - a.slope / (2 * curvature);
}

function nanToInfinity(x: number): number {
  return Number.isNaN(x) ? Infinity : x;
}

export function dot(u: Float64Array, v: Float64Array, length: number): number {
  let sum = 0;
  for (let i = 0; i < length; i++) sum += u[i] * v[i];
  return sum;
}
