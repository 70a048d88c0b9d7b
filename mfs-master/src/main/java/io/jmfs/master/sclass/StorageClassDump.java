package io.jmfs.master.sclass;

import java.io.ByteArrayOutputStream;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * The SCLA section of MooseFS 3.0.117's metadata.mfs (section version 0x16): {@code orgroups:8}, then per class
 * {@code id:16 nleng:8 admin_only:8 mode:8 arch_delay:16 create:8 keep:8 archive:8 name} and
 * {@code (create+keep+archive) * orgroups} 32-bit masks, ended by ten zero bytes. Older section versions are not
 * read (3.0.117 writes 0x16 only).
 */
public final class StorageClassDump {
    public static final int SECTION_VERSION = 0x16;

    private StorageClassDump() {
    }

    public static byte[] encode(List<StorageClass> classes) {
        ByteBuffer out = ByteBuffer.allocate(1 + classes.size() * (10 + 255 + 3 * 9 * 16) + 10);
        out.put((byte) LabelExpression.OR_TERMS);
        for (StorageClass c : classes) {
            byte[] name = c.nameBytes();
            out.putShort((short) c.id());
            out.put((byte) name.length);
            out.put((byte) (c.adminOnly() ? 1 : 0));
            out.put((byte) c.mode());
            out.putShort((short) c.archDelay());
            out.put((byte) c.create().size());
            out.put((byte) c.keep().size());
            out.put((byte) c.archive().size());
            out.put(name);
            for (List<LabelExpression> list : List.of(c.create(), c.keep(), c.archive())) {
                for (LabelExpression e : list) {
                    for (int mask : e.masks()) {
                        out.putInt(mask);
                    }
                }
            }
        }
        out.put(new byte[10]);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.write(out.array(), 0, out.position());
        return bytes.toByteArray();
    }

    /** The classes in a section body; an {@link IllegalArgumentException} says what is wrong with it. */
    public static List<StorageClass> decode(byte[] body) {
        ByteBuffer in = ByteBuffer.wrap(body);
        try {
            int orGroups = in.get() & 0xFF;
            if (orGroups < 1 || orGroups > LabelExpression.OR_TERMS) {
                throw new IllegalArgumentException("storage classes with " + orGroups + " or-groups per copy");
            }
            List<StorageClass> out = new ArrayList<>();
            while (true) {
                int id = in.getShort() & 0xFFFF;
                int nameLength = in.get() & 0xFF;
                boolean adminOnly = in.get() != 0;
                int mode = in.get() & 0xFF;
                int archDelay = in.getShort() & 0xFFFF;
                int create = in.get() & 0xFF;
                int keep = in.get() & 0xFF;
                int archive = in.get() & 0xFF;
                byte[] name = new byte[nameLength];
                in.get(name);
                if (id == 0 && create == 0 && keep == 0 && archive == 0 && archDelay == 0) {
                    break;
                }
                if (id > StorageClassTable.MAX_ID || nameLength == 0) {
                    throw new IllegalArgumentException("bad storage class id " + id + " or empty name");
                }
                List<LabelExpression> c = expressions(in, create, orGroups);
                List<LabelExpression> k = expressions(in, keep, orGroups);
                List<LabelExpression> a = expressions(in, archive, orGroups);
                out.add(new StorageClass(id, StorageClass.nameOf(name), adminOnly, mode, archDelay, c, k, a));
            }
            if (in.hasRemaining()) {
                throw new IllegalArgumentException(in.remaining() + " bytes after the storage classes' end marker");
            }
            return out;
        } catch (BufferUnderflowException e) {
            throw new IllegalArgumentException("storage class section ends early");
        }
    }

    private static List<LabelExpression> expressions(ByteBuffer in, int count, int orGroups) {
        List<LabelExpression> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int[] masks = new int[orGroups];
            for (int j = 0; j < orGroups; j++) {
                masks[j] = in.getInt();
            }
            out.add(LabelExpression.of(masks));
        }
        return out;
    }
}
