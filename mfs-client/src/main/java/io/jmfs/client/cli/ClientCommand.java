package io.jmfs.client.cli;

import io.jmfs.client.Credentials;
import io.jmfs.client.MfsClient;
import io.jmfs.client.MfsException;
import java.io.IOException;
import java.io.PrintStream;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * A bin/mfs command: opens a session with the master named by {@link MasterMixin}, runs, closes the session. Exit
 * codes: 0 success, 1 when an operation failed (reported on stderr as {@code mfs CMD: reason}), 2 for usage errors.
 */
@Command(mixinStandardHelpOptions = true)
abstract class ClientCommand implements Callable<Integer> {
    @Mixin
    MasterMixin master;

    @Spec
    CommandSpec spec;

    PrintStream out = System.out;
    PrintStream err = System.err;

    @Override
    public final Integer call() {
        try (MfsClient client = MfsClient.connect(master.options(spec.name()), Credentials.ofCurrentProcess())) {
            return run(client);
        } catch (MfsException e) {
            err.println("mfs " + spec.name() + ": " + e.getMessage());
            return 1;
        } catch (java.nio.file.FileSystemException e) {
            err.println("mfs " + spec.name() + ": local file " + e.getFile() + ": "
                    + (e.getReason() != null ? e.getReason() : e.getClass().getSimpleName()));
            return 1;
        } catch (IOException e) {
            err.println("mfs " + spec.name() + ": " + e.getMessage());
            return 1;
        } finally {
            out.flush();
        }
    }

    abstract int run(MfsClient client) throws IOException;

    /** {@code print_number} of the MooseFS tools with plain numbers: 32-bit counts right-aligned in 10 columns. */
    static String count(long n) {
        return String.format("%10d", n);
    }

    static String count64(long n) {
        return String.format("%20d", n);
    }
}
