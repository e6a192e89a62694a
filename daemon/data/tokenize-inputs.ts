/** Reads every input file once and builds each domain's token stream. */
import { UserError } from '../util/user-error';
import type { CorpusInputs, DomainInputs } from './inputs';
import { ProgressReporter, type OnProgress } from './progress-reporter';
import { openDecompressed } from './read/decompressed-file';
import { MalformedLineTally, readJsonlDocuments, type MalformedLinePolicy } from './read/jsonl-documents';
import { readTextChunks } from './read/text-file';
import type { CorpusTokenizer } from './tokenizers/corpus-tokenizer';
import { TokenStreamBuilder } from './token-stream';

export interface TokenizedDomain {
  name: string;
  stream: TokenStreamBuilder;
}

export interface TokenizedCorpus {
  domains: TokenizedDomain[];
  warnings: string[];
}

/** What every file is read with. */
interface Reading {
  tokenizer: CorpusTokenizer;
  malformedLines: MalformedLinePolicy;
  tally: MalformedLineTally;
  onProgress: OnProgress;
}

/** Per-domain JSONL files keep the document text under this key. */
const PER_DOMAIN_TEXT_KEY = 'text';

export async function tokenizeInputs(
  inputs: CorpusInputs,
  tokenizer: CorpusTokenizer,
  malformedLines: MalformedLinePolicy,
  onProgress: OnProgress,
): Promise<TokenizedCorpus> {
  const reading: Reading = { tokenizer, malformedLines, tally: new MalformedLineTally(), onProgress };
  if (inputs.kind === 'shared') return tokenizeShared(inputs, reading);
  const domains: TokenizedDomain[] = [];
  for (const domain of inputs.domains) domains.push(await tokenizeDomain(domain, reading));
  return { domains, warnings: reading.tally.warnings() };
}

async function tokenizeDomain(domain: DomainInputs, reading: Reading): Promise<TokenizedDomain> {
  const stream = new TokenStreamBuilder(reading.tokenizer);
  const progress = new ProgressReporter(domain.name, domain.files, reading.onProgress);
  for (const file of domain.files) {
    const opened = openDecompressed(file.path);
    if (file.format === 'text') {
      for await (const text of readTextChunks(opened)) {
        stream.write(text);
        progress.update(opened.bytesRead());
      }
      stream.endDocument();
    } else {
      for await (const document of readJsonlDocuments(opened, { textKey: PER_DOMAIN_TEXT_KEY }, reading.malformedLines, reading.tally)) {
        stream.addDocument(document.text);
        progress.update(opened.bytesRead());
      }
    }
    progress.finishFile(file);
  }
  if (stream.tokenCount === 0) {
    throw new UserError(`${domain.label} has no text; add documents to it or remove the domain from data.domains`);
  }
  return { name: domain.name, stream };
}

async function tokenizeShared(inputs: Extract<CorpusInputs, { kind: 'shared' }>, reading: Reading): Promise<TokenizedCorpus> {
  const streams = new Map((inputs.domains ?? []).map((name) => [name, new TokenStreamBuilder(reading.tokenizer)]));
  const leftOut = new Map<string, number>();
  const fields = { textKey: inputs.textKey, domainKey: inputs.domainKey };
  for (const file of inputs.files) {
    // The files mix domains, so progress is reported per file.
    const progress = new ProgressReporter(file.keyPath, [file], reading.onProgress);
    const opened = openDecompressed(file.path);
    for await (const document of readJsonlDocuments(opened, fields, reading.malformedLines, reading.tally)) {
      progress.update(opened.bytesRead());
      const domain = document.domain!;
      let stream = streams.get(domain);
      if (!stream && inputs.domains) {
        leftOut.set(domain, (leftOut.get(domain) ?? 0) + 1);
        continue;
      }
      if (!stream) streams.set(domain, (stream = new TokenStreamBuilder(reading.tokenizer)));
      stream.addDocument(document.text);
    }
    progress.finishFile(file);
  }
  const fileList = inputs.files.map((f) => f.path).join(', ');
  for (const [name, stream] of streams) {
    if (stream.tokenCount === 0) {
      throw new UserError(`data.source.domains lists "${name}", but no document with text in ${fileList} has "${inputs.domainKey}": "${name}"; check the name's spelling or remove it`);
    }
  }
  if (streams.size === 0) throw new UserError(`${fileList} contains no documents with text`);
  const names = inputs.domains ?? [...streams.keys()].sort();
  const warnings = reading.tally.warnings();
  if (leftOut.size > 0) warnings.push(describeLeftOut(leftOut, fileList));
  return { domains: names.map((name) => ({ name, stream: streams.get(name)! })), warnings };
}

function describeLeftOut(leftOut: Map<string, number>, fileList: string): string {
  const byCount = [...leftOut].sort((a, b) => b[1] - a[1]);
  const total = byCount.reduce((sum, [, count]) => sum + count, 0);
  const shown = byCount.slice(0, 10).map(([name, count]) => `${name} (${count})`).join(', ');
  const more = byCount.length > 10 ? ` and ${byCount.length - 10} more` : '';
  return `${fileList}: left out ${total} document${total === 1 ? '' : 's'} of domains not in data.source.domains: ${shown}${more}`;
}
