#!/usr/bin/env bash
# master-load.sh: metadata load at start and dump at stop, our master against the real MooseFS 3.0.117 one, on
# the same metadata.mfs, interleaved in the same run (issue #8: "ours at least as fast").
#
#   bench/master-load.sh [FILES] [KINDS] [DUMP]   (defaults: 3000000 "real ours real ours"; needs root)
#   KINDS: real, ours (bin/mfsmaster) or ours=LAUNCHER (another build, run like bin/mfsmaster)
#
# DUMP (default: written once by DumpBenchmarkMain FILES into /tmp, 1000 files per directory, one chunk each, 1%
# symlinks and xattrs) is copied into a fresh DATA_PATH for each run, so both masters load the very same bytes
# (ours reads MooseFS dumps). For each kind: "start" = launch until the client port accepts connections (both
# masters load the metadata before they listen; ours includes the JVM's start and the consistency check), then
# "stop" = SIGTERM until the process is gone (both write their dump at stop). The real master's own loading
# line and ours ("metadata loaded ... in N ms") are printed too. The dump is read from the page cache (it was just
# copied). JVM options for ours: bin/mfsmaster's, plus JMFS_JAVA_OPTS.
set -euo pipefail
files=${1:-3000000}
kinds=${2:-"real ours real ours"}
here=$(cd "$(dirname "$0")/.." && pwd)
[ "$(id -u)" = 0 ] || { echo "master-load.sh: needs root (network namespace)" >&2; exit 2; }
. "$here/bin/jdk.sh"; jmfs_find_jdk
dump=${3:-/tmp/jmfs-load-$files.mfs}
if [ ! -s "$dump" ]; then
  cp="$here/mfs-master/target/classes:$here/mfs-master/target/test-classes:$(ls "$here"/mfs-master/target/lib/*.jar | tr '\n' ':')"
  "$JAVA_HOME/bin/java" -Xmx$((files / 250000 + 2))g -cp "$cp" io.jmfs.master.meta.DumpBenchmarkMain "$files" "$dump" 1
fi
echo "dump: $dump ($(stat -c %s "$dump") bytes)"

BENCH_NS_PREFIX=jmfsload BENCH_DUMP=$dump BENCH_START_POLLS=6000 BENCH_START_POLL_S=0.02
. "$here/bench/lib/master-ns.sh"

for spec in $kinds; do
  # "ours=COMMAND" runs that launcher instead of bin/mfsmaster (e.g. a build before and after a change)
  kind=${spec%%=*}; unset BENCH_OURS
  if [ "$kind" != "$spec" ]; then export BENCH_OURS=${spec#*=}; kind=ours-$(basename "$BENCH_OURS"); fi
  sync; cat "$dump" >/dev/null
  start_master "$kind"
  up=$(date +%s.%N)
  kill -0 "$pid" 2>/dev/null || { cat "$m.log" >&2; exit 1; }
  rss=$(awk '$1=="VmRSS:" {print $2}' "/proc/$pid/status")
  t0=$(date +%s.%N); kill "$pid"
  while kill -0 "$pid" 2>/dev/null; do sleep 0.02; done; t1=$(date +%s.%N); pid=
  printf '%-5s start_s=%.2f stop_s=%.2f rss_kib=%s\n' "$kind" "$(echo "$up - $started_at" | bc)" \
    "$(echo "$t1 - $t0" | bc)" "$rss"
  grep -E 'loaded|metadata loaded|metadata stored|stored in|load time|seconds' "$m.log" | sed "s/^/$kind   | /" | head -8 || true
  rm -rf "$m"
done
