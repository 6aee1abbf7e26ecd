# Sourced by benchmarks/compare and benchmarks/profile: starting and stopping the servers they
# measure, one at a time, the same way. The caller sets JAVA, JAVA_FLAGS, RUN (its run folder),
# PIN_SERVER (the CPU pinning, or empty), WRK_DIR, NGINX (for the nginx anchor), and DB_URL and
# DB_POOL for the database servers; it works in ROOT and stops what STARTED holds on exit.

STARTED=()     # PIDs that start_bg started and forget_pid has not stopped yet
NEXT_PORT=18080

stop_pid() {  # PID: TERM, up to 10 s, then KILL
  local pid=$1 i
  kill -TERM "$pid" 2>/dev/null || return 0
  for i in $(seq 100); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  kill -KILL "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
}

start_bg() {  # LOG COMMAND...: starts COMMAND in the background; its pid in LAST_PID
  local log=$1; shift
  "$@" >"$log" 2>&1 &
  LAST_PID=$!
  STARTED+=("$LAST_PID")
}

forget_pid() {  # PID: stops it and drops it from the clean-up list
  local pid=$1 kept=() p
  stop_pid "$pid"
  for p in "${STARTED[@]}"; do
    [ "$p" = "$pid" ] || kept+=("$p")
  done
  STARTED=("${kept[@]+"${kept[@]}"}")
}

free_port() {  # the next port nothing listens on, in NEXT_PORT
  while ss -Hltn "sport = :$NEXT_PORT" | grep -q .; do
    NEXT_PORT=$((NEXT_PORT + 1))
  done
  PORT=$NEXT_PORT
  NEXT_PORT=$((NEXT_PORT + 1))
}

# Mummy's server names: mummy-SCHEDULER, or mummy-SCHEDULER-io2 for two IO loops (one per core
# here; the peers run an event loop per core by default).
mummy_scheduler() { local s=${1#mummy-}; echo "${s%-io2}"; }
mummy_io_flags() { [[ "$1" == *-io2 ]] && echo "-Dmummy.ioThreads=2" || true; }

server_command() {  # NAME PORT [KIND]: sets SERVER_CMD, the command line without the CPU pinning;
  # KIND db: the server of the database workloads, given DB_URL
  local name=$1 port=$2 kind=${3:-echo}
  if [ "$kind" = db ]; then
    case "$name" in
      mummy-*) SERVER_CMD=("$JAVA" $JAVA_FLAGS $(mummy_io_flags "$name") --enable-native-access=mummy.io -p benchmarks/db/target/modules
                 -m mummy.benchmarks.db/mummy.benchmarks.db.DbServer --port "$port" --scheduler "$(mummy_scheduler "$name")") ;;
      vertx) SERVER_CMD=("$JAVA" $JAVA_FLAGS -jar benchmarks/peers/vertx-pg/target/vertx-pg.jar --port "$port") ;;
      *) SERVER_CMD=("$JAVA" $JAVA_FLAGS -jar "benchmarks/peers/$name/target/$name.jar" --port "$port") ;;
    esac
    SERVER_CMD+=(--db-url "$DB_URL" --db-pool "$DB_POOL")
    return
  fi
  case "$name" in
    mummy-*) SERVER_CMD=(env "MUMMY_JAVA_OPTS=$JAVA_FLAGS$(mummy_io_flags "$name" | sed 's/^./ &/')" bin/echo-server --port "$port"
               --scheduler "$(mummy_scheduler "$name")") ;;
    nginx) SERVER_CMD=("$NGINX" -p "$RUN/nginx" -c "$RUN/nginx/nginx.conf" -e "$RUN/nginx/error.log") ;;
    *) SERVER_CMD=("$JAVA" $JAVA_FLAGS -jar "benchmarks/peers/$name/target/$name.jar" --port "$port") ;;
  esac
}

write_nginx_conf() {  # PORT
  mkdir -p "$RUN/nginx/tmp"
  cat >"$RUN/nginx/nginx.conf" <<EOF
# The native anchor: one worker answering GET / with a constant, as in TechEmpower's plaintext.
worker_processes 1;
daemon off;
master_process on;
pid $RUN/nginx/nginx.pid;
error_log $RUN/nginx/error.log warn;
worker_rlimit_nofile 20000;
events {
    worker_connections 19000;
}
http {
    access_log off;
    # wrk keeps its connections for the whole run; the default of 1,000 requests would recycle them.
    keepalive_requests 100000000;
    keepalive_timeout 120s;
    client_body_temp_path $RUN/nginx/tmp/body;
    proxy_temp_path $RUN/nginx/tmp/proxy;
    fastcgi_temp_path $RUN/nginx/tmp/fastcgi;
    uwsgi_temp_path $RUN/nginx/tmp/uwsgi;
    scgi_temp_path $RUN/nginx/tmp/scgi;
    server {
        listen 127.0.0.1:$1;
        location = / {
            default_type text/plain;
            return 200 "Hello, World!";
        }
    }
}
EOF
}

start_server() {  # NAME LOG [KIND]: starts it on a fresh port, pinned; sets PORT and SERVER_PID; 1 if it fails
  local name=$1 log=$2 kind=${3:-echo} i
  free_port
  [ "$name" = nginx ] && write_nginx_conf "$PORT"
  server_command "$name" "$PORT" "$kind"
  start_bg "$log" "${PIN_SERVER[@]}" "${SERVER_CMD[@]}"
  SERVER_PID=$LAST_PID
  for i in $(seq 600); do  # up to 120 s: bin/echo-server may build first
    if ! kill -0 "$SERVER_PID" 2>/dev/null; then
      return 1
    fi
    if [ "$name" = nginx ]; then
      curl -s -o /dev/null --max-time 1 "http://127.0.0.1:$PORT/" && return 0
    elif grep -qs "^listening on 127.0.0.1:$PORT\$" "$log"; then
      return 0
    fi
    sleep 0.2
  done
  return 1
}

stop_server() {
  forget_pid "$SERVER_PID"
  sleep 1  # let the kernel finish the closes before the next server starts
}

wrk_args() {  # WORKLOAD PORT
  local url="http://127.0.0.1:$2"
  case "$1" in
    sleep100) echo "-t2 -c100 --latency $url/sleep" ;;
    sleep1000) echo "-t2 -c1000 --latency $url/sleep" ;;
    plaintext) echo "-t2 -c100 --latency $url/" ;;
    pipelined) echo "-t2 -c100 --latency -s $WRK_DIR/pipeline.lua $url/" ;;
    echo) echo "-t2 -c100 --latency -s $WRK_DIR/echo.lua $url/echo" ;;
    db) echo "-t2 -c100 --latency $url/db" ;;
    fortunes) echo "-t2 -c100 --latency $url/fortunes" ;;
  esac
}
