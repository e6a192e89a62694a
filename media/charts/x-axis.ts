/** The horizontal axis of the time-based charts: training step, tokens seen, or relative wall time. */
import { formatCount, formatDuration } from './format';
import { X_COLUMNS } from './run-data';

export type XAxisKind = 'step' | 'tokens' | 'time';

export const X_AXIS_KINDS: readonly XAxisKind[] = ['step', 'tokens', 'time'];

const AXES: Record<XAxisKind, { column: number; title: string; format: (value: number) => string }> = {
  step: { column: X_COLUMNS.step, title: 'Step', format: formatCount },
  tokens: { column: X_COLUMNS.tokens, title: 'Tokens', format: formatCount },
  time: { column: X_COLUMNS.elapsedMs, title: 'Wall time (relative)', format: formatDuration },
};

export function xColumn(kind: XAxisKind): number {
  return AXES[kind].column;
}

export function xAxisTitle(kind: XAxisKind): string {
  return AXES[kind].title;
}

export function formatX(kind: XAxisKind, value: number): string {
  return AXES[kind].format(value);
}
