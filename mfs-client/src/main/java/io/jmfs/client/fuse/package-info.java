/**
 * bin/mfsmount: the FUSE mount. {@link io.jmfs.client.fuse.LibFuse} binds libfuse3's low-level API through the FFM
 * API (no native code of ours); {@link io.jmfs.client.fuse.FuseSession} turns kernel requests into calls of
 * {@link io.jmfs.client.fuse.MfsFilesystem}, which carries them out through the client library acting as the calling
 * process. Inode numbers are MooseFS's own (1 = the mounted folder), so nothing maps paths; special files of the root
 * (.masterinfo, inodes from 0x7FFFFFF0) never reach the master.
 */
package io.jmfs.client.fuse;
