// Writes examples/compare/noise.txt for noise-compare.ado.json: 800 kB of uniformly random
// printable ASCII in 80-character lines, the same bytes on every machine (a seeded generator).
// A byte-level model can learn nothing from it beyond the character set, so its loss stays near
// ln(95) ≈ 4.55 nats whatever it trains on: a domain with (almost) no learnable signal, which
// takes nearly a quarter of the tokens under the natural prior.
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const BYTES = 800_000;
const LINE = 80;

let state = 20250101;
function nextUint32() {
  // mulberry32
  state = (state + 0x6d2b79f5) >>> 0;
  let t = state;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return (t ^ (t >>> 14)) >>> 0;
}

const text = Buffer.alloc(BYTES);
for (let i = 0; i < BYTES; i++) text[i] = (i + 1) % (LINE + 1) === 0 ? 0x0a : 0x20 + (nextUint32() % 95);
const file = join(dirname(fileURLToPath(import.meta.url)), 'noise.txt');
writeFileSync(file, text);
console.log(`wrote ${file} (${BYTES} bytes)`);
