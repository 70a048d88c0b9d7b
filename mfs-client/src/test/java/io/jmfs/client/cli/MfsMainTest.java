package io.jmfs.client.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class MfsMainTest {
    private static String usage(String... args) {
        CommandLine cl = new CommandLine(MfsMain.class);
        StringWriter out = new StringWriter();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(out));
        int code = cl.execute(args);
        return code + "\n" + out;
    }

    @Test
    void everyCommandAndMooseFsToolNameIsThere() {
        String help = usage("--help");
        for (String c : new String[] {"ls", "stat", "mkdir", "put", "get", "cat", "rm", "mv", "ln", "getgoal",
                "setgoal", "gettrashtime", "settrashtime", "geteattr", "seteattr", "fileinfo", "checkfile", "dirinfo",
                "makesnapshot", "getquota", "setquota", "delquota", "copyquota"}) {
            assertThat(help).contains("  " + c);
        }
        assertThat(usage("mfsgetgoal", "--help")).startsWith("0\n").contains("-H=HOST").contains("-r");
    }

    @Test
    void theQuotaToolsAnswerToTheirMooseFsNamesWithTheirOptions() {
        assertThat(usage("mfsgetquota", "--help")).startsWith("0\n").contains("-k").contains("--si");
        assertThat(usage("mfssetquota", "--help")).startsWith("0\n").contains("-I=INODES").contains("--grace")
                .contains("--hard-size");
        assertThat(usage("mfsdelquota", "--help")).startsWith("0\n").contains("-A").contains("-a");
        assertThat(usage("mfscopyquota", "--help")).startsWith("0\n").contains("SRCDIR");
    }

    @Test
    void aMissingArgumentIsAUsageErrorWithoutContactingAMaster() {
        assertThat(usage("put", "-H", "127.0.0.1", "onlyone")).startsWith("2\n").contains("REMOTE");
    }
}
