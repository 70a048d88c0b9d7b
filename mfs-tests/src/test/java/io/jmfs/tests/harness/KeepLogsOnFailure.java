package io.jmfs.tests.harness;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestWatcher;

/**
 * Gives each test a fresh {@link TestLogs} folder and decides its fate when the test ends: a failed test keeps it
 * and prints where it is with the last lines of every log in it; a passed or skipped test deletes it. Daemons must
 * be stopped inside the test (try-with-resources) so that their logs are complete when this runs.
 *
 * <p>The root folder is {@code target/cluster-logs} of the module under test, or the JUnit configuration parameter
 * (or system property) {@value #ROOT_PROPERTY}.
 */
public final class KeepLogsOnFailure implements BeforeEachCallback, ParameterResolver, TestWatcher {
    public static final String ROOT_PROPERTY = "jmfs.test.logs";
    /** Set to {@code false} to keep the logs of a failed test without printing them (the harness's own tests). */
    public static final String PRINT_PROPERTY = "jmfs.test.logs.print";
    private static final int TAIL_LINES = 40;
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(
            KeepLogsOnFailure.class);

    private final PrintStream report = System.err;

    /** The root of all test log folders: a JUnit configuration parameter or system property, else the default. */
    static Path root(ExtensionContext context) {
        return context.getConfigurationParameter(ROOT_PROPERTY).map(Path::of)
                .orElseGet(() -> Path.of("target", "cluster-logs").toAbsolutePath());
    }

    @Override
    public void beforeEach(ExtensionContext context) throws IOException {
        Path dir = root(context).resolve(safe(context.getRequiredTestClass().getSimpleName()))
                .resolve(safe(context.getRequiredTestMethod().getName()));
        FileTrees.delete(dir);
        Files.createDirectories(dir);
        context.getStore(NAMESPACE).put(TestLogs.class, new TestLogs(dir));
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == TestLogs.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return logs(context).orElseThrow(() -> new IllegalStateException(
                "TestLogs is available to test methods only, not to " + context.getDisplayName()));
    }

    @Override
    public void testSuccessful(ExtensionContext context) {
        logs(context).ifPresent(KeepLogsOnFailure::discard);
    }

    @Override
    public void testAborted(ExtensionContext context, Throwable cause) {
        logs(context).ifPresent(KeepLogsOnFailure::discard);
    }

    /** Deletes the test's folder, and its class's folder if no other test left logs there. */
    private static void discard(TestLogs logs) {
        FileTrees.delete(logs.dir());
        try {
            Files.deleteIfExists(logs.dir().getParent());
        } catch (IOException notEmpty) {
            // another test of the class failed and kept its logs there
        }
    }

    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
        boolean print = context.getConfigurationParameter(PRINT_PROPERTY, Boolean::parseBoolean).orElse(true);
        logs(context).filter(logs -> print).ifPresent(logs -> printSummary(context.getDisplayName(), logs));
    }

    private void printSummary(String test, TestLogs logs) {
        report.print(summary(test, logs));
        report.flush();
    }

    /** What a failed test prints: where its logs are, and the last lines of each. */
    static String summary(String test, TestLogs logs) {
        StringBuilder text = new StringBuilder();
        text.append("=== ").append(test).append(" failed; its logs are kept in ").append(logs.dir()).append('\n');
        for (Path log : logFiles(logs.dir())) {
            text.append("--- last lines of ").append(logs.dir().relativize(log)).append('\n')
                    .append(Logs.tail(log, TAIL_LINES)).append('\n');
        }
        return text.toString();
    }

    private static List<Path> logFiles(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".log")).sorted().toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    private static Optional<TestLogs> logs(ExtensionContext context) {
        return Optional.ofNullable(context.getStore(NAMESPACE).get(TestLogs.class, TestLogs.class));
    }

    private static String safe(String name) {
        return name.replaceAll("[^A-Za-z0-9._-]", "_");
    }
}
