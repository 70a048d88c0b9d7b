package io.jmfs.tests.harness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.testkit.engine.EngineTestKit;

/** Runs small scenario classes through the JUnit engine and looks at what the extension left on disk. */
class KeepLogsOnFailureTest {
    private static final String SCENARIO = "jmfs.scenario";

    @TempDir
    Path root;

    @Test
    void aFailedTestKeepsItsLogs() {
        run(FailingScenario.class).testEvents().assertStatistics(stats -> stats.failed(1));
        Path dir = root.resolve("FailingScenario").resolve("writesALogThenFails");
        assertThat(dir.resolve("daemon.log")).hasContent("the reason it failed");
    }

    @Test
    void aPassedTestLeavesNothingBehind() {
        run(PassingScenario.class).testEvents().assertStatistics(stats -> stats.succeeded(1));
        assertThat(root.resolve("PassingScenario")).doesNotExist();
    }

    @Test
    void aFailureSummaryShowsWhereTheLogsAreAndHowTheyEnd() throws IOException {
        Path dir = Files.createDirectories(root.resolve("x"));
        Files.writeString(dir.resolve("mfsmaster.log"), "line 1\nlast words\n");
        String summary = KeepLogsOnFailure.summary("someTest()", new TestLogs(dir));
        assertThat(summary).contains("someTest() failed", dir.toString(), "mfsmaster.log", "last words");
    }

    private org.junit.platform.testkit.engine.EngineExecutionResults run(Class<?> scenario) {
        return EngineTestKit.engine("junit-jupiter")
                .configurationParameter(KeepLogsOnFailure.ROOT_PROPERTY, root.toString())
                .configurationParameter(SCENARIO, "true")
                .configurationParameter(KeepLogsOnFailure.PRINT_PROPERTY, "false")
                .selectors(selectClass(scenario))
                .execute();
    }

    /** Lets the scenarios run only inside this test, not when a build or an IDE collects all tests. */
    static final class OnlyAsScenario implements ExecutionCondition {
        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            return context.getConfigurationParameter(SCENARIO).isPresent()
                    ? ConditionEvaluationResult.enabled("run by KeepLogsOnFailureTest")
                    : ConditionEvaluationResult.disabled("scenario of KeepLogsOnFailureTest");
        }
    }

    @ExtendWith(OnlyAsScenario.class)
    @ExtendWith(KeepLogsOnFailure.class)
    static class FailingScenario {
        @Test
        void writesALogThenFails(TestLogs logs) throws IOException {
            Files.writeString(logs.file("daemon"), "the reason it failed");
            throw new AssertionError("expected failure of a scenario");
        }
    }

    @ExtendWith(OnlyAsScenario.class)
    @ExtendWith(KeepLogsOnFailure.class)
    static class PassingScenario {
        @Test
        void writesALogAndPasses(TestLogs logs) throws IOException {
            Files.writeString(logs.file("daemon"), "all fine");
            assertThat(logs.file("daemon")).exists();
        }
    }
}
