/**
 * Synthetic school arithmetic, made by a seeded program (as the Pile's DM Mathematics is
 * generated): a question line and an answer line per document. Every answer is computed exactly
 * with integers, so the domain is perfectly learnable in principle, unlike the prose domains.
 */
import { Random } from '../../../daemon/util/random';
import type { GeneratedRecipe } from '../recipe';

const SEED = 20251;

type Problem = (rng: Random) => [question: string, answer: string];

const between = (rng: Random, low: number, high: number) => low + rng.int(high - low + 1);
const nonZero = (rng: Random, low: number, high: number) => {
  const value = between(rng, low, high);
  return value === 0 ? 1 : value;
};
const signed = (n: number) => (n < 0 ? `(${n})` : `${n}`);

const PROBLEMS: Problem[] = [
  (rng) => {
    const [a, b] = [between(rng, 10, 9999), between(rng, 10, 9999)];
    return [`What is ${a} + ${b}?`, `${a + b}`];
  },
  (rng) => {
    const [a, b] = [between(rng, -500, 500), between(rng, -500, 500)];
    return [`Calculate ${a} - ${signed(b)}.`, `${a - b}`];
  },
  (rng) => {
    const [a, b] = [between(rng, -99, 99), between(rng, 2, 99)];
    return [`What is ${a} times ${b}?`, `${a * b}`];
  },
  (rng) => {
    const [n, d] = [between(rng, 100, 9999), between(rng, 2, 60)];
    return [`What is the remainder when ${n} is divided by ${d}?`, `${n % d}`];
  },
  (rng) => {
    const [x, a, b] = [between(rng, -30, 30), nonZero(rng, -12, 12), between(rng, -50, 50)];
    return [`Solve ${a}*x + ${signed(b)} = ${a * x + b} for x.`, `${x}`];
  },
  (rng) => {
    const [g, p, q] = [between(rng, 2, 40), between(rng, 1, 30), between(rng, 1, 30)];
    return [`What is the greatest common divisor of ${g * p} and ${g * q}?`, `${g * gcd(p, q)}`];
  },
  (rng) => {
    const [a, b, c, d] = [between(rng, 1, 40), between(rng, 1, 40), between(rng, 2, 9), between(rng, -20, 20)];
    return [`Evaluate (${a} - ${b}) * ${c} + ${signed(d)}.`, `${(a - b) * c + d}`];
  },
  (rng) => {
    const values = Array.from({ length: between(rng, 3, 6) }, () => between(rng, -99, 99));
    return [`Sort ${values.join(', ')} in increasing order.`, [...values].sort((a, b) => a - b).join(', ')];
  },
  (rng) => {
    const n = between(rng, 2, 999);
    return [`Is ${n} a prime number?`, isPrime(n) ? 'True' : 'False'];
  },
];

function gcd(a: number, b: number): number {
  return b === 0 ? a : gcd(b, a % b);
}

function isPrime(n: number): boolean {
  for (let d = 2; d * d <= n; d++) if (n % d === 0) return false;
  return n >= 2;
}

export const arithmetic: GeneratedRecipe = {
  domain: 'arithmetic',
  generator: `scripts/corpus/domains/arithmetic.ts (seed ${SEED}), part of ADO Studio, MIT`,
  taken: 'generated questions and answers: addition, subtraction, multiplication, remainders, linear equations, greatest common divisors, bracketed expressions, sorting and primality',
  *documents() {
    const rng = new Random(SEED);
    for (;;) {
      const [question, answer] = PROBLEMS[rng.int(PROBLEMS.length)](rng);
      yield `${question}\n${answer}`;
    }
  },
};
