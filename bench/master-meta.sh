#!/usr/bin/env bash
# master-meta.sh: metadata operations per second through libmfsio, our master against the real MooseFS 3.0.117
# one, measured in the same run (the issue's "mfsbench meta with 4 processes").
#
#   bench/master-meta.sh [FILES_PER_PROCESS] [PROCESSES] [KINDS]   (defaults: 20000 4 "real ours real ours"; root)
#   KINDS: real, ours (bin/mfsmaster) or ours=LAUNCHER (another build's bin/mfsmaster, e.g. before a change)
#
# For each kind in turn: a fresh master at NET.1 of a private network namespace, then
# `mfsbench NET.1 9421 meta FILES PROCESSES` (create, stat, rename, unlink; /work/shared/tools/mfsbench.c),
# then the master is stopped. Both kinds get the same warm-up (below) before the measured run. Alternating
# kinds twice shows how much the machine's own noise moves the figures.
# Our master runs with its changelog on (DATA_PATH set), as the real one does.
set -euo pipefail
files=${1:-20000}
procs=${2:-4}
kinds=${3:-"real ours real ours"}
here=$(cd "$(dirname "$0")/.." && pwd)
bench=${MFSBENCH:-/tmp/mfsbench}
# our master runs with bin/mfsmaster's own JVM options (docs/configuration.md); JMFS_JAVA_OPTS adds to them
[ "$(id -u)" = 0 ] || { echo "master-meta.sh: needs root (network namespace)" >&2; exit 2; }
[ -x "$bench" ] || gcc -O2 -o "$bench" /work/shared/tools/mfsbench.c -lmfsio
. "$here/bin/jdk.sh"; jmfs_find_jdk

BENCH_NS_PREFIX=jmfsmeta
. "$here/bench/lib/master-ns.sh"

for spec in $kinds; do
  # "ours=COMMAND" runs that launcher instead of bin/mfsmaster (e.g. a build before and after a change)
  kind=${spec%%=*}; unset BENCH_OURS
  if [ "$kind" != "$spec" ]; then export BENCH_OURS=${spec#*=}; kind=ours-$(basename "$(dirname "$(dirname "$BENCH_OURS")")"); fi
  start_master "$kind"
  echo "== $kind master: mfsbench meta $files x $procs"
  # warm-up, the same for both kinds: one short run, then the measured shape at a tenth of its size. Our master is
  # a JVM: its first seconds are spent compiling the request paths on the same two cores the clients use, which a
  # master that has been up for more than a minute no longer pays; the figures are meant to be the steady state.
  in_ns "$bench" "$net.1" 9421 meta 200 1 >/dev/null
  in_ns "$bench" "$net.1" 9421 meta $((files / 10)) "$procs" >/dev/null
  in_ns "$bench" "$net.1" 9421 meta "$files" "$procs" | sed "s/^/$kind /"
  stop_master
  rm -rf "$m"
done
