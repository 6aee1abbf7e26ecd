# Sourced by the scripts in bin/: finds a JDK 25 (or newer) and exports JAVA_HOME and PATH.
# Order: $JAVA_HOME if it is 25+, then /usr/lib/jvm/* (Debian, Temurin packages), then /opt/*jdk*.
# Fails with a message naming what is missing when none is found.

_mummy_jdk_feature() {
  # Prints the feature version (17, 25, ...) of the JDK at $1, or nothing.
  local release="$1/release"
  [ -x "$1/bin/javac" ] && [ -f "$release" ] || return 0
  sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$release"
}

mummy_find_jdk() {
  local candidate feature
  for candidate in "${JAVA_HOME:-}" /usr/lib/jvm/* /opt/*jdk* /opt/java/*; do
    [ -n "$candidate" ] && [ -d "$candidate" ] || continue
    feature=$(_mummy_jdk_feature "$candidate")
    if [ -n "$feature" ] && [ "$feature" -ge 25 ]; then
      echo "$candidate"
      return 0
    fi
  done
  return 1
}

if ! MUMMY_JDK=$(mummy_find_jdk); then
  echo "error: Mummy for Java needs a JDK 25 (javac and a 'release' file), and none was found in" >&2
  echo "       \$JAVA_HOME (${JAVA_HOME:-unset}), /usr/lib/jvm/* or /opt/*jdk*." >&2
  echo "       Install one (e.g. the temurin-25-jdk package) or point JAVA_HOME at it." >&2
  exit 1
fi
export JAVA_HOME="$MUMMY_JDK"
export PATH="$JAVA_HOME/bin:$PATH"
