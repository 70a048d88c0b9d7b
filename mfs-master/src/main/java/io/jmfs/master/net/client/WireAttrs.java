package io.jmfs.master.net.client;

import io.jmfs.master.fs.NodeAttr;
import io.jmfs.protocol.Attr;
import io.jmfs.protocol.NodeType;

/** The namespace's attribute snapshot as the 36-byte ATTR record. */
final class WireAttrs {
    private WireAttrs() {
    }

    static Attr of(NodeAttr a) {
        return new Attr(a.flags(), NodeType.ofCode(a.wireType()), a.mode() & 07777, a.uid(), a.gid(), a.atime(),
                a.mtime(), a.ctime(), a.nlink(), a.sizeField(), a.winattr() & 0xFF);
    }
}
