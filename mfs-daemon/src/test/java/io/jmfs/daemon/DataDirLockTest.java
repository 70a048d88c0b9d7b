package io.jmfs.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import io.jmfs.daemon.DataDirLock.Acquired;
import io.jmfs.daemon.DataDirLock.NotRunning;
import io.jmfs.daemon.DataDirLock.Refused;
import io.jmfs.daemon.DataDirLock.Running;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataDirLockTest {

    @TempDir
    Path dataPath;

    final long ourPid = ProcessHandle.current().pid();

    @Test
    void theOwnerWritesItsPidIntoTheLockFileAsMooseFsDoes() throws Exception {
        Path file = dataPath.resolve(".mfsmaster.lock");

        try (DataDirLock lock = ((Acquired) DataDirLock.tryAcquire(file)).lock()) {
            assertThat(Files.readString(file)).isEqualTo(ourPid + "\n");
            assertThat(lock.file()).isEqualTo(file.toRealPath());
        }
    }

    @Test
    void aSecondAttemptOnTheSameDataPathIsRefusedNamingTheOwner() throws Exception {
        Path file = dataPath.resolve(".mfsmaster.lock");

        try (DataDirLock first = ((Acquired) DataDirLock.tryAcquire(file)).lock()) {
            DataDirLock.Attempt second = DataDirLock.tryAcquire(dataPath.resolve("./.mfsmaster.lock"));

            assertThat(second).isEqualTo(new Refused(new Running(OptionalLong.of(ourPid))));
            assertThat(((Refused) second).owner().describePid()).isEqualTo("pid " + ourPid);
            // the refused attempt must not have disturbed the first lock or its pid
            assertThat(Files.readString(file)).isEqualTo(ourPid + "\n");
            assertThat(DataDirLock.probe(file)).isInstanceOf(Running.class);
        }
    }

    @Test
    void probeSeesNoOwnerBeforeAndAfterTheLockIsHeld() throws Exception {
        Path file = dataPath.resolve(".mfsmetalogger.lock");
        assertThat(DataDirLock.probe(file)).isInstanceOf(NotRunning.class);

        DataDirLock lock = ((Acquired) DataDirLock.tryAcquire(file)).lock();
        assertThat(DataDirLock.probe(file)).isEqualTo(new Running(OptionalLong.of(ourPid)));
        lock.close();

        assertThat(DataDirLock.probe(file)).isInstanceOf(NotRunning.class);
        assertThat(file).exists();
    }

    @Test
    void theLockCanBeTakenAgainOnceReleased() throws Exception {
        Path file = dataPath.resolve(".mfschunkserver.lock");
        ((Acquired) DataDirLock.tryAcquire(file)).lock().close();

        DataDirLock.Attempt again = DataDirLock.tryAcquire(file);

        assertThat(again).isInstanceOf(Acquired.class);
        ((Acquired) again).lock().close();
    }

    @Test
    void locksOnDifferentDataPathsAreIndependent() throws Exception {
        Path other = Files.createDirectory(dataPath.resolve("other"));

        try (DataDirLock a = ((Acquired) DataDirLock.tryAcquire(dataPath.resolve(".mfsmaster.lock"))).lock();
                DataDirLock b = ((Acquired) DataDirLock.tryAcquire(other.resolve(".mfsmaster.lock"))).lock()) {
            assertThat(a.file()).isNotEqualTo(b.file());
        }
    }
}
