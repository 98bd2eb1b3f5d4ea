// CPU time of a synchronous call, in milliseconds. The linear-time bounds judge the engine's own work:
// wall time also counts the time this process waits for a core on a loaded machine (CI and
// parallel sessions share two), which made the scaling checks depend on what else was running.
export function cpuMs(fn: () => void): number {
  const before = process.cpuUsage();
  fn();
  const used = process.cpuUsage(before);
  return (used.user + used.system) / 1000;
}
