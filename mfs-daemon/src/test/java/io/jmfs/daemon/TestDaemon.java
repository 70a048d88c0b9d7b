package io.jmfs.daemon;

import io.jmfs.daemon.config.Config;
import io.jmfs.daemon.config.ConfigKey;
import io.jmfs.daemon.config.ConfigSchema;
import io.jmfs.daemon.config.ValueParsers;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import org.slf4j.LoggerFactory;

/** A minimal daemon for the shell's tests: "mfstest", one key of its own, a service that records its calls. */
public final class TestDaemon {

    static final ConfigKey<Integer> TEST_PORT = ConfigKey.of("TEST_PORT", "9999", ValueParsers.port(), "a value to see reloads");
    static final ConfigSchema SCHEMA = ConfigSchema.withCommonKeys(List.of(TEST_PORT));

    private TestDaemon() {
    }

    static DaemonDefinition definition(Supplier<? extends DaemonService> service) {
        return DaemonDefinition.of("mfstest", SCHEMA, TestDaemon.class, service);
    }

    /** Run as a real process by {@code DaemonProcessTest}. */
    public static void main(String[] args) {
        DaemonLauncher.main(definition(RecordingService::new), args);
    }

    /** Records what the shell asks of it; can be told to fail its start. */
    static final class RecordingService implements DaemonService {
        final List<String> calls = new CopyOnWriteArrayList<>();
        private final String startFailure;

        RecordingService() {
            this(null);
        }

        RecordingService(String startFailure) {
            this.startFailure = startFailure;
        }

        @Override
        public void start(Config config) throws Exception {
            calls.add("start " + config.get(TEST_PORT));
            if (startFailure != null) {
                throw new Exception(startFailure);
            }
        }

        @Override
        public void reload(Config config) {
            calls.add("reload " + config.get(TEST_PORT));
            LoggerFactory.getLogger(RecordingService.class).info("reloaded with TEST_PORT {}", config.get(TEST_PORT));
        }

        @Override
        public void stop() {
            calls.add("stop");
        }
    }
}
