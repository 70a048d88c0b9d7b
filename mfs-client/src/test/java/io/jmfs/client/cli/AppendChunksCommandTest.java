package io.jmfs.client.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** bin/mfs appendchunks: its command line, and the -s slice as mfsappendchunks reads and sends it. */
class AppendChunksCommandTest {
    private static String run(String... args) {
        CommandLine cl = new CommandLine(MfsMain.class);
        StringWriter out = new StringWriter();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(out));
        int code = cl.execute(args);
        return code + "\n" + out;
    }

    @Test
    void theCommandIsListedUnderBothNames() {
        assertThat(run("--help")).contains("  appendchunks");
        assertThat(run("mfsappendchunks", "--help")).startsWith("0\n").contains("SNAPSHOT_FILE").contains("OBJECT")
                .contains("-s=SLICE_FROM:SLICE_TO");
    }

    @Test
    void aDestinationWithoutObjectsIsAUsageErrorWithoutContactingAMaster() {
        assertThat(run("appendchunks", "-H", "127.0.0.1", "only-the-destination")).startsWith("2\n")
                .contains("OBJECT");
    }

    @Test
    void withoutASliceTheWholeFileIsSentAsZeroTo0x80000000() {
        assertThat(SliceExpression.WHOLE_FILE.flags()).isZero();
        assertThat(SliceExpression.WHOLE_FILE.wireFrom()).isZero();
        assertThat(SliceExpression.WHOLE_FILE.wireTo()).isEqualTo(0x80000000);
    }

    @Test
    void emptyEndsMeanTheStartAndTheEnd() {
        assertThat(SliceExpression.parse(":")).isEqualTo(SliceExpression.WHOLE_FILE);
        assertThat(SliceExpression.parse("2:")).isEqualTo(new SliceExpression(2, 0x80000000L));
        assertThat(SliceExpression.parse(":3")).isEqualTo(new SliceExpression(0, 3));
    }

    @Test
    void negativeEndsTravelAsAbsoluteValuesWithFlags() {
        SliceExpression s = SliceExpression.parse("-3:-1");
        assertThat(s.flags()).isEqualTo(0x01 | 0x02);
        assertThat(s.wireFrom()).isEqualTo(3);
        assertThat(s.wireTo()).isEqualTo(1);
        assertThat(SliceExpression.parse("1:-1").flags()).isEqualTo(0x02);
    }

    @Test
    void malformedSlicesAreRefused() {
        assertThatThrownBy(() -> SliceExpression.parse("3")).hasMessageContaining("FROM:TO");
        assertThatThrownBy(() -> SliceExpression.parse("a:b")).hasMessageContaining("whole numbers");
        assertThatThrownBy(() -> SliceExpression.parse("0:4294967296")).hasMessageContaining("bad slice indexes");
        assertThat(run("appendchunks", "-H", "127.0.0.1", "-s", "x", "dst", "src")).startsWith("2\n")
                .contains("FROM:TO");
    }
}
