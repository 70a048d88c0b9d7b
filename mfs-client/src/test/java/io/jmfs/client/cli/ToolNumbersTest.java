package io.jmfs.client.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The number printing and parsing of the MooseFS tools, as mfsgetquota and mfssetquota use them. */
class ToolNumbersTest {
    @Test
    void plainNumbersAreRightAlignedIn20ColumnsAndUndefinedOnesAreADash() {
        ToolNumbers n = new ToolNumbers(0, 0);
        assertThat(n.format(5, false, false, true)).isEqualTo("                   5");
        assertThat(n.format(5, false, false, false)).isEqualTo("                   -");
        assertThat(n.format(5, true, false, true)).isEqualTo("         5");
        assertThat(n.format(-1L, false, true, true)).isEqualTo("18446744073709551615");
    }

    @Test
    void unitModesDivideAndNarrowTheColumn() {
        assertThat(new ToolNumbers(0, 1).format(1 << 20, false, true, true)).isEqualTo("             1024");
        assertThat(new ToolNumbers(0, 2).format(1 << 20, false, true, true)).isEqualTo("             1");
        assertThat(new ToolNumbers(0, 3).format(5L << 30, false, true, false)).isEqualTo("          -");
    }

    @Test
    void humanizedNumbersUseThreeDigitsOrOneDecimal() {
        assertThat(ToolNumbers.humanized(0, false)).isEqualTo("0");
        assertThat(ToolNumbers.humanized(999, true)).isEqualTo("999");
        assertThat(ToolNumbers.humanized(1536, false)).isEqualTo("1.5Ki");
        assertThat(ToolNumbers.humanized(1_000_000, true)).isEqualTo("1.0M");
        assertThat(ToolNumbers.humanized(123_456_789, true)).isEqualTo("123M");
        assertThat(new ToolNumbers(1, 0).format(1536, false, true, true)).isEqualTo("1.5KiB");
        assertThat(new ToolNumbers(2, 0).format(7, false, false, true)).isEqualTo("    7");
        assertThat(new ToolNumbers(3, 0).format(7, false, false, false)).hasSize(29).endsWith("-");
    }

    @Test
    void limitsParseWithSiAndIecSuffixesAndAnOptionalB() {
        assertThat(ToolNumbers.parse("10", 0xFFFFFFFFL, false)).isEqualTo(10);
        assertThat(ToolNumbers.parse("1k", -1L, true)).isEqualTo(1000);
        assertThat(ToolNumbers.parse("1.5Ki", -1L, true)).isEqualTo(1536);
        assertThat(ToolNumbers.parse("2GiB", -1L, true)).isEqualTo(2L << 30);
        assertThat(ToolNumbers.parse(".5M", -1L, true)).isEqualTo(500_000);
        assertThat(ToolNumbers.parse("18446744073709549568", -1L, true)).isEqualTo(-2048L);
        // as a double 2^64-1 is 2^64, one past the largest value: the real tool refuses it too
        assertThatThrownBy(() -> ToolNumbers.parse("18446744073709551615", -1L, true))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ToolNumbers.parse("5GB", 0xFFFFFFFFL, false))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ToolNumbers.parse("5G", 0xFFFFFFFFL, false))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ToolNumbers.parse("x", -1L, true)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void gracePeriodsTakeTimeUnits() {
        assertThat(ToolNumbers.parsePeriod("3600")).isEqualTo(3600);
        assertThat(ToolNumbers.parsePeriod("2h")).isEqualTo(7200);
        assertThat(ToolNumbers.parsePeriod("1.5d")).isEqualTo(129600);
        assertThat(ToolNumbers.parsePeriod("1w")).isEqualTo(604800);
        assertThatThrownBy(() -> ToolNumbers.parsePeriod("1y")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void mfshrformatPicksTheHumanMode() {
        assertThat(ToolNumbers.humodeFromEnvironment(null)).isZero();
        assertThat(ToolNumbers.humodeFromEnvironment("h")).isEqualTo(1);
        assertThat(ToolNumbers.humodeFromEnvironment("H+")).isEqualTo(4);
        assertThat(ToolNumbers.humodeFromEnvironment("3")).isEqualTo(3);
    }
}
