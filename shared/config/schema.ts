/**
 * The run config, defined once. TypeBox turns this one definition into
 *   - the TypeScript types (`RunConfig` and friends),
 *   - the JSON Schema file that VS Code's `jsonValidation` uses (written by scripts/build.mjs),
 *   - runtime validation through Ajv (see validate.ts).
 *
 * Each field carries `description`, `default`, and where the ADO paper or its code fixes a value,
 * `paper` (shown by the language server's hover). Defaults are the paper's values unless a field
 * says otherwise; `data/default/default.ado.json` scales them for small runs.
 */
import { Type, type Static, type TSchema, type SchemaOptions } from '@sinclair/typebox';

/** Annotation keys we add on top of JSON Schema. Ajv is told about them in validate.ts. */
export interface FieldDocs extends SchemaOptions {
  description: string;
  /** The value used by the ADO paper / its reference code, when there is one. */
  paper?: unknown;
}

export const CONFIG_FORMAT_VERSION = 1;

const int = (docs: FieldDocs & { minimum?: number; maximum?: number }) => Type.Integer(docs);
const num = (docs: FieldDocs & { minimum?: number; maximum?: number; exclusiveMinimum?: number; exclusiveMaximum?: number }) =>
  Type.Number(docs);
const opt = <T extends TSchema>(schema: T) => Type.Optional(schema);

export const DomainName = Type.String({
  minLength: 1,
  maxLength: 80,
  description: 'Domain name, unique within the config. Used as the key of prior weights, caps and fixed weights.',
});

export const TokenizerSpec = Type.Union(
  [
    Type.Literal('byte', { description: 'One token per UTF-8 byte (vocabulary 256).' }),
    Type.Literal('gpt2', { description: 'GPT-2 BPE (vocabulary 50257), from the gpt-tokenizer package.' }),
    Type.Object(
      { huggingface: Type.String({ minLength: 1, description: 'Path to a Hugging Face tokenizer.json, relative to the config file.' }) },
      { additionalProperties: false },
    ),
  ],
  {
    default: 'byte',
    description: 'Tokenizer: "byte", "gpt2", or { "huggingface": "path/to/tokenizer.json" }.',
    paper: 'GPT-NeoX-20B BPE (vocabulary 50304)',
  },
);

export const DomainSpec = Type.Object(
  {
    name: DomainName,
    path: Type.String({
      minLength: 1,
      description: 'A text file, a folder of text files, or a JSONL file with one document per line. Relative to the config file.',
    }),
    format: opt(
      Type.Union([Type.Literal('text'), Type.Literal('jsonl')], {
        description: '"text": the file (or every file in the folder) is raw text. "jsonl": one JSON document per line with a text field. Inferred from the extension (.jsonl, .jsonl.gz, .jsonl.zst) when absent.',
      }),
    ),
  },
  { additionalProperties: false, description: 'One data domain read from its own file or folder.' },
);

export const PileSource = Type.Object(
  {
    jsonl: Type.Union([Type.String({ minLength: 1 }), Type.Array(Type.String({ minLength: 1 }), { minItems: 1 })], {
      description: 'Pile-style JSONL file(s): one document per line, plain, .gz or .zst. Relative to the config file.',
    }),
    domainKey: opt(
      Type.String({
        default: 'meta.pile_set_name',
        description: 'Dotted path of the field that names each document\'s domain.',
        paper: 'meta.pile_set_name',
      }),
    ),
    textKey: opt(Type.String({ default: 'text', description: 'Dotted path of the field that holds the document text.' })),
    domains: opt(
      Type.Array(DomainName, {
        minItems: 1,
        description: 'Domain names to keep, in this order. When absent, every domain found in the files is used, sorted by name.',
      }),
    ),
  },
  { additionalProperties: false, description: 'Documents of every domain in shared JSONL files (the Pile layout).' },
);

export const DataConfig = Type.Object(
  {
    tokenizer: opt(TokenizerSpec),
    contextLength: opt(int({ minimum: 8, maximum: 4096, default: 128, description: 'Tokens per training sample (window length T).', paper: 1024 })),
    validationFraction: opt(
      num({ exclusiveMinimum: 0, maximum: 0.5, default: 0.02, description: 'Share of each domain\'s tokens held out (from the end of the stream) for validation.' }),
    ),
    malformedLines: opt(
      Type.Union([Type.Literal('fail'), Type.Literal('skip')], {
        default: 'fail',
        description: 'What to do with a JSONL line that does not parse or lacks the text/domain key: stop with its line number, or skip it and report the count.',
      }),
    ),
    domains: opt(Type.Array(DomainSpec, { minItems: 1, description: 'The domains, each from its own file or folder. Give either this or "source".' })),
    source: opt(PileSource),
  },
  { additionalProperties: false, description: 'Where the text comes from and how it is tokenised.' },
);

export const ModelConfig = Type.Object(
  {
    layers: opt(int({ minimum: 1, maximum: 64, default: 2, description: 'Transformer blocks.', paper: 12 })),
    heads: opt(int({ minimum: 1, maximum: 64, default: 4, description: 'Attention heads per block; must divide dModel.', paper: 12 })),
    dModel: opt(int({ minimum: 8, maximum: 8192, default: 128, description: 'Embedding width.', paper: 768 })),
    mlpRatio: opt(int({ minimum: 1, maximum: 16, default: 4, description: 'MLP hidden width as a multiple of dModel.', paper: 4 })),
  },
  { additionalProperties: false, description: 'The GPT decoder (token + learned position embeddings, pre-LN blocks, tied head).' },
);

export const Backend = Type.Union([Type.Literal('auto'), Type.Literal('tensorflow'), Type.Literal('wasm'), Type.Literal('cpu')], {
  default: 'auto',
  description: '"auto" picks tensorflow (tfjs-node-gpu, if installed) then wasm then cpu. Any other value is required: if it is unavailable the run fails instead of falling back.',
});

export const TextSamples = Type.Object(
  {
    perDomain: opt(int({ minimum: 1, maximum: 8, default: 1, description: 'Fixed prompts per domain: the start of held-out windows spread over its validation tokens (the same at every evaluation).' })),
    promptTokens: opt(int({ minimum: 1, default: 32, description: 'Prompt length in tokens (at most data.contextLength is used).' })),
    tokens: opt(int({ minimum: 1, maximum: 512, default: 64, description: 'Tokens to generate per sample. Each costs one forward pass over all prompts.' })),
    temperature: opt(num({ minimum: 0, default: 0.8, description: 'Sampling temperature (0 = greedy: always the most likely token).' })),
    topK: opt(int({ minimum: 0, default: 40, description: 'Sample among the k most likely tokens (0 = all).' })),
  },
  {
    additionalProperties: false,
    description:
      'Generate text from fixed per-domain prompts at each evaluation, shown in the dashboard. Cost per evaluation: "tokens" forward passes over the (domains × perDomain) prompts, in batches of training.batchSize, on the training thread, which waits for them: keep "tokens" small. Absent = no samples.',
  },
);

export const TrainingConfig = Type.Object(
  {
    steps: opt(int({ minimum: 1, default: 2000, description: 'Optimizer steps.', paper: 60000 })),
    batchSize: opt(int({ minimum: 1, maximum: 65536, default: 16, description: 'Samples per step (the global batch).', paper: 256 })),
    learningRate: opt(num({ exclusiveMinimum: 0, default: 1e-3, description: 'Peak learning rate.', paper: 1e-3 })),
    minLearningRate: opt(num({ minimum: 0, default: 1e-5, description: 'Learning rate at the end of the cosine decay.', paper: 1e-5 })),
    warmupSteps: opt(int({ minimum: 0, default: 100, description: 'Linear learning-rate warm-up steps.', paper: 500 })),
    weightDecay: opt(num({ minimum: 0, default: 0.1, description: 'Decoupled (AdamW) weight decay on matrices.', paper: 0.1 })),
    beta1: opt(num({ minimum: 0, exclusiveMaximum: 1, default: 0.9, description: 'Adam β1.', paper: 0.9 })),
    beta2: opt(num({ minimum: 0, exclusiveMaximum: 1, default: 0.95, description: 'Adam β2.', paper: 0.95 })),
    gradClip: opt(num({ minimum: 0, default: 1.0, description: 'Global gradient-norm clip (0 disables).', paper: 1.0 })),
    evalInterval: opt(int({ minimum: 1, default: 100, description: 'Steps between validation evaluations.', paper: 1000 })),
    evalBatches: opt(int({ minimum: 1, default: 4, description: 'Fixed held-out batches per domain at each evaluation.' })),
    checkpointInterval: opt(int({ minimum: 1, default: 500, description: 'Steps between checkpoints (a checkpoint is also written at the end).' })),
    backend: opt(Backend),
    workers: opt(int({ minimum: 1, maximum: 64, default: 1, description: 'Data-parallel training workers that average gradients each step (CPU backends).' })),
    samples: opt(TextSamples),
  },
  { additionalProperties: false, description: 'Optimisation and run schedule.' },
);

export const FitBounds = Type.Object(
  {
    minLogEps: opt(num({ default: 0.5, description: 'Soft lower bound on e = log ε (irreducible loss, nats). The paper\'s 0.5 means ε ≥ 1.65 nats; byte-level losses can fall below that, so lower it for byte tokenizers.', paper: 0.5 })),
    maxLogBeta: opt(num({ default: 6.5, description: 'Soft upper bound on a = log β.', paper: 6.5 })),
    maxAlpha: opt(num({ minimum: 0, default: 0.8, description: 'Soft upper bound on the exponent α (the lower bound is 0).', paper: 0.8 })),
  },
  { additionalProperties: false, default: {}, description: 'Soft penalties of the scaling-law fit. With Huber δ = 1e-3 they act as hard limits. They assume n counted in 1024-token samples.' },
);

export const FitOptions = Type.Object(
  {
    starts: opt(
      Type.Union([Type.Literal('full'), Type.Literal('fast')], {
        default: 'fast',
        description: '"full": all 512 grid starts, as the paper. "fast": a verified shortcut (see docs) that reaches the full grid\'s objective within 1e-5 on recorded traces.',
        paper: 'full',
      }),
    ),
    maxIterations: opt(int({ minimum: 1, default: 200, description: 'L-BFGS iterations per start.', paper: 200 })),
    tolerance: opt(num({ exclusiveMinimum: 0, default: 1e-5, description: 'L-BFGS stops when the gradient norm falls below this.', paper: 1e-5 })),
  },
  { additionalProperties: false, default: {}, description: 'How each refit searches for the scaling-law parameters.' },
);

export const WeightsByDomain = Type.Record(Type.String({ minLength: 1 }), Type.Number({ minimum: 0 }), {
  description: 'Non-negative weights keyed by domain name; normalised to sum to 1.',
});

export const AdoConfig = Type.Object(
  {
    updateInterval: opt(int({ minimum: 1, default: 1000, description: 'Refit the scaling laws every this many steps (t_update).', paper: 1000 })),
    startStep: opt(int({ minimum: 0, default: 500, description: 'Sample from the prior until this step and until the first fit exists (t_warmup).', paper: 500 })),
    ignoreSteps: opt(int({ minimum: 0, default: 1000, description: 'Fit data starts at this step (the smoother still sees earlier losses).', paper: 1000 })),
    gamma1: opt(num({ minimum: 0, maximum: 1, default: 0.1, description: 'Credit assignment: EMA weight of the newest realised batch composition (γ1).', paper: 0.1 })),
    gamma2: opt(num({ minimum: 0, maximum: 1, default: 0.1, description: 'Weight of the new preference ρ against the running average π̄ (γ2).', paper: 0.1 })),
    s: opt(num({ minimum: 0, default: 0.5, description: 'Credit exponent: λ = h^s.', paper: 0.5 })),
    deltaMin: opt(num({ minimum: 0, exclusiveMaximum: 1, default: 0.01, description: 'Floor on each domain\'s preference ρ (δ_min); K × deltaMin must be ≤ 1.', paper: 0.01 })),
    alphaFloor: opt(num({ minimum: 0, default: 0.05, description: 'Floor on α in the slope multiplier only (not inside the fitted law).', paper: 0.05 })),
    subsample: opt(int({ minimum: 1, default: 10, description: 'Fit on every this-many-th step from ignoreSteps on.', paper: 10 })),
    savgolWindow: opt(int({ minimum: 3, default: 101, description: 'Savitzky–Golay window (odd, > savgolOrder) applied to the whole loss history.', paper: 101 })),
    savgolOrder: opt(int({ minimum: 0, maximum: 10, default: 3, description: 'Savitzky–Golay polynomial order.', paper: 3 })),
    huberDelta: opt(num({ exclusiveMinimum: 0, default: 1e-3, description: 'Huber δ of the log-space fit (summed over points).', paper: 1e-3 })),
    tokensPerSample: opt(int({ minimum: 1, description: 'Tokens per sample for n\'s unit (n = samples × tokensPerSample / 1024). Defaults to data.contextLength for built-in runs and 1024 for replays and external runs.', paper: 1024 })),
    sameStepSize: opt(Type.Boolean({ default: true, description: 'Every domain\'s n advances by the whole global batch each step (the paper\'s choice; captures transfer). false counts only the domain\'s own samples.', paper: true })),
    schedule: opt(
      Type.Union([Type.Literal('paper'), Type.Literal('auto')], {
        default: 'paper',
        description: '"paper": the schedule fields as given (their defaults are the paper\'s, for 60,000-step runs). "auto": ignoreSteps, startStep, updateInterval, subsample and savgolWindow derived from training.steps (fit data from a tenth of the run, a refit every fifteenth, each first fit on ≥ 30 points: 10–13 refits for runs of about 100 to 15,000 steps, the paper\'s timings beyond). Fields given explicitly win.',
        paper: 'paper',
      }),
    ),
    objective: opt(
      Type.Union([Type.Literal('rate'), Type.Literal('final')], {
        default: 'rate',
        description: '"rate": sample by each domain\'s current rate of loss decrease, credit-weighted (the paper). "final" (beyond the paper): plan the rest of the run, choosing the shares that minimise the predicted final loss Σ t_k·L_k(n_k + x_k·N_remaining), weighted by targetWeights; smoothed by gamma2 like the paper\'s preference, without credit. It plans each domain\'s own samples, so sameStepSize defaults to false with it.',
        paper: 'rate',
      }),
    ),
    targetWeights: opt(
      Type.Union([Type.Literal('uniform'), Type.Literal('prior'), WeightsByDomain], {
        default: 'uniform',
        description: 'objective "final": how much each domain\'s final loss counts. "uniform" (the uniform-average validation loss), "prior" (μ), or weights by domain name.',
      }),
    ),
    priorFloor: opt(num({ minimum: 0, maximum: 1, default: 0, description: 'objective "final": each domain keeps at least priorFloor × μ_k of the plan (besides deltaMin and caps).' })),
    bounds: opt(FitBounds),
    fit: opt(FitOptions),
  },
  { additionalProperties: false, default: {}, description: 'ADO hyperparameters (Jiang et al., ICLR 2025). Defaults are the paper\'s; they assume 60,000-step runs.' },
);

export const OdmConfig = Type.Object(
  {
    rewardSmoothing: opt(num({ minimum: 0, exclusiveMaximum: 1, default: 0.9, description: 'ODM\'s α: the estimated reward is α·old + (1−α)·(loss / π) for each domain in the batch.', paper: 0.9 })),
    warmupSteps: opt(int({ minimum: 0, default: 0, description: 'Sample from the prior for this many steps before the bandit adapts.' })),
  },
  { additionalProperties: false, default: {}, description: 'Online Data Mixing (Albalak et al., 2023): an EXP3 bandit whose reward is each domain\'s training loss. Exploration ε_t = min(1/K, √(ln K / (K·t))).' },
);


export const FixedConfig = Type.Object(
  {
    weights: opt(WeightsByDomain),
    file: opt(Type.String({ minLength: 1, description: 'A fixed-weights JSON file (as written by `ado export-mixture`), relative to the config file.' })),
  },
  { additionalProperties: false, description: 'The fixed policy\'s weights: inline, or from a file. Exactly one of the two.' },
);

export const Prior = Type.Union(
  [
    Type.Literal('natural', { description: 'Each domain\'s share of training tokens (the paper\'s μ).' }),
    Type.Literal('balanced', { description: 'Uniform over domains.' }),
    WeightsByDomain,
  ],
  { default: 'natural', description: 'ADO\'s prior μ and the natural baseline\'s weights.', paper: 'natural' },
);

export const Policy = Type.Union(
  [Type.Literal('ado'), Type.Literal('natural'), Type.Literal('balanced'), Type.Literal('fixed'), Type.Literal('odm')],
  { default: 'ado', description: 'Mixture policy: "ado", or a baseline: "natural" (the prior), "balanced" (uniform), "fixed" (given weights), "odm" (EXP3 bandit).' },
);

export const WeightCap = Type.Object(
  {
    min: opt(Type.Number({ minimum: 0, maximum: 1, description: 'Lowest weight this domain may get.' })),
    max: opt(Type.Number({ minimum: 0, maximum: 1, description: 'Highest weight this domain may get.' })),
  },
  { additionalProperties: false },
);

export const MixtureConfig = Type.Object(
  {
    policy: opt(Policy),
    prior: opt(Prior),
    ado: opt(AdoConfig),
    odm: opt(OdmConfig),
    fixed: opt(FixedConfig),
    caps: opt(
      Type.Record(Type.String({ minLength: 1 }), WeightCap, {
        description: 'Per-domain weight limits, applied after any policy by the Euclidean projection onto the capped simplex {Σw = 1, min ≤ w ≤ max}. The policy\'s own state keeps its uncapped values. Needs Σmin ≤ 1 ≤ Σmax.',
      }),
    ),
    maxEpochs: opt(
      Type.Union([Type.Number({ exclusiveMinimum: 0 }), Type.Record(Type.String({ minLength: 1 }), Type.Number({ exclusiveMinimum: 0 }))], {
        description: 'How many passes over a domain\'s training tokens are acceptable (one number for every domain, or per domain). ADO favours small or fast-learning domains, which can then repeat many times.',
      }),
    ),
    onExhausted: opt(
      Type.Union([Type.Literal('warn'), Type.Literal('cap')], {
        default: 'warn',
        description: 'When a domain passes maxEpochs: "warn" only, or "cap" its weight to 0 from then on (redistributing to the others) and record that it did.',
      }),
    ),
  },
  { additionalProperties: false, default: {}, description: 'How the sampling distribution over domains is chosen each step.' },
);

export const RunConfig = Type.Object(
  {
    $schema: opt(Type.String({ description: 'Optional JSON Schema reference for editors.' })),
    version: Type.Literal(CONFIG_FORMAT_VERSION, { description: 'Config format version. This build reads version 1.' }),
    name: Type.String({
      minLength: 1,
      maxLength: 64,
      pattern: '^[A-Za-z0-9][A-Za-z0-9._-]*$',
      description: 'Run name: letters, digits, ".", "_" and "-". Names the run directory.',
    }),
    seed: opt(int({ minimum: 0, maximum: 2 ** 31 - 1, default: 1, description: 'Seed for initialisation, data order and domain sampling.' })),
    data: DataConfig,
    model: opt(Type.Object(ModelConfig.properties, { ...ModelConfig, default: {} })),
    training: opt(Type.Object(TrainingConfig.properties, { ...TrainingConfig, default: {} })),
    mixture: opt(MixtureConfig),
  },
  { additionalProperties: false, title: 'ADO Studio run config', description: 'One training run: data, model, training schedule and mixture policy.' },
);

export type RunConfig = Static<typeof RunConfig>;
export type DataConfig = Static<typeof DataConfig>;
export type DomainSpec = Static<typeof DomainSpec>;
export type PileSource = Static<typeof PileSource>;
export type ModelConfig = Static<typeof ModelConfig>;
export type TrainingConfig = Static<typeof TrainingConfig>;
export type AdoConfig = Static<typeof AdoConfig>;
export type OdmConfig = Static<typeof OdmConfig>;
export type FixedConfig = Static<typeof FixedConfig>;
export type MixtureConfig = Static<typeof MixtureConfig>;
export type TokenizerSpec = Static<typeof TokenizerSpec>;
export type PolicyName = Static<typeof Policy>;
export type BackendName = Static<typeof Backend>;
export type WeightCap = Static<typeof WeightCap>;
export type TextSamples = Static<typeof TextSamples>;

/** The JSON Schema document written to dist/schema/run-config.schema.json at build time. */
export const runConfigSchema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  $id: 'https://ado-studio.invalid/schema/run-config.schema.json',
  ...RunConfig,
};
