// Summary statistics for repeated timings: the bench reports median and p95 of every figure.

/** Value at quantile q (0..1) of the samples, nearest-rank method (p95 of 5 samples = the maximum). */
export function quantile(samples, q) {
  if (samples.length === 0) return NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.ceil(q * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
}

export function median(samples) {
  if (samples.length === 0) return NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** { median, p95, min, max, runs } rounded to 0.01. */
export function summarize(samples) {
  const round = (n) => Math.round(n * 100) / 100;
  return {
    median: round(median(samples)),
    p95: round(quantile(samples, 0.95)),
    min: round(Math.min(...samples)),
    max: round(Math.max(...samples)),
    runs: samples.length,
  };
}
