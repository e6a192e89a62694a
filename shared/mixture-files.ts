/**
 * File formats for mixtures that leave a run: a fixed-weights file (what the `fixed` policy reads,
 * and what other trainers can use) and a per-step schedule. Written by `ado export-mixture` and
 * the extension's export command.
 */

export const FIXED_WEIGHTS_FORMAT = 'ado-fixed-weights';
export const SCHEDULE_FORMAT = 'ado-mixture-schedule';
export const MIXTURE_FILE_VERSION = 1;

/** "final" and "average" write a fixed-weights file; "schedule" the per-step weights. */
export const MIXTURE_KINDS = ['final', 'average', 'schedule'] as const;
export type MixtureKind = (typeof MIXTURE_KINDS)[number];

export interface FixedWeightsFile {
  format: typeof FIXED_WEIGHTS_FORMAT;
  version: number;
  /** "final": the distribution after the last step; "average": the mean over all steps. */
  kind: 'final' | 'average';
  /** Weight per domain name; sums to 1. */
  weights: Record<string, number>;
  source?: { runId: string; steps: number };
}

export interface ScheduleFile {
  format: typeof SCHEDULE_FORMAT;
  version: number;
  domains: string[];
  /** step[i] used the distribution weights[i] for its next batch. */
  steps: number[];
  weights: number[][];
  source?: { runId: string };
}

/** A mixture file's text, exactly as `ado export-mixture` and the extension write it. */
export function mixtureFileText(file: FixedWeightsFile | ScheduleFile): string {
  return JSON.stringify(file, null, 2) + '\n';
}

/** Parses a fixed-weights file's JSON value; throws an Error whose message says what is wrong. */
export function parseFixedWeights(value: unknown): FixedWeightsFile {
  const v = value as Partial<FixedWeightsFile> | null;
  if (!v || typeof v !== 'object' || v.format !== FIXED_WEIGHTS_FORMAT) {
    throw new Error(`not a fixed-weights file: "format" must be "${FIXED_WEIGHTS_FORMAT}" (write one with "ado export-mixture <run> --kind final")`);
  }
  if (typeof v.version !== 'number' || v.version > MIXTURE_FILE_VERSION) {
    throw new Error(`fixed-weights format version ${v.version} is newer than this build reads (${MIXTURE_FILE_VERSION}); upgrade ADO Studio`);
  }
  if (!v.weights || typeof v.weights !== 'object') throw new Error('"weights" must be an object of domain → weight');
  for (const [name, w] of Object.entries(v.weights)) {
    if (typeof w !== 'number' || !Number.isFinite(w) || w < 0) throw new Error(`weight of "${name}" must be a non-negative number, got ${JSON.stringify(w)}`);
  }
  if (!Object.values(v.weights).some((w) => w > 0)) throw new Error('every weight is 0; at least one domain needs a positive weight');
  return v as FixedWeightsFile;
}

/** The weights as a normalised vector over `domains` (domains the file does not name get 0). */
export function weightVector(weights: Record<string, number>, domains: readonly string[]): Float64Array {
  const vector = Float64Array.from(domains, (d) => weights[d] ?? 0);
  const total = vector.reduce((a, b) => a + b, 0);
  if (!(total > 0)) throw new Error(`none of the domains ${domains.map((d) => `"${d}"`).join(', ')} has a positive weight`);
  return vector.map((w) => w / total);
}
