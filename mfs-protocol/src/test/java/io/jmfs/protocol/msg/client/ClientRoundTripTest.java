package io.jmfs.protocol.msg.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.jmfs.protocol.Attr;
import io.jmfs.protocol.ByteString;
import io.jmfs.protocol.ChunkLocation;
import io.jmfs.protocol.Gids;
import io.jmfs.protocol.MessageType;
import io.jmfs.protocol.MfsStatus;
import io.jmfs.protocol.NodeType;
import io.jmfs.protocol.msg.client.ChunkOpReply.ChunkData;
import io.jmfs.protocol.msg.client.ChunkOpReply.ChunkHasChanged;
import io.jmfs.protocol.msg.client.ChunkOpReply.ChunkReply;
import io.jmfs.protocol.msg.client.ChunkOpReply.FlengHasChanged;
import io.jmfs.protocol.msg.client.ChunkOpReply.InvalidateChunkCache;
import io.jmfs.protocol.msg.client.ChunkRequest.*;
import io.jmfs.protocol.msg.client.LockReply.PosixLockInfo;
import io.jmfs.protocol.msg.client.LockRequest.*;
import io.jmfs.protocol.msg.client.MasterReply.Status;
import io.jmfs.protocol.msg.client.NamespaceReply.AclEntry;
import io.jmfs.protocol.msg.client.NamespaceReply.AttrReply;
import io.jmfs.protocol.msg.client.NamespaceReply.DirEntry;
import io.jmfs.protocol.msg.client.NamespaceReply.EntryReply;
import io.jmfs.protocol.msg.client.NamespaceReply.InodeReply;
import io.jmfs.protocol.msg.client.NamespaceRequest.*;
import io.jmfs.protocol.msg.client.SessionReply.RegisterMetaSession;
import io.jmfs.protocol.msg.client.SessionReply.RegisterRandom;
import io.jmfs.protocol.msg.client.SessionReply.RegisterReconnected;
import io.jmfs.protocol.msg.client.SessionReply.RegisterSession;
import io.jmfs.protocol.msg.client.SessionReply.RegisterStatus;
import io.jmfs.protocol.msg.client.SessionRequest.*;
import io.jmfs.protocol.msg.client.ToolReply.CheckChunk;
import io.jmfs.protocol.msg.client.ToolReply.CheckCopy;
import io.jmfs.protocol.msg.client.ToolReply.CheckCounts;
import io.jmfs.protocol.msg.client.ToolReply.SclassCount;
import io.jmfs.protocol.msg.client.ToolReply.SetResult;
import io.jmfs.protocol.msg.client.ToolReply.ValueCount;
import io.jmfs.protocol.msg.client.ToolRequest.*;
import io.jmfs.protocol.testing.Encoded;
import io.jmfs.protocol.testing.NoBufferLeaks;
import io.jmfs.protocol.testing.SealedCoverage;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

@ExtendWith(NoBufferLeaks.class)
class ClientRoundTripTest {
    static final Attr FILE = new Attr(0x04, NodeType.FILE, 0644, 1000, 100, 1_700_000_000, 1_700_000_001,
            1_700_000_002, 1, 123_456_789_012L, 0x20);
    static final Attr DIR = new Attr(0x0C, NodeType.DIRECTORY, 0755, 0, 0, -5, -6, -7, 3,
            Attr.directoryDisplaySize(500L << 20), 0);
    static final ByteString NAME = ByteString.utf8("n\u00e4me");
    static final Gids GIDS = Gids.of(100, 4, 0xFFFFFFFE);
    static final ChunkLocation LOC = new ChunkLocation(0xC6120A02, 9422, 0x000300EA, 0b101);

    static List<ClientRequest> requests() {
        return List.of(
                new RegisterGetRandom(),
                new RegisterNewSession(0x000300EA, ByteString.utf8("/mnt\0"), ByteString.utf8("/\0"),
                        OptionalInt.empty(), OptionalLong.empty(), Optional.empty()),
                new RegisterNewSession(0x000300EA, ByteString.utf8("mfsbench\0"), ByteString.utf8("/sub\0"),
                        OptionalInt.of(17), OptionalLong.of(-2L), Optional.of(ByteString.of(new byte[16]))),
                new RegisterNewSession(0x000300EA, ByteString.EMPTY, ByteString.utf8("/\0"), OptionalInt.of(5),
                        OptionalLong.empty(), Optional.of(ByteString.ofHex("00112233445566778899aabbccddeeff"))),
                new RegisterNewMetaSession(0x000300EA, ByteString.utf8("meta\0"), OptionalInt.of(3),
                        OptionalLong.of(99), Optional.empty()),
                new RegisterReconnect(17, 0x000300EA, OptionalLong.of(0x6b01293e50a3ec79L)),
                new RegisterReconnect(17, 0x000300EA, OptionalLong.empty()),
                new RegisterTools(17, 0x000300EA, OptionalLong.empty()),
                new RegisterCloseSession(17, OptionalLong.of(1)),
                new Nop(0), new TimeSync(0), new Statfs(9),
                new Access(1, 2, 3, GIDS, 0x7), new Access(1, 2, 3, Gids.none(), 0x4),
                new Lookup(1, 1, NAME, 0, GIDS), new Lookup(1, 1, NAME, 0, Gids.single(5)),
                new GetAttr(1, 7, 1, 0, 0),
                new SetAttr(2, 3, 1, 0, Gids.of(0), SetAttr.SET_MODE, 0600, 0, 0, 0, 0, 0, 4),
                new ReadLink(2, 5),
                new Symlink(2, 1, NAME, ByteString.utf8("small.txt"), 0, GIDS),
                new Mknod(6, 1, NAME, NodeType.FIFO.code(), 0644, 022, 0, GIDS, 0),
                new Mkdir(1, 1, NAME, 0777, 022, 0, Gids.of(0), 1),
                new Unlink(4, 2, NAME, 0, GIDS), new Rmdir(4, 2, NAME, 0, Gids.none()),
                new Rename(1, 1, NAME, 2, ByteString.utf8("x"), 0, GIDS),
                new Link(1, 4, 1, NAME, 0, GIDS),
                new Readdir(4, 1, 0, GIDS, Readdir.FLAG_WITH_ATTR, -1, 0),
                new Readdir(4, 1, 0, Gids.single(0), 0, 100, 77),
                new Open(2, 4, 0, GIDS, 0x15),
                new Create(2, 2, NAME, 0644, 022, 0, GIDS),
                new ReadChunk(3, 4, 0, 0), new WriteChunk(3, 4, 1, WriteChunk.CANUSERESERVESPACE),
                new WriteChunkEnd(3, 1, 4, 0, 14, 0),
                new Truncate(1, 4, Truncate.OPENED | Truncate.UPDATE | Truncate.RESERVE, 0, GIDS, 100),
                new GetXattr(2, 4, ByteString.EMPTY, 1, 0, 0, GIDS),
                new SetXattr(1, 4, ByteString.utf8("user.k"), ByteString.utf8("val"), 0, 0, 0, GIDS),
                new GetFacl(1, 4, 1),
                new Flock(1, 4, 9, -1L, 2),
                new PosixLock(1, 4, 9, 77, 1234, 1, 2, 0, Long.MAX_VALUE),
                new GetTrashTime(7, 6, 0), new SetTrashTime(7, 6, 0, 86400, 0),
                new GetSclass(7, 4, 0), SetSclass.goal(7, 4, 0, 2, 0),
                new SetSclass(7, 4, 0, SetSclass.NAMED, 0, Optional.empty(), Optional.of(ByteString.utf8("fast"))),
                new SetSclass(7, 4, 0, SetSclass.NAMED, SetSclass.SMODE_EXCHANGE, Optional.of(ByteString.utf8("a")),
                        Optional.of(ByteString.utf8("b"))),
                new GetEattr(7, 4, 0), new SetEattr(7, 4, 0, 0x20, 0),
                new GetDirStats(7, 1),
                new Check(7, 4, OptionalInt.empty()), new Check(7, 4, OptionalInt.of(0)),
                new Snapshot(7, 6, 1, NAME, 0, GIDS, 0, 022),
                new AppendSlice(7, 0, 5, 4, 0, AppendSlice.WHOLE_FILE_TO, 1000, GIDS),
                new AppendSlice(7, AppendSlice.FROM_NEG | AppendSlice.TO_NEG, 5, 4, 3, 1, 0, Gids.of(0)),
                new Paths(7, 4),
                new SclassList(7, 0),
                QuotaControl.get(7, 4), QuotaControl.delete(7, 4, 0x11),
                new QuotaControl(7, 4, 0x31, Optional.of(new QuotaLimits(OptionalInt.of(3600), 10, 0, 0, 0, 20,
                        1L << 40, 0, 0))),
                new QuotaControl(7, 4, 0x80, Optional.of(new QuotaLimits(OptionalInt.empty(), 0, 0, 0, 0, 0, 0, 0,
                        -1L))),
                ArchCtl.get(7, 4), ArchCtl.change(7, 4, ArchCtl.SET, 1000), ArchCtl.change(7, 4, ArchCtl.CLR, 0),
                new SustainedInodes(List.of(4, 6)), new SustainedInodes(List.of()),
                new AmtimeInodes(List.of(new Amtime(4, 1, 2), new Amtime(6, 3, 4))));
    }

    static List<MasterReply> replies() {
        ChunkData chunk = new ChunkData(0x22, 1, List.of(LOC, new ChunkLocation(0xC6120A03, 9422, 0x000300EA, 0)));
        return List.of(
                new RegisterStatus(MfsStatus.EPERM),
                new RegisterRandom(ByteString.of(new byte[32])),
                new RegisterReconnected(0x000300EA, MfsStatus.OK),
                new RegisterSession(0x000300EA, 1, 0x6b01293e50a3ec79L, 8, 022, 0, 0, 999, 999, 1, 9, 0, -1, 0),
                new RegisterMetaSession(0x000300EA, 1, 42, 0, 1, 9, 0, 86400),
                new SessionReply.Nop(0),
                new Status(MessageType.MATOCL_FUSE_LOOKUP.id(), 2, MfsStatus.ENOENT),
                new Status(MessageType.MATOCL_FUSE_WRITE_CHUNK_END.id(), 3, MfsStatus.OK),
                new Status(MessageType.MATOCL_FUSE_APPEND_SLICE.id(), 7, MfsStatus.QUOTA),
                new SessionReply.TimeSync(0, 1_795_234_825_000_000L),
                new NamespaceReply.Statfs(1, 217_888_587_776L, 170_881_646_592L, 170_881_646_592L, 0, 0, 6),
                new NamespaceReply.Lookup(2, 5, DIR, 0x00FF, Optional.empty()),
                new NamespaceReply.Lookup(2, 4, FILE, 0x01FF, Optional.of(chunk)),
                new NamespaceReply.Lookup(2, 4, FILE, 0x05FF, Optional.of(new ChunkData(0, 0, List.of()))),
                new AttrReply(MessageType.MATOCL_FUSE_GETATTR.id(), 1, DIR),
                new AttrReply(MessageType.MATOCL_FUSE_SETATTR.id(), 1, FILE),
                new EntryReply(MessageType.MATOCL_FUSE_MKDIR.id(), 1, 2, DIR),
                new EntryReply(MessageType.MATOCL_FUSE_SYMLINK.id(), 1, 5,
                        new Attr(0, NodeType.SYMLINK, 0777, 0, 0, 0, 0, 0, 1, 9, 0)),
                new InodeReply(MessageType.MATOCL_FUSE_UNLINK.id(), 4, 4),
                new NamespaceReply.ReadLink(2, ByteString.utf8("small.txt")),
                new NamespaceReply.Readdir(4, 0, List.of(DirEntry.withAttr(ByteString.utf8("."), 1, DIR),
                        DirEntry.withAttr(ByteString.utf8(".."), 1, DIR), DirEntry.withAttr(NAME, 4, FILE))),
                new NamespaceReply.Readdir(4, 12, List.of(DirEntry.withType(ByteString.utf8("."), 1, 2),
                        DirEntry.withType(NAME, 4, 1))),
                new NamespaceReply.Open(2, NamespaceReply.Open.KEEPCACHE, FILE),
                new NamespaceReply.Create(2, 0, 3, FILE),
                new ChunkReply(MessageType.MATOCL_FUSE_WRITE_CHUNK.id(), 3, 14, chunk),
                new ChunkReply(MessageType.MATOCL_FUSE_READ_CHUNK.id(), 3, 1L << 40, new ChunkData(0, 0, List.of())),
                new ChunkOpReply.Truncate(1, 14, FILE),
                NamespaceReply.GetXattr.of(2, ByteString.utf8("user.k\0")),
                new NamespaceReply.GetXattr(2, 7, Optional.empty()),
                new NamespaceReply.GetFacl(1, 7, 5, 4, 7, List.of(new AclEntry(1000, 6)),
                        List.of(new AclEntry(100, 4), new AclEntry(101, 5))),
                new PosixLockInfo(1, 1234, 1, 0, 100),
                new ToolReply.GetTrashTime(7, List.of(new ValueCount(86400, 1)), List.of(new ValueCount(0, 2))),
                new SetResult(MessageType.MATOCL_FUSE_SETSCLASS.id(), 7, 0, 1, 0),
                new ToolReply.GetSclass(7, List.of(new SclassCount(2, Optional.empty(), 1)),
                        List.of(new SclassCount(SclassCount.NAMED, Optional.of(ByteString.utf8("fast")), 3))),
                new ToolReply.GetEattr(7, List.of(new ValueCount(0, 3)), List.of(new ValueCount(0x20, 1))),
                new ToolReply.GetDirStats(7, 6, 2, 3, 2, 3_145_837, 3_227_648, 6_455_296, true),
                new ToolReply.GetDirStats(7, 6, 2, 3, 2, 3_145_837, 3_227_648, 6_455_296, false),
                new CheckCounts(7, List.of(0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0)),
                new CheckChunk(7, 1, 2, List.of(new CheckCopy(0xC6120A02, 9422, 0))),
                new ToolReply.Paths(7, List.of(ByteString.utf8("/big"), ByteString.utf8("/big.snap"))),
                new ToolReply.SclassList(7, List.of(ByteString.utf8("1"), ByteString.utf8("fast"))),
                new ToolReply.QuotaControl(7, 0x11, new QuotaLimits(OptionalInt.of(604800), 10, 0, 0, 0, 20, 0, 0, 0),
                        5, 1234, 70_000, 140_000),
                new ToolReply.QuotaControl(7, 0, new QuotaLimits(OptionalInt.empty(), 0, 0, 0, 0, 0, 0, 0, 0), 1, 0,
                        0, 0),
                new ToolReply.ArchiveCounts(7, 3, 1L << 33, 2, 1, 0),
                new ToolReply.ArchiveChanged(7, 1L << 33, 4, 1),
                new Status(MessageType.MATOCL_FUSE_ARCHCTL.id(), 7, MfsStatus.EPERM),
                new ChunkHasChanged(4, 0, 0x22, 2, 14, 0),
                new FlengHasChanged(4, 109),
                new InvalidateChunkCache());
    }

    @Test
    void the_samples_cover_every_client_message() {
        assertThat(SealedCoverage.missing(ClientRequest.class, requests())).isEmpty();
        assertThat(SealedCoverage.missing(MasterReply.class, replies())).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("requests")
    void request_encodes_and_decodes_to_an_equal_message(ClientRequest m) throws Exception {
        ClientRequest back = Encoded.roundTrip(ClientRequests::decode, m);
        assertThat(back).isEqualTo(m);
        assertThat(Encoded.payload(back)).isEqualTo(Encoded.payload(m));
    }

    @ParameterizedTest
    @MethodSource("replies")
    void reply_encodes_and_decodes_to_an_equal_message(MasterReply m) throws Exception {
        MasterReply back = Encoded.roundTrip(MasterReplies::decode, m);
        assertThat(back).isEqualTo(m);
        assertThat(Encoded.payload(back)).isEqualTo(Encoded.payload(m));
    }
}
