# Sourced by the bin/ launchers and by mvnw: makes JAVA_HOME point at a JDK 25 or newer.
# Order: $JAVA_HOME, the java on the PATH, then the usual install folders.
jmfs_java_major() { # prints the feature version of the java binary $1, or nothing
  "$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = //p' | head -1
}
jmfs_find_jdk() {
  local cand v noglob=
  case $- in *f*) noglob=1; set +f;; esac
  for cand in "${JAVA_HOME:+$JAVA_HOME/bin/java}" "$(command -v java 2>/dev/null || true)" \
              /usr/lib/jvm/temurin-2[5-9]*/bin/java /usr/lib/jvm/java-2[5-9]*/bin/java \
              /usr/lib/jvm/*/bin/java /opt/java/*/bin/java /opt/*jdk*/bin/java /Library/Java/JavaVirtualMachines/*/Contents/Home/bin/java; do
    [ -n "$cand" ] && [ -x "$cand" ] || continue
    v=$(jmfs_java_major "$cand")
    case "$v" in ''|1.*) continue;; esac
    if [ "$v" -ge 25 ] 2>/dev/null; then
      cand=$(readlink -f "$cand")
      JAVA_HOME=${cand%/bin/java}
      export JAVA_HOME
      [ -z "$noglob" ] || set -f
      return 0
    fi
  done
  [ -z "$noglob" ] || set -f
  echo "jmfs: no JDK 25 found (looked at \$JAVA_HOME, java on the PATH, /usr/lib/jvm, /opt)." >&2
  echo "jmfs: install one (e.g. Temurin 25) or set JAVA_HOME to it." >&2
  return 1
}
