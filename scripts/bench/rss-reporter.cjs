// Preloaded into benchmarked processes (NODE_OPTIONS=--require): on exit, each node process
// appends its own peak RSS (KiB) and CPU time (user + system, ms) to the file named by
// BENCH_RSS_FILE. A file, not stderr, so the processes' own output (which tests compare exactly)
// is untouched.
const fs = require('node:fs');
process.on('exit', () => {
  if (!process.env.BENCH_RSS_FILE) return;
  const u = process.resourceUsage();
  fs.appendFileSync(process.env.BENCH_RSS_FILE, `${u.maxRSS} ${((u.userCPUTime + u.systemCPUTime) / 1000).toFixed(1)}\n`);
});
