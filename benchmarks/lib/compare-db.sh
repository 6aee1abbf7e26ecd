# Sourced by benchmarks/compare: its database workloads (db, fortunes). PostgreSQL through
# lib/postgres.sh, each server started with --db-url, its answers checked, the wrk rounds; and the
# pieces of the report about them. Uses compare's globals (RUN, PIN_LOAD, DB_POOL, DB_WORKLOADS,
# ECHO_RUN, MODE, PG_PID, DB_URL) and functions (start_server, stop_server, forget_pid, run_wrk,
# pom_property).

pg_cpu_ticks() {  # CPU ticks PostgreSQL used so far: the postmaster with its reaped backends, and the
  # live ones (0 when it does not run)
  [ -n "$PG_PID" ] || { echo 0; return; }
  local total live
  total=$(awk '{sub(/^.*\) /, ""); print $12 + $13 + $14 + $15}' "/proc/$PG_PID/stat" 2>/dev/null || echo 0)
  live=$(proc_tree_cpu_ticks "$PG_PID")
  echo $((total + live - $(proc_cpu_ticks "$PG_PID" 2>/dev/null || echo 0)))
}

run_db() {  # NAME DIR: a fresh start with the database, its answers checked, then the database workloads
  local name=$1 dir=$2 w db why
  if [ "$name" = nginx ]; then
    for w in $DB_WORKLOADS; do echo "not applicable: nginx is the anchor for GET / only" >"$dir/$w.skipped"; done
    return
  fi
  if ! start_server "$name" "$dir/server-db.log" db; then
    why="did not start with the database: $(tail -3 "$dir/server-db.log" | tr '\n' ' ')"
    forget_pid "$SERVER_PID"
    echo "  $why" >&2
    for w in $DB_WORKLOADS; do echo "$why" >"$dir/$w.failed"; done
    echo "db=failed $why" >"$dir/check-db.txt"
    return
  fi
  "${PIN_LOAD[@]}" $LOAD.ResponseCheck --port "$PORT" --scope db >"$dir/check-db.txt" 2>&1 || true
  echo "  database check: $(tr '\n' ' ' <"$dir/check-db.txt")" >&2
  db=$(sed -n 's/^db=//p' "$dir/check-db.txt" | head -1)
  if [ "$MODE" != smoke ]; then
    for w in $DB_WORKLOADS; do
      if [ "$db" != ok ]; then
        echo "answers checked wrong before the load: ${db#failed }" >"$dir/$w.failed"
      else
        run_wrk "$name" "$dir" "$w"
      fi
    done
  fi
  stop_server
}

start_postgres() {  # a fresh, seeded cluster in RUN/postgres on a free port; sets PG_PID and DB_URL
  local dir="$RUN/postgres" port
  pg_ensure_installed || exit 1
  mkdir -p "$dir"
  port=$(pg_free_port 15432)
  pg_init "$dir" || exit 1
  pg_start_command "$dir" "$port"
  # With the load tools, so that the server's CPU stays its own (unpinned: anywhere).
  "${PIN_LOAD[@]}" "${PG_CMD[@]}" >"$dir/postgres.log" 2>&1 </dev/null &
  PG_PID=$!
  pg_await "$dir" "$port" "$PG_PID" || exit 1
  pg_seed "$dir" "$port" || { echo "error: seeding failed; see $dir/postgres.log" >&2; exit 1; }
  DB_URL=$(pg_jdbc_url "$port")
  echo "PostgreSQL $("$(pg_bin)/postgres" --version | sed 's/^postgres (PostgreSQL) \([^ ]*\).*/\1/') on 127.0.0.1:$port (pid $PG_PID), seeded" >&2
}

db_setup_of() {  # NAME: how it serves the database workloads, for the servers table
  local prefix=""
  [ -n "$ECHO_RUN" ] && prefix="; database workloads: "
  case "$1" in
    mummy-pool) echo "${prefix}\`benchmarks/db\` DbServer \`--scheduler pool\`: blocking JDBC (HikariCP, pgjdbc, $DB_POOL connections) in the handler, on 10 × cores platform threads" ;;
    mummy-forkjoin) echo "${prefix}\`benchmarks/db\` DbServer \`--scheduler forkjoin\`: blocking JDBC (HikariCP, pgjdbc, $DB_POOL connections) in the handler, run as a managed blocker (spare workers while it waits)" ;;
    mummy-virtual) echo "${prefix}\`benchmarks/db\` DbServer \`--scheduler virtual\`: blocking JDBC (HikariCP, pgjdbc, $DB_POOL connections) in the handler, on a virtual thread per request" ;;
    mummy-*-io2) echo "${prefix}as ${1%-io2}, with two IO loops" ;;
    netty) echo "${prefix}JDBC (HikariCP, pgjdbc, $DB_POOL connections) offloaded to a fixed pool of $DB_POOL platform threads, the response written back on the channel's event loop" ;;
    vertx) echo "${prefix}\`peers/vertx-pg\` (Vert.x $(pom_property vertx.pg.version), its Netty): the reactive PostgreSQL client, one Pool of $DB_POOL connections shared by the verticles (one per core), prepared statements cached" ;;
    undertow) echo "${prefix}JDBC (HikariCP, pgjdbc, $DB_POOL connections) \`dispatch\`ed to the XNIO worker pool" ;;
    jetty) echo "${prefix}JDBC (HikariCP, pgjdbc, $DB_POOL connections) in the handler, on Jetty's virtual threads" ;;
    nginx) echo "${prefix}n/a" ;;
  esac
}
