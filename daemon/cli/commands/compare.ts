/**
 * `ado compare [config] --policies … --seeds N`: the same model, data, token budget and seeds
 * under each mixture policy, measured on the held-out validation splits; a table at the end and
 * `<dataDir>/compare/<name>/results.json` for `ado report`.
 */
import type { Command } from 'commander';
import { dirname, resolve } from 'node:path';
import { absolutizeConfigPaths } from '../../../shared/client/config-paths';
import { parse as parseJsonc, printParseErrorCode, type ParseError } from 'jsonc-parser';
import { formatDiagnostic, validateConfig, validateConfigValue, type AdoConfig, type ResolvedRunConfig } from '../../../shared/config';
import { describeParseError } from '../../../shared/json-syntax';
import { TextPositions } from '../../../shared/config/text-positions';
import { parseFixedWeights } from '../../../shared/mixture-files';
import { compareProgress } from '../../compare/compare-progress';
import { daemonLauncher } from '../../compare/daemon-launcher';
import { localLauncher } from '../../compare/local-launcher';
import { parseVariants, planRuns, ComparePlanError, type PolicyVariant } from '../../compare/plan';
import { CompareSetupError, prepareComparison } from '../../compare/prepare-comparison';
import type { CompareResults } from '../../compare/results-file';
import { runComparison, type RunLauncher } from '../../compare/run-comparison';
import { compareTable } from '../../compare/table';
import { defaultConfigFile } from '../../report/package-files';
import { defaultDataDir } from '../../runs/layout';
import { connectToDaemon, withConnectionOptions, type ConnectionOptions } from '../daemon-connection';
import { UserError } from '../../util/user-error';
import { readTextFile } from '../read-input';

interface CompareOptions extends ConnectionOptions {
  policies: string;
  seeds: string;
  name?: string;
  resume?: boolean;
  json?: boolean;
}

const DEFAULT_POLICIES = 'ado,ado@balanced,natural,balanced,odm';
const EXIT_INTERRUPTED = 130;

export function registerCompare(program: Command): void {
  const command = program
    .command('compare')
    .description(
      'train the same model on the same data and token budget under several mixture policies and seeds, one after another here or all at once on a daemon (--url); compare their held-out validation losses',
    )
    .argument('[config]', 'run config file (default: the embedded default corpus and model)')
    .option(
      '--policies <list>',
      'comma-separated: ado, ado@natural, ado@balanced, natural, balanced, odm, fixed:<weights file>, and ado:<settings file> (ADO with the mixture.ado settings in that JSON file, e.g. { "sameStepSize": false })',
      DEFAULT_POLICIES,
    )
    .option('--seeds <n>', 'seeds per policy (config seed, +1, …)', '2')
    .option('--name <name>', 'comparison name; results go to <data dir>/compare/<name> (default: <config name>-compare)')
    .option('--resume', 'continue a comparison of the same name: reuse its finished runs, continue interrupted ones from their last checkpoint')
    .option('--json', 'print results.json to stdout instead of the table');
  withConnectionOptions(command).action(compare);
}

async function compare(configArg: string | undefined, options: CompareOptions): Promise<void> {
  const dataDir = resolve(options.dataDir ?? defaultDataDir());
  const configFile = resolve(configArg ?? defaultConfigFile());
  const { config: baseConfig, writtenAdo } = loadBaseConfig(configFile);
  const plan = planRuns(baseConfig, variantsOf(options.policies).map(withFilesRead), seedCount(options.seeds), writtenAdo);
  for (const run of plan) checkPlannedConfig(run.config, run.variant);
  const name = comparisonName(options.name ?? `${baseConfig.name.slice(0, 56)}-compare`);
  const command = `ado ${process.argv.slice(2).join(' ')}`;
  const comparison = setUp(() => prepareComparison({ dataDir, name, configFile, baseConfig, plan, resume: options.resume ?? false, command }));

  const interrupt = new AbortController();
  const onInterrupt = () => {
    process.stderr.write('\nado: stopping after the current step at a checkpoint; --resume continues from there and keeps finished runs (Ctrl-C again to quit at once)\n');
    interrupt.abort();
    process.once('SIGINT', () => process.exit(EXIT_INTERRUPTED));
  };
  process.once('SIGINT', onInterrupt);
  const client = options.url ? await connectToDaemon(options, `ado compare ${__ADO_VERSION__}`, { reconnect: true }) : null;
  const launcher: RunLauncher = client ? await daemonLauncher(client, plan.length) : localLauncher(dataDir);
  const progress = compareProgress(plan, process.stderr);
  let results: CompareResults;
  try {
    results = await runComparison(comparison, launcher, progress, interrupt.signal);
  } finally {
    process.off('SIGINT', onInterrupt);
    progress.close();
    client?.close();
  }
  if (options.json) process.stdout.write(JSON.stringify(results, null, 2) + '\n');
  else printOutcome(results, comparison.compareDir);
  if (results.status === 'failed') throw new UserError(`the comparison stopped: ${failureOf(results)}`);
  if (results.status === 'interrupted') process.exitCode = EXIT_INTERRUPTED;
}

/** The config resolved, and its `mixture.ado` as written, which ado:<file> variants build on. */
function loadBaseConfig(file: string): { config: ResolvedRunConfig; writtenAdo: AdoConfig } {
  const text = readTextFile(file, 'config');
  const { config, diagnostics } = validateConfig(text);
  if (!config) {
    const errors = diagnostics.filter((d) => d.severity === 'error').map((d) => formatDiagnostic(file, d));
    throw new UserError(`the config has errors (check it with "ado validate ${file}"):\n${errors.join('\n')}`);
  }
  const written = parseJsonc(text, [], { allowTrailingComma: true }) as { mixture?: { ado?: AdoConfig } };
  // Absolute paths let every run (and a daemon) find the data whatever its working folder.
  return { config: absolutizeConfigPaths(config, dirname(file)) as ResolvedRunConfig, writtenAdo: written.mixture?.ado ?? {} };
}

function variantsOf(list: string): PolicyVariant[] {
  try {
    return parseVariants(list);
  } catch (error) {
    if (error instanceof ComparePlanError) throw new UserError(error.message);
    throw error;
  }
}

/**
 * fixed:<file> and ado:<file> name files relative to where the command runs; they are read now so
 * that a typo fails before hours of training.
 */
function withFilesRead(variant: PolicyVariant): PolicyVariant {
  if (variant.fixedFile) {
    const file = resolve(variant.fixedFile);
    try {
      parseFixedWeights(JSON.parse(readTextFile(file, 'fixed-weights')));
    } catch (error) {
      throw error instanceof UserError ? error : new UserError(`${file}: ${(error as Error).message}`);
    }
    return { ...variant, fixedFile: file };
  }
  if (variant.adoSettingsFile) {
    const file = resolve(variant.adoSettingsFile);
    return { ...variant, adoSettingsFile: file, adoSettings: readAdoSettings(file) };
  }
  return variant;
}

/** JSON with comments, like a config; what the settings may say is checked with the whole planned config. */
function readAdoSettings(file: string): AdoConfig {
  const text = readTextFile(file, 'ADO settings');
  const errors: ParseError[] = [];
  const value: unknown = parseJsonc(text, errors, { allowTrailingComma: true });
  if (errors.length > 0) {
    const { line, character } = new TextPositions(text).positionAt(errors[0].offset);
    throw new UserError(`${file}:${line + 1}:${character + 1}: invalid JSON, ${describeParseError(printParseErrorCode(errors[0].error))}; the file holds ADO settings, e.g. { "sameStepSize": false }`);
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) {
    throw new UserError(`${file}: expected a JSON object of ADO settings (the keys of a config's mixture.ado), e.g. { "sameStepSize": false }`);
  }
  return value as AdoConfig;
}

function seedCount(text: string): number {
  const seeds = Number(text);
  if (!Number.isInteger(seeds) || seeds < 1) throw new UserError(`--seeds must be a whole number ≥ 1, got "${text}"`);
  return seeds;
}

/** A variant's own settings can break a rule the base config passed (e.g. ADO's refit schedule), so each is checked before any trains. */
function checkPlannedConfig(config: ResolvedRunConfig, variant: PolicyVariant): void {
  const errors = validateConfigValue(config).diagnostics.filter((d) => d.severity === 'error');
  if (errors.length === 0) return;
  const where = variant.adoSettingsFile ? ` (settings from ${variant.adoSettingsFile})` : '';
  throw new UserError(`policy "${variant.label}" makes the config invalid${where}: ${errors.map((d) => `${d.path || '(root)'}: ${d.message}`).join('; ')}`);
}

/** The name becomes a folder, so it follows the rule for run names. */
function comparisonName(name: string): string {
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/.test(name)) throw new UserError(`--name "${name}": use up to 64 letters, digits, ".", "_" and "-", starting with a letter or digit`);
  return name;
}

function setUp<T>(prepare: () => T): T {
  try {
    return prepare();
  } catch (error) {
    if (error instanceof CompareSetupError) throw new UserError(error.message);
    throw error;
  }
}

function printOutcome(results: CompareResults, compareDir: string): void {
  const out = process.stdout;
  const finished = results.runs.filter((r) => r.metrics !== null).length;
  const planned = results.variants.length * results.seeds.length;
  if (results.winners) out.write(`\n${compareTable(results.summaries, results.winners, results.domains)}\n`);
  out.write(`\n${finished} of ${planned} runs finished. Results: ${compareDir}/results.json\n`);
  if (results.status === 'interrupted') out.write(`Continue with: ${results.command.replace(/ --resume\b/, '')} --resume\n`);
  if (finished > 0) out.write(`Report: ado report ${compareDir}\n`);
}

function failureOf(results: CompareResults): string {
  const failed = results.runs.find((r) => r.state === 'failed');
  return failed ? `${failed.variant} seed ${failed.seed} failed: ${failed.message ?? 'no reason given'}` : 'a run failed';
}
