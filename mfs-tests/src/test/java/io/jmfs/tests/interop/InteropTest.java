package io.jmfs.tests.interop;

import io.jmfs.tests.harness.KeepLogsOnFailure;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Marks a test class that runs the real MooseFS: tagged {@code interop}, checked for {@link Prerequisites} first,
 * and given a {@link io.jmfs.tests.harness.TestLogs} folder kept on failure.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Tag("interop")
@ExtendWith(InteropPrerequisites.class)
@ExtendWith(KeepLogsOnFailure.class)
public @interface InteropTest {}
