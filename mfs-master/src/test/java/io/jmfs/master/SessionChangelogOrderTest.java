package io.jmfs.master;

import static org.assertj.core.api.Assertions.assertThat;

import io.jmfs.master.chunks.ChunkSettings;
import io.jmfs.master.exports.ExportGrant;
import io.jmfs.master.exports.ExportRules;
import io.jmfs.master.fs.Credentials;
import io.jmfs.master.fs.NamespaceSettings;
import io.jmfs.master.meta.Changelog;
import io.jmfs.master.meta.ChangelogListener;
import io.jmfs.master.meta.ChangelogWriter;
import io.jmfs.master.sessions.SessionChange;
import io.jmfs.master.sessions.SessionRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * When a session expires, the master logs the RELEASE of each file it still held and then SESDEL: MooseFS's
 * replay of SESDEL drops the session's open files itself, and its replay of a RELEASE for a file no longer held
 * fails, so the other order would stop the real master's replay of our changelog.
 */
class SessionChangelogOrderTest {
    @TempDir
    Path dir;

    @Test
    void anExpiredSessionsOpenFilesAreReleasedBeforeItsSesdel() throws Exception {
        int[] now = {1_700_000_000};
        MasterState state = new MasterState(() -> now[0], ExportRules.none(), NamespaceSettings.DEFAULTS, 60, 1,
                ChunkSettings.DEFAULTS);
        List<String> lines = new ArrayList<>();
        ChangelogWriter writer = new ChangelogWriter(dir, 1, ChangelogWriter.BACKGROUND);
        try {
            Changelog log = new Changelog(state.metaState(), writer);
            log.listen(new ChangelogListener() {
                @Override
                public void onChange(long version, String text) {
                    lines.add(text.substring(text.indexOf('|') + 1));
                }

                @Override
                public void onRotate() {
                }
            });
            state.changeRouter().attach(log);
            int file = state.namespace().create(Credentials.ROOT, 1, "f".getBytes(StandardCharsets.UTF_8), 0644, 0)
                    .orThrow().inode();
            ExportGrant grant = new ExportGrant(0, false, 0, 0, 0, 0, 999, 999, 1, 9, 0, 0xFFFFFFFFL, 0);
            state.sessions().apply(new SessionChange.Added(1, grant, 1, 0x7f00_0001, "/mnt"), now[0]);
            state.sessions().find(1).orElseThrow().markOpen(file);
            state.namespace().acquire(1, file);
            state.sessions().apply(new SessionChange.Disconnected(1), now[0]);
            now[0] += SessionRegistry.STARTUP_GRACE_SECONDS + 61;

            state.expireSessions();

            assertThat(lines).containsSubsequence("ACQUIRE(1," + file + ")", "RELEASE(1," + file + ")", "SESDEL(1)");
            assertThat(lines.get(lines.size() - 1)).isEqualTo("SESDEL(1)");
        } finally {
            writer.close();
        }
    }
}
