package io.jmfs.daemon;

import io.jmfs.daemon.config.ConfigSchema;
import java.nio.file.Path;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Everything the shell needs to know about one daemon.
 *
 * @param name the MooseFS program name, e.g. {@code mfsmaster}; it names the lock file ({@code .mfsmaster.lock}),
 *     the log file ({@code mfsmaster.log}) and the messages
 * @param schema the config keys the daemon reads
 * @param defaultConfigFile used without {@code -c}; MooseFS's is {@code /etc/mfs/<name>.cfg}
 * @param mainClass the class whose {@code main} runs this daemon; a background start runs it again in a new JVM
 * @param serviceFactory makes the service, once per start
 */
public record DaemonDefinition(String name, ConfigSchema schema, Path defaultConfigFile, Class<?> mainClass,
        Supplier<? extends DaemonService> serviceFactory) {

    public DaemonDefinition {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(schema, "schema");
        Objects.requireNonNull(defaultConfigFile, "defaultConfigFile");
        Objects.requireNonNull(mainClass, "mainClass");
        Objects.requireNonNull(serviceFactory, "serviceFactory");
        if (!name.matches("[a-z][a-z0-9]*")) {
            throw new IllegalArgumentException("daemon names are lower case letters and digits: " + name);
        }
    }

    /** A definition using MooseFS's default config file, {@code /etc/mfs/<name>.cfg}. */
    public static DaemonDefinition of(String name, ConfigSchema schema, Class<?> mainClass,
            Supplier<? extends DaemonService> serviceFactory) {
        return new DaemonDefinition(name, schema, Path.of("/etc/mfs", name + ".cfg"), mainClass, serviceFactory);
    }

    /** The lock file's name inside DATA_PATH, the same as MooseFS's. */
    public String lockFileName() {
        return "." + name + ".lock";
    }

    /** The log file's name inside DATA_PATH. */
    public String logFileName() {
        return name + ".log";
    }
}
