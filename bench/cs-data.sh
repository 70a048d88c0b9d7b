#!/usr/bin/env bash
# cs-data.sh: data-path benchmark, our chunkserver against the real MooseFS 3.0.117 one, in the same run.
#
#   bench/cs-data.sh [MIB_PER_PROCESS] [PROCESS_COUNTS] [KINDS]   (defaults: 256 "1 4" "real ours"; needs root)
#
# One network namespace, one real mfsmaster at NET.1. First two real mfschunkservers (NET.2, NET.3), then two of
# ours (bin/mfschunkserver, NET.4, NET.5) on fresh data folders, with the real ones stopped: the same master and
# the same client (libmfsio through /work/shared/tools/mfsbench.c, `data` mode: 1 MiB pwrites, fsync, read back and
# verify) measure both. The root has goal 2, so every write goes through a two-server chain.
# Prints one table line per (chunkserver, processes): write and read MB/s (MiB per second over all processes).
# Our chunkservers run with bin/mfschunkserver's JVM options; JMFS_JAVA_OPTS adds to them (or overrides them). Their
# learnt AOT cache (docs/configuration.md) comes from an unmeasured first run when this build has none yet.
# Keep the data on a real disk: the figures include its speed.
set -euo pipefail
mib=${1:-256}
procs=${2:-"1 4"}
kinds=${3:-"real ours"}
here=$(cd "$(dirname "$0")/.." && pwd)
bench=${MFSBENCH:-/tmp/mfsbench}
[ "$(id -u)" = 0 ] || { echo "cs-data.sh: needs root (network namespace, FUSE)" >&2; exit 2; }
[ -x "$bench" ] || gcc -O2 -o "$bench" /work/shared/tools/mfsbench.c -lmfsio
[ -f "$here/mfs-chunkserver/target/lib/mfs-daemon-0.1.0-SNAPSHOT.jar" ] || \
  { echo "cs-data.sh: build first: ./mvnw -B -DskipTests package" >&2; exit 2; }

ns=jmfsbench-$$
net=198.18.$((RANDOM % 150 + 100))
dir=$(mktemp -d /tmp/jmfs-bench-XXXXXX)
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do
    for _ in $(seq 1 150); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
    kill -9 "$pid" 2>/dev/null || true
  done
  ip netns exec "$ns" umount "$dir/mnt" 2>/dev/null || true
  ip netns del "$ns" 2>/dev/null || true
  rm -rf "$dir"
}
trap cleanup EXIT
in_ns() { ip netns exec "$ns" "$@"; }

ip netns add "$ns"
in_ns ip link set lo up
in_ns ip link add v0 type veth peer name v1
for i in $(seq 1 20); do in_ns ip addr add "$net.$i/24" dev v0; done
in_ns ip link set v0 up; in_ns ip link set v1 up

mkdir -p "$dir"/{master,meta,mnt}
cat >"$dir/master/mfsmaster.cfg" <<CFG
WORKING_USER = root
DATA_PATH = $dir/meta
EXPORTS_FILENAME = $dir/master/mfsexports.cfg
TOPOLOGY_FILENAME = $dir/master/mfstopology.cfg
MATOML_LISTEN_HOST = $net.1
MATOCS_LISTEN_HOST = $net.1
MATOCL_LISTEN_HOST = $net.1
CFG
printf '*  /  rw,alldirs,admin,maproot=0:0\n*  .  rw\n' >"$dir/master/mfsexports.cfg"
touch "$dir/master/mfstopology.cfg"
echo "MFSM NEW" >"$dir/meta/metadata.mfs"
# started with `ip netns exec` directly (not through a shell function) so that $! is the daemon itself
ip netns exec "$ns" mfsmaster -f -c "$dir/master/mfsmaster.cfg" >"$dir/master.log" 2>&1 &
pids+=($!)

# start_cs KIND HOST: a chunkserver (real or ours) at NET.HOST with a fresh data folder
start_cs() {
  local kind=$1 host=$2 cs=$dir/cs$2
  mkdir -p "$cs/hdd"
  echo "$cs/hdd" >"$cs/mfshdd.cfg"
  cat >"$cs/mfschunkserver.cfg" <<CFG
WORKING_USER = root
DATA_PATH = $cs
HDD_CONF_FILENAME = $cs/mfshdd.cfg
MASTER_HOST = $net.1
BIND_HOST = $net.$host
CSSERV_LISTEN_HOST = $net.$host
HDD_TEST_FREQ = 0
CFG
  if [ "$kind" = real ]; then
    ip netns exec "$ns" mfschunkserver -f -c "$cs/mfschunkserver.cfg" >"$cs.log" 2>&1 &
  else
    ip netns exec "$ns" "$here/bin/mfschunkserver" -f -c "$cs/mfschunkserver.cfg" >"$cs.log" 2>&1 &
  fi
  last_pid=$!
  pids+=("$last_pid")
}

# wait_cs ADDR...: until the master lists every given chunkserver with its disk space
wait_cs() {
  for _ in $(seq 1 120); do
    local ok=1
    for a in "$@"; do
      in_ns mfscli -H "$net.1" -p -SCS 2>/dev/null | awk -F'\t' -v a="$a" '$1=="chunk servers:" && $2==a && $11>0 {f=1} END {exit !f}' || ok=0
    done
    [ $ok = 1 ] && return 0
    sleep 0.5
  done
  echo "chunkservers $* did not register" >&2; exit 1
}

# settle: every measurement starts with no dirty pages and a cold page cache, so that the kernel's writeback of
# an earlier run's data does not slow a later one (with goal 2, a 1 GiB run leaves 2 GiB to write back)
settle() { sync; echo 3 >/proc/sys/vm/drop_caches; sleep 1; }

run_bench() {
  local kind=$1
  for p in $procs; do
    settle
    # a bounded run: mfsbench waits forever for a worker that died
    if ! out=$(timeout "${BENCH_TIMEOUT:-600}" ip netns exec "$ns" "$bench" "$net.1" 9421 data "$mib" "$p" \
        2>"$dir/bench.err"); then
      printf '%-6s procs=%d MiB/proc=%d  FAILED: %s\n' "$kind" "$p" "$mib" "$(grep -v accepted "$dir/bench.err" | tail -1)"
      continue
    fi
    w=$(awk '$1=="write_MiB" {print $4}' <<<"$out"); r=$(awk '$1=="read_MiB" {print $4}' <<<"$out")
    printf '%-6s procs=%d MiB/proc=%d  write %6s MB/s  read %6s MB/s\n' "$kind" "$p" "$mib" "$w" "$r"
  done
}

for _ in $(seq 1 60); do in_ns mfscli -H "$net.1" -SIN >/dev/null 2>&1 && break; sleep 0.5; done
# goal 2 on the root; retried because the master may still refuse clients right after it answers mfscli
for try in $(seq 1 20); do
  in_ns bash -c "mfsmount '$dir/mnt' -H $net.1 >/dev/null 2>&1 && mfssetgoal -r 2 '$dir/mnt' >/dev/null; r=\$?; umount '$dir/mnt' 2>/dev/null; exit \$r" \
    && break
  [ "$try" = 20 ] && { echo "cs-data.sh: cannot set goal 2 through mfsmount" >&2; exit 1; }
  sleep 0.5
done
# Our chunkserver learns an AOT cache from its first run of a build (bin/jmfs-run.sh, docs/configuration.md), as it
# would on any machine it had run on before: that first run, unmeasured, comes first when the cache is missing or
# stale (at addresses no measured kind uses).
cache=$here/mfs-chunkserver/target/aot/mfschunkserver.aot
if [[ " $kinds " == *" ours "* ]] && { [ ! -f "$cache" ] || \
    [ -n "$(find "$here/mfs-chunkserver/target" -maxdepth 2 -name '*.jar' -newer "$cache" | head -1)" ]; }; then
  echo "ours: a first run of this build, to learn its AOT cache (not measured)"
  start_cs ours 19; cs1=$last_pid
  start_cs ours 20; cs2=$last_pid
  wait_cs "$net.19" "$net.20"
  timeout "${BENCH_TIMEOUT:-600}" ip netns exec "$ns" "$bench" "$net.1" 9421 data 256 1 >/dev/null 2>&1 || true
  kill "$cs1" "$cs2"; while kill -0 "$cs1" 2>/dev/null || kill -0 "$cs2" 2>/dev/null; do sleep 0.2; done
fi
host=2
for kind in $kinds; do
  first=$host second=$((host + 1)); host=$((host + 2))
  start_cs "$kind" "$first"; cs1=$last_pid
  start_cs "$kind" "$second"; cs2=$last_pid
  wait_cs "$net.$first" "$net.$second"
  run_bench "$kind"
  kill "$cs1" "$cs2"; while kill -0 "$cs1" 2>/dev/null || kill -0 "$cs2" 2>/dev/null; do sleep 0.2; done
done
