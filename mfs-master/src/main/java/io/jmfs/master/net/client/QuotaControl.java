package io.jmfs.master.net.client;

import io.jmfs.master.fs.FsResult;
import io.jmfs.master.fs.Namespace;
import io.jmfs.master.quota.QuotaDefinition;
import io.jmfs.master.quota.QuotaState;
import io.jmfs.master.sessions.Session;
import io.jmfs.protocol.MfsStatus;
import io.jmfs.protocol.ProtocolVersion;
import io.jmfs.protocol.msg.client.MasterReply;
import io.jmfs.protocol.msg.client.ToolReply;
import io.jmfs.protocol.msg.client.ToolRequest;
import java.util.OptionalInt;

/**
 * QUOTACONTROL (mfsgetquota, mfssetquota, mfsdelquota, mfscopyquota) with the 3.0.117 master's session rules:
 * a request that names limits is refused with EACCES when the export maps root to another user, EROFS on a
 * read-only export, EPERM without the export's {@code admin} flag, and any request EPERM on a metadata session.
 * Clients of 3.0.9 and later get the answer with the grace period.
 */
final class QuotaControl {
    private static final ProtocolVersion WITH_GRACE = ProtocolVersion.of(3, 0, 9);

    private QuotaControl() {
    }

    static MasterReply answer(Namespace ns, SessionScope scope, ToolRequest.QuotaControl q) {
        Session session = scope.session();
        int flags = q.flags();
        if (flags != 0) {
            if (session.grant().rootRemapped()) {
                return FuseRequestHandler.status(q, MfsStatus.EACCES);
            }
            if (session.readOnly()) {
                return FuseRequestHandler.status(q, MfsStatus.EROFS);
            }
            if (!session.grant().admin()) {
                return FuseRequestHandler.status(q, MfsStatus.EPERM);
            }
        }
        if (session.grant().meta() || session.rootInode() == 0) {
            return FuseRequestHandler.status(q, MfsStatus.EPERM);
        }
        boolean delete = q.set().isEmpty();
        QuotaDefinition request = q.set().map(l -> new QuotaDefinition(0, false, flags, 0,
                        l.gracePeriod().orElse(0), l.sinodes(), l.hinodes(), l.slength(), l.hlength(), l.ssize(),
                        l.hsize(), l.srealsize(), l.hrealsize()))
                .orElse(new QuotaDefinition(0, false, flags, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0));
        FsResult<QuotaState> done = ns.quotaControl(scope.real(q.inode()), delete, request);
        if (!done.isOk()) {
            return FuseRequestHandler.status(q, done.status());
        }
        QuotaDefinition d = done.value().definition();
        boolean withGrace = ProtocolVersion.decode(session.clientVersion()).atLeast(WITH_GRACE);
        return new ToolReply.QuotaControl(q.msgid(), d.flags(), new ToolRequest.QuotaLimits(
                withGrace ? OptionalInt.of(d.gracePeriod()) : OptionalInt.empty(), d.softInodes(), d.softLength(),
                d.softSize(), d.softRealSize(), d.hardInodes(), d.hardLength(), d.hardSize(), d.hardRealSize()),
                (int) done.value().usage().inodes(), done.value().usage().length(), done.value().usage().size(),
                done.value().usage().realSize());
    }
}
