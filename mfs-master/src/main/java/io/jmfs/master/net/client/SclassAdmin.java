package io.jmfs.master.net.client;

import io.jmfs.master.fs.FsResult;
import io.jmfs.master.fs.Namespace;
import io.jmfs.master.sclass.ClassDraft;
import io.jmfs.master.sclass.LabelExpression;
import io.jmfs.master.sclass.StorageClass;
import io.jmfs.protocol.MessageType;
import io.jmfs.protocol.MfsStatus;
import io.jmfs.protocol.codec.MalformedPacketException;
import io.jmfs.protocol.wire.WireMessage;
import io.netty.buffer.ByteBuf;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code mfsscadmin}'s requests (CLTOMA_SCLASS_CREATE, _CHANGE, _DELETE, _DUPLICATE, _RENAME): decoding, the
 * admin-only rule (all of them need an export with the admin flag, except a CHANGE that changes nothing, which is
 * how the tool reads a definition), and the answers: a status byte, or for a CHANGE the resulting definition.
 */
final class SclassAdmin {
    private SclassAdmin() {
    }

    /** A decoded request; {@code draft} for CREATE and CHANGE only, {@code newName} for DUPLICATE and RENAME. */
    record Request(MessageType type, int msgid, String name, String newName, int fver, int changeMask,
                   ClassDraft draft) {
    }

    static boolean handles(int type) {
        return type == MessageType.CLTOMA_SCLASS_CREATE.id() || type == MessageType.CLTOMA_SCLASS_CHANGE.id()
                || type == MessageType.CLTOMA_SCLASS_DELETE.id() || type == MessageType.CLTOMA_SCLASS_DUPLICATE.id()
                || type == MessageType.CLTOMA_SCLASS_RENAME.id();
    }

    static Request decode(int type, ByteBuf in) throws MalformedPacketException {
        MessageType t = MessageType.of(type).orElseThrow();
        int msgid = u32(type, in);
        String name = name(type, in);
        Request r = switch (t) {
            case CLTOMA_SCLASS_DELETE -> new Request(t, msgid, name, null, 0, 0, null);
            case CLTOMA_SCLASS_DUPLICATE, CLTOMA_SCLASS_RENAME -> new Request(t, msgid, name, name(type, in), 0, 0,
                    null);
            case CLTOMA_SCLASS_CREATE, CLTOMA_SCLASS_CHANGE -> {
                int fver = u8(type, in);
                if (fver != 0) {
                    in.skipBytes(in.readableBytes()); // answered EINVAL, as MooseFS does
                    yield new Request(t, msgid, name, null, fver, 0, null);
                }
                int mask = t == MessageType.CLTOMA_SCLASS_CHANGE ? u16(type, in) : 0;
                yield new Request(t, msgid, name, null, 0, mask, draft(type, in));
            }
            default -> throw new MalformedPacketException(type, "not a storage class administration request");
        };
        if (in.isReadable()) {
            throw new MalformedPacketException(type, in.readableBytes() + " bytes too many");
        }
        return r;
    }

    private static ClassDraft draft(int type, ByteBuf in) throws MalformedPacketException {
        boolean adminOnly = u8(type, in) != 0;
        int mode = u8(type, in);
        int archDelay = u16(type, in);
        int c = u8(type, in);
        int k = u8(type, in);
        int a = u8(type, in);
        return new ClassDraft(adminOnly, mode, archDelay, expressions(type, in, c), expressions(type, in, k),
                expressions(type, in, a));
    }

    private static List<LabelExpression> expressions(int type, ByteBuf in, int count)
            throws MalformedPacketException {
        List<LabelExpression> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int[] masks = new int[LabelExpression.OR_TERMS];
            for (int j = 0; j < masks.length; j++) {
                masks[j] = u32(type, in);
            }
            out.add(LabelExpression.of(masks));
        }
        return out;
    }

    /** Runs a request against the namespace; {@code admin}: the session's export has the admin flag. */
    static WireMessage answer(Namespace ns, Request r, boolean admin) {
        int replyType = r.type().id() + 1;
        boolean readOnlyChange = r.type() == MessageType.CLTOMA_SCLASS_CHANGE && r.changeMask() == 0;
        if (!admin && !readOnlyChange) {
            return new StatusReply(replyType, r.msgid(), MfsStatus.EPERM_NOTADMIN);
        }
        if (r.draft() == null && (r.type() == MessageType.CLTOMA_SCLASS_CREATE
                || r.type() == MessageType.CLTOMA_SCLASS_CHANGE)) {
            return new StatusReply(replyType, r.msgid(), MfsStatus.EINVAL);
        }
        MfsStatus status = switch (r.type()) {
            case CLTOMA_SCLASS_CREATE -> ns.createClass(r.name(), r.draft()).status();
            case CLTOMA_SCLASS_CHANGE -> {
                FsResult<StorageClass> changed = ns.changeClass(r.name(), r.changeMask(), r.draft());
                if (changed.isOk()) {
                    yield null;
                }
                yield changed.status();
            }
            case CLTOMA_SCLASS_DELETE -> ns.deleteClass(r.name());
            case CLTOMA_SCLASS_DUPLICATE -> ns.duplicateClass(r.name(), r.newName());
            case CLTOMA_SCLASS_RENAME -> ns.renameClass(r.name(), r.newName());
            default -> MfsStatus.EINVAL;
        };
        if (status == null) {
            return new Definition(replyType, r.msgid(), ns.storageClasses().get(ns.storageClasses().find(r.name())));
        }
        return new StatusReply(replyType, r.msgid(), status);
    }

    /** {@code admin_only:8 mode:8 arch_delay:16 create:8 keep:8 arch:8} and every expression's four masks. */
    static void writeDefinition(ByteBuf out, StorageClass c) {
        out.writeByte(c.adminOnly() ? 1 : 0);
        out.writeByte(c.mode());
        out.writeShort(c.archDelay());
        out.writeByte(c.create().size());
        out.writeByte(c.keep().size());
        out.writeByte(c.archive().size());
        for (List<LabelExpression> list : List.of(c.create(), c.keep(), c.archive())) {
            for (LabelExpression e : list) {
                for (int mask : e.masks()) {
                    out.writeInt(mask);
                }
            }
        }
    }

    record StatusReply(int type, int msgid, MfsStatus status) implements WireMessage {
        @Override
        public void encode(ByteBuf out) {
            out.writeInt(msgid);
            out.writeByte(status.code());
        }
    }

    /** MATOCL_SCLASS_CHANGE's success answer: {@code msgid fver:8} then the definition. */
    record Definition(int type, int msgid, StorageClass definition) implements WireMessage {
        @Override
        public void encode(ByteBuf out) {
            out.writeInt(msgid);
            out.writeByte(0);
            writeDefinition(out, definition);
        }
    }

    private static int u8(int type, ByteBuf in) throws MalformedPacketException {
        need(type, in, 1);
        return in.readUnsignedByte();
    }

    private static int u16(int type, ByteBuf in) throws MalformedPacketException {
        need(type, in, 2);
        return in.readUnsignedShort();
    }

    private static int u32(int type, ByteBuf in) throws MalformedPacketException {
        need(type, in, 4);
        return in.readInt();
    }

    private static String name(int type, ByteBuf in) throws MalformedPacketException {
        int length = u8(type, in);
        need(type, in, length);
        byte[] b = new byte[length];
        in.readBytes(b);
        return StorageClass.nameOf(b);
    }

    private static void need(int type, ByteBuf in, int n) throws MalformedPacketException {
        if (in.readableBytes() < n) {
            throw new MalformedPacketException(type, "ends early");
        }
    }
}
