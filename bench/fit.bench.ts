/**
 * How long ADO's refit takes at the paper's scale, and how good each fit strategy's answer is.
 *
 *   npm run bench:fit                      # full grid timed on 1 domain, extrapolated to 22
 *   npm run bench:fit -- --full-domains 3  # more domains for the full grid and the exhaustive run
 *   npm run bench:fit -- --full-domains 0  # fast refit and per-step overhead only
 *
 * A simulated 60,000-step run over the Pile's 22 domains (batch 256, natural mixture) gives each
 * domain ~5,900 fit points (ignoreSteps 1000, subsample 10, Savitzky–Golay 101/3). Reported:
 *   - one "fast" refit of all 22 domains (smoothing included), wall and CPU time;
 *   - the reference "full" grid (512 L-BFGS starts) on the first domains, extrapolated to 22;
 *   - the objective each reaches there, against an exhaustive float64 search: the proximal Newton
 *     solver run to convergence from all 512 grid starts and from the full grid's answer;
 *   - the per-step cost of observe() on steps without a refit;
 *   - one plan of the final-loss objective (objective "final") on the fitted laws, halfway through the run.
 * Timings on a shared machine are noisy; CPU time is the steadier figure.
 */
import { cpus } from 'node:os';
import { resolveConfig } from '../shared/config';
import { AdoPolicy } from '../daemon/mixture/ado';
import { planFinalLoss } from '../daemon/mixture/final-loss-plan';
import { ScalingLawFitter, START_GRID, type FitSettings } from '../daemon/mixture/fit';
import { domainFitData, fitRows, type DomainFitData } from '../daemon/mixture/fit-data';
import { LossHistory } from '../daemon/mixture/history';
import type { ScalingLaw } from '../daemon/mixture/policy';
import { ProxNewton } from '../daemon/mixture/prox-newton';
import { SavitzkyGolay } from '../daemon/mixture/savgol';
import { ScalingLawObjective } from '../daemon/mixture/scaling-law';
import { simulateRun, type SyntheticDomain } from '../daemon/replay/synthetic-run';
import { Random } from '../daemon/util/random';
import { reportFigure } from './figures';

/** The Pile's domains with the reference's natural (DEFAULT_WEIGHTS) shares. */
const PILE: [string, number][] = [
  ['ArXiv', 0.088626], ['BookCorpus2', 0.006327], ['Books3', 0.104586], ['DM Mathematics', 0.019085],
  ['Enron Emails', 0.000998], ['EuroParl', 0.008073], ['FreeLaw', 0.044939], ['Github', 0.122678],
  ['Gutenberg (PG-19)', 0.019541], ['HackerNews', 0.004731], ['NIH ExPorter', 0.001869], ['OpenSubtitles', 0.015836],
  ['OpenWebText2', 0.109607], ['PhilPapers', 0.002673], ['Pile-CC', 0.182498], ['PubMed Abstracts', 0.022128],
  ['PubMed Central', 0.121486], ['StackExchange', 0.049108], ['USPTO Backgrounds', 0.026166], ['Ubuntu IRC', 0.00485],
  ['Wikipedia (en)', 0.040167], ['YoutubeSubtitles', 0.004027],
];
const STEPS = 60_000;
const BATCH = 256;
const SETTINGS = resolveConfig({ version: 1, name: 'bench', data: { domains: [{ name: 'x', path: 'x' }] } }).mixture.ado;
const PAPER_FIT: Omit<FitSettings, 'starts'> = { huberDelta: SETTINGS.huberDelta, ...SETTINGS.bounds, maxIterations: 200, tolerance: 1e-5 };
/** Evaluations allowed to each exhaustive solve: far more than the fast strategy's, so each start converges. */
const EXHAUSTIVE_EVALUATIONS = 1000;

function main(): void {
  const fullDomains = Number(argument('--full-domains') ?? 1);
  const random = new Random(2025);
  const domains: SyntheticDomain[] = PILE.map(([name]) => ({
    name,
    law: { logBeta: 1.5 + 3 * random.next(), logEps: 0.4 + 0.8 * random.next(), alpha: 0.1 + 0.4 * random.next() },
    noise: 0.25 + 0.3 * random.next(),
  }));
  const prior = PILE.map(([, share]) => share);
  console.log(`ADO refit benchmark: ${domains.length} domains, ${STEPS.toLocaleString('en')} steps, batch ${BATCH}; node ${process.version}, ${cpus().length} CPUs (${cpus()[0]?.model ?? 'unknown'})`);

  const { value: history, seconds: simulated } = timed(() => {
    const h = new LossHistory(domains.length, true);
    for (const step of simulateRun({ domains, steps: STEPS, batchSize: BATCH, tokensPerSample: 1024, annealDrop: 0.1, seed: 7 }, () => prior)) h.append(step.counts, step.losses);
    return h;
  });
  const rows = fitRows(history.length, SETTINGS.ignoreSteps, SETTINGS.subsample);
  console.log(`  history simulated in ${simulated.wall.toFixed(1)} s; ${rows.length.toLocaleString('en')} fit points per domain`);

  const smoother = new SavitzkyGolay(SETTINGS.savgolWindow, SETTINGS.savgolOrder);
  const fast = new ScalingLawFitter({ ...PAPER_FIT, starts: 'fast' });
  const fastRefit = () =>
    domains.map((_, k) => {
      const data = domainFitData(history, k, rows, smoother, 1024);
      return { data, result: fast.fit(data) };
    });
  // The first refit of a process also pays for compiling the hot loops; the later ones do not.
  for (const which of ['first', 'later']) {
    const { seconds } = timed(fastRefit);
    console.log(`  fast refit, all ${domains.length} domains (smoothing included), ${which} in the process: ${seconds.wall.toFixed(2)} s wall, ${seconds.cpu.toFixed(2)} s CPU`);
    if (which === 'later') reportFigure('fit', `ADO refit ("fast"), ${domains.length} domains × ${rows.length.toLocaleString('en')} points`, `${seconds.wall.toFixed(2)} s`);
  }
  const fastFits = fastRefit();

  const full = new ScalingLawFitter({ ...PAPER_FIT, starts: 'full' });
  let fullCpu = 0;
  let fullWall = 0;
  for (let k = 0; k < fullDomains; k++) {
    const { data, result } = fastFits[k];
    const { value: reference, seconds } = timed(() => full.fit(data));
    fullCpu += seconds.cpu;
    fullWall += seconds.wall;
    const exhaustive = exhaustiveObjective(data, reference.law);
    console.log(
      `  ${domains[k].name}: full grid ${seconds.wall.toFixed(0)} s wall (${seconds.cpu.toFixed(0)} s CPU); objective fast ${result.objective.toFixed(10)}, full ${reference.objective.toFixed(10)}, exhaustive ${exhaustive.toFixed(10)}`,
    );
  }
  if (fullDomains > 0) {
    const scale = domains.length / fullDomains;
    console.log(`  full refit (512 starts × 200 L-BFGS iterations), extrapolated to ${domains.length} domains: ≈ ${(fullWall * scale).toFixed(0)} s wall, ${(fullCpu * scale).toFixed(0)} s CPU`);
    reportFigure('fit', `ADO refit ("full", 512 starts), extrapolated to ${domains.length} domains`, `${(fullWall * scale).toFixed(0)} s`);
  }

  const planMicroseconds = finalLossPlanTime(fastFits.map(({ result }) => result.law), prior);
  console.log(`  final-loss plan (objective "final"), ${domains.length} domains, halfway through the run: ${planMicroseconds.toFixed(0)} µs`);
  reportFigure('fit', `final-loss plan (objective "final"), ${domains.length} domains`, `${planMicroseconds.toFixed(0)} µs`);

  const perStep = observeOverhead(domains, prior);
  console.log(`  observe() without a refit (${domains.length} domains, ADO active): ${perStep.toFixed(1)} µs per step`);
  reportFigure('fit', `policy observe() between refits, ${domains.length} domains`, `${perStep.toFixed(1)} µs/step`);
}

/** The lowest objective found by the proximal Newton solver run to convergence from every grid start and from `also`. */
function exhaustiveObjective(points: DomainFitData, also: { logBeta: number; logEps: number; alpha: number }): number {
  const objective = new ScalingLawObjective(points, PAPER_FIT);
  const solver = new ProxNewton();
  const theta = new Float64Array(3);
  let best = Infinity;
  for (const start of [...START_GRID, [also.logBeta, also.logEps, also.alpha]]) {
    theta.set(start);
    best = Math.min(best, solver.minimize(objective, theta, EXHAUSTIVE_EVALUATIONS).value);
  }
  return best;
}

/** Median time of one plan over the rest of a 60,000-step run from its halfway point, each domain at its natural share. */
function finalLossPlanTime(laws: ScalingLaw[], prior: number[]): number {
  const half = (STEPS / 2) * BATCH;
  const problem = {
    laws,
    samplesSeen: prior.map((share) => share * half),
    remaining: half,
    targets: prior.map(() => 1 / prior.length),
    lo: prior.map(() => SETTINGS.deltaMin),
    hi: prior.map(() => 1),
  };
  const samples: number[] = [];
  for (let i = 0; i < 201; i++) {
    const started = performance.now();
    planFinalLoss(problem);
    samples.push((performance.now() - started) * 1000);
  }
  return samples.sort((a, b) => a - b)[100];
}

/** Mean time of observe() over the steps of a 10,000-step run at which no refit happened, once ADO is active. */
function observeOverhead(domains: SyntheticDomain[], prior: number[]): number {
  const policy = new AdoPolicy(domains.map((d) => d.name), Float64Array.from(prior), SETTINGS, 1024);
  let elapsed = 0;
  let counted = 0;
  for (const step of simulateRun({ domains, steps: 10_000, batchSize: BATCH, tokensPerSample: 1024, annealDrop: 0.1, seed: 8 }, () => policy.current())) {
    const start = process.hrtime.bigint();
    const result = policy.observe(step);
    const spent = Number(process.hrtime.bigint() - start) / 1e3;
    if (!result.refit && result.preference) {
      elapsed += spent;
      counted++;
    }
  }
  return elapsed / counted;
}

function timed<T>(run: () => T): { value: T; seconds: { wall: number; cpu: number } } {
  const cpu = process.cpuUsage();
  const wall = performance.now();
  const value = run();
  const used = process.cpuUsage(cpu);
  return { value, seconds: { wall: (performance.now() - wall) / 1e3, cpu: (used.user + used.system) / 1e6 } };
}

function argument(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

main();
