package io.jmfs.master.meta;

import java.nio.file.Path;
import java.util.Random;

/**
 * A child process for {@link KillNineTest}: starts from a data folder (load + replay), prints "ready", then runs a
 * mixed random workload forever, with changelog rotations and background dumps, until it is killed.
 */
public final class KillWorkloadMain {
    private KillWorkloadMain() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        long seed = Long.parseLong(args[1]);
        int startTime = Integer.parseInt(args[2]);
        LiveFixture fx = new LiveFixture(dir, false, startTime);
        System.out.println("ready " + fx.state.version());
        System.out.flush();
        Random rnd = new Random(seed);
        for (long round = 0; ; round++) {
            fx.randomOps(rnd, 200);
            if (round % 50 == 7) {
                fx.persistence.dumpInBackground();
            } else if (round % 20 == 3) {
                fx.persistence.rotateChangelog();
            }
        }
    }
}
