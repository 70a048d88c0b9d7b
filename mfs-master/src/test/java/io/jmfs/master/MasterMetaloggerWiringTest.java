package io.jmfs.master;

import static org.assertj.core.api.Assertions.assertThat;

import io.jmfs.master.net.metalogger.FakeMetalogger;
import io.jmfs.protocol.ProtocolVersion;
import io.jmfs.protocol.msg.metalogger.MasterToMetalogger;
import io.jmfs.protocol.msg.metalogger.MasterToMetalogger.DownloadData;
import io.jmfs.protocol.msg.metalogger.MasterToMetalogger.DownloadInfo;
import io.jmfs.protocol.msg.metalogger.MetaloggerToMaster.DownloadEnd;
import io.jmfs.protocol.msg.metalogger.MetaloggerToMaster.DownloadRequest;
import io.jmfs.protocol.msg.metalogger.MetaloggerToMaster.DownloadStart;
import io.jmfs.protocol.msg.metalogger.MetaloggerToMaster.Register;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The running master serves metaloggers its own dump and changelog (port 9419 wired to persistence). */
class MasterMetaloggerWiringTest {
    @TempDir
    Path data;

    @Test
    void aMetaloggerDownloadsTheMastersDumpAndItsFirstChangelogLine() throws Exception {
        int port = MasterServiceTest.freePort();
        MasterService service = new MasterService(MasterPipelines::serving);
        service.start(MasterServiceTest.config("DATA_PATH = " + data, "MATOML_LISTEN_HOST = 127.0.0.1",
                "MATOML_LISTEN_PORT = " + port, "MATOCS_LISTEN_HOST = 127.0.0.1",
                "MATOCS_LISTEN_PORT = " + MasterServiceTest.freePort(), "MATOCL_LISTEN_HOST = 127.0.0.1",
                "MATOCL_LISTEN_PORT = " + MasterServiceTest.freePort()));
        try (FakeMetalogger ml = new FakeMetalogger(service.address(MasterService.METALOGGER_LISTENER))) {
            ml.send(new Register(ProtocolVersion.V3_0_117.encode(), 10, OptionalLong.empty()));

            byte[] dump = download(ml, 1);
            assertThat(new String(dump, 0, 8, StandardCharsets.ISO_8859_1)).isEqualTo("MFSM 2.0");
            assertThat(new String(dump, StandardCharsets.ISO_8859_1)).endsWith("[MFS EOF MARKER]");
            // the new file system's first change was logged just before: the flush puts it in the file sent
            assertThat(new String(download(ml, 11), StandardCharsets.ISO_8859_1)).contains("|SETMETAID(");
        } finally {
            service.stop();
        }
    }

    private static byte[] download(FakeMetalogger ml, int file) throws Exception {
        ml.send(new DownloadStart(file));
        MasterToMetalogger info = ml.receive();
        assertThat(info).isInstanceOf(DownloadInfo.class);
        long length = ((DownloadInfo) info).length();
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        for (long offset = 0; offset < length; ) {
            int n = (int) Math.min(1_000_000, length - offset);
            ml.send(new DownloadRequest(offset, n));
            DownloadData d = (DownloadData) ml.receive();
            assertThat(d.crcMatches()).isTrue();
            got.writeBytes(d.data().toByteArray());
            offset += n;
        }
        ml.send(new DownloadEnd());
        return got.toByteArray();
    }
}
