package io.jmfs.master.net.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jmfs.daemon.config.Config;
import io.jmfs.daemon.config.ConfigLoader;
import io.jmfs.master.MasterPipelines;
import io.jmfs.master.MasterService;
import io.jmfs.master.config.MasterConfig;
import io.jmfs.protocol.ByteString;
import io.jmfs.protocol.MfsStatus;
import io.jmfs.protocol.msg.client.NamespaceReply;
import io.jmfs.protocol.msg.client.NamespaceRequest;
import io.jmfs.protocol.msg.client.SessionReply;
import io.jmfs.protocol.msg.client.SessionRequest;
import java.net.ServerSocket;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The whole master service: exports loaded at start, and a reload that changes who may register next
 * and drops the mounts registered under replaced rules. */
class ExportsReloadTest {

    @TempDir
    Path dir;

    private Config config(Path exports) throws Exception {
        List<String> lines = new ArrayList<>();
        for (String listener : List.of("MATOML", "MATOCS", "MATOCL")) {
            try (ServerSocket s = new ServerSocket(0)) {
                lines.add(listener + "_LISTEN_HOST = 127.0.0.1");
                lines.add(listener + "_LISTEN_PORT = " + s.getLocalPort());
            }
        }
        lines.add("EXPORTS_FILENAME = " + exports);
        return new ConfigLoader(MasterConfig.SCHEMA, w -> { }).parse(dir.resolve("mfsmaster.cfg"), lines);
    }

    private static WireClient.Frame register(WireClient client) {
        client.send(new SessionRequest.RegisterNewSession(0x000300EA, ByteString.utf8("t\0"), ByteString.utf8("/\0"),
                OptionalInt.empty(), OptionalLong.empty(), Optional.empty()));
        return client.receiveFrame();
    }

    @Test
    void aReloadedExportsFileDecidesLaterRegistrationsAndDropsMountsRegisteredUnderTheOldRules() throws Exception {
        Path exports = Files.writeString(dir.resolve("mfsexports.cfg"), "* / rw\n");
        Config config = config(exports);
        MasterService master = new MasterService(MasterPipelines::serving);
        master.start(config);
        try (WireClient before = new WireClient(master.address(MasterService.CLIENT_LISTENER))) {
            assertThat(register(before).decode()).isInstanceOf(SessionReply.RegisterSession.class);

            Files.writeString(exports, "10.9.9.9 / rw\n");
            master.reload(config);

            try (WireClient after = new WireClient(master.address(MasterService.CLIENT_LISTENER))) {
                WireClient.Frame refused = register(after);
                assertThat(refused.payload()).containsExactly(MfsStatus.EACCES.code());
            }
            before.send(new NamespaceRequest.GetAttr(3, 1, 0, 0, 0));
            assertThatThrownBy(before::receiveFrame).as("the old session's connection is closed")
                    .isInstanceOf(UncheckedIOException.class);
        } finally {
            master.stop();
        }
    }

    @Test
    void aReloadOfUnchangedExportsKeepsTheMounts() throws Exception {
        Path exports = Files.writeString(dir.resolve("mfsexports.cfg"), "* / rw\n");
        Config config = config(exports);
        MasterService master = new MasterService(MasterPipelines::serving);
        master.start(config);
        try (WireClient before = new WireClient(master.address(MasterService.CLIENT_LISTENER))) {
            assertThat(register(before).decode()).isInstanceOf(SessionReply.RegisterSession.class);
            master.reload(config);
            before.send(new NamespaceRequest.GetAttr(3, 1, 0, 0, 0));
            assertThat(before.receive(NamespaceReply.AttrReply.class).msgid()).isEqualTo(3);
        } finally {
            master.stop();
        }
    }
}
