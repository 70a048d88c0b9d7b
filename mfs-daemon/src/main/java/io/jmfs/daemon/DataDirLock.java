package io.jmfs.daemon;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The daemon's lock file in DATA_PATH ({@code .mfsmaster.lock} and so on): locked with an fcntl lock for as long as
 * the daemon runs, holding its pid in decimal followed by a newline, as MooseFS's daemons do.
 *
 * <p>fcntl locks belong to the process and are dropped when <em>any</em> descriptor of the file is closed by that
 * process. So a process must never open a lock file it holds a second time, not even to read the pid: the JVM-wide
 * set {@link #HELD_HERE} records the files this process holds, and checks against them never touch the file. That
 * set is the one piece of static mutable state in the shell, mirroring a per-process fact of the operating system.
 */
public final class DataDirLock implements AutoCloseable {

    private static final Set<Path> HELD_HERE = ConcurrentHashMap.newKeySet();

    private final Path file;
    private final FileChannel channel;
    private final FileLock lock;

    private DataDirLock(Path file, FileChannel channel, FileLock lock) {
        this.file = file;
        this.channel = channel;
        this.lock = lock;
    }

    /** What a lock file says about its daemon. */
    public sealed interface State {
    }

    /** Nobody holds the lock. */
    public record NotRunning() implements State {
    }

    /** A process holds the lock; its pid is empty when the file does not (yet) hold a valid one. */
    public record Running(OptionalLong pid) implements State {

        /** "pid 1234", or "pid unknown" while the owner has not written it yet. */
        public String describePid() {
            return pid.isPresent() ? "pid " + pid.getAsLong() : "pid unknown";
        }
    }

    /** The outcome of {@link #tryAcquire}: either the lock, or the owner that holds it. */
    public sealed interface Attempt {
    }

    public record Acquired(DataDirLock lock) implements Attempt {
    }

    public record Refused(Running owner) implements Attempt {
    }

    /**
     * Takes the lock at {@code file} and writes this process's pid into it, or reports who holds it.
     *
     * @throws IOException when the file cannot be created or locked at all (missing directory, permissions)
     */
    public static Attempt tryAcquire(Path file) throws IOException {
        Path key = identity(file);
        if (!HELD_HERE.add(key)) {
            return new Refused(new Running(OptionalLong.of(ProcessHandle.current().pid())));
        }
        FileChannel channel = null;
        try {
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
            FileLock lock = channel.tryLock();
            if (lock == null) {
                channel.close();
                HELD_HERE.remove(key);
                return new Refused(new Running(readPid(file)));
            }
            byte[] pid = (ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII);
            channel.truncate(0);
            channel.write(ByteBuffer.wrap(pid), 0);
            channel.force(false);
            return new Acquired(new DataDirLock(key, channel, lock));
        } catch (IOException | RuntimeException e) {
            if (channel != null) {
                closeQuietly(channel);
            }
            HELD_HERE.remove(key);
            throw e;
        }
    }

    /** Whether some process, this one included, holds the lock at {@code file}. */
    public static State probe(Path file) throws IOException {
        Path key = identity(file);
        if (HELD_HERE.contains(key)) {
            return new Running(OptionalLong.of(ProcessHandle.current().pid()));
        }
        if (!Files.exists(file)) {
            return new NotRunning();
        }
        // Trying the lock is the only portable question Java can ask; a start racing with this probe may see it
        // held for an instant, exactly as with MooseFS's own check.
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            FileLock lock = channel.tryLock();
            if (lock != null) {
                lock.release();
                return new NotRunning();
            }
        } catch (NoSuchFileException e) {
            return new NotRunning();
        } catch (OverlappingFileLockException e) {
            // Another thread of this JVM is between tryAcquire's registration and its own lock call.
            return new Running(OptionalLong.of(ProcessHandle.current().pid()));
        }
        return new Running(readPid(file));
    }

    public Path file() {
        return file;
    }

    /** Releases the lock. The file stays, with the last pid in it, as MooseFS leaves it. */
    @Override
    public void close() throws IOException {
        try {
            if (lock.isValid()) {
                lock.release();
            }
            channel.close();
        } finally {
            HELD_HERE.remove(file);
        }
    }

    private static OptionalLong readPid(Path file) {
        try {
            String text = Files.readString(file, StandardCharsets.US_ASCII).strip();
            return text.matches("[0-9]{1,18}") ? OptionalLong.of(Long.parseLong(text)) : OptionalLong.empty();
        } catch (IOException e) {
            return OptionalLong.empty();
        }
    }

    private static Path identity(Path file) throws IOException {
        Path absolute = file.toAbsolutePath().normalize();
        Path parent = absolute.getParent();
        if (parent != null && Files.isDirectory(parent)) {
            return parent.toRealPath().resolve(absolute.getFileName());
        }
        return absolute;
    }

    private static void closeQuietly(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException ignored) {
            // the original failure is the one worth reporting
        }
    }
}
