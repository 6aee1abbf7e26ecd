# Sourced by bin/demo, bin/echo-server, bin/chat, bin/file-server and bin/tus-server: builds the
# modules when a source is newer than the last build, then runs a main class of module
# mummy.examples on the module path.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
source "$ROOT/bin/jdk25.sh"
MODULES="$ROOT/examples/target/modules"
STAMP="$MODULES/.built"

mummy_build_if_needed() {
  if [ -f "$STAMP" ] && [ -z "$(find "$ROOT" -path "$ROOT/*/target" -prune -o \( -name '*.java' -o -name 'pom.xml' -o -path '*/src/main/resources/*' \) -newer "$STAMP" -print -quit)" ]; then
    return 0
  fi
  echo "building (bin/mvnw package -DskipTests)..." >&2
  "$ROOT/bin/mvnw" -q package -DskipTests -pl examples -am >&2
  touch "$STAMP"
}

# mummy_run_example CLASS ARGS...: exec java on the module path with native access for mummy.io.
mummy_run_example() {
  local main="$1"; shift
  mummy_build_if_needed
  exec "$JAVA_HOME/bin/java" --enable-native-access=mummy.io ${MUMMY_JAVA_OPTS:-} \
    --module-path "$MODULES" -m "mummy.examples/$main" "$@"
}
