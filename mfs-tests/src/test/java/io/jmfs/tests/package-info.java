/**
 * Cross-daemon tests of jmfs.
 *
 * <p>{@code harness} holds the building blocks (polling with a deadline, free ports, logged processes, per-test log
 * folders); {@code cluster} starts our own daemons on loopback through the {@code bin/} launchers; {@code interop}
 * runs the real MooseFS 3.0.117 binaries inside a network namespace the test creates and deletes. Tests that start
 * daemons are tagged {@code cluster}, tests that need root and the MooseFS packages {@code interop}.
 */
package io.jmfs.tests;
