/**
 * Building blocks shared by the cluster fixture and the interop harness.
 *
 * <p>Invariants: nothing here sleeps for a fixed time to wait for a condition; every wait is a {@link
 * io.jmfs.tests.harness.Poll} with a deadline whose failure names the awaited condition. Every process started
 * here writes its output to a file and is stopped (with its descendants) on close.
 */
package io.jmfs.tests.harness;
