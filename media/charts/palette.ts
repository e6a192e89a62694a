/**
 * Colours for domains and runs. VS Code's theme offers six chart colours; runs with 22 or more
 * domains need more, so hues step by the golden angle (neighbours in the list stay far apart on the
 * colour wheel) and lightness follows the theme so that lines read on light and dark backgrounds.
 */
const GOLDEN_ANGLE = 137.508;

export function domainColor(index: number, dark: boolean, alpha = 1): string {
  const hue = (210 + index * GOLDEN_ANGLE) % 360;
  const lightness = dark ? 64 : 42;
  return `hsla(${hue.toFixed(1)}, 70%, ${lightness}%, ${alpha})`;
}

/** Overlaid runs share domain colours and differ by dash pattern; the first run is solid. */
const RUN_DASHES: number[][] = [[], [6, 4], [2, 3], [10, 3, 2, 3]];

export function runDash(runIndex: number): number[] {
  return RUN_DASHES[runIndex % RUN_DASHES.length];
}

/**
 * A theme colour (#rgb, #rrggbb or rgb[a](), as the dashboard normalises them) with its opacity
 * scaled, for the grid and for faint bars beside the coloured ones (the prior, token shares).
 */
export function withAlpha(color: string, alpha: number): string {
  const hex = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(color);
  if (hex) {
    const digits = hex[1].length === 3 ? [...hex[1]].map((d) => d + d) : hex[1].match(/../g) ?? [];
    const [r, g, b] = digits.map((pair) => parseInt(pair, 16));
    return `rgba(${r}, ${g}, ${b}, ${alpha})`;
  }
  const rgb = /^rgba?\(\s*([\d.]+)[\s,]+([\d.]+)[\s,]+([\d.]+)(?:[\s,/]+([\d.]+))?\s*\)$/i.exec(color);
  if (rgb) return `rgba(${rgb[1]}, ${rgb[2]}, ${rgb[3]}, ${Number(rgb[4] ?? 1) * alpha})`;
  return color;
}
