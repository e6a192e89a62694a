/**
 * The heatmap's sequential colour scale: viridis, which is perceptually uniform, readable by
 * colour-blind users, and keeps its order on both light and dark backgrounds.
 */
const VIRIDIS: [number, number, number][] = [
  [68, 1, 84],
  [72, 40, 120],
  [62, 74, 137],
  [49, 104, 142],
  [38, 130, 142],
  [31, 158, 137],
  [53, 183, 121],
  [109, 205, 89],
  [180, 222, 44],
  [253, 231, 37],
];

/** `t` in [0, 1] (clamped) to red, green and blue in 0–255. */
export function viridisRgb(t: number): [number, number, number] {
  const clamped = Number.isFinite(t) ? Math.min(1, Math.max(0, t)) : 0;
  const position = clamped * (VIRIDIS.length - 1);
  const lower = Math.min(Math.floor(position), VIRIDIS.length - 2);
  const fraction = position - lower;
  const [r, g, b] = VIRIDIS[lower].map((channel, i) => Math.round(channel + (VIRIDIS[lower + 1][i] - channel) * fraction));
  return [r, g, b];
}

/** `t` in [0, 1] (clamped) to an rgb() colour. */
export function viridis(t: number): string {
  return `rgb(${viridisRgb(t).join(', ')})`;
}

/** CSS stops for the colour bar drawn next to the heatmap. */
export function viridisGradientStops(): string {
  return VIRIDIS.map(([r, g, b], i) => `rgb(${r}, ${g}, ${b}) ${((i / (VIRIDIS.length - 1)) * 100).toFixed(0)}%`).join(', ');
}
