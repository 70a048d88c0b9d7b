# Sourced by the bin/ launchers: runs a jmfs main class from a module built by `./mvnw -B -DskipTests package`.
# Usage (from a launcher): jmfs_run <module> <main class> "$@"
# JVM options can be given in JMFS_JAVA_OPTS (split on blanks).
# A launcher that sets JMFS_AOT_SERVICE=1 (a long-running service: chunkserver, mount) also gets an AOT cache, below.

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
  jmfs_aot_front=
  [ "${JMFS_AOT_SERVICE:-}" != 1 ] || jmfs_aot "$(basename "$0")" "$@"
  # shellcheck disable=SC2086 # JMFS_JAVA_OPTS is a list of options
  exec "$JAVA_HOME/bin/java" $jmfs_aot_front ${JMFS_JAVA_OPTS:-} -cp "$jmfs_jar:$jmfs_target/lib/*" "$jmfs_main" "$@"
}

# The JDK's AOT cache (JEP 483, 514, 515): classes already loaded and linked, and method profiles, from an earlier run
# of the same build on the same JDK. A fresh JVM then skips most of its class loading and reaches compiled code
# sooner: a new chunkserver's first writes and a new mount's first files no longer wait for the JVM to warm up
# (docs/benchmarks.md). The cache is learnt, not shipped: a run without one records what it uses and leaves a cache
# at its exit, and the next start adopts it, if that run lasted JMFS_AOT_MIN_SECONDS (3 by default, so that a
# failed start does not teach a useless cache). Caches live in <module>/target/aot (JMFS_AOT_DIR to move them) and
# are dropped when a jar or the JDK is newer. JMFS_AOT=off turns all of this off.
#
# jmfs_aot_stale FILE: whether a jar of the build or the JDK's modules is newer than FILE (a cache or a recording).
jmfs_aot_stale() {
  [ -n "$(find "$jmfs_jar" "$jmfs_target/lib" "$JAVA_HOME/lib/modules" -newer "$1" 2>/dev/null | head -1)" ]
}

# jmfs_aot NAME ARGS...: sets jmfs_aot_front (options for the JVM this launcher runs) and exports JMFS_AOT_OPTS (for
# the JVM a background start runs: the first one only starts it and exits, so it must not record).
jmfs_aot() {
  jmfs_aot_name=$1
  shift
  [ "${JMFS_AOT:-on}" != off ] || return 0
  jmfs_aot_foreground=
  for jmfs_arg in "$@"; do
    case "$jmfs_arg" in
      -f|-d) jmfs_aot_foreground=1;;
      stop|kill|reload|test|info|-h|--help|-v|-V|--version) return 0;;  # a short run: nothing to learn or gain
    esac
  done
  jmfs_aot_dir=${JMFS_AOT_DIR:-$jmfs_target/aot}
  mkdir -p "$jmfs_aot_dir" 2>/dev/null && [ -w "$jmfs_aot_dir" ] || return 0
  jmfs_aot_cache=$jmfs_aot_dir/$jmfs_aot_name.aot
  if [ -f "$jmfs_aot_cache" ] && jmfs_aot_stale "$jmfs_aot_cache"; then
    rm -f "$jmfs_aot_cache"
  fi
  # Recordings are named NAME.t<start second>.pid<pid>.aot; the JDK writes one at its exit through NAME...aot.config,
  # which it removes once the cache is complete.
  for jmfs_rec in "$jmfs_aot_dir/$jmfs_aot_name".t*.pid*.aot; do
    [ -f "$jmfs_rec" ] || continue
    jmfs_rec_pid=${jmfs_rec##*.pid}; jmfs_rec_pid=${jmfs_rec_pid%.aot}
    # still being written while its JVM lives (asked of /proc: kill -0 fails for another user's process)
    if [ -e "/proc/$jmfs_rec_pid" ]; then
      continue
    fi
    jmfs_rec_start=${jmfs_rec##*/"$jmfs_aot_name".t}; jmfs_rec_start=${jmfs_rec_start%%.*}
    jmfs_rec_end=$(date -r "$jmfs_rec" +%s 2>/dev/null) || continue  # another launcher took it
    if [ ! -f "$jmfs_aot_cache" ] && [ ! -e "$jmfs_rec.config" ] \
        && [ $((jmfs_rec_end - jmfs_rec_start)) -ge "${JMFS_AOT_MIN_SECONDS:-3}" ] \
        && ! jmfs_aot_stale "$jmfs_rec"; then
      mv -f "$jmfs_rec" "$jmfs_aot_cache" 2>/dev/null || true  # another launcher may have adopted it first
    else
      rm -f "$jmfs_rec" "$jmfs_rec.config"
    fi
  done
  if [ -f "$jmfs_aot_cache" ]; then
    jmfs_aot_opts="-XX:AOTCache=$jmfs_aot_cache"
    [ "${JMFS_AOT_EAGER:-}" != 1 ] || jmfs_aot_eager
  else
    # %p: the JDK puts the recording JVM's pid there
    jmfs_aot_opts="-XX:AOTCacheOutput=$jmfs_aot_dir/$jmfs_aot_name.t$(date +%s).%p.aot"
  fi
  # The JDK's own reports on the cache (a class it cannot store, a cache it cannot map) would fill the daemon's output.
  jmfs_aot_opts="$jmfs_aot_opts -Xlog:aot*=off -Xlog:cds*=off"
  if [ -n "$jmfs_aot_foreground" ]; then
    jmfs_aot_front=$jmfs_aot_opts
  else
    JMFS_AOT_OPTS=$jmfs_aot_opts
    export JMFS_AOT_OPTS
  fi
}

# jmfs_aot_eager: with a cache, also compile each method that the cache's run compiled as soon as its class is
# initialised, instead of after some thousand calls in the interpreter (-XX:+AOTCompileEagerly, experimental in JDK
# 25): a fresh chunkserver's compilations then happen while it starts, not during its first writes. Whether this JDK
# has the option is asked once and kept, with the JDK's path, in <cache folder>/eager-compile.
jmfs_aot_eager() {
  jmfs_eager_flags="-XX:+UnlockExperimentalVMOptions -XX:+AOTCompileEagerly"
  jmfs_eager_mark=$jmfs_aot_dir/eager-compile
  jmfs_eager_known=$(cat "$jmfs_eager_mark" 2>/dev/null) || jmfs_eager_known=
  if [ "${jmfs_eager_known#* }" != "$JAVA_HOME" ] \
      || [ -n "$(find "$JAVA_HOME/lib/modules" -newer "$jmfs_eager_mark" 2>/dev/null | head -1)" ]; then
    # shellcheck disable=SC2086 # a list of options
    if "$JAVA_HOME/bin/java" $jmfs_eager_flags -version >/dev/null 2>&1; then
      jmfs_eager_known="yes $JAVA_HOME"
    else
      jmfs_eager_known="no $JAVA_HOME"
    fi
    echo "$jmfs_eager_known" >"$jmfs_eager_mark" 2>/dev/null || true
  fi
  [ "${jmfs_eager_known%% *}" != yes ] || jmfs_aot_opts="$jmfs_aot_opts $jmfs_eager_flags"
}
