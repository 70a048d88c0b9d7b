package io.jmfs.master.meta.tools;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;

/** Test access to the text rendering of {@code mfsmetadump}. */
public final class MetaDumpMainAccess {
    private MetaDumpMainAccess() {
    }

    public static void print(Path dump, PrintWriter out) throws IOException {
        MetaDumpMain.print(dump, out);
        out.flush();
    }
}
