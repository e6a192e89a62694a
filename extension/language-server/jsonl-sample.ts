/**
 * Learns which domains a Pile-style JSONL file (plain, .gz or .zst) holds from its first lines, so
 * that domain names can be checked as the user types without decompressing a whole corpus. The
 * bytes come from the data layer's own reader, so the editor decodes exactly what training will.
 */
import { stat } from 'node:fs/promises';
import { openDecompressed } from '../../daemon/data/read/decompressed-file';
import { readLines } from '../../daemon/data/read/lines';

export const SAMPLE_LINES = 200;

export interface DomainSample {
  domains: Set<string>;
  /** The whole file was read, so a domain missing from `domains` is absent from the file. */
  complete: boolean;
}

/** Keyed by file; the stamp makes an edited or replaced corpus be read again. */
const samples = new Map<string, { stamp: string; sample: Promise<DomainSample> }>();

export async function sampleDomains(file: string, domainKey: string): Promise<DomainSample> {
  const info = await stat(file);
  const stamp = `${info.mtimeMs}:${info.size}:${domainKey}`;
  const cached = samples.get(file);
  if (cached?.stamp === stamp) return cached.sample;
  const sample = readSample(file, domainKey);
  samples.set(file, { stamp, sample });
  // A failed read (a half-copied file, say) must not stay cached once the file is fixed.
  sample.catch(() => samples.delete(file));
  return sample;
}

async function readSample(file: string, domainKey: string): Promise<DomainSample> {
  const domains = new Set<string>();
  for await (const line of readLines(openDecompressed(file))) {
    if (line.number > SAMPLE_LINES) return { domains, complete: false };
    const domain = valueAtDottedPath(parseJson(line.text), domainKey);
    if (typeof domain === 'string' && domain !== '') domains.add(domain);
  }
  return { domains, complete: true };
}

function parseJson(line: string): unknown {
  try {
    return JSON.parse(line);
  } catch {
    return undefined; // the data layer reports malformed lines when it reads the whole file
  }
}

function valueAtDottedPath(value: unknown, dottedPath: string): unknown {
  return dottedPath
    .split('.')
    .reduce<unknown>((at, key) => (at !== null && typeof at === 'object' ? (at as Record<string, unknown>)[key] : undefined), value);
}
