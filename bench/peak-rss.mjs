// Preloaded with --import: reports the process's peak resident set size and CPU time when it exits.
process.on('exit', () => {
  const usage = process.resourceUsage();
  process.stderr.write(`PEAK_RSS_KB=${usage.maxRSS} CPU_US=${usage.userCPUTime + usage.systemCPUTime}\n`);
});
