package io.jmfs.protocol;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Every packet type of the MooseFS 3.0 protocol, named as in MFSCommunication.h ({@code PROTO_BASE} = 0).
 *
 * <p>The prefix tells the direction: {@code CLTOMA} client to master, {@code MATOCL} master to client,
 * {@code CSTOMA}/{@code MATOCS} chunkserver and master, {@code CLTOCS}/{@code CSTOCL}/{@code CSTOCS} the 9422 data
 * port, {@code ANTOMA}/{@code MATOAN} metalogger and master, {@code ANTOAN} any to any. One id can carry two names
 * (499 is both {@code MATOCL_FUSE_FSYNC} and {@code CLTOMA_FUSE_SUSTAINED_INODES_DEPRECATED}), so lookups by id
 * return every name; the list was generated from the 3.0.117 header.
 */
public enum MessageType {
    ANTOAN_NOP(0),
    ANTOAN_UNKNOWN_COMMAND(1),
    ANTOAN_BAD_COMMAND_SIZE(2),
    ANTOAN_GET_VERSION(10),
    ANTOAN_VERSION(11),
    ANTOMA_REGISTER(50),
    MATOAN_METACHANGES_LOG(51),
    ANTOMA_DOWNLOAD_START(60),
    MATOAN_DOWNLOAD_INFO(61),
    ANTOMA_DOWNLOAD_REQUEST(62),
    MATOAN_DOWNLOAD_DATA(63),
    ANTOMA_DOWNLOAD_END(64),
    ANTOAN_GET_CONFIG(80),
    ANTOAN_CONFIG_VALUE(81),
    CSTOMA_REGISTER(100),
    CSTOMA_SPACE(101),
    CSTOMA_CHUNK_DAMAGED(102),
    CSTOMA_CURRENT_LOAD(103),
    MATOCS_MASTER_ACK(104),
    CSTOMA_CHUNK_LOST(105),
    CSTOMA_ERROR_OCCURRED(106),
    CSTOMA_CHUNK_NEW(107),
    CSTOMA_LABELS(109),
    MATOCS_CREATE(110),
    CSTOMA_CREATE(111),
    MATOCS_DELETE(120),
    CSTOMA_DELETE(121),
    MATOCS_DUPLICATE(130),
    CSTOMA_DUPLICATE(131),
    MATOCS_SET_VERSION(140),
    CSTOMA_SET_VERSION(141),
    MATOCS_REPLICATE(150),
    CSTOMA_REPLICATE(151),
    MATOCS_CHUNKOP(152),
    CSTOMA_CHUNKOP(153),
    MATOCS_TRUNCATE(160),
    CSTOMA_TRUNCATE(161),
    MATOCS_DUPTRUNC(170),
    CSTOMA_DUPTRUNC(171),
    CLTOCS_READ(200),
    CSTOCL_READ_STATUS(201),
    CSTOCL_READ_DATA(202),
    CLTOCS_WRITE(210),
    CSTOCL_WRITE_STATUS(211),
    CLTOCS_WRITE_DATA(212),
    CLTOCS_WRITE_FINISH(213),
    ANTOCS_GET_CHUNK_BLOCKS(250),
    CSTOAN_CHUNK_BLOCKS(251),
    ANTOCS_GET_CHUNK_CHECKSUM(300),
    CSTOAN_CHUNK_CHECKSUM(301),
    ANTOCS_GET_CHUNK_CHECKSUM_TAB(302),
    CSTOAN_CHUNK_CHECKSUM_TAB(303),
    CLTOMA_SCLASS_CREATE(350),
    MATOCL_SCLASS_CREATE(351),
    CLTOMA_SCLASS_CHANGE(352),
    MATOCL_SCLASS_CHANGE(353),
    CLTOMA_SCLASS_DELETE(354),
    MATOCL_SCLASS_DELETE(355),
    CLTOMA_SCLASS_DUPLICATE(356),
    MATOCL_SCLASS_DUPLICATE(357),
    CLTOMA_SCLASS_RENAME(358),
    MATOCL_SCLASS_RENAME(359),
    CLTOMA_SCLASS_LIST(360),
    MATOCL_SCLASS_LIST(361),
    CLTOMA_FUSE_REGISTER(400),
    MATOCL_FUSE_REGISTER(401),
    CLTOMA_FUSE_STATFS(402),
    MATOCL_FUSE_STATFS(403),
    CLTOMA_FUSE_ACCESS(404),
    MATOCL_FUSE_ACCESS(405),
    CLTOMA_FUSE_LOOKUP(406),
    MATOCL_FUSE_LOOKUP(407),
    CLTOMA_FUSE_GETATTR(408),
    MATOCL_FUSE_GETATTR(409),
    CLTOMA_FUSE_SETATTR(410),
    MATOCL_FUSE_SETATTR(411),
    CLTOMA_FUSE_READLINK(412),
    MATOCL_FUSE_READLINK(413),
    CLTOMA_FUSE_SYMLINK(414),
    MATOCL_FUSE_SYMLINK(415),
    CLTOMA_FUSE_MKNOD(416),
    MATOCL_FUSE_MKNOD(417),
    CLTOMA_FUSE_MKDIR(418),
    MATOCL_FUSE_MKDIR(419),
    CLTOMA_FUSE_UNLINK(420),
    MATOCL_FUSE_UNLINK(421),
    CLTOMA_FUSE_RMDIR(422),
    MATOCL_FUSE_RMDIR(423),
    CLTOMA_FUSE_RENAME(424),
    MATOCL_FUSE_RENAME(425),
    CLTOMA_FUSE_LINK(426),
    MATOCL_FUSE_LINK(427),
    CLTOMA_FUSE_READDIR(428),
    MATOCL_FUSE_READDIR(429),
    CLTOMA_FUSE_OPEN(430),
    MATOCL_FUSE_OPEN(431),
    CLTOMA_FUSE_READ_CHUNK(432),
    MATOCL_FUSE_READ_CHUNK(433),
    CLTOMA_FUSE_WRITE_CHUNK(434),
    MATOCL_FUSE_WRITE_CHUNK(435),
    CLTOMA_FUSE_WRITE_CHUNK_END(436),
    MATOCL_FUSE_WRITE_CHUNK_END(437),
    CLTOMA_FUSE_APPEND_SLICE(438),
    MATOCL_FUSE_APPEND_SLICE(439),
    CLTOMA_FUSE_CHECK(440),
    MATOCL_FUSE_CHECK(441),
    CLTOMA_FUSE_GETTRASHTIME(442),
    MATOCL_FUSE_GETTRASHTIME(443),
    CLTOMA_FUSE_SETTRASHTIME(444),
    MATOCL_FUSE_SETTRASHTIME(445),
    CLTOMA_FUSE_GETSCLASS(446),
    MATOCL_FUSE_GETSCLASS(447),
    CLTOMA_FUSE_SETSCLASS(448),
    MATOCL_FUSE_SETSCLASS(449),
    CLTOMA_FUSE_GETTRASH(450),
    MATOCL_FUSE_GETTRASH(451),
    CLTOMA_FUSE_GETDETACHEDATTR(452),
    MATOCL_FUSE_GETDETACHEDATTR(453),
    CLTOMA_FUSE_GETTRASHPATH(454),
    MATOCL_FUSE_GETTRASHPATH(455),
    CLTOMA_FUSE_SETTRASHPATH(456),
    MATOCL_FUSE_SETTRASHPATH(457),
    CLTOMA_FUSE_UNDEL(458),
    MATOCL_FUSE_UNDEL(459),
    CLTOMA_FUSE_PURGE(460),
    MATOCL_FUSE_PURGE(461),
    CLTOMA_FUSE_GETDIRSTATS(462),
    MATOCL_FUSE_GETDIRSTATS(463),
    CLTOMA_FUSE_TRUNCATE(464),
    MATOCL_FUSE_TRUNCATE(465),
    CLTOMA_FUSE_REPAIR(466),
    MATOCL_FUSE_REPAIR(467),
    CLTOMA_FUSE_SNAPSHOT(468),
    MATOCL_FUSE_SNAPSHOT(469),
    CLTOMA_FUSE_GETSUSTAINED(470),
    MATOCL_FUSE_GETSUSTAINED(471),
    CLTOMA_FUSE_GETEATTR(472),
    MATOCL_FUSE_GETEATTR(473),
    CLTOMA_FUSE_SETEATTR(474),
    MATOCL_FUSE_SETEATTR(475),
    CLTOMA_FUSE_QUOTACONTROL(476),
    MATOCL_FUSE_QUOTACONTROL(477),
    CLTOMA_FUSE_GETXATTR(478),
    MATOCL_FUSE_GETXATTR(479),
    CLTOMA_FUSE_SETXATTR(480),
    MATOCL_FUSE_SETXATTR(481),
    CLTOMA_FUSE_CREATE(482),
    MATOCL_FUSE_CREATE(483),
    CLTOMA_FUSE_PARENTS(484),
    MATOCL_FUSE_PARENTS(485),
    CLTOMA_FUSE_PATHS(486),
    MATOCL_FUSE_PATHS(487),
    CLTOMA_FUSE_GETFACL(488),
    MATOCL_FUSE_GETFACL(489),
    CLTOMA_FUSE_SETFACL(490),
    MATOCL_FUSE_SETFACL(491),
    CLTOMA_FUSE_FLOCK(492),
    MATOCL_FUSE_FLOCK(493),
    CLTOMA_FUSE_POSIX_LOCK(494),
    MATOCL_FUSE_POSIX_LOCK(495),
    CLTOMA_FUSE_ARCHCTL(496),
    MATOCL_FUSE_ARCHCTL(497),
    CLTOMA_FUSE_FSYNC(498),
    MATOCL_FUSE_FSYNC(499),
    CLTOMA_FUSE_SUSTAINED_INODES_DEPRECATED(499),
    CLTOMA_CSERV_LIST(500),
    MATOCL_CSERV_LIST(501),
    CLTOAN_MONOTONIC_DATA(502),
    ANTOCL_MONOTONIC_DATA(503),
    CLTOAN_CHART(504),
    ANTOCL_CHART(505),
    CLTOAN_CHART_DATA(506),
    ANTOCL_CHART_DATA(507),
    CLTOMA_SESSION_LIST(508),
    MATOCL_SESSION_LIST(509),
    CLTOMA_INFO(510),
    MATOCL_INFO(511),
    CLTOMA_FSTEST_INFO(512),
    MATOCL_FSTEST_INFO(513),
    CLTOMA_CHUNKSTEST_INFO(514),
    MATOCL_CHUNKSTEST_INFO(515),
    CLTOMA_CHUNKS_MATRIX(516),
    MATOCL_CHUNKS_MATRIX(517),
    CLTOMA_QUOTA_INFO(518),
    MATOCL_QUOTA_INFO(519),
    CLTOMA_EXPORTS_INFO(520),
    MATOCL_EXPORTS_INFO(521),
    CLTOMA_MLOG_LIST(522),
    MATOCL_MLOG_LIST(523),
    CLTOMA_CSSERV_COMMAND(524),
    MATOCL_CSSERV_COMMAND(525),
    CLTOMA_SESSION_COMMAND(526),
    MATOCL_SESSION_COMMAND(527),
    CLTOMA_MEMORY_INFO(528),
    MATOCL_MEMORY_INFO(529),
    CLTOAN_MODULE_INFO(530),
    ANTOCL_MODULE_INFO(531),
    CLTOMA_LIST_OPEN_FILES(532),
    MATOCL_LIST_OPEN_FILES(533),
    CLTOMA_LIST_ACQUIRED_LOCKS(534),
    MATOCL_LIST_ACQUIRED_LOCKS(535),
    CLTOMA_MASS_RESOLVE_PATHS(536),
    MATOCL_MASS_RESOLVE_PATHS(537),
    CLTOMA_SCLASS_INFO(542),
    MATOCL_SCLASS_INFO(543),
    CLTOMA_MISSING_CHUNKS(544),
    MATOCL_MISSING_CHUNKS(545),
    CLTOMA_NODE_INFO(546),
    MATOCL_NODE_INFO(547),
    CLTOCS_HDD_LIST(600),
    CSTOCL_HDD_LIST(601),
    CLTOMA_FUSE_SUSTAINED_INODES(700),
    CLTOMA_FUSE_AMTIME_INODES(701),
    MATOCL_FUSE_CHUNK_HAS_CHANGED(702),
    MATOCL_FUSE_FLENG_HAS_CHANGED(703),
    CLTOMA_FUSE_TIME_SYNC(704),
    MATOCL_FUSE_TIME_SYNC(705),
    MATOCL_FUSE_INVALIDATE_CHUNK_CACHE(706);

    private static final int MAX_ID = 1023;
    private static final MessageType[][] BY_ID = indexById();

    private final int id;

    MessageType(int id) {
        this.id = id;
    }

    /** The 32-bit type field on the wire. */
    public int id() {
        return id;
    }

    /** Every type carrying this id (usually one, two for 499; empty for an unknown id). */
    public static List<MessageType> allOf(int id) {
        if (id < 0 || id > MAX_ID || BY_ID[id] == null) {
            return List.of();
        }
        return List.of(BY_ID[id]);
    }

    /** The first type declared with this id, if any (every packet asks: no list is built for it). */
    public static Optional<MessageType> of(int id) {
        if (id < 0 || id > MAX_ID || BY_ID[id] == null) {
            return Optional.empty();
        }
        return Optional.of(BY_ID[id][0]);
    }

    /**
     * A readable name for logs and packet dumps: the C name ({@code "CLTOMA_FUSE_LOOKUP"}), several names joined
     * by {@code '/'} for a shared id, or {@code "UNKNOWN(1234)"}.
     */
    public static String nameOf(int id) {
        List<MessageType> all = allOf(id);
        if (all.isEmpty()) {
            return "UNKNOWN(" + Integer.toUnsignedString(id) + ")";
        }
        StringBuilder sb = new StringBuilder();
        for (MessageType t : all) {
            if (!sb.isEmpty()) {
                sb.append('/');
            }
            sb.append(t.name());
        }
        return sb.toString();
    }

    private static MessageType[][] indexById() {
        List<List<MessageType>> lists = new ArrayList<>();
        for (int i = 0; i <= MAX_ID; i++) {
            lists.add(null);
        }
        for (MessageType t : values()) {
            if (t.id < 0 || t.id > MAX_ID) {
                throw new ExceptionInInitializerError("packet id out of table range: " + t);
            }
            if (lists.get(t.id) == null) {
                lists.set(t.id, new ArrayList<>(1));
            }
            lists.get(t.id).add(t);
        }
        MessageType[][] table = new MessageType[MAX_ID + 1][];
        for (int i = 0; i <= MAX_ID; i++) {
            List<MessageType> l = lists.get(i);
            table[i] = l == null ? null : l.toArray(MessageType[]::new);
        }
        return table;
    }

    @Override
    public String toString() {
        return name() + "(" + id + ")";
    }
}
