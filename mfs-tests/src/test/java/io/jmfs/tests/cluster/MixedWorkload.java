package io.jmfs.tests.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.jmfs.client.Entry;
import io.jmfs.client.MfsClient;
import io.jmfs.client.MfsException;
import io.jmfs.client.MfsFile;
import io.jmfs.protocol.Attr;
import io.jmfs.protocol.MfsStatus;
import io.jmfs.protocol.NodeType;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A mixed namespace and data workload through the client library, run step by step in one thread, that records
 * which steps completed and when, so that a master killed in the middle can be checked afterwards.
 *
 * <p>Every step works in its own folder {@code <root>/s<N>} (made by the step itself) and touches nothing else, so a
 * step's result does not depend on which later steps ran: a completed step can be checked on its own. The kinds:
 * files of various sizes written and closed, directories and a symlink, a rename into a subfolder, an unlink,
 * setattr (mode, owner, times), a goal change, a truncate (shrinking or growing), and a large file written in 1 MiB
 * pieces with an fsync after {@link #BIG_SYNCED} bytes (a {@link Event#milestone() milestone}). Every file's
 * content comes from a seed, so its checksum is known without keeping it.
 *
 * <p>{@link #armKillPoint()} makes the next large write announce, once it has passed its fsync and written a few
 * more MiB (so chunks are locked for writing, data is on the chunkservers and more sits in the write buffer), that
 * now is a good moment to kill the master; the write then waits for {@link #resumeAfterKill()}, so it cannot end
 * before the kill lands however fast the chunkservers are.
 */
final class MixedWorkload implements Runnable {
    static final int BIG_SIZE = 40 << 20;
    static final int BIG_SYNCED = 16 << 20;
    private static final int BIG_KILL_POINT = 24 << 20;
    private static final int PIECE = 1 << 20;
    private static final int[] FILE_SIZES = {0, 1, 4095, 65_536, 65_537, (1 << 20) + 3, 5 << 20, (64 << 20) + 4097};
    static final int SETATTR_MODE = 0640;
    static final int SETATTR_UID = 1000;
    static final int SETATTR_GID = 1001;
    static final int SETATTR_ATIME = 1_600_000_000;
    static final int SETATTR_MTIME = 1_500_000_000;

    /** One recorded moment: step {@code step} completed, or reached its milestone (the large write's fsync). */
    record Event(int step, boolean milestone, long nanoTime) {}

    private final MfsClient mfs;
    private final int root;
    private final List<Step> plan;
    private final List<Event> journal = new CopyOnWriteArrayList<>();
    private final CountDownLatch killPoint = new CountDownLatch(1);
    // the large write waits here after announcing the kill point, so it cannot finish before the kill lands
    private final CountDownLatch resumeAfterKill = new CountDownLatch(1);
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private volatile boolean armed;
    private volatile boolean stopped;

    MixedWorkload(MfsClient mfs, int root, long seed, int steps) {
        this.mfs = mfs;
        this.root = root;
        this.plan = plan(seed, steps);
    }

    List<Step> plan() {
        return plan;
    }

    /** What happened so far, in order. */
    List<Event> journal() {
        return List.copyOf(journal);
    }

    long completedSteps() {
        return journal.stream().filter(e -> !e.milestone()).count();
    }

    void armKillPoint() {
        armed = true;
    }

    /** Lets the large write that announced the kill point go on (against a dead master, so it fails). */
    void resumeAfterKill() {
        resumeAfterKill.countDown();
    }

    CountDownLatch killPoint() {
        return killPoint;
    }

    /** Stops before the next step; an error after this is the expected end, not a failure. */
    void stop() {
        stopped = true;
    }

    /** The error that ended the workload before {@link #stop()} was called, if any. */
    Optional<Throwable> failure() {
        return Optional.ofNullable(failure.get());
    }

    @Override
    public void run() {
        try {
            for (Step step : plan) {
                if (stopped) {
                    return;
                }
                step.run(this);
                journal.add(new Event(step.index(), false, System.nanoTime()));
            }
        } catch (IOException | RuntimeException e) {
            if (!stopped) {
                failure.set(e);
            }
        }
    }

    // ---- the plan -----------------------------------------------------------------------------------------------

    private static List<Step> plan(long seed, int steps) {
        Random random = new Random(seed);
        List<Step> plan = new ArrayList<>();
        for (int i = 0; i < steps; i++) {
            Kind kind = i % 9 == 8 ? Kind.BIG_WRITE : Kind.values()[random.nextInt(Kind.BIG_WRITE.ordinal())];
            int size = kind == Kind.WRITE ? FILE_SIZES[random.nextInt(FILE_SIZES.length)] : 0;
            plan.add(new Step(i, kind, size, random.nextBoolean()));
        }
        return List.copyOf(plan);
    }

    enum Kind { WRITE, MKDIR, RENAME, UNLINK, SETATTR, GOAL, TRUNCATE, BIG_WRITE }

    /**
     * One step: its folder is {@code s<index>}. {@code size} is the WRITE size; {@code variant} picks between the
     * two forms of GOAL (1 or 3) and TRUNCATE (shrink or grow).
     */
    record Step(int index, Kind kind, int size, boolean variant) {
        String folder() {
            return "s" + index;
        }

        int goal() {
            return variant ? 3 : 1;
        }

        /** TRUNCATE: the length written before, and the length after. */
        int truncateFrom() {
            return 3 * (1 << 20) + 77;
        }

        int truncateTo() {
            return variant ? 70_001 : 5 * (1 << 20) + 11;
        }

        private void run(MixedWorkload w) throws IOException {
            MfsClient mfs = w.mfs;
            int dir = mfs.mkdir(w.root, folder(), 0755).inode();
            switch (kind) {
                case WRITE -> writeFile(mfs, dir, "f", content("f", size));
                case MKDIR -> {
                    int d = mfs.mkdir(dir, "d", 0750).inode();
                    mfs.mkdir(d, "e", 0700);
                    mfs.symlink(d, "l", "../e-target");
                }
                case RENAME -> {
                    writeFile(mfs, dir, "a", content("a", 3000));
                    int sub = mfs.mkdir(dir, "sub", 0755).inode();
                    mfs.rename(dir, "a", sub, "b");
                }
                case UNLINK -> {
                    writeFile(mfs, dir, "u", content("u", 70_000));
                    writeFile(mfs, dir, "keep", content("keep", 10));
                    mfs.unlink(dir, "u");
                }
                case SETATTR -> {
                    int inode = writeFile(mfs, dir, "s", content("s", 100));
                    mfs.chmod(inode, SETATTR_MODE);
                    mfs.chown(inode, SETATTR_UID, SETATTR_GID);
                    mfs.utimes(inode, SETATTR_ATIME, SETATTR_MTIME);
                }
                case GOAL -> {
                    int inode = writeFile(mfs, dir, "g", content("g", (1 << 20) + 5));
                    mfs.setGoal(inode, goal(), MfsClient.SMODE_SET);
                }
                case TRUNCATE -> {
                    int inode = writeFile(mfs, dir, "t", content("t", truncateFrom()));
                    mfs.truncate(inode, truncateTo(), false);
                }
                case BIG_WRITE -> writeBig(w, dir);
            }
        }

        private void writeBig(MixedWorkload w, int dir) throws IOException {
            byte[] data = content("big", BIG_SIZE);
            try (MfsFile file = w.mfs.create(dir, "big", 0644)) {
                for (int pos = 0; pos < BIG_SIZE; pos += PIECE) {
                    file.write(pos, data, pos, PIECE);
                    if (pos + PIECE == BIG_SYNCED) {
                        file.fsync();
                        w.journal.add(new Event(index, true, System.nanoTime()));
                    }
                    if (pos + PIECE == BIG_KILL_POINT && w.armed) {
                        w.killPoint.countDown();
                        awaitResume(w);
                    }
                }
            }
        }

        private static void awaitResume(MixedWorkload w) throws IOException {
            try {
                if (!w.resumeAfterKill.await(2, java.util.concurrent.TimeUnit.MINUTES)) {
                    throw new IOException("the large write was never resumed after its kill point");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted at the kill point", e);
            }
        }

        private static int writeFile(MfsClient mfs, int dir, String name, byte[] data) throws IOException {
            try (MfsFile file = mfs.create(dir, name, 0644)) {
                file.write(0, data, 0, data.length);
                return file.inode();
            }
        }

        /** The bytes of file {@code name} of this step (deterministic). */
        byte[] content(String name, int length) {
            byte[] data = new byte[length];
            new Random(index * 1_000_003L + name.hashCode()).nextBytes(data);
            return data;
        }

        /**
         * For each file name this step may leave: the longest content it may have (every byte either this or zero,
         * the length at most this), whatever point the step reached.
         */
        Map<String, byte[]> possibleFiles() {
            Map<String, byte[]> files = new HashMap<>();
            switch (kind) {
                case WRITE -> files.put("f", content("f", size));
                case RENAME -> {
                    files.put("a", content("a", 3000));
                    files.put("b", content("a", 3000));
                }
                case UNLINK -> {
                    files.put("u", content("u", 70_000));
                    files.put("keep", content("keep", 10));
                }
                case SETATTR -> files.put("s", content("s", 100));
                case GOAL -> files.put("g", content("g", (1 << 20) + 5));
                case TRUNCATE -> files.put("t", Arrays.copyOf(content("t", truncateFrom()),
                        Math.max(truncateFrom(), truncateTo())));
                case BIG_WRITE -> files.put("big", content("big", BIG_SIZE));
                case MKDIR -> { }
            }
            return files;
        }

        /** The step completed: everything it did is there, exactly. */
        void assertCompleted(MfsClient mfs, int root, FileCheck files) throws IOException {
            int dir = mfs.lookup(root, folder()).inode();
            String where = "step " + this;
            switch (kind) {
                case WRITE -> files.assertExact(mfs, mfs.lookup(dir, "f"), content("f", size), where);
                case MKDIR -> {
                    Entry d = mfs.lookup(dir, "d");
                    assertThat(d.attr().type()).as(where).isEqualTo(NodeType.DIRECTORY);
                    assertThat(d.attr().mode()).as(where).isEqualTo(0750);
                    assertThat(mfs.lookup(d.inode(), "e").attr().type()).as(where).isEqualTo(NodeType.DIRECTORY);
                    assertThat(mfs.readlink(mfs.lookup(d.inode(), "l").inode())).as(where).isEqualTo("../e-target");
                }
                case RENAME -> {
                    assertAbsent(mfs, dir, "a", where);
                    int sub = mfs.lookup(dir, "sub").inode();
                    files.assertExact(mfs, mfs.lookup(sub, "b"), content("a", 3000), where);
                }
                case UNLINK -> {
                    assertAbsent(mfs, dir, "u", where);
                    files.assertExact(mfs, mfs.lookup(dir, "keep"), content("keep", 10), where);
                }
                case SETATTR -> {
                    Entry s = mfs.lookup(dir, "s");
                    Attr a = s.attr();
                    assertThat(List.of(a.mode(), a.uid(), a.gid(), a.mtime(), a.atime())).as(where)
                            .containsExactly(SETATTR_MODE, SETATTR_UID, SETATTR_GID, SETATTR_MTIME, SETATTR_ATIME);
                    files.assertExact(mfs, s, content("s", 100), where);
                }
                case GOAL -> {
                    Entry g = mfs.lookup(dir, "g");
                    assertThat(mfs.getGoal(g.inode(), false).files()).as(where).singleElement()
                            .satisfies(c -> assertThat(c.classId()).isEqualTo(goal()));
                    files.assertExact(mfs, g, content("g", (1 << 20) + 5), where);
                }
                case TRUNCATE -> {
                    byte[] expected = Arrays.copyOf(Arrays.copyOf(content("t", truncateFrom()),
                            Math.min(truncateFrom(), truncateTo())), truncateTo());
                    files.assertExact(mfs, mfs.lookup(dir, "t"), expected, where);
                }
                case BIG_WRITE -> files.assertExact(mfs, mfs.lookup(dir, "big"), content("big", BIG_SIZE), where);
            }
        }

        /** The large write's fsync returned: at least that much is there, exactly. */
        void assertMilestone(MfsClient mfs, int root, FileCheck files) throws IOException {
            int dir = mfs.lookup(root, folder()).inode();
            files.assertSyncedPrefix(mfs, mfs.lookup(dir, "big"), content("big", BIG_SIZE), BIG_SYNCED,
                    "fsynced part of step " + this);
        }

        private static void assertAbsent(MfsClient mfs, int dir, String name, String where) throws IOException {
            try {
                Entry e = mfs.lookup(dir, name);
                throw new AssertionError(where + ": " + name + " should be gone but is " + e);
            } catch (MfsException e) {
                assertThat(e.status()).as(where).isIn(MfsStatus.ENOENT, MfsStatus.ENOENT_NOCACHE);
            }
        }
    }

    /** How files are read back and compared (the test decides how long a read may take to succeed). */
    interface FileCheck {
        void assertExact(MfsClient mfs, Entry file, byte[] expected, String where) throws IOException;

        void assertSyncedPrefix(MfsClient mfs, Entry file, byte[] content, int prefix, String where)
                throws IOException;
    }
}
