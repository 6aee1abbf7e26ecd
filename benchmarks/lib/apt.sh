# Sourced by benchmarks/compare, benchmarks/soak and benchmarks/profile: a tool they need, installed
# with Debian's apt-get when it is missing (as root; otherwise they stop and say the command).

ensure_command() {  # COMMAND PACKAGE: returns once COMMAND is on the PATH, installing PACKAGE if needed
  command -v "$1" >/dev/null && return 0
  if [ "$(id -u)" -ne 0 ]; then
    echo "error: $1 missing; run: sudo apt-get install -y $2" >&2
    exit 1
  fi
  echo "installing $2 (apt-get)..." >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$2" >&2 \
    || { apt-get update -q >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$2" >&2; }
}
