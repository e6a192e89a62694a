/**
 * Rules the schema cannot express. Each one reads the resolved config (defaults filled) and
 * points at the text that causes it.
 */
import { findNodeAtLocation, type Node } from 'jsonc-parser';
import { plannedRefits, fitPointCount } from '../ado-schedule';
import { capBounds, capsInfeasibility } from '../weight-caps';
import { formatJsonPath, type ConfigDiagnostic, type DiagnosticCode, type JsonPath, type Severity } from './diagnostics';
import type { ResolvedRunConfig } from './resolve';
import { closestMatch } from './suggest';
import type { TextPositions } from './text-positions';

/** Where a rule reports: the nearest node that exists along the path (defaults have no text). */
export type Report = (severity: Severity, code: DiagnosticCode, path: JsonPath, message: string, extra?: { suggestion?: string; onKey?: boolean }) => void;

/** A Report that places each diagnostic on the config's text and adds it to `diagnostics`. */
export function reporter(root: Node, text: TextPositions, diagnostics: ConfigDiagnostic[]): Report {
  return (severity, code, path, message, extra = {}) => {
    let node: Node | undefined;
    for (let n = path.length; n >= 0 && !node; n--) node = findNodeAtLocation(root, path.slice(0, n));
    const target = extra.onKey && node?.parent?.type === 'property' ? node.parent.children![0] : node ?? root;
    diagnostics.push({ severity, code, path: formatJsonPath(path), message, range: text.nodeRange(target), suggestion: extra.suggestion });
  };
}

/** A rule a caller adds to these, placed the same way: the daemon's data roots, which need its file system. */
export type ConfigRule = (config: ResolvedRunConfig, report: Report) => void;

export function semanticDiagnostics(config: ResolvedRunConfig, root: Node, text: TextPositions, extraRules: readonly ConfigRule[] = []): ConfigDiagnostic[] {
  const diagnostics: ConfigDiagnostic[] = [];
  const report = reporter(root, text, diagnostics);
  const domains = domainNames(config);
  checkDataSource(config, report);
  checkDomainNames(config, report);
  checkWeights(config, domains, report);
  checkCapsAndEpochs(config, domains, report);
  checkModel(config, report);
  checkTraining(config, report);
  if (config.mixture.policy === 'ado') checkAdo(config, domains, report);
  for (const rule of extraRules) rule(config, report);
  return diagnostics;
}

/** Domain names the config itself fixes (from `data.domains`, or `data.source.domains`). */
export function domainNames(config: ResolvedRunConfig): string[] | undefined {
  return config.data.domains?.map((d) => d.name) ?? config.data.source?.domains;
}

function checkDataSource(c: ResolvedRunConfig, report: Report) {
  if (c.data.domains && c.data.source) {
    report('error', 'data-source', ['data', 'source'], 'give either "data.domains" or "data.source", not both', { onKey: true });
  } else if (!c.data.domains && !c.data.source) {
    report('error', 'data-source', ['data'], 'no data: add "domains" (one file or folder per domain) or "source" (Pile-style JSONL)', {
      suggestion: 'domains',
      onKey: true,
    });
  }
}

function checkDomainNames(c: ResolvedRunConfig, report: Report) {
  const lists: [JsonPath, string[]][] = [];
  if (c.data.domains) lists.push([['data', 'domains'], c.data.domains.map((d) => d.name)]);
  if (c.data.source?.domains) lists.push([['data', 'source', 'domains'], c.data.source.domains]);
  for (const [base, names] of lists) {
    const firstIndex = new Map<string, number>();
    names.forEach((name, i) => {
      const first = firstIndex.get(name);
      if (first === undefined) firstIndex.set(name, i);
      else {
        const path = base[base.length - 1] === 'domains' && base.length === 2 ? [...base, i, 'name'] : [...base, i];
        report('error', 'duplicate-domain', path, `domain "${name}" is listed twice (first at index ${first}); domain names must be unique`);
      }
    });
  }
}

function checkWeights(c: ResolvedRunConfig, domains: string[] | undefined, report: Report) {
  const maps: [JsonPath, Record<string, number>, string][] = [];
  if (typeof c.mixture.prior === 'object') maps.push([['mixture', 'prior'], c.mixture.prior, 'prior']);
  if (c.mixture.fixed?.weights) maps.push([['mixture', 'fixed', 'weights'], c.mixture.fixed.weights, 'fixed weight']);
  if (typeof c.mixture.ado.targetWeights === 'object') maps.push([['mixture', 'ado', 'targetWeights'], c.mixture.ado.targetWeights, 'target weight']);
  for (const [path, weights, what] of maps) {
    for (const [name, w] of Object.entries(weights)) {
      if (domains && !domains.includes(name)) {
        const suggestion = closestMatch(name, domains);
        report('error', 'unknown-domain', [...path, name],
          `${what} names unknown domain "${name}"${suggestion ? `; did you mean "${suggestion}"?` : `; known domains: ${domains.join(', ')}`}`,
          { suggestion, onKey: true });
      }
      if (what === 'prior' && !(w > 0)) {
        report('error', 'prior-not-positive', [...path, name], `prior weight of "${name}" must be positive (ADO multiplies by it), got ${w}`);
      }
    }
    if (domains && what !== 'target weight') {
      const missing = domains.filter((d) => !(d in weights));
      if (missing.length > 0) {
        report(what === 'prior' ? 'error' : 'warning', 'unknown-domain', path,
          `${what === 'prior' ? 'the prior gives' : 'the fixed weights give'} no weight for ${missing.map((m) => `"${m}"`).join(', ')}${what === 'prior' ? '; every domain needs a positive prior weight' : '; those domains are never sampled'}`);
      }
    }
    const total = Object.values(weights).reduce((a, b) => a + b, 0);
    if (total > 0 && Math.abs(total - 1) > 1e-6) {
      report('info', 'prior-not-normalised', path, `${what}s sum to ${+total.toPrecision(6)}; they will be normalised to sum to 1`);
    }
  }
  const fixed = c.mixture.fixed;
  if (c.mixture.policy === 'fixed' && (!fixed || (fixed.weights === undefined) === (fixed.file === undefined))) {
    report('error', 'fixed-weights', ['mixture', 'fixed'], 'the "fixed" policy needs "mixture.fixed" with exactly one of "weights" or "file"', {
      suggestion: 'fixed',
      onKey: true,
    });
  }
}

function checkCapsAndEpochs(c: ResolvedRunConfig, domains: string[] | undefined, report: Report) {
  const keyed: [JsonPath, Record<string, unknown>, string][] = [];
  if (c.mixture.caps) keyed.push([['mixture', 'caps'], c.mixture.caps, 'cap']);
  if (typeof c.mixture.maxEpochs === 'object') keyed.push([['mixture', 'maxEpochs'], c.mixture.maxEpochs, 'maxEpochs entry']);
  for (const [path, entries, what] of keyed) {
    for (const name of Object.keys(entries)) {
      if (domains && !domains.includes(name)) {
        const suggestion = closestMatch(name, domains);
        report('error', 'unknown-domain', [...path, name],
          `${what} names unknown domain "${name}"${suggestion ? `; did you mean "${suggestion}"?` : `; known domains: ${domains.join(', ')}`}`,
          { suggestion, onKey: true });
      }
    }
  }
  if (c.mixture.caps && domains) {
    const reason = capsInfeasibility(capBounds(domains, c.mixture.caps), domains);
    if (reason) report('error', 'caps-infeasible', ['mixture', 'caps'], `no distribution satisfies these caps: ${reason}; they need Σmin ≤ 1 ≤ Σmax`, { onKey: true });
  }
}

function checkModel(c: ResolvedRunConfig, report: Report) {
  if (c.model.dModel % c.model.heads !== 0) {
    report('error', 'model-shape', ['model', 'heads'], `heads (${c.model.heads}) must divide dModel (${c.model.dModel})`);
  }
}

function checkTraining(c: ResolvedRunConfig, report: Report) {
  const t = c.training;
  if (t.minLearningRate > t.learningRate) {
    report('error', 'learning-rate', ['training', 'minLearningRate'], `minLearningRate (${t.minLearningRate}) is above learningRate (${t.learningRate})`);
  }
  if (t.warmupSteps >= t.steps) {
    report('warning', 'schedule', ['training', 'warmupSteps'], `warmupSteps (${t.warmupSteps}) is not below steps (${t.steps}); the learning rate never decays`);
  }
}

function checkAdo(c: ResolvedRunConfig, domains: string[] | undefined, report: Report) {
  const a = c.mixture.ado;
  const steps = c.training.steps;
  const at = (key: string): JsonPath => ['mixture', 'ado', key];
  if (domains && domains.length * a.deltaMin > 1) {
    report('error', 'delta-min-too-large', at('deltaMin'),
      `K × deltaMin = ${domains.length} × ${a.deltaMin} = ${+(domains.length * a.deltaMin).toPrecision(4)} exceeds 1; use deltaMin ≤ ${+(1 / domains.length).toPrecision(4)}`);
  }
  if (a.objective === 'final' && a.sameStepSize) {
    report('error', 'objective', at('sameStepSize'),
      'the "final" objective plans how many samples each domain gets, so each domain\'s law must count its own samples: remove sameStepSize or set it to false');
  }
  if (a.savgolWindow % 2 === 0) report('error', 'savgol', at('savgolWindow'), `savgolWindow must be odd, got ${a.savgolWindow}`);
  if (a.savgolWindow <= a.savgolOrder) {
    report('error', 'savgol', at('savgolWindow'), `savgolWindow (${a.savgolWindow}) must be greater than savgolOrder (${a.savgolOrder})`);
  }
  for (const key of ['startStep', 'ignoreSteps'] as const) {
    if (a[key] >= steps) report('error', 'schedule', at(key), `${key} (${a[key]}) must be below training.steps (${steps}); ADO would never adapt`);
  }
  if (a.updateInterval > steps) {
    report('error', 'schedule', at('updateInterval'), `updateInterval (${a.updateInterval}) exceeds training.steps (${steps}); ADO would never refit`);
  }
  if (a.savgolWindow > steps) {
    report('error', 'schedule', at('savgolWindow'), `savgolWindow (${a.savgolWindow}) exceeds training.steps (${steps}); the loss history is never long enough to smooth`);
  }
  const refits = plannedRefits(a, steps);
  if (refits.length > 0) {
    const points = fitPointCount(a, refits[0]);
    if (points < 10) {
      report('warning', 'few-fit-points', at('ignoreSteps'),
        `the first refit (step ${refits[0]}) fits each scaling law on ${points} point${points === 1 ? '' : 's'}; fewer than 10 makes it arbitrary (the paper's own config fits its first law on a single point). Lower ignoreSteps or raise startStep`);
    }
  }
  if (refits.length < 3 && a.startStep < steps && a.ignoreSteps < steps && a.updateInterval <= steps) {
    report('warning', 'few-refits', at('updateInterval'),
      `ADO refits only ${refits.length} time${refits.length === 1 ? '' : 's'} in ${steps} steps; the paper's timings assume 60,000 steps. Set "schedule": "auto" to scale them to this run (the schedule fields you give explicitly still win)`);
  }
  if (c.data.tokenizer === 'byte' && a.bounds.minLogEps >= 0.5) {
    report('warning', 'byte-eps-floor', ['mixture', 'ado', 'bounds', 'minLogEps'],
      `with the byte tokenizer, losses can fall below e^${a.bounds.minLogEps} ≈ ${Math.exp(a.bounds.minLogEps).toFixed(2)} nats, where this ε floor distorts every fit; set mixture.ado.bounds.minLogEps lower (e.g. -1)`);
  }
}
