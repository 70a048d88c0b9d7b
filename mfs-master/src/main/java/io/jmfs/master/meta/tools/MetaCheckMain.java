package io.jmfs.master.meta.tools;

import io.jmfs.master.meta.ChangelogReplay;
import io.jmfs.master.meta.DumpReader;
import io.jmfs.master.meta.MetaCheck;
import io.jmfs.master.meta.MetaState;
import io.jmfs.master.meta.MetadataStartup;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code mfsmetacheck}: the master's consistency check as a command. {@code mfsmetacheck [-d DATA_PATH]} loads the
 * data folder as the master would at start (dump + changelogs, read only); {@code mfsmetacheck FILE} checks one
 * dump. Prints the problems (link counts, parents, chunk references, free inodes...) and exits 1 if there are any.
 */
public final class MetaCheckMain {
    private MetaCheckMain() {
    }

    public static void main(String[] args) {
        try {
            System.exit(run(args));
        } catch (IOException | RuntimeException e) {
            System.err.println("mfsmetacheck: " + e.getMessage());
            System.exit(1);
        }
    }

    static int run(String[] args) throws IOException {
        MetaState state = MetaState.standalone(0);
        if (args.length == 1 && !args[0].startsWith("-")) {
            DumpReader.load(Path.of(args[0]), state);
        } else if (args.length == 0 || args.length == 2 && args[0].equals("-d")) {
            Path dir = Path.of(args.length == 0 ? "/var/lib/mfs" : args[1]);
            if (!Files.isDirectory(dir)) {
                System.err.println("mfsmetacheck: " + dir + " is not a directory");
                return 1;
            }
            MetadataStartup.Plan plan = MetadataStartup.plan(dir, false);
            if (plan.newFileSystem()) {
                System.out.println(dir + ": no metadata (a new file system)");
                return 0;
            }
            ChangelogReplay.Result r = MetadataStartup.load(plan, state, dir);
            System.out.println(r.applied() + " changes replayed");
        } else {
            System.err.println("usage: mfsmetacheck [-d data_path] | mfsmetacheck metadata_file");
            return 1;
        }
        List<String> problems = MetaCheck.problems(state);
        problems.forEach(System.out::println);
        System.out.println(problems.isEmpty() ? "metadata consistent (version " + state.version() + ")"
                : problems.size() + " problems found");
        return problems.isEmpty() ? 0 : 1;
    }
}
