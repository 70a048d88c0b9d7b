#!/usr/bin/env bash
# master-dump-latency.sh: client latency (libmfsio stat of existing files, one client process) on our master with
# and without a background dump in progress (issue #8: "p99 during a dump no more than twice its value without").
#
#   bench/master-dump-latency.sh DUMP [BEFORE_S] [AFTER_S] [DIRS] [FILES_PER_DIR]   (defaults: 30 20 10000 1000)
#
# DUMP: a metadata.mfs, e.g. from `DumpBenchmarkMain 10000000 FILE 1` (paths /d<k>/file-<n>, 1000 per directory).
# Our master runs in DumpClientLatencyMain (test classes) with bin/mfsmaster's JVM options plus JMFS_JAVA_OPTS, on
# 127.0.0.1 at a random port, from a copy of DUMP. After READY the client (bench/lib/statloop.c) stats random
# files; BEFORE_S later the driver starts a background dump (load of metadata.mfs + changelog replay + write,
# on the dump thread, as METADATA_SAVE_FREQ does) and serves AFTER_S more after it ends. The first 5 s of the
# client are its warm-up and not counted. Prints p50/p99/p99.9/max per phase.
set -euo pipefail
dump=$1; before=${2:-30}; after=${3:-20}; dirs=${4:-10000}; per=${5:-1000}
here=$(cd "$(dirname "$0")/.." && pwd)
. "$here/bin/jdk.sh"; jmfs_find_jdk
work=$(mktemp -d /tmp/jmfs-dumplat-XXXXXX)
statloop=$work/statloop
gcc -O2 -o "$statloop" "$here/bench/lib/statloop.c" -lmfsio
cp="${BENCH_CP:-$here/mfs-master/target/test-classes:$here/mfs-master/target/classes:$here/mfs-master/target/lib/*}"
mkdir "$work/data"; cp "$dump" "$work/data/metadata.mfs"
port=$((20000 + RANDOM % 20000))
jpid= cpid=
cleanup() { [ -z "$cpid" ] || kill "$cpid" 2>/dev/null || true; [ -z "$jpid" ] || kill -9 "$jpid" 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT
# shellcheck disable=SC2086
"$JAVA_HOME/bin/java" -XX:+UseG1GC -XX:+UseCompactObjectHeaders -Xms32m -XX:MaxRAMPercentage=75 \
  -XX:MinHeapFreeRatio=5 -XX:MaxHeapFreeRatio=10 -XX:G1PeriodicGCInterval=5000 -XX:G1HeapRegionSize=4m --enable-native-access=ALL-UNNAMED \
  ${JMFS_JAVA_OPTS:-} \
  -cp "$cp" io.jmfs.master.DumpClientLatencyMain "$work/data" "$port" "$before" "$after" >"$work/driver.log" 2>&1 &
jpid=$!
until grep -q '^READY' "$work/driver.log"; do kill -0 "$jpid" || { cat "$work/driver.log"; exit 1; }; sleep 0.5; done
grep '^READY' "$work/driver.log"
"$statloop" 127.0.0.1 "$port" 3600 "$dirs" "$per" >"$work/ops" &
cpid=$!
until grep -q '^END' "$work/driver.log"; do kill -0 "$jpid" 2>/dev/null || break; sleep 0.5; done
kill "$cpid"; wait "$cpid" || true; cpid=
grep -E '^(DUMP|END)|dumped|loaded' "$work/driver.log" || true
first=$(head -1 "$work/ops" | cut -d' ' -f1)
ds=$(awk '$1=="DUMP_START" {print $2}' "$work/driver.log"); de=$(awk '$1=="DUMP_END" {print $2}' "$work/driver.log")
awk -v w=$((first + 5000000000)) -v ds="$ds" -v de="$de" '
  $1 < w {next}
  {ph = $1 < ds ? "1-no-dump" : ($1 < de ? "2-during-dump" : "3-after-dump"); print ph, $2}' "$work/ops" |
  sort -k1,1 -k2,2n | awk '
  function report() { if (n) printf "%-14s ops=%-8d p50=%6.0fus p99=%6.0fus p99.9=%6.0fus max=%8.0fus\n", ph, n,
      v[int(n*0.5)+1]/1000, v[int(n*0.99)+1]/1000, v[int(n*0.999)+1]/1000, v[n]/1000 }
  $1 != ph { report(); ph = $1; n = 0 }
  { v[++n] = $2 }
  END { report() }'
