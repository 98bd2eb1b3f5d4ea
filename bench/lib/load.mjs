// The machine's 1-minute load average, sampled while the bench runs (a shared machine: the figures
// mean little without it). Timers do not fire during the synchronous analysis loops, so callers
// also sample at each section's start and end.
import { loadavg } from 'node:os';
import { summarize } from './stats.mjs';

export function loadSampler(intervalMs = 5000) {
  const samples = [];
  const sample = () => samples.push(loadavg()[0]);
  sample();
  const timer = setInterval(sample, intervalMs);
  timer.unref();
  return {
    sample,
    /** { median, p95, min, max, runs } of the 1-minute load average. */
    stop() {
      clearInterval(timer);
      sample();
      return summarize(samples);
    },
  };
}
