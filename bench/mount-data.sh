#!/usr/bin/env bash
# mount-data.sh: our FUSE mount (bin/mfsmount) against the real mfsmount 3.0.117, on the same cluster, in one run.
#
#   bench/mount-data.sh [MIB] [KINDS] [ZIP]   (defaults: 1024 "real ours real ours" $JDK/lib/src.zip; needs root)
#
# One network namespace with a real mfsmaster at NET.1 and two real mfschunkservers (NET.2, NET.3), root goal 2.
# For each entry of KINDS in turn (real = Debian's mfsmount, ours = bin/mfsmount):
#   write  dd MIB MiB of zeros into a new file through a fresh mount, conv=fsync (the time includes the fsync);
#   read   unmount, drop the page cache, mount again, dd the file to /dev/null;
#   unpack unzip -q ZIP (the JDK's source archive: about 15,000 files in 400 folders) into a new folder.
# Prints one line per kind: write and read MB/s (MiB per second) and the unpack time in seconds.
# Our mount runs with bin/mfsmount's JVM options; JMFS_JAVA_OPTS adds to them. Its learnt AOT cache
# (docs/configuration.md) comes from an unmeasured first run when this build has none yet.
set -euo pipefail
mib=${1:-1024}
kinds=${2:-"real ours real ours"}
here=$(cd "$(dirname "$0")/.." && pwd)
. "$here/bin/jdk.sh"; jmfs_find_jdk
zip=${3:-$JAVA_HOME/lib/src.zip}
[ "$(id -u)" = 0 ] || { echo "mount-data.sh: needs root (network namespace, FUSE)" >&2; exit 2; }
[ -f "$zip" ] || { echo "mount-data.sh: no archive at $zip" >&2; exit 2; }
command -v unzip >/dev/null || { echo "mount-data.sh: needs unzip" >&2; exit 2; }
[ -f "$here/mfs-client/target/lib/mfs-protocol-0.1.0-SNAPSHOT.jar" ] || \
  { echo "mount-data.sh: build first: ./mvnw -B -DskipTests package" >&2; exit 2; }

ns=jmfsmount-$$
net=198.18.$((RANDOM % 150 + 100))
dir=$(mktemp -d /tmp/jmfs-bench-XXXXXX)
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do
    for _ in $(seq 1 150); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
    kill -9 "$pid" 2>/dev/null || true
  done
  ip netns del "$ns" 2>/dev/null || true
  rm -rf "$dir"
}
trap cleanup EXIT
in_ns() { ip netns exec "$ns" "$@"; }

ip netns add "$ns"
in_ns ip link set lo up
in_ns ip link add v0 type veth peer name v1
for i in 1 2 3; do in_ns ip addr add "$net.$i/24" dev v0; done
in_ns ip link set v0 up; in_ns ip link set v1 up

mkdir -p "$dir"/{master,meta}
cat >"$dir/master/mfsmaster.cfg" <<CFG
WORKING_USER = root
DATA_PATH = $dir/meta
EXPORTS_FILENAME = $dir/master/mfsexports.cfg
TOPOLOGY_FILENAME = $dir/master/mfstopology.cfg
MATOML_LISTEN_HOST = $net.1
MATOCS_LISTEN_HOST = $net.1
MATOCL_LISTEN_HOST = $net.1
CFG
printf '*  /  rw,alldirs,admin,maproot=0:0\n' >"$dir/master/mfsexports.cfg"
touch "$dir/master/mfstopology.cfg"
echo "MFSM NEW" >"$dir/meta/metadata.mfs"
ip netns exec "$ns" mfsmaster -f -c "$dir/master/mfsmaster.cfg" >"$dir/master.log" 2>&1 &
pids+=($!)
for host in 2 3; do
  cs=$dir/cs$host; mkdir -p "$cs/hdd"; echo "$cs/hdd" >"$cs/mfshdd.cfg"
  cat >"$cs/mfschunkserver.cfg" <<CFG
WORKING_USER = root
DATA_PATH = $cs
HDD_CONF_FILENAME = $cs/mfshdd.cfg
MASTER_HOST = $net.1
BIND_HOST = $net.$host
CSSERV_LISTEN_HOST = $net.$host
HDD_TEST_FREQ = 0
CFG
  ip netns exec "$ns" mfschunkserver -f -c "$cs/mfschunkserver.cfg" >"$cs.log" 2>&1 &
  pids+=($!)
done
for _ in $(seq 1 120); do
  n=$(in_ns mfscli -H "$net.1" -p -SCS 2>/dev/null | awk -F'\t' '$1=="chunk servers:" && $11>0' | wc -l) || n=0
  [ "$n" = 2 ] && break
  sleep 0.5
done
[ "$n" = 2 ] || { echo "mount-data.sh: the chunkservers did not register" >&2; exit 1; }

# One `ip netns exec` call per kind: each call has its own mount table, so a mount is seen only inside the call
# that made it. The inner script mounts, measures, unmounts and prints "write_s read_s unpack_s files".
inner=$(cat <<'INNER'
set -euo pipefail
kind=$1 mnt=$2 mib=$3 zip=$4 master=$5 ours=$6
mount_it() {
  for _ in $(seq 1 20); do
    if [ "$kind" = ours ] || [ "$kind" = learn ]; then "$ours" "$mnt" -H "$master" >/dev/null 2>&1 || true
    else mfsmount "$mnt" -H "$master" >/dev/null 2>&1 || true; fi
    for _ in $(seq 1 100); do mountpoint -q "$mnt" && stat "$mnt/." >/dev/null 2>&1 && return 0; sleep 0.1; done
  done
  echo "cannot mount $kind on $mnt" >&2; exit 1
}
unmount_it() {
  umount "$mnt"
  for _ in $(seq 1 100); do mountpoint -q "$mnt" || return 0; sleep 0.1; done
}
now() { date +%s.%N; }
mkdir -p "$mnt"
mount_it
[ "$kind" != setup ] || { mfssetgoal -r 2 "$mnt" >/dev/null; unmount_it; exit 0; }
t0=$(now); dd if=/dev/zero of="$mnt/big" bs=1M count="$mib" conv=fsync status=none; t1=$(now)
unmount_it; sync; echo 3 >/proc/sys/vm/drop_caches
mount_it
t2=$(now); dd if="$mnt/big" of=/dev/null bs=1M status=none; t3=$(now)
mkdir "$mnt/src"
t4=$(now); unzip -q "$zip" -d "$mnt/src"; t5=$(now)
files=$(find "$mnt/src" -type f | wc -l)
rm -rf "$mnt/big" "$mnt/src"
unmount_it
echo "$(echo "$t1 - $t0" | bc) $(echo "$t3 - $t2" | bc) $(echo "$t5 - $t4" | bc) $files"
INNER
)

in_ns bash -c "$inner" inner setup "$dir/mnt-setup" "$mib" "$zip" "$net.1" "$here/bin/mfsmount"
# Our mount learns an AOT cache from its first run of a build (bin/jmfs-run.sh, docs/configuration.md), as it would
# on any machine it had run on before: that first run, unmeasured, comes first when the cache is missing or stale.
cache=$here/mfs-client/target/aot/mfsmount.aot
if [[ " $kinds " == *" ours "* ]] && { [ ! -f "$cache" ] || \
    [ -n "$(find "$here/mfs-client/target" -maxdepth 2 -name '*.jar' -newer "$cache" | head -1)" ]; }; then
  echo "ours: a first run of this build, to learn its AOT cache (not measured)"
  in_ns bash -c "$inner" inner learn "$dir/mnt-learn" 256 "$zip" "$net.1" "$here/bin/mfsmount" >/dev/null
  # the recordings are written as the mount processes exit, after the unmount
  for _ in $(seq 1 120); do pgrep -f io.jmfs.client.fuse.MfsMount >/dev/null || break; sleep 0.5; done
fi
run=0
for kind in $kinds; do
  run=$((run + 1))
  # no dirty pages or cache left by the previous kind's run: its writeback would slow this one
  sync; echo 3 >/proc/sys/vm/drop_caches; sleep 1
  read -r ws rs us files < <(in_ns bash -c "$inner" inner "$kind" "$dir/mnt-$kind-$run" "$mib" "$zip" "$net.1" \
    "$here/bin/mfsmount")
  printf '%-5s write %7.1f MB/s  read %7.1f MB/s  unpack %s files %6.1f s\n' "$kind" \
    "$(echo "$mib / $ws" | bc -l)" "$(echo "$mib / $rs" | bc -l)" "$files" "$us"
done
