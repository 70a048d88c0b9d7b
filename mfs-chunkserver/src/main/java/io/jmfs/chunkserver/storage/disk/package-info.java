/**
 * The chunkserver's data disks: {@code mfshdd.cfg} parsing ({@link io.jmfs.chunkserver.storage.disk.HddConfig}),
 * per-disk state ({@link io.jmfs.chunkserver.storage.disk.Disk}: scanning, ready, damaged; marked for removal;
 * space limits and accounting; I/O error tolerance) and the disk identity files {@code .metaid} and {@code .lock}.
 *
 * <p>Invariants: a disk marked for removal or damaged never receives new chunks; a disk whose {@code .metaid}
 * names another MooseFS instance is refused; a disk whose {@code .lock} file vanished or changed identity
 * (disk swapped or unmounted) is damaged. Disk state is thread-safe: it is read by the storage workers and the
 * master link at the same time. No Netty here.
 */
package io.jmfs.chunkserver.storage.disk;
