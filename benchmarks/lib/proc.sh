# Sourced by benchmarks/compare and benchmarks/lib/ab.sh: CPU time of processes and threads from
# /proc, in clock ticks (getconf CLK_TCK a second), user + system.

proc_cpu_ticks() {  # PID or PID/task/TID: utime + stime of that process or thread
  awk '{sub(/^.*\) /, ""); print $12 + $13}' "/proc/$1/stat"
}

proc_tree_cpu_ticks() {  # PID: proc_cpu_ticks of it and its direct children (nginx's worker)
  local total=0 p v
  for p in "$1" $(pgrep -P "$1" || true); do
    v=$(proc_cpu_ticks "$p" 2>/dev/null || echo 0)
    total=$((total + ${v:-0}))
  done
  echo "$total"
}
