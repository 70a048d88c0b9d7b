package io.jmfs.master.meta.tools;

import io.jmfs.master.meta.ChangelogFiles;
import io.jmfs.master.meta.ChangelogReplay;
import io.jmfs.master.meta.DumpFiles;
import io.jmfs.master.meta.DumpReader;
import io.jmfs.master.meta.DumpWriter;
import io.jmfs.master.meta.MetaCheck;
import io.jmfs.master.meta.MetaState;
import io.jmfs.master.meta.MetadataStartup;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * {@code mfsmetarestore}: builds a dump from a dump plus changelogs, with MooseFS's command line:
 * <pre>
 *   mfsmetarestore -m metadata.mfs -o restored.mfs [changelog ...]   (changelogs in any order; sorted by version)
 *   mfsmetarestore -a [-d DATA_PATH]                                   (newest consistent state of a data folder,
 *                                                                      written there as metadata.mfs)
 * </pre>
 * Both replay through the master's own code and check the result ({@link MetaCheck}) before writing it.
 */
public final class MetaRestoreMain {
    private MetaRestoreMain() {
    }

    public static void main(String[] args) {
        try {
            System.exit(run(args));
        } catch (IOException | RuntimeException e) {
            System.err.println("mfsmetarestore: " + e.getMessage());
            System.exit(1);
        }
    }

    static int run(String[] args) throws IOException {
        Path meta = null;
        Path output = null;
        Path dataPath = Path.of("/var/lib/mfs");
        boolean auto = false;
        List<Path> logs = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "-m" -> meta = Path.of(value(args, ++i));
                case "-o" -> output = Path.of(value(args, ++i));
                case "-d" -> dataPath = Path.of(value(args, ++i));
                case "-a" -> auto = true;
                case "-z", "-x", "-b", "-i" -> {
                    // MooseFS's debugging and "ignore" flags: not needed here
                }
                case "-h", "-?" -> {
                    usage();
                    return 0;
                }
                default -> {
                    if (args[i].startsWith("-")) {
                        usage();
                        return 1;
                    }
                    logs.add(Path.of(args[i]));
                }
            }
        }
        MetaState state = MetaState.standalone(0);
        if (auto) {
            MetadataStartup.Plan plan = MetadataStartup.plan(dataPath, true);
            if (plan.newFileSystem()) {
                System.err.println("mfsmetarestore: no metadata in " + dataPath);
                return 1;
            }
            ChangelogReplay.Result r = MetadataStartup.load(plan, state, dataPath);
            report(r);
            DumpFiles.install(state, dataPath, 1);
            System.out.println("restored metadata written to " + DumpFiles.current(dataPath) + " (version "
                    + state.version() + ")");
            return 0;
        }
        if (meta == null || output == null) {
            usage();
            return 1;
        }
        DumpReader.load(meta, state);
        logs.sort(Comparator.comparingInt(MetaRestoreMain::orderKey).reversed());
        ChangelogReplay.Result r = ChangelogReplay.replay(state, logs, false, 0);
        report(r);
        List<String> problems = MetaCheck.problems(state);
        if (!problems.isEmpty()) {
            System.err.println("mfsmetarestore: the result is inconsistent: " + String.join("; ", problems));
            return 1;
        }
        DumpWriter.write(state, output);
        System.out.println("restored metadata written to " + output + " (version " + state.version() + ")");
        return 0;
    }

    /** Older changelogs first: changelog.N.mfs by descending N, other names last. */
    private static int orderKey(Path p) {
        try {
            return ChangelogFiles.number(p);
        } catch (IllegalArgumentException e) {
            return -1;
        }
    }

    private static void report(ChangelogReplay.Result r) {
        System.out.println(r.applied() + " changes applied; metadata version " + r.nextVersion());
        if (r.stoppedBy() != null) {
            System.out.println("stopped at the first unusable change: " + r.stoppedBy());
        }
    }

    private static String value(String[] args, int i) {
        if (i >= args.length) {
            throw new IllegalArgumentException("option " + args[i - 1] + " needs a value");
        }
        return args[i];
    }

    private static void usage() {
        System.err.println("usage: mfsmetarestore [-z] -m <meta data file> -o <restored meta data file> "
                + "[ <change log file> [ <change log file> [ .... ]]]\n"
                + "       mfsmetarestore -a [-d <data path>]");
    }
}
