package io.jmfs.daemon.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class ValueParsersTest {

    @Test
    void integersAreReadLikeMooseFsDoesWithBaseZero() {
        ValueParser<Integer> any = ValueParsers.integer(Integer.MIN_VALUE, Integer.MAX_VALUE);

        assertThat(any.parse("42")).isEqualTo(42);
        assertThat(any.parse("027")).isEqualTo(23);
        assertThat(any.parse("0x1F")).isEqualTo(31);
        assertThat(any.parse("-19")).isEqualTo(-19);
        assertThat(any.parse("0")).isZero();
    }

    @Test
    void integersRefuseTrailingGarbageAndBadOctal() {
        ValueParser<Integer> any = ValueParsers.integer(0, 1000);

        for (String bad : List.of("", "12abc", "1.5", "abc", "09", "0x", " 1")) {
            assertThatThrownBy(() -> any.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void integersOutsideTheirRangeAreRefusedSayingTheRange() {
        assertThatThrownBy(() -> ValueParsers.integer(0, 4).parse("5"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("0 to 4");
    }

    @Test
    void portsAreOneTo65535() {
        assertThat(ValueParsers.port().parse("9421")).isEqualTo(9421);
        assertThatThrownBy(() -> ValueParsers.port().parse("0")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ValueParsers.port().parse("65536")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ValueParsers.port().parse("http")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void flagsAreZeroOrOne() {
        assertThat(ValueParsers.flag().parse("0")).isFalse();
        assertThat(ValueParsers.flag().parse("1")).isTrue();
        assertThatThrownBy(() -> ValueParsers.flag().parse("yes")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void hostsAreNamesAddressesOrStar() {
        assertThat(ValueParsers.host().parse("*")).isEqualTo("*");
        assertThat(ValueParsers.host().parse("mfsmaster")).isEqualTo("mfsmaster");
        assertThat(ValueParsers.host().parse("10.0.0.1")).isEqualTo("10.0.0.1");
        assertThat(ValueParsers.host().parse("::1")).isEqualTo("::1");
        assertThatThrownBy(() -> ValueParsers.host().parse("")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ValueParsers.host().parse("two words")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void sizesUseSiAndBinaryPrefixes() {
        ValueParser<Long> size = ValueParsers.byteSize();

        assertThat(size.parse("256MiB")).isEqualTo(256L << 20);
        assertThat(size.parse("0.5GB")).isEqualTo(500_000_000L);
        assertThat(size.parse(".5G")).isEqualTo(500_000_000L);
        assertThat(size.parse("2.56GiB")).isEqualTo((long) (2.56 * (1L << 30)));
        assertThat(size.parse("1256M")).isEqualTo(1_256_000_000L);
        assertThat(size.parse("1024")).isEqualTo(1024L);
        assertThat(size.parse("10kB")).isEqualTo(10_000L);
        for (String bad : List.of("", "B", "MiB", "12 MB", "1x", "-1G")) {
            assertThatThrownBy(() -> size.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void replicationLimitsAreOneOrFourNumbers() {
        assertThat(ValueParsers.fourLimits().parse("2,1,1,4")).containsExactly(2, 1, 1, 4);
        assertThat(ValueParsers.fourLimits().parse("3")).containsExactly(3, 3, 3, 3);
        assertThatThrownBy(() -> ValueParsers.fourLimits().parse("1,2")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void decimalsAndPaths() {
        assertThat(ValueParsers.decimal(0, 10).parse("1.5")).isEqualTo(1.5);
        assertThatThrownBy(() -> ValueParsers.decimal(0, 10).parse("1,5")).isInstanceOf(IllegalArgumentException.class);
        assertThat(ValueParsers.path().parse("/var/lib/mfs")).isEqualTo(Path.of("/var/lib/mfs"));
        assertThatThrownBy(() -> ValueParsers.path().parse("")).isInstanceOf(IllegalArgumentException.class);
    }
}
