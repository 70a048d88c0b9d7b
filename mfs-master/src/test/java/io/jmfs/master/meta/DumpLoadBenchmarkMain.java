package io.jmfs.master.meta;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;

/**
 * Benchmark: what a start costs for a given dump, step by step: {@link DumpReader#loadAtStart} (per-section times
 * are logged) and the consistency check {@link MetaCheck}, repeated so the later rounds show the compiled steady state.
 * {@code java ... DumpLoadBenchmarkMain <metadata.mfs> [rounds]}
 */
public final class DumpLoadBenchmarkMain {
    private DumpLoadBenchmarkMain() {
    }

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]);
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        var cpu = ManagementFactory.getThreadMXBean();
        for (int i = 0; i < rounds; i++) {
            long t0 = System.nanoTime();
            long c0 = cpu.getCurrentThreadCpuTime();
            MetaState state = MetaState.standalone(0);
            DumpReader.loadAtStart(file, state);
            long t1 = System.nanoTime();
            long c1 = cpu.getCurrentThreadCpuTime();
            int problems = MetaCheck.problems(state).size();
            long t2 = System.nanoTime();
            long c2 = cpu.getCurrentThreadCpuTime();
            System.out.printf("round %d: load %d ms wall / %d ms cpu, check %d ms wall / %d ms cpu (%d problems),"
                            + " nodes %d%n", i, (t1 - t0) / 1_000_000, (c1 - c0) / 1_000_000, (t2 - t1) / 1_000_000,
                    (c2 - c1) / 1_000_000, problems, state.namespace().persistence().nodeCount());
        }
    }
}
