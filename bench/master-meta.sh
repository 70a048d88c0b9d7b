#!/usr/bin/env bash
# master-meta.sh: metadata operations per second through libmfsio, our master against the real MooseFS 3.0.117
# one, measured in the same run (the issue's "mfsbench meta with 4 processes").
#
#   bench/master-meta.sh [FILES_PER_PROCESS] [PROCESSES] [KINDS]   (defaults: 20000 4 "real ours real ours"; root)
#
# For each kind in turn: a fresh master at NET.1 of a private network namespace, then
# `mfsbench NET.1 9421 meta FILES PROCESSES` (create, stat, rename, unlink; /work/shared/tools/mfsbench.c),
# then the master is stopped. Alternating kinds twice shows how much the machine's own noise moves the figures.
# Our master runs with its changelog on (DATA_PATH set), as the real one does.
set -euo pipefail
files=${1:-20000}
procs=${2:-4}
kinds=${3:-"real ours real ours"}
here=$(cd "$(dirname "$0")/.." && pwd)
bench=${MFSBENCH:-/tmp/mfsbench}
export JMFS_JAVA_OPTS=${JMFS_JAVA_OPTS:-"-Xms256m -Xmx2g -XX:+UseCompactObjectHeaders"}
[ "$(id -u)" = 0 ] || { echo "master-meta.sh: needs root (network namespace)" >&2; exit 2; }
[ -x "$bench" ] || gcc -O2 -o "$bench" /work/shared/tools/mfsbench.c -lmfsio
. "$here/bin/jdk.sh"; jmfs_find_jdk

ns=jmfsmeta-$$
net=198.18.$((RANDOM % 150 + 100))
dir=$(mktemp -d /tmp/jmfs-meta-XXXXXX)
pid=
stop_master() {
  [ -n "$pid" ] || return 0
  kill "$pid" 2>/dev/null || true
  for _ in $(seq 1 600); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
  kill -9 "$pid" 2>/dev/null || true
  pid=
}
cleanup() { stop_master; ip netns del "$ns" 2>/dev/null || true; rm -rf "$dir"; }
trap cleanup EXIT
in_ns() { ip netns exec "$ns" "$@"; }
ip netns add "$ns"
in_ns ip link set lo up
in_ns ip link add v0 type veth peer name v1
in_ns ip addr add "$net.1/24" dev v0
in_ns ip link set v0 up; in_ns ip link set v1 up

for kind in $kinds; do
  m=$dir/$kind; mkdir -p "$m/meta"
  cat >"$m/mfsmaster.cfg" <<CFG
WORKING_USER = root
DATA_PATH = $m/meta
EXPORTS_FILENAME = $m/mfsexports.cfg
TOPOLOGY_FILENAME = $m/mfstopology.cfg
MATOML_LISTEN_HOST = $net.1
MATOCS_LISTEN_HOST = $net.1
MATOCL_LISTEN_HOST = $net.1
CFG
  printf '*  /  rw,alldirs,admin,maproot=0:0\n' >"$m/mfsexports.cfg"
  touch "$m/mfstopology.cfg"
  # the real master needs Debian's "MFSM NEW" marker; ours starts a new file system in an empty folder
  [ "$kind" = real ] && echo "MFSM NEW" >"$m/meta/metadata.mfs"
  if [ "$kind" = real ]; then
    ip netns exec "$ns" mfsmaster -f -c "$m/mfsmaster.cfg" >"$m.log" 2>&1 &
  else
    ip netns exec "$ns" "$here/bin/mfsmaster" -f -c "$m/mfsmaster.cfg" >"$m.log" 2>&1 &
  fi
  pid=$!
  for _ in $(seq 1 120); do in_ns bash -c "exec 3<>/dev/tcp/$net.1/9421" 2>/dev/null && break; sleep 0.5; done
  echo "== $kind master: mfsbench meta $files x $procs"
  in_ns "$bench" "$net.1" 9421 meta 200 1 >/dev/null   # warm-up: one session, a few hundred operations
  in_ns "$bench" "$net.1" 9421 meta "$files" "$procs" | sed "s/^/$kind /"
  stop_master
  rm -rf "$m"
done
