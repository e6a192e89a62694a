/**
 * Fills every default from the schema, so that code downstream of validation never has to
 * repeat a default value. The defaults live only in schema.ts.
 */
import { Type } from '@sinclair/typebox';
import Ajv from 'ajv';
import { autoSchedule } from '../ado-schedule';
import {
  AdoConfig as AdoConfigSchema,
  RunConfig,
  TrainingConfig as TrainingConfigSchema,
  type AdoConfig,
  type DataConfig,
  type FixedConfig,
  type PileSource,
  type ModelConfig,
  type OdmConfig,
  type TrainingConfig,
  type PolicyName,
  type TextSamples,
  type WeightCap,
} from './schema';
import { ANNOTATION_KEYWORDS } from './annotations';

type Filled<T> = { [K in keyof T]-?: Exclude<T[K], undefined> };

export interface ResolvedAdoConfig extends Filled<Omit<AdoConfig, 'tokensPerSample' | 'bounds' | 'fit'>> {
  tokensPerSample?: number;
  bounds: Filled<NonNullable<AdoConfig['bounds']>>;
  fit: Filled<NonNullable<AdoConfig['fit']>>;
}

export interface ResolvedRunConfig {
  version: number;
  name: string;
  seed: number;
  data: Filled<Pick<DataConfig, 'tokenizer' | 'contextLength' | 'validationFraction' | 'malformedLines'>> &
    Pick<DataConfig, 'domains'> & { source?: Filled<Omit<PileSource, 'domains'>> & Pick<PileSource, 'domains'> };
  model: Filled<ModelConfig>;
  training: Filled<Omit<TrainingConfig, 'samples'>> & { samples?: Filled<TextSamples> };
  mixture: {
    policy: PolicyName;
    prior: NonNullable<NonNullable<RunConfig['mixture']>['prior']>;
    ado: ResolvedAdoConfig;
    odm: Filled<OdmConfig>;
    fixed?: FixedConfig;
    caps?: Record<string, WeightCap>;
    maxEpochs?: number | Record<string, number>;
    onExhausted: 'warn' | 'cap';
  };
}

const ajvWithDefaults = new Ajv({ useDefaults: 'empty', strict: true, keywords: [...ANNOTATION_KEYWORDS] });
const applyDefaults = ajvWithDefaults.compile(RunConfig);
// Ajv applies defaults only below the root, so the ADO settings are resolved inside a wrapper.
const applyAdoDefaults = ajvWithDefaults.compile(Type.Object({ ado: AdoConfigSchema }));

/** A deep copy of a config (already known to be valid) with every default filled in. */
export function resolveConfig(config: RunConfig): ResolvedRunConfig {
  const copy = structuredClone(config);
  copy.model ??= {};
  copy.training ??= {};
  copy.mixture ??= {};
  copy.mixture.ado ??= {};
  copy.mixture.ado.bounds ??= {};
  copy.mixture.ado.fit ??= {};
  copy.mixture.odm ??= {};
  applyAdoModes(copy.mixture.ado, copy.training.steps ?? TrainingConfigSchema.properties.steps.default);
  if (!applyDefaults(copy)) {
    throw new Error(`resolveConfig was given an invalid config: ${ajvWithDefaults.errorsText(applyDefaults.errors)}`);
  }
  return copy as unknown as ResolvedRunConfig;
}

/**
 * `mixture.ado` as written, resolved for a run of `steps` steps as resolveConfig would: for settings
 * assembled outside a config file, such as a comparison's variant, whose auto schedule must be
 * derived from what was written, not from filled defaults. Settings the schema refuses come back
 * with every default that could be filled and the rest as written: validate the config they go
 * into, which names the problem with its JSON path.
 */
export function resolveAdoConfig(ado: AdoConfig, steps: number): ResolvedAdoConfig {
  const wrapped = { ado: structuredClone(ado) };
  wrapped.ado.bounds ??= {};
  wrapped.ado.fit ??= {};
  applyAdoModes(wrapped.ado, steps);
  applyAdoDefaults(wrapped);
  return wrapped.ado as ResolvedAdoConfig;
}

/**
 * The ADO settings whose defaults depend on other settings, filled before the schema's own: the
 * auto schedule's fields, and sameStepSize under the final-loss objective. Explicit values win.
 */
function applyAdoModes(ado: AdoConfig, steps: number): void {
  if (ado.objective === 'final') ado.sameStepSize ??= false;
  if (ado.schedule !== 'auto') return;
  const paper = AdoConfigSchema.properties;
  const paperSchedule = {
    updateInterval: paper.updateInterval.default, ignoreSteps: paper.ignoreSteps.default, subsample: paper.subsample.default,
    startStep: paper.startStep.default, savgolWindow: paper.savgolWindow.default,
  };
  Object.assign(ado, autoSchedule(steps, ado, paperSchedule, ado.savgolOrder ?? paper.savgolOrder.default));
}
