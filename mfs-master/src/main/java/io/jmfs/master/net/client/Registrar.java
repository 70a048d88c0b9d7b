package io.jmfs.master.net.client;

import io.jmfs.master.exports.ExportGrant;
import io.jmfs.master.exports.RegistrationChallenge;
import io.jmfs.master.fs.Credentials;
import io.jmfs.master.fs.FsResult;
import io.jmfs.master.fs.Namespace;
import io.jmfs.master.fs.NodeType;
import io.jmfs.master.fs.Results;
import io.jmfs.master.sessions.NewSessionRequest;
import io.jmfs.master.sessions.Reconnection;
import io.jmfs.master.sessions.Registration;
import io.jmfs.master.sessions.RootLookup;
import io.jmfs.master.sessions.Session;
import io.jmfs.protocol.ByteString;
import io.jmfs.protocol.MfsStatus;
import io.jmfs.protocol.ProtocolVersion;
import io.jmfs.protocol.msg.client.SessionReply;
import io.jmfs.protocol.msg.client.SessionReply.RegisterReply;
import io.jmfs.protocol.msg.client.SessionRequest;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * REGISTER on one connection: turns the wire variants into session-registry calls and their outcomes into the
 * replies a 3.0.117 client expects (49-byte session reply, 5-byte reconnect reply, 1-byte status otherwise).
 */
final class Registrar {

    /** What a registration did to the connection. */
    record Outcome(RegisterReply reply, Optional<Session> session, boolean tool, boolean closeAfterReply) {
        static Outcome answer(RegisterReply reply) {
            return new Outcome(reply, Optional.empty(), false, false);
        }
    }

    /** The version this master announces: 3.0.117, so clients use the 3.0.113+ formats we emit. */
    static final int ANNOUNCED_VERSION = ProtocolVersion.V3_0_117.encode();

    private final ClientServices services;

    Registrar(ClientServices services) {
        this.services = services;
    }

    Outcome newSession(SessionRequest.RegisterNewSession r, int peerIp, Optional<RegistrationChallenge> challenge) {
        NewSessionRequest request = new NewSessionRequest(peerIp, r.version(), latin1(r.info()),
                Optional.of(utf8WithoutNul(r.path())), r.sessionId(), r.metaId(),
                r.passwordDigest().isPresent() ? challenge : Optional.empty(),
                r.passwordDigest().map(ByteString::toByteArray));
        return register(request);
    }

    Outcome newMetaSession(SessionRequest.RegisterNewMetaSession r, int peerIp,
                           Optional<RegistrationChallenge> challenge) {
        NewSessionRequest request = new NewSessionRequest(peerIp, r.version(), latin1(r.info()), Optional.empty(),
                r.sessionId(), r.metaId(), r.passwordDigest().isPresent() ? challenge : Optional.empty(),
                r.passwordDigest().map(ByteString::toByteArray));
        return register(request);
    }

    private Outcome register(NewSessionRequest request) {
        Registration registration = services.sessions().register(request, services.exports(), this::resolveRoot,
                services.metaId(), services.clock().now());
        if (!registration.ok()) {
            return Outcome.answer(new SessionReply.RegisterStatus(registration.status()));
        }
        Session session = registration.session().orElseThrow();
        ExportGrant g = session.grant();
        RegisterReply reply = request.meta()
                ? new SessionReply.RegisterMetaSession(ANNOUNCED_VERSION, session.id(), services.metaId(),
                        g.sesflags(), g.minGoal(), g.maxGoal(), (int) g.minTrashTime(), (int) g.maxTrashTime())
                : new SessionReply.RegisterSession(ANNOUNCED_VERSION, session.id(), services.metaId(),
                        g.sesflags(), g.umask(), g.rootUid(), g.rootGid(), g.mapAllUid(), g.mapAllGid(), g.minGoal(),
                        g.maxGoal(), (int) g.minTrashTime(), (int) g.maxTrashTime(), g.disables());
        return new Outcome(reply, Optional.of(session), false, false);
    }

    Outcome reconnect(SessionRequest.RegisterReconnect r, int peerIp) {
        Reconnection result = services.sessions().reconnect(r.sessionId(), r.metaId(), r.version(), peerIp,
                services.exports().checksum(), services.metaId(), services.clock().now());
        return new Outcome(new SessionReply.RegisterReconnected(ANNOUNCED_VERSION, result.status()),
                result.session(), false, false);
    }

    Outcome tools(SessionRequest.RegisterTools r, int peerIp) {
        Reconnection result = services.sessions().reconnect(r.sessionId(), r.metaId(), r.version(), peerIp,
                services.exports().checksum(), services.metaId(), services.clock().now());
        return new Outcome(new SessionReply.RegisterStatus(result.status()), result.session(), true, false);
    }

    Outcome close(SessionRequest.RegisterCloseSession r) {
        MfsStatus status = services.sessions().close(r.sessionId(), r.metaId(), services.metaId());
        return new Outcome(new SessionReply.RegisterStatus(status), Optional.empty(), false, true);
    }

    /** The mount path as a directory inode, walked from the real root with root's rights. */
    private RootLookup resolveRoot(String path) {
        Namespace ns = services.namespace();
        int inode = Namespace.ROOT;
        for (String part : path.split("/")) {
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            FsResult<Results.Lookup> next = ns.lookup(Credentials.ROOT, inode, part.getBytes(StandardCharsets.UTF_8));
            if (!next.isOk()) {
                return RootLookup.failed(next.status() == MfsStatus.ENOENT_NOCACHE ? MfsStatus.ENOENT : next.status());
            }
            inode = next.value().inode();
        }
        FsResult<io.jmfs.master.fs.NodeAttr> attr = ns.getattr(inode);
        if (!attr.isOk()) {
            return RootLookup.failed(attr.status());
        }
        return attr.value().type() == NodeType.DIRECTORY ? RootLookup.found(inode)
                : RootLookup.failed(MfsStatus.ENOTDIR);
    }

    private static String latin1(ByteString b) {
        return new String(b.unsafeArray(), StandardCharsets.ISO_8859_1);
    }

    private static String utf8WithoutNul(ByteString b) {
        return b.withoutTrailingNul().utf8();
    }
}
