package io.jmfs.client.cli;

import io.jmfs.client.MfsClient;
import io.jmfs.client.MfsException;
import io.jmfs.protocol.msg.client.ToolReply;
import io.jmfs.protocol.msg.client.ToolRequest.QuotaLimits;
import java.io.IOException;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * What mfsgetquota, mfssetquota, mfsdelquota and mfscopyquota share: the number display options and
 * {@code quota_control}'s report. MooseFS's -h and -H are {@code --iec} and {@code --si} here (-h is help and -H the
 * master in bin/mfs); $MFSHRFORMAT is honoured as by the real tools.
 */
abstract class QuotaCommand extends ClientCommand {
    static final int SOFT_INODES = 0x01;
    static final int SOFT_LENGTH = 0x02;
    static final int SOFT_SIZE = 0x04;
    static final int SOFT_REALSIZE = 0x08;
    static final int HARD_INODES = 0x10;
    static final int HARD_LENGTH = 0x20;
    static final int HARD_SIZE = 0x40;
    static final int HARD_REALSIZE = 0x80;

    private int humode = ToolNumbers.humodeFromEnvironment(System.getenv("MFSHRFORMAT"));
    private int numbermode;

    @Option(names = "-n", description = "plain numbers (MooseFS -n)")
    void plain(boolean on) {
        humode = 0;
    }

    @Option(names = "--iec", description = "human readable, powers of 1024 (MooseFS -h)")
    void iec(boolean on) {
        humode = 1;
    }

    @Option(names = "--si", description = "human readable, powers of 1000 (MooseFS -H)")
    void si(boolean on) {
        humode = 2;
    }

    @Option(names = "-k", description = "numbers in KiB")
    void kibi(boolean on) {
        numbermode = 1;
    }

    @Option(names = "-m", description = "numbers in MiB")
    void mebi(boolean on) {
        numbermode = 2;
    }

    @Option(names = "-g", description = "numbers in GiB")
    void gibi(boolean on) {
        numbermode = 3;
    }

    /**
     * One QUOTACONTROL for {@code path} and its report as quota_control prints it; a refusal prints
     * {@code path: reason} and answers empty.
     */
    Optional<ToolReply.QuotaControl> control(MfsClient c, String path, int flags, Optional<QuotaLimits> set)
            throws IOException {
        ToolReply.QuotaControl q;
        try {
            q = c.quota(c.resolve(path).inode(), flags, set);
        } catch (MfsException e) {
            out.println(path + ": " + e.status().message());
            return Optional.empty();
        }
        report(path, q);
        return Optional.of(q);
    }

    private void report(String path, ToolReply.QuotaControl q) {
        ToolNumbers n = new ToolNumbers(humode, numbermode);
        QuotaLimits l = q.limits();
        int grace = l.gracePeriod().orElse(0);
        out.println(path + ": (current values | soft quota | hard quota) ; soft quota grace period: "
                + (grace != 0 ? Integer.toUnsignedString(grace) + " seconds" : "default"));
        int f = q.flags();
        out.println(" inodes   | " + n.format(Integer.toUnsignedLong(q.curInodes()), false, false, true) + " | "
                + n.format(Integer.toUnsignedLong(l.sinodes()), false, false, (f & SOFT_INODES) != 0) + " | "
                + n.format(Integer.toUnsignedLong(l.hinodes()), false, false, (f & HARD_INODES) != 0) + " |");
        out.println(" length   | " + n.format(q.curLength(), false, true, true) + " | "
                + n.format(l.slength(), false, true, (f & SOFT_LENGTH) != 0) + " | "
                + n.format(l.hlength(), false, true, (f & HARD_LENGTH) != 0) + " |");
        out.println(" size     | " + n.format(q.curSize(), false, true, true) + " | "
                + n.format(l.ssize(), false, true, (f & SOFT_SIZE) != 0) + " | "
                + n.format(l.hsize(), false, true, (f & HARD_SIZE) != 0) + " |");
        out.println(" realsize | " + n.format(q.curRealSize(), false, true, true) + " | "
                + n.format(l.srealsize(), false, true, (f & SOFT_REALSIZE) != 0) + " | "
                + n.format(l.hrealsize(), false, true, (f & HARD_REALSIZE) != 0) + " |");
    }

    /**
     * Limits from an answer as the next request sends them: the real tools keep the answer's values in the variables
     * they send for the next directory, a grace period of an old master's answer (none) becoming 0.
     */
    static QuotaLimits asSent(QuotaLimits answered) {
        return new QuotaLimits(java.util.OptionalInt.of(answered.gracePeriod().orElse(0)), answered.sinodes(),
                answered.slength(), answered.ssize(), answered.srealsize(), answered.hinodes(), answered.hlength(),
                answered.hsize(), answered.hrealsize());
    }

    /** mfssetquota and mfsdelquota refuse to run for anyone but root, as the real tools do. */
    boolean refusedForNonRoot() {
        if (io.jmfs.client.Credentials.ofCurrentProcess().uid() != 0) {
            err.println("only root can change quota");
            return true;
        }
        return false;
    }
}
