# Sourced by the master benchmarks: a private network namespace with NET.1 on a veth, and start_master KIND
# (real = Debian's mfsmaster 3.0.117, ours = bin/mfsmaster) at NET.1 with its own config and data under $dir.
# Expects $here (the repository root); sets ns, net, dir, pid, m, started_at (date +%s.%N before the master was
# launched); stop_master and an EXIT trap clean up. BENCH_DUMP: a metadata.mfs both kinds start from.
ns=${BENCH_NS_PREFIX:-jmfsbench}-$$
net=198.18.$((RANDOM % 150 + 100))
dir=$(mktemp -d /tmp/jmfs-bench-XXXXXX)
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

start_master() {
  local kind=$1
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
  # the real master needs Debian's "MFSM NEW" marker; ours starts a new file system in an empty folder.
  # With BENCH_DUMP set, both start from a copy of that metadata.mfs instead.
  if [ -n "${BENCH_DUMP:-}" ]; then cp "$BENCH_DUMP" "$m/meta/metadata.mfs"
  elif [ "$kind" = real ]; then echo "MFSM NEW" >"$m/meta/metadata.mfs"; fi
  started_at=$(date +%s.%N)
  if [ "$kind" = real ]; then
    ip netns exec "$ns" mfsmaster -f -c "$m/mfsmaster.cfg" >"$m.log" 2>&1 &
  else
    ip netns exec "$ns" "${BENCH_OURS:-$here/bin/mfsmaster}" -f -c "$m/mfsmaster.cfg" >"$m.log" 2>&1 &
  fi
  pid=$!
  for _ in $(seq 1 ${BENCH_START_POLLS:-120}); do
    in_ns bash -c "exec 3<>/dev/tcp/$net.1/9421" 2>/dev/null && break; sleep "${BENCH_START_POLL_S:-0.5}"
  done
}
