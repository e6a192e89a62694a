/** One line per run event, for `ado logs`: what a person scanning a terminal needs. */
import type { RunEvent } from '../../shared/run-events';

/** Characters of each text sample shown; a sample's newlines stay escaped so the event keeps one line. */
const SAMPLE_PREVIEW = 40;

const fixed = (value: number | null | undefined, digits = 4) => (value === null || value === undefined ? '—' : value.toFixed(digits));

export function formatEvent(event: RunEvent, domains: readonly string[]): string {
  const time = new Date(event.time).toISOString().slice(11, 19);
  return `${String(event.seq).padStart(6)} ${time} ${event.type.padEnd(10)} ${describe(event, domains)}`;
}

function describe(event: RunEvent, domains: readonly string[]): string {
  switch (event.type) {
    case 'state':
      return event.message ? `${event.state}: ${event.message}` : event.state;
    case 'meta':
      return `${event.kind} run, policy ${event.policy}, ${event.domains.length} domains (${event.domains.join(', ')})${event.totalSteps ? `, ${event.totalSteps} steps` : ''}${event.backend ? `, backend ${event.backend}` : ''}`;
    case 'step':
      return `step ${event.step}  loss ${fixed(event.loss)}  ${topWeights(event.weights, domains)}`;
    case 'eval':
      return `step ${event.step}  validation uniform ${fixed(event.uniform)}  token-weighted ${fixed(event.tokenWeighted)}`;
    case 'fit':
      return `step ${event.step}  refit at n=${fixed(event.n, 1)}  ${topWeights(event.preference, domains, 'preference')}`;
    case 'checkpoint':
      return `step ${event.step}  ${event.file}`;
    case 'log':
      return `${event.level}${event.code ? ` [${event.code}]` : ''}: ${event.message}`;
    case 'samples':
      return `step ${event.step}  ${event.samples.map((s) => `${domains[s.domain] ?? `#${s.domain}`}: ${JSON.stringify(s.text.slice(0, SAMPLE_PREVIEW))}`).join('  ')}`;
    case 'summary':
      return `step ${event.step}  ${fixed(event.tokensPerSecond, 0)} tokens/s  validation ${fixed(event.validation?.uniform)}`;
  }
}

function topWeights(weights: readonly number[], domains: readonly string[], label = 'weights'): string {
  if (weights.length === 0) return '';
  const top = weights
    .map((weight, k) => ({ weight, name: domains[k] ?? `#${k}` }))
    .sort((a, b) => b.weight - a.weight)
    .slice(0, 3)
    .map(({ name, weight }) => `${name} ${(weight * 100).toFixed(1)}%`);
  return `${label}: ${top.join(', ')}${weights.length > 3 ? ', …' : ''}`;
}
