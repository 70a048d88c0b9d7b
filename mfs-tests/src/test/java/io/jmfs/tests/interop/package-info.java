/**
 * The interop harness: the real MooseFS 3.0.117 daemons and tools (Debian packages) running beside ours inside a
 * network namespace the test creates and deletes.
 *
 * <p>Why a namespace: the real chunkserver refuses a master on any 127.x address, so the daemons need other
 * addresses; 198.18.0.0/15 (benchmarking, never routed) lives only inside the namespace. An {@code ip netns exec}
 * shell has its own mount table, so a FUSE mount and the commands that use it run in one shell.
 *
 * <p>Invariants: tests here are tagged {@code interop} through {@link io.jmfs.tests.interop.InteropTest}; they skip
 * when a prerequisite (root, {@code ip}, the binaries, {@code /dev/fuse}) is missing, unless {@code
 * MFS_INTEROP=required}, when they fail. Every namespace and daemon a test starts is gone when it ends.
 */
package io.jmfs.tests.interop;
