#!/usr/bin/env bash
# PostgreSQL for the database workloads of benchmarks/compare (TechEmpower's "single query" and
# "fortunes"): Debian's postgresql package, a throw-away cluster of its own (initdb) listening on
# 127.0.0.1 only, its unix socket in its own folder, seeded with the tables world and fortune.
#
# Sourced by benchmarks/compare, which calls pg_ensure_installed, pg_init, pg_start_command (and
# starts that command itself, so that its clean-up list holds the postmaster's PID), pg_await,
# pg_seed and, at the end, pg_stop PID. Run by hand:
#
#   benchmarks/lib/postgres.sh start [--port N] [--dir DIR]   initdb (fresh), start in the
#                                          background, seed; prints the JDBC URL and the PID
#   benchmarks/lib/postgres.sh seed  [--port N] [--dir DIR]   (re)create and fill the tables
#   benchmarks/lib/postgres.sh stop  [--dir DIR]              fast shutdown (SIGINT) by its PID
#   defaults: --port 15432, --dir benchmarks/target/postgres
#
# Postgres refuses to run as root: as root, initdb and postgres run as the user postgres (which
# Debian's package creates) through setpriv, which execs in place so that the PID started is the
# postmaster's; the cluster folder is then owned by postgres. As any other user they run as that
# user. The benchmark role is benchmarkdbuser/benchmarkdbpass (as in TechEmpower), database
# hello_world; TCP logins use scram-sha-256, the unix socket trusts local users (the seeding).

PG_DB=hello_world
PG_USER=benchmarkdbuser
PG_PASSWORD=benchmarkdbpass
PG_WORLD_ROWS=10000

pg_bin() {  # the newest installed server's bin folder, empty when none
  local dir
  dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
  [ -n "$dir" ] && [ -x "$dir/initdb" ] && echo "$dir"
  return 0
}

pg_ensure_installed() {  # installs Debian's postgresql with apt-get when no server is installed
  [ -n "$(pg_bin)" ] && return 0
  local sudo=""
  if [ "$(id -u)" -ne 0 ]; then
    if ! command -v sudo >/dev/null || ! sudo -n true 2>/dev/null; then
      echo "error: PostgreSQL is missing; run: sudo apt-get install -y postgresql" >&2
      return 1
    fi
    sudo="sudo -n"
  fi
  command -v apt-get >/dev/null || { echo "error: PostgreSQL is missing and apt-get is not available to install it" >&2; return 1; }
  echo "installing postgresql (apt-get install -y postgresql)..." >&2
  # The package's own cluster (port 5432) is of no use here: keep its init script from starting it.
  local policy=/usr/sbin/policy-rc.d placed=0
  if [ ! -e "$policy" ]; then
    printf '#!/bin/sh\nexit 101\n' | $sudo tee "$policy" >/dev/null && $sudo chmod +x "$policy" && placed=1
  fi
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get install -y -q postgresql >&2 || { $sudo apt-get update -q >&2 && $sudo apt-get install -y -q postgresql >&2; }
  local status=$?
  [ "$placed" = 1 ] && $sudo rm -f "$policy"
  [ "$status" -eq 0 ] && [ -n "$(pg_bin)" ] || { echo "error: apt-get could not install postgresql" >&2; return 1; }
}

pg_as_owner() {  # COMMAND...: runs it as the cluster's owner (postgres when we are root), in place
  if [ "$(id -u)" -eq 0 ]; then
    setpriv --reuid=postgres --regid=postgres --init-groups -- "$@"
  else
    "$@"
  fi
}

pg_free_port() {  # FIRST: the first port from FIRST on that nothing listens on
  local port=$1
  while ss -Hltn "sport = :$port" | grep -q .; do
    port=$((port + 1))
  done
  echo "$port"
}

pg_init() {  # DIR: a fresh cluster in DIR/data (anything there before is removed), sockets in DIR/socket
  local dir=$1 bin
  bin=$(pg_bin)
  [ -n "$bin" ] || { echo "error: no PostgreSQL server under /usr/lib/postgresql" >&2; return 1; }
  rm -rf "$dir/data" "$dir/socket"
  mkdir -p "$dir/socket"
  if [ "$(id -u)" -eq 0 ]; then
    id postgres >/dev/null 2>&1 || { echo "error: running as root, but there is no user postgres to run the server as" >&2; return 1; }
    chown postgres: "$dir" "$dir/socket"
    setpriv --reuid=postgres --regid=postgres --init-groups -- test -w "$dir" \
      || { echo "error: the user postgres cannot write $dir (a parent folder closed to it?)" >&2; return 1; }
  fi
  pg_as_owner "$bin/initdb" -D "$dir/data" -U postgres -E UTF8 --locale=C \
    --auth-local=trust --auth-host=scram-sha-256 >"$dir/initdb.log" 2>&1 \
    || { echo "error: initdb failed; see $dir/initdb.log" >&2; tail -5 "$dir/initdb.log" >&2; return 1; }
}

pg_start_command() {  # DIR PORT: sets PG_CMD, the postmaster's command line (run as the cluster's owner)
  local dir=$1 port=$2 bin
  bin=$(pg_bin)
  PG_CMD=("$bin/postgres" -D "$dir/data" -p "$port" -c listen_addresses=127.0.0.1
    -c "unix_socket_directories=$dir/socket" -c max_connections=300
    # Read-only workloads: durability costs only the seeding time.
    -c fsync=off -c synchronous_commit=off -c full_page_writes=off)
  if [ "$(id -u)" -eq 0 ]; then
    PG_CMD=(setpriv --reuid=postgres --regid=postgres --init-groups -- "${PG_CMD[@]}")
  fi
}

pg_await() {  # DIR PORT PID: waits up to 30 s for it to accept connections; 1 if it died or did not
  local dir=$1 port=$2 pid=$3 i
  for i in $(seq 300); do
    kill -0 "$pid" 2>/dev/null || { echo "error: postgres exited; see $dir/postgres.log" >&2; return 1; }
    "$(pg_bin)/pg_isready" -q -h 127.0.0.1 -p "$port" && return 0
    sleep 0.1
  done
  echo "error: postgres did not accept connections on 127.0.0.1:$port within 30 s" >&2
  return 1
}

pg_psql() {  # DIR PORT USER DATABASE: psql over the unix socket, stopping at the first error
  "$(pg_bin)/psql" -X -q -v ON_ERROR_STOP=1 -h "$1/socket" -p "$2" -U "$3" -d "$4"
}

pg_seed() {  # DIR PORT: the role and database (when missing), then world and fortune afresh
  local dir=$1 port=$2
  pg_psql "$dir" "$port" postgres postgres <<EOF >/dev/null || return 1
SELECT 'CREATE ROLE $PG_USER LOGIN PASSWORD ''$PG_PASSWORD'''
  WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$PG_USER') \gexec
SELECT 'CREATE DATABASE $PG_DB OWNER $PG_USER ENCODING ''UTF8'''
  WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = '$PG_DB') \gexec
EOF
  pg_psql "$dir" "$port" "$PG_USER" "$PG_DB" <<EOF || return 1
SET client_min_messages = warning;
DROP TABLE IF EXISTS world, fortune;
CREATE TABLE world (id integer PRIMARY KEY, randomnumber integer NOT NULL);
INSERT INTO world SELECT i, 1 + floor(random() * $PG_WORLD_ROWS)::integer FROM generate_series(1, $PG_WORLD_ROWS) AS i;
CREATE TABLE fortune (id integer PRIMARY KEY, message varchar(2048) NOT NULL);
INSERT INTO fortune (id, message) VALUES
  (1, 'fortune: No such file or directory'),
  (2, 'A computer scientist is someone who fixes things that aren''t broken.'),
  (3, 'After enough decimal places, nobody gives a damn.'),
  (4, 'A bad random number generator: 1, 1, 1, 1, 1, 4.33e+67, 1, 1, 1'),
  (5, 'A computer program does what you tell it to do, not what you want it to do.'),
  (6, 'Emacs is a nice operating system, but I prefer UNIX. — Tom Christaensen'),
  (7, 'Any program that runs right is obsolete.'),
  (8, 'A list is only as strong as its weakest link. — Donald Knuth'),
  (9, 'Feature: A bug with seniority.'),
  (10, 'Computers make very fast, very accurate mistakes.'),
  (11, '<script>alert("This should not be displayed in a browser alert box.");</script>'),
  (12, 'フレームワークのベンチマーク');
ANALYZE world;
ANALYZE fortune;
EOF
}

pg_jdbc_url() {  # PORT: the URL the servers get (user and password in it)
  echo "jdbc:postgresql://127.0.0.1:$1/$PG_DB?user=$PG_USER&password=$PG_PASSWORD"
}

pg_stop() {  # PID: fast shutdown (SIGINT: ends the sessions, then exits), up to 15 s, then KILL
  local pid=$1 i
  kill -INT "$pid" 2>/dev/null || return 0
  for i in $(seq 150); do
    kill -0 "$pid" 2>/dev/null || return 0
    sleep 0.1
  done
  echo "warning: postgres $pid did not stop within 15 s; killing it" >&2
  kill -KILL "$pid" 2>/dev/null || true
}

# ---------------------------------------------------------------- by hand

pg_main() {
  local command=${1:-} dir port=15432 pid
  dir="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/target/postgres"
  [ $# -gt 0 ] && shift
  while [ $# -gt 0 ]; do
    case "$1" in
      --port) port=$2; shift ;;
      --dir) dir=$2; shift ;;
      *) echo "unknown option $1 (see the head of $0)" >&2; exit 2 ;;
    esac
    shift
  done
  case "$command" in
    start)
      pg_ensure_installed || exit 1
      mkdir -p "$dir"
      dir=$(cd "$dir" && pwd)
      port=$(pg_free_port "$port")
      pg_init "$dir" || exit 1
      pg_start_command "$dir" "$port"
      nohup "${PG_CMD[@]}" >"$dir/postgres.log" 2>&1 </dev/null &
      pid=$!
      pg_await "$dir" "$port" "$pid" && pg_seed "$dir" "$port" || { pg_stop "$pid"; exit 1; }
      echo "$port" >"$dir/port"
      echo "postgres pid=$pid port=$port data=$dir/data log=$dir/postgres.log"
      echo "DB_URL=$(pg_jdbc_url "$port")"
      ;;
    seed)
      [ -f "$dir/port" ] && [ "$port" = 15432 ] && port=$(cat "$dir/port")
      pg_seed "$dir" "$port" && echo "seeded $PG_DB on port $port"
      ;;
    stop)
      [ -f "$dir/data/postmaster.pid" ] || { echo "no postmaster.pid under $dir/data: not running" >&2; exit 1; }
      pid=$(head -1 "$dir/data/postmaster.pid")
      pg_stop "$pid" && echo "stopped postgres $pid"
      ;;
    *) echo "usage: $0 start|seed|stop [--port N] [--dir DIR]" >&2; exit 2 ;;
  esac
}

if [ "${BASH_SOURCE[0]}" = "$0" ]; then
  set -euo pipefail
  pg_main "$@"
fi
