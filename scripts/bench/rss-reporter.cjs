// Preloaded into benchmarked processes: reports the process's own peak RSS (KiB) on exit, so the
// benchmark needs no external `time` binary.
process.on('exit', () => {
  process.stderr.write(`\n__BENCH_MAXRSS_KB__=${process.resourceUsage().maxRSS}\n`);
});
