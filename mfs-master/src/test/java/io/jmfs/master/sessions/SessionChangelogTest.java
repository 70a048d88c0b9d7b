package io.jmfs.master.sessions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jmfs.master.exports.ExportGrant;
import java.util.List;
import org.junit.jupiter.api.Test;

class SessionChangelogTest {
    static final ExportGrant GRANT = new ExportGrant(-1L, false, 0x1F, 0022, 1, 2, 3000, 300, 2, 5, 60, 4294967295L, 0x80000001);

    @Test
    void every_session_change_reads_back_from_its_changelog_text() {
        List<SessionChange> changes = List.of(
                new SessionChange.Added(1, GRANT, 7, -5, "/mnt/a,b (c) 100%\u00e9\n"),
                new SessionChange.Added(-2, new ExportGrant(0, true, 1, 0, 0, 0, 0, 0, 1, 9, 0, 0, 0), 0, 0, ""),
                new SessionChange.Changed(3, GRANT, 1, 2130706433, "info"),
                new SessionChange.Disconnected(4),
                new SessionChange.Deleted(5));

        for (SessionChange c : changes) {
            assertThat(SessionChangelog.parse(c.changelogText())).contains(c);
        }
    }

    @Test
    void reads_a_line_written_by_a_real_master() {
        SessionChange c = SessionChangelog.parse(
                "SESADD(#18432386147808961246,1,8,0000,0,0,999,999,1,9,0,4294967295,0x00000000,2130706433,/mnt/x):1")
                .orElseThrow();

        assertThat(c).isEqualTo(new SessionChange.Added(1,
                new ExportGrant(Long.parseUnsignedLong("18432386147808961246"), false, 8, 0, 0, 0, 999, 999, 1, 9, 0,
                        4294967295L, 0), 1, 2130706433, "/mnt/x"));
    }

    @Test
    void accepts_the_older_forms_without_checksum_umask_and_disables() {
        SessionChange c = SessionChangelog.parse("SESADD(1,0,0,0,999,999,1,9,0,86400,16777343,old):9").orElseThrow();

        assertThat(c).isEqualTo(new SessionChange.Added(9,
                new ExportGrant(0, false, 0, 0, 0, 0, 999, 999, 1, 9, 0, 86400, 0), 1, 16777343, "old"));
    }

    @Test
    void other_entries_are_not_session_changes_and_malformed_ones_are_errors() {
        assertThat(SessionChangelog.parse("CREATE(1,a.txt,1,438,18,0,0,0):2")).isEmpty();
        assertThat(SessionChangelog.parse("SESSION():3")).isEmpty();
        assertThatThrownBy(() -> SessionChangelog.parse("SESDEL(x)")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SessionChangelog.parse("SESDEL(1,2)")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SessionChangelog.parse("SESADD(#1,1,8)")).isInstanceOf(IllegalArgumentException.class);
    }
}
