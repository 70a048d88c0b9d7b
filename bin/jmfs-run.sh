# Sourced by the bin/ launchers: runs a jmfs main class from a module built by `./mvnw -B -DskipTests package`.
# Usage (from a launcher): jmfs_run <module> <main class> "$@"
# JVM options can be given in JMFS_JAVA_OPTS (split on blanks).

jmfs_run() {
  jmfs_module=$1 jmfs_main=$2
  shift 2
  jmfs_bin=$(dirname "$(readlink -f "$0")")
  jmfs_home=${jmfs_bin%/bin}
  . "$jmfs_bin/jdk.sh"
  jmfs_find_jdk || exit 1

  jmfs_target="$jmfs_home/$jmfs_module/target"
  jmfs_jar=
  for jmfs_candidate in "$jmfs_target/$jmfs_module"-*.jar; do
    case "$jmfs_candidate" in *-sources.jar|*-javadoc.jar|*-tests.jar|*\**) continue;; esac
    [ -f "$jmfs_candidate" ] && jmfs_jar=$jmfs_candidate && break
  done
  if [ -z "$jmfs_jar" ] || [ ! -d "$jmfs_target/lib" ]; then
    echo "$(basename "$0"): jmfs is not built yet: $jmfs_target has no $jmfs_module jar and lib/ folder." >&2
    echo "$(basename "$0"): build it first: (cd $jmfs_home && ./mvnw -B -DskipTests package)" >&2
    exit 1
  fi
  # shellcheck disable=SC2086 # JMFS_JAVA_OPTS is a list of options
  exec "$JAVA_HOME/bin/java" ${JMFS_JAVA_OPTS:-} -cp "$jmfs_jar:$jmfs_target/lib/*" "$jmfs_main" "$@"
}
