#!/usr/bin/env bash
# master-memory.sh: master memory per file, our master against the real MooseFS 3.0.117 one, in the same run.
#
#   bench/master-memory.sh [STEPS] [KINDS]     (defaults: "1000000 10000000" "real ours"; needs root)
#
# For each kind: a fresh master at NET.1 of a private network namespace (no chunkservers: the files are empty),
# its VmRSS once idle, then after `mfsbench fill` grew the namespace to each STEP files (4 processes, each making
# its share of empty files in a directory of its own), and the RSS difference per file above the empty master.
# For ours it also prints the live heap after a full GC (jcmd GC.run + GC.heap_info).
# JVM options for our master: bin/mfsmaster's (docs/configuration.md), plus JMFS_JAVA_OPTS if set.
set -euo pipefail
steps=${1:-"1000000 10000000"}
kinds=${2:-"real ours"}
here=$(cd "$(dirname "$0")/.." && pwd)
bench=${MFSBENCH:-/tmp/mfsbench}
# our master runs with bin/mfsmaster's own JVM options (docs/configuration.md); JMFS_JAVA_OPTS adds to them
[ "$(id -u)" = 0 ] || { echo "master-memory.sh: needs root (network namespace)" >&2; exit 2; }
[ -x "$bench" ] || gcc -O2 -o "$bench" /work/shared/tools/mfsbench.c -lmfsio
. "$here/bin/jdk.sh"; jmfs_find_jdk

BENCH_NS_PREFIX=jmfsmem
. "$here/bench/lib/master-ns.sh"

rss_kib() { awk '$1=="VmRSS:" {print $2}' "/proc/$pid/status"; }
# wait until the RSS stops moving (the masters settle their allocations a moment after the last request): the same
# value for 8 s, longer than our master's periodic collection (G1PeriodicGCInterval=5000), at most 2 minutes
settled_rss() {
  local a b same=0
  a=$(rss_kib)
  for _ in $(seq 1 60); do
    sleep 2; b=$(rss_kib)
    if [ "$a" = "$b" ]; then same=$((same + 1)); [ $same -ge 4 ] && break; else same=0; fi
    a=$b
  done
  echo "$b"
}
live_heap() {
  [ "$1" = ours ] || { echo "-"; return; }
  "$JAVA_HOME/bin/jcmd" "$pid" GC.run >/dev/null
  # the generations' "used" figures (K), summed: what is live right after the full GC
  "$JAVA_HOME/bin/jcmd" "$pid" GC.heap_info | awk '/^[A-Za-z].*total.*used/ {for (i=1;i<=NF;i++) if ($i=="used") {v=$(i+1); sub(/K.*/,"",v); s+=v}} END {printf "%dK\n", s}'
}

for kind in $kinds; do
  start_master "$kind"
  in_ns "$bench" "$net.1" 9421 fill 1 1 >/dev/null   # one session and one file: the "empty" baseline is warm
  base=$(settled_rss)
  printf '%-5s files=%-9s rss=%8s KiB  heap_live=%s\n' "$kind" 1 "$base" "$(live_heap "$kind")"
  have=1
  for target in $steps; do
    per=$(( (target - have) / 4 ))
    t0=$(date +%s)
    in_ns "$bench" "$net.1" 9421 fill "$per" 4 >"$m.fill" 2>&1 || { cat "$m.fill" >&2; exit 1; }
    have=$((have + per * 4)); t1=$(date +%s)
    rss=$(settled_rss)
    printf '%-5s files=%-9s rss=%8s KiB  heap_live=%s  bytes/file_above_empty=%s  fill_s=%s\n' "$kind" "$have" \
      "$rss" "$(live_heap "$kind")" $(( (rss - base) * 1024 / (have - 1) )) $((t1 - t0))
  done
  stop_master
done
