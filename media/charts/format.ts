/** Number and time formats for axes, tooltips and tables. */

const SUFFIXES: [number, string][] = [
  [1e12, 'T'],
  [1e9, 'G'],
  [1e6, 'M'],
  [1e3, 'k'],
];

/** 1234567 → "1.23M": tokens and steps reach the billions, where full digits stop being readable. */
export function formatCount(value: number): string {
  if (!Number.isFinite(value)) return '–';
  const magnitude = Math.abs(value);
  for (const [size, suffix] of SUFFIXES) {
    if (magnitude >= size) return `${trimZeros((value / size).toPrecision(3))}${suffix}`;
  }
  return Number.isInteger(value) ? String(value) : trimZeros(value.toPrecision(3));
}

/** Elapsed milliseconds as h:mm:ss or m:ss, the way TensorBoard's relative axis reads. */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms)) return '–';
  const totalSeconds = Math.max(0, Math.round(ms / 1000));
  const hours = Math.floor(totalSeconds / 3600);
  const minutes = Math.floor((totalSeconds % 3600) / 60);
  const seconds = totalSeconds % 60;
  const mm = hours > 0 ? String(minutes).padStart(2, '0') : String(minutes);
  return `${hours > 0 ? `${hours}:` : ''}${mm}:${String(seconds).padStart(2, '0')}`;
}

/** Losses differ in the third or fourth digit between domains, so four significant digits. */
export function formatLoss(value: number): string {
  return Number.isFinite(value) ? value.toPrecision(4) : '–';
}

/**
 * A loss axis label: "4.2", "0.35". chart.js's default formatter would build an Intl.NumberFormat
 * per axis, whose first use alone costs tens of milliseconds of a dashboard's first render.
 */
export function formatLossTick(value: number): string {
  return Number.isFinite(value) ? trimZeros(value.toPrecision(4)) : '';
}

export function formatPercent(share: number): string {
  return Number.isFinite(share) ? `${(share * 100).toFixed(share < 0.1 ? 2 : 1)}%` : '–';
}

function trimZeros(text: string): string {
  return text.includes('.') && !text.includes('e') ? text.replace(/\.?0+$/, '') : text;
}
