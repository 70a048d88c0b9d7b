package io.jmfs.protocol.msg.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.jmfs.protocol.Attr;
import io.jmfs.protocol.ByteString;
import io.jmfs.protocol.ChunkLocation;
import io.jmfs.protocol.Gids;
import io.jmfs.protocol.MessageType;
import io.jmfs.protocol.MfsStatus;
import io.jmfs.protocol.NodeType;
import io.jmfs.protocol.ProtocolVersion;
import io.jmfs.protocol.msg.client.ChunkOpReply.ChunkData;
import io.jmfs.protocol.msg.client.ChunkOpReply.ChunkReply;
import io.jmfs.protocol.msg.client.MasterReply.Status;
import io.jmfs.protocol.msg.client.NamespaceReply.AttrReply;
import io.jmfs.protocol.msg.client.NamespaceReply.DirEntry;
import io.jmfs.protocol.msg.client.NamespaceReply.Lookup;
import io.jmfs.protocol.msg.client.NamespaceReply.Readdir;
import io.jmfs.protocol.msg.client.NamespaceRequest.Mkdir;
import io.jmfs.protocol.msg.client.SessionReply.RegisterSession;
import io.jmfs.protocol.msg.client.SessionRequest.RegisterCloseSession;
import io.jmfs.protocol.msg.client.SessionRequest.RegisterNewSession;
import io.jmfs.protocol.testing.Encoded;
import io.jmfs.protocol.testing.GoldenPacket;
import io.jmfs.protocol.testing.GoldenPackets;
import io.jmfs.protocol.testing.NoBufferLeaks;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Packets captured between a real 3.0.117 mfsmount and mfsmaster decode to typed messages and encode back. */
@ExtendWith(NoBufferLeaks.class)
class ClientGoldenTest {
    private static final String FILE = "/golden/client-master.hex";
    private static final int CS1 = 0xC6120A02; // 198.18.10.2
    private static final int CS2 = 0xC6120A03; // 198.18.10.3

    static Stream<GoldenPacket> fromClient() {
        return GoldenPackets.load(FILE, p -> p.direction().equals("C>M")).stream();
    }

    static Stream<GoldenPacket> fromMaster() {
        return GoldenPackets.load(FILE, p -> p.direction().equals("M>C")).stream();
    }

    @ParameterizedTest
    @MethodSource("fromClient")
    void every_captured_client_packet_decodes_and_encodes_back_byte_for_byte(GoldenPacket p) throws Exception {
        ClientRequest m = Encoded.decode(ClientRequests::decode, p.type().id(), p.payload());
        assertThat(m.type()).isEqualTo(p.type().id());
        assertThat(Encoded.payload(m)).as(m.toString()).isEqualTo(p.payload());
    }

    @ParameterizedTest
    @MethodSource("fromMaster")
    void every_captured_master_packet_decodes_and_encodes_back_byte_for_byte(GoldenPacket p) throws Exception {
        MasterReply m = Encoded.decode(MasterReplies::decode, p.type().id(), p.payload());
        assertThat(m.type()).isEqualTo(p.type().id());
        assertThat(Encoded.payload(m)).as(m.toString()).isEqualTo(p.payload());
    }

    @Test
    void the_capture_covers_the_packets_a_mount_uses() {
        List<MessageType> seen = GoldenPackets.load(FILE).stream().map(GoldenPacket::type).distinct().toList();
        assertThat(seen).contains(MessageType.CLTOMA_FUSE_REGISTER, MessageType.MATOCL_FUSE_REGISTER,
                MessageType.CLTOMA_FUSE_LOOKUP, MessageType.MATOCL_FUSE_GETATTR, MessageType.MATOCL_FUSE_MKDIR,
                MessageType.MATOCL_FUSE_CREATE, MessageType.MATOCL_FUSE_READDIR, MessageType.MATOCL_FUSE_WRITE_CHUNK,
                MessageType.CLTOMA_FUSE_WRITE_CHUNK_END, MessageType.CLTOMA_FUSE_SETXATTR,
                MessageType.CLTOMA_FUSE_SUSTAINED_INODES, MessageType.CLTOMA_FUSE_AMTIME_INODES,
                MessageType.MATOCL_FUSE_TIME_SYNC, MessageType.ANTOAN_NOP);
    }

    @Test
    void mount_registers_a_new_session_with_its_mount_point_and_the_root_path() throws Exception {
        GoldenPacket p = GoldenPackets.find(FILE, "C>M", MessageType.CLTOMA_FUSE_REGISTER,
                SessionRequest.REGISTER_BLOB.hex() + "02");
        assertThat(Encoded.decode(ClientRequests::decode, p.type().id(), p.payload())).isEqualTo(
                new RegisterNewSession(ProtocolVersion.V3_0_117.encode(), ByteString.utf8("/tmp/jmfscap/mnt\0"),
                        ByteString.utf8("/\0"), OptionalInt.empty(), OptionalLong.empty(), Optional.empty()));
    }

    @Test
    void master_accepts_the_session_with_the_49_byte_answer() throws Exception {
        GoldenPacket p = GoldenPackets.find(FILE, "M>C", MessageType.MATOCL_FUSE_REGISTER, "000300ea");
        assertThat(p.payload()).hasSize(RegisterSession.SIZE);
        assertThat(Encoded.decode(MasterReplies::decode, p.type().id(), p.payload())).isEqualTo(
                new RegisterSession(0x000300EA, 1, 0x6b01293e50a3ec79L, 0x08, 0, 0, 0, 999, 999, 1, 9, 0,
                        0xFFFFFFFF, 0));
    }

    @Test
    void unmount_closes_the_session_with_its_metaid() throws Exception {
        GoldenPacket p = GoldenPackets.find(FILE, "C>M", MessageType.CLTOMA_FUSE_REGISTER,
                SessionRequest.REGISTER_BLOB.hex() + "06");
        assertThat(Encoded.decode(ClientRequests::decode, p.type().id(), p.payload()))
                .isEqualTo(new RegisterCloseSession(1, OptionalLong.of(0x6b01293e50a3ec79L)));
    }

    @Test
    void mkdir_carries_mode_umask_and_the_counted_group_list() throws Exception {
        GoldenPacket p = GoldenPackets.find(FILE, "C>M", MessageType.CLTOMA_FUSE_MKDIR, "");
        assertThat(Encoded.decode(ClientRequests::decode, p.type().id(), p.payload()))
                .isEqualTo(new Mkdir(1, 1, ByteString.utf8("d1"), 0777, 022, 0, Gids.of(0), 1));
    }

    @Test
    void getattr_of_the_root_answers_a_real_directory_attr() throws Exception {
        GoldenPacket p = GoldenPackets.find(FILE, "M>C", MessageType.MATOCL_FUSE_GETATTR, "000000010c21ff");
        AttrReply reply = (AttrReply) Encoded.decode(MasterReplies::decode, p.type().id(), p.payload());
        Attr a = reply.attr();
        assertThat(a.type()).isEqualTo(NodeType.DIRECTORY);
        assertThat(a.mode()).isEqualTo(0777);
        assertThat(a.flags()).isEqualTo(Attr.FLAG_ALLOWDATACACHE | Attr.FLAG_NOXATTR);
        assertThat(a.nlink()).isEqualTo(2);
        assertThat(a.size()).as("empty directory display size").isEqualTo(Attr.directoryDisplaySize(0));
    }

    @Test
    void lookup_of_a_one_chunk_file_attaches_its_chunk_locations() throws Exception {
        GoldenPacket p = GoldenPackets.find(FILE, "M>C", MessageType.MATOCL_FUSE_LOOKUP, "00000004000000040811a4");
        Lookup reply = (Lookup) Encoded.decode(MasterReplies::decode, p.type().id(), p.payload());
        assertThat(reply.inode()).isEqualTo(4);
        assertThat(reply.attr().type()).isEqualTo(NodeType.FILE);
        assertThat(reply.attr().mode()).isEqualTo(0644);
        assertThat(reply.attr().size()).isEqualTo("hello-moosefs\n".length());
        assertThat(reply.lflags()).isEqualTo(Lookup.CHUNK_ZERO_DATA | 0xFF);
        assertThat(reply.chunkZero()).contains(new ChunkData(1, 1, List.of(
                new ChunkLocation(CS1, 9422, 0x000300EA, 0), new ChunkLocation(CS2, 9422, 0x000300EA, 0))));
    }

    @Test
    void lookup_of_a_missing_name_is_the_generic_status_answer() throws Exception {
        GoldenPacket p = GoldenPackets.find(FILE, "M>C", MessageType.MATOCL_FUSE_LOOKUP, "0000000203");
        assertThat(Encoded.decode(MasterReplies::decode, p.type().id(), p.payload()))
                .isEqualTo(new Status(MessageType.MATOCL_FUSE_LOOKUP.id(), 2, MfsStatus.ENOENT));
    }

    @Test
    void write_chunk_answer_lists_the_chain_head_first() throws Exception {
        GoldenPacket p = GoldenPackets.find(FILE, "M>C", MessageType.MATOCL_FUSE_WRITE_CHUNK, "");
        ChunkReply reply = (ChunkReply) Encoded.decode(MasterReplies::decode, p.type().id(), p.payload());
        assertThat(reply.chunk().chunkId()).isEqualTo(1);
        assertThat(reply.chunk().version()).isEqualTo(1);
        assertThat(reply.chunk().locations()).extracting(ChunkLocation::address, ChunkLocation::port)
                .hasSize(2).allSatisfy(t -> assertThat(t.toList().get(1)).isEqualTo(9422));
    }

    @Test
    void readdir_with_attributes_lists_dot_and_dotdot_first() throws Exception {
        GoldenPacket p = GoldenPackets.find(FILE, "M>C", MessageType.MATOCL_FUSE_READDIR, "");
        Readdir reply = Encoded.decode((type, b) -> MasterReplies.decodeReaddir(b, true), p.type().id(),
                p.payload());
        assertThat(reply.entries()).extracting(e -> e.name().utf8()).startsWith(".", "..");
        assertThat(reply.entries()).allSatisfy(e -> assertThat(e.attr()).isPresent());
        assertThat(reply.entries().getFirst()).extracting(DirEntry::inode).isEqualTo(1);
        assertThat(Encoded.payload(reply)).isEqualTo(p.payload());
    }

    @Test
    void reading_a_hole_gets_chunk_id_zero_and_no_locations() throws Exception {
        GoldenPacket p = GoldenPackets.find(FILE, "M>C", MessageType.MATOCL_FUSE_READ_CHUNK, "");
        assertThat(Encoded.decode(MasterReplies::decode, p.type().id(), p.payload())).isEqualTo(
                new ChunkReply(MessageType.MATOCL_FUSE_READ_CHUNK.id(), 4, 200L << 20, new ChunkData(0, 0, List.of())));
    }

    @Test
    void other_sessions_hear_about_changed_chunks_and_lengths_with_msgid_zero() throws Exception {
        GoldenPacket chunk = GoldenPackets.find(FILE, "M>C", MessageType.MATOCL_FUSE_CHUNK_HAS_CHANGED, "");
        assertThat(Encoded.decode(MasterReplies::decode, chunk.type().id(), chunk.payload()))
                .isEqualTo(new ChunkOpReply.ChunkHasChanged(3, 0, 2, 1, 2, 0));
        GoldenPacket fleng = GoldenPackets.find(FILE, "M>C", MessageType.MATOCL_FUSE_FLENG_HAS_CHANGED, "");
        assertThat(Encoded.decode(MasterReplies::decode, fleng.type().id(), fleng.payload()))
                .isEqualTo(new ChunkOpReply.FlengHasChanged(3, 5));
        GoldenPacket invalidate = GoldenPackets.find(FILE, "M>C", MessageType.MATOCL_FUSE_INVALIDATE_CHUNK_CACHE, "");
        assertThat(Encoded.decode(MasterReplies::decode, invalidate.type().id(), invalidate.payload()))
                .isEqualTo(new ChunkOpReply.InvalidateChunkCache());
    }

    @Test
    void storage_classes_are_set_by_goal_or_by_name() throws Exception {
        GoldenPacket goal = GoldenPackets.find(FILE, "C>M", MessageType.CLTOMA_FUSE_SETSCLASS, "");
        assertThat(Encoded.decode(ClientRequests::decode, goal.type().id(), goal.payload()))
                .isEqualTo(ToolRequest.SetSclass.goal(7, 4, 0, 2, 0));
        GoldenPacket exchange = GoldenPackets.find(FILE, "C>M", MessageType.CLTOMA_FUSE_SETSCLASS,
                "000000070000000300000000ff03");
        assertThat(Encoded.decode(ClientRequests::decode, exchange.type().id(), exchange.payload()))
                .isEqualTo(new ToolRequest.SetSclass(7, 3, 0, 0xFF, 3, Optional.of(ByteString.utf8("fast")),
                        Optional.of(ByteString.utf8("2"))));
    }

    @Test
    void mknod_of_a_character_device_carries_its_rdev_and_leaves_the_umask_to_the_master() throws Exception {
        GoldenPacket p = GoldenPackets.find(FILE, "C>M", MessageType.CLTOMA_FUSE_MKNOD, "000000010000000104636465");
        assertThat(Encoded.decode(ClientRequests::decode, p.type().id(), p.payload())).isEqualTo(
                new NamespaceRequest.Mknod(1, 1, ByteString.utf8("cdev"), NodeType.CHARDEV.code(), 0666, 022, 0,
                        Gids.of(0), 0x0103));
    }
}
