package io.jmfs.master.fs.change;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ChangeTextTest {
    @Test
    void escapesControlHighAndSyntaxBytesAsMooseFsDoes() {
        byte[] name = "a,b%c(d)e f\n".getBytes(StandardCharsets.ISO_8859_1);
        assertThat(ChangeText.escape(name)).isEqualTo("a%2Cb%25c%28d%29e f%0A");
        assertThat(ChangeText.escape(new byte[] {(byte) 0xC3, (byte) 0xA9})).isEqualTo("%C3%A9");
    }

    @Test
    void recordsRenderTheirChangelogSyntax() {
        byte[] g0 = "g0".getBytes(StandardCharsets.US_ASCII);
        byte[] f0 = "f0".getBytes(StandardCharsets.US_ASCII);
        assertThat(new Change.Move(1795234487, 5, f0, 5, g0, 6)).hasToString("1795234487|MOVE(5,f0,5,g0):6");
        assertThat(new Change.Unlink(1795234488, 5, g0, 6)).hasToString("1795234488|UNLINK(5,g0):6");
        assertThat(new Change.Length(1795234429, 2, 6, false)).hasToString("1795234429|LENGTH(2,6,0)");
        assertThat(new Change.Amtime(1, 2, 3, 4, 5)).hasToString("1|AMTIME(2,3,4,5)");
    }
}
