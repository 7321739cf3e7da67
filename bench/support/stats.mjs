// Small statistics shared by the bench's browser part and bench/run.mjs (plain JavaScript: Node runs run.mjs as is).

/** The median of `values` (the mean of the middle two for an even count). */
export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** `x` rounded to three decimals. */
export const r3 = (x) => Math.round(x * 1000) / 1000;
