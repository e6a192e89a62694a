/**
 * Fitting one domain's scaling law from many starts, keeping the lowest objective.
 *
 * "full" is the reference (ado.py:292-306): L-BFGS (jaxopt semantics) from all 512 starts of the
 * grid a ∈ {−2..5}, e ∈ {−2, −1.5, …, 1.5}, α ∈ {0, 0.1, …, 0.7}, then nanargmin of the final
 * objective. Its cost grows with points × 512 starts × up to 200 iterations × the line search's
 * evaluations, which is minutes per domain at 60,000 steps.
 *
 * "fast" reaches the same or a lower objective (test/unit/mixture/fit-fast.test.ts checks it against
 * "full" on recorded traces) at a small fraction of the cost:
 *   1. rank the 512 grid starts by the objective on every m-th point (about 64 points; the Huber
 *      sum is weighted by the stride so the penalties keep their weight relative to the data);
 *   2. from the previous fit (a warm start) and the best-ranked starts, run the proximal Newton
 *      solver (prox-newton.ts) on about 256 points; starts that end at the same point collapse;
 *   3. finish the best of those basins (and a runner-up whose objective is within a few percent,
 *      since a subset can rank two close basins wrongly) on all points, keeping the lowest.
 */
import { Lbfgs } from './lbfgs';
import type { ScalingLaw } from './policy';
import { ProxNewton } from './prox-newton';
import { lawFromVector, lawToVector, ScalingLawObjective, THETA_SIZE, type FitPoints, type ObjectiveSettings } from './scaling-law';

export type StartStrategy = 'full' | 'fast';

export interface FitSettings extends ObjectiveSettings {
  starts: StartStrategy;
  /** L-BFGS iterations per start ("full"). */
  maxIterations: number;
  /** L-BFGS gradient-norm tolerance ("full"). */
  tolerance: number;
}

export interface FitResult {
  law: ScalingLaw;
  /** The objective at `law` (NaN when every start ended at NaN). */
  objective: number;
}

/** The reference's 8×8×8 grid of (a, e, α) starts, a outermost. */
export const START_GRID: readonly (readonly [number, number, number])[] = (() => {
  const grid: [number, number, number][] = [];
  for (let ai = 0; ai < 8; ai++) for (let ei = 0; ei < 8; ei++) for (let alphai = 0; alphai < 8; alphai++) grid.push([-2 + ai, -2 + 0.5 * ei, 0.1 * alphai]);
  return grid;
})();

/** Points the grid starts are ranked on. */
const RANKING_POINTS = 64;
/** Points the best-ranked starts are solved on before the last stage uses them all. */
const COARSE_POINTS = 256;
/** Grid starts solved from, best-ranked first. */
const FAST_STARTS = 8;
/** Basins finished on all points: the best, and the runner-up if within RUNNER_UP_MARGIN of it. */
const FINISHED_BASINS = 2;
const RUNNER_UP_MARGIN = 0.05;
/**
 * Objective evaluations allowed to a coarse solve (enough to find its basin) and to a finishing
 * solve (enough to converge: most take 20–40, but a minimum pinned at the ε floor with α near 0
 * can take a few hundred steps along the valley that trades ε against β and α).
 */
const COARSE_EVALUATIONS = 60;
const FINISH_EVALUATIONS = 400;
/** Two coarse solutions closer than this (max-norm on θ) are the same basin. */
const SAME_BASIN = 1e-6;

export class ScalingLawFitter {
  private readonly lbfgs: Lbfgs;
  private readonly newton = new ProxNewton();
  private readonly point = new Float64Array(THETA_SIZE);
  private readonly scratchGradient = new Float64Array(THETA_SIZE);

  constructor(private readonly settings: FitSettings) {
    this.lbfgs = new Lbfgs(THETA_SIZE, { maxIterations: settings.maxIterations, tolerance: settings.tolerance });
  }

  /**
   * @param warmStart the domain's previous law; used by "fast" only (the reference has none).
   * @returns a NaN law and objective when there are no points: penalties alone fix no law.
   */
  fit(points: FitPoints, warmStart?: ScalingLaw): FitResult {
    if (points.logN.length === 0) return { law: { logBeta: NaN, logEps: NaN, alpha: NaN }, objective: NaN };
    return this.settings.starts === 'full' ? this.fitFull(points) : this.fitFast(points, warmStart);
  }

  private fitFull(points: FitPoints): FitResult {
    const objective = new ScalingLawObjective(points, this.settings);
    const best: FitResult = { law: lawFromVector(START_GRID[0]), objective: NaN };
    for (const start of START_GRID) {
      this.point.set(start);
      const { value } = this.lbfgs.minimize(objective.valueAndGradient, this.point);
      keepLower(best, this.point, value);
    }
    return best;
  }

  private fitFast(points: FitPoints, warmStart: ScalingLaw | undefined): FitResult {
    const ranking = subsetObjective(points, RANKING_POINTS, this.settings);
    const coarse = subsetObjective(points, COARSE_POINTS, this.settings);
    const full = new ScalingLawObjective(points, this.settings);

    const ranked = START_GRID.map((start) => ({ start, value: ranking.valueAndGradient(start, this.scratchGradient) }));
    ranked.sort((p, q) => compareObjectives(p.value, q.value));
    const starts = ranked.slice(0, FAST_STARTS).map((r) => r.start);
    if (warmStart) starts.unshift(lawToVector(warmStart));

    const basins: { theta: Float64Array; value: number }[] = [];
    for (const start of starts) {
      this.point.set(start);
      const { value } = this.newton.minimize(coarse, this.point, COARSE_EVALUATIONS);
      if (!basins.some((b) => maxDistance(b.theta, this.point) <= SAME_BASIN)) basins.push({ theta: Float64Array.from(this.point), value });
    }
    basins.sort((p, q) => compareObjectives(p.value, q.value));
    const leader = basins[0].value;
    const finalists = basins.slice(0, FINISHED_BASINS).filter((b) => b.value - leader <= RUNNER_UP_MARGIN * Math.abs(leader));

    const best: FitResult = { law: lawFromVector(basins[0].theta), objective: NaN };
    for (const basin of finalists) {
      this.point.set(basin.theta);
      keepLower(best, this.point, this.newton.minimize(full, this.point, FINISH_EVALUATIONS).value);
    }
    return best;
  }
}

/** nanargmin's rule: the first lowest non-NaN value wins. */
function keepLower(best: FitResult, theta: ArrayLike<number>, value: number): void {
  if (Number.isNaN(best.objective) ? !Number.isNaN(value) : value < best.objective) {
    best.law = lawFromVector(theta);
    best.objective = value;
  }
}

/** Ascending, NaN last. */
function compareObjectives(p: number, q: number): number {
  return (Number.isNaN(p) ? Infinity : p) - (Number.isNaN(q) ? Infinity : q) || 0;
}

/** The objective on every m-th point, m chosen to keep about `size` points, its Huber sum scaled to all points. */
function subsetObjective(points: FitPoints, size: number, settings: ObjectiveSettings): ScalingLawObjective {
  const total = points.logN.length;
  const stride = Math.max(1, Math.floor(total / size));
  const pick = (v: Float64Array) => Float64Array.from({ length: Math.ceil(total / stride) }, (_, i) => v[i * stride]);
  const subset = { logN: pick(points.logN), logLoss: pick(points.logLoss) };
  return new ScalingLawObjective(subset, settings, total / subset.logN.length);
}

function maxDistance(u: ArrayLike<number>, v: ArrayLike<number>): number {
  let d = 0;
  for (let i = 0; i < THETA_SIZE; i++) d = Math.max(d, Math.abs(u[i] - v[i]));
  return d;
}
