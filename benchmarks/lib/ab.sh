# Sourced by benchmarks/metrics-cost, benchmarks/ab and benchmarks/io-threads (and it sources
# lib/proc.sh): two EchoServers ("sides") loaded one at a time in alternating order (a b, then
# b a, ...), so that the noise of a busy machine falls on both alike; per workload, the median of
# each side and the paired difference, of the rate and of the requests (messages) per second of
# server CPU time (utime + stime of the server's process from
# /proc/PID/stat over each round). Pinned (the default): servers on CPU 0, load tools on CPU 1,
# wrk -t1. Unpinned (AB_PINNED=0, as users run them): servers and load tools share every CPU,
# wrk -t2. Traffic to 127.0.0.1 only; every server started is stopped on exit.
#
# The caller sets ROOT, JAVA_HOME, OUT, ROUNDS, DURATION, WORKLOADS and LOAD_JAR (and AB_PINNED),
# calls ab_start_server NAME MODULES ARGS... for each of its two sides, then ab_run NAME_A NAME_B.

AB_PINNED=${AB_PINNED:-1}
AB_PIDS=()
declare -A AB_PID
AB_TICKS=$(getconf CLK_TCK)
ab_pin() {  # CPU COMMAND...: runs COMMAND pinned to CPU when pinning, else as it is
  local cpu=$1
  shift
  if [ "$AB_PINNED" = 1 ]; then taskset -c "$cpu" "$@"; else "$@"; fi
}
source "$ROOT/benchmarks/lib/proc.sh"
ab_cleanup() {
  local pid
  for pid in "${AB_PIDS[@]}"; do
    kill -TERM "$pid" 2>/dev/null || true
  done
  for pid in "${AB_PIDS[@]}"; do
    wait "$pid" 2>/dev/null || true
  done
}
trap ab_cleanup EXIT
declare -A AB_PORT

ab_start_server() {  # NAME MODULES ARGS...: starts EchoServer from MODULES, sets AB_PORT[NAME]
  local name=$1 modules=$2 log="$OUT/server-$1.log"
  shift 2
  : >"$log"
  local pin=()
  [ "$AB_PINNED" = 1 ] && pin=(taskset -c 0) # taskset execs java: $! stays the server's PID
  "${pin[@]}" "$JAVA_HOME/bin/java" -Xmx1g --enable-native-access=mummy.io --module-path "$modules" \
    -m mummy.examples/mummy.examples.EchoServer --port 0 "$@" >"$log" 2>&1 &
  AB_PIDS+=($!)
  AB_PID[$name]=$!
  local i
  for i in $(seq 300); do
    if grep -q '^listening on ' "$log"; then
      AB_PORT[$name]=$(sed -n 's/^listening on 127.0.0.1://p' "$log" | head -1)
      return 0
    fi
    sleep 0.1
  done
  echo "server $name did not start: $(cat "$log")" >&2
  exit 1
}

ab_measure() {  # WORKLOAD PORT SECONDS: prints requests (or messages) per second, or FAILED
  local w=$1 port=$2 seconds=$3 out
  case "$w" in
    plaintext|pipelined)
      local script=()
      [ "$w" = pipelined ] && script=(-s "$ROOT/benchmarks/wrk/pipeline.lua")
      local threads=1
      [ "$AB_PINNED" = 1 ] || threads=2
      out=$(ab_pin 1 timeout -k 5 $((seconds + 30)) wrk -t$threads -c100 "${script[@]}" -d"${seconds}s" "http://127.0.0.1:$port/" 2>&1)
      if grep -qE 'Socket errors|Non-2xx' <<<"$out"; then echo FAILED; return; fi
      sed -n 's/^Requests\/sec: *//p' <<<"$out" ;;
    ws)
      out=$(ab_pin 1 timeout -k 5 $((seconds + 60)) "$JAVA_HOME/bin/java" -p "$LOAD_JAR" \
        -m mummy.benchmarks.load/mummy.benchmarks.load.WsLoad --port "$port" --connections 100 --size 64 \
        --warmup 1 --duration "$seconds" --rounds 1 2>&1) || true
      if ! grep -q 'status=OK' <<<"$out"; then echo FAILED; return; fi
      sed -n 's/.*msgs_per_s=\([0-9.]*\).*/\1/p' <<<"$out" | tail -1 ;;
  esac
}

ab_median() { sort -g | awk '{a[NR]=$1} END {if (NR % 2) print a[(NR+1)/2]; else printf "%.1f\n", (a[NR/2]+a[NR/2+1])/2}'; }

ab_run() {  # NAME_A NAME_B: the rounds, then the table (a relative to b)
  local a=$1 b=$2 w r side order value
  echo "$a: port ${AB_PORT[$a]}, $b: port ${AB_PORT[$b]}; $ROUNDS rounds of ${DURATION}s; raw figures in $OUT" >&2
  for w in $WORKLOADS; do
    # Warm-up: both servers share CPU 0, so a server's JIT still compiling after its warm-up slows
    # the other one's round: warm both up twice, in both orders.
    for side in "$a" "$b" "$b" "$a"; do
      ab_measure "$w" "${AB_PORT[$side]}" 3 >/dev/null
    done
    for r in $(seq "$ROUNDS"); do
      if [ $((r % 2)) = 1 ]; then order="$a $b"; else order="$b $a"; fi
      for side in $order; do
        local before after per_cpu
        before=$(proc_cpu_ticks "${AB_PID[$side]}")
        value=$(ab_measure "$w" "${AB_PORT[$side]}" "$DURATION")
        after=$(proc_cpu_ticks "${AB_PID[$side]}")
        # the rate over the measured seconds, against the CPU the server used in the same window
        # (the ws tool's one-second warm-up adds a little CPU to each round: a slight understatement)
        per_cpu=$(awk -v v="$value" -v d="$DURATION" -v t=$((after - before)) -v hz="$AB_TICKS" \
          'BEGIN {if (v == "FAILED" || t <= 0) print "FAILED"; else printf "%.0f", v * d / (t / hz)}')
        echo "$value" >>"$OUT/$w.$side"
        echo "$per_cpu" >>"$OUT/$w.$side.percpu"
        printf '%s round %d %-6s %s  (%s per CPU-s, server CPU %.2f s)\n' "$w" "$r" "$side" "$value" "$per_cpu" \
          "$(awk -v t=$((after - before)) -v hz="$AB_TICKS" 'BEGIN {print t / hz}')"
      done
    done
  done
  echo
  # Two figures of the difference: the medians' ratio, and the geometric mean of each round's
  # a/b ratio (paired: both sides of a round saw about the same machine; with an even number of
  # rounds each order comes as often, so an advantage of going first or second cancels out).
  printf '%-20s %14s %14s %8s %12s\n' workload "median $a" "median $b" "$a/$b" "paired"
  local ma mb paired kind
  for w in $WORKLOADS; do
    for kind in "" .percpu; do
      ma=$(grep -v FAILED "$OUT/$w.$a$kind" | ab_median)
      mb=$(grep -v FAILED "$OUT/$w.$b$kind" | ab_median)
      paired=$(paste "$OUT/$w.$a$kind" "$OUT/$w.$b$kind" | awk '$1 != "FAILED" && $2 != "FAILED" {s += log($1 / $2); n++}
        END {if (n) printf "%.1f", (exp(s / n) - 1) * 100; else print "n/a"}')
      printf '%-20s %14s %14s %7.1f%% %11s%%\n' "$w${kind:+ per CPU-s}" "$ma" "$mb" \
        "$(awk -v x="$ma" -v y="$mb" 'BEGIN {if (y > 0) print (x / y - 1) * 100; else print "nan"}')" "$paired"
    done
  done
}
