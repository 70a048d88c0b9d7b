package io.jmfs.master.meta;

import io.jmfs.master.chunks.ChunkRegistry;
import io.jmfs.master.chunks.FileChunkSlots;
import io.jmfs.master.chunks.NamespaceFileSlots;
import io.jmfs.master.cluster.ChunkserverRegistry;
import io.jmfs.master.fs.MetaClock;
import io.jmfs.master.fs.Namespace;
import io.jmfs.master.fs.NamespaceSettings;
import io.jmfs.master.fs.change.ChangeSink;
import io.jmfs.master.sclass.StorageClassDump;
import io.jmfs.master.sessions.SessionRegistry;
import java.util.Objects;

/**
 * Everything a metadata dump holds and a changelog changes: the namespace, sessions, chunk table and chunkserver
 * database, with the metadata id and the metadata version (the version the next change gets, which is the dump
 * header's "first version not contained"). The live master wraps its own components; tools and background dumps
 * make a standalone one with {@link #standalone}. Owned by one thread at a time.
 */
public final class MetaState {
    private final Namespace namespace;
    private final SessionRegistry sessions;
    private final ChunkRegistry chunks;
    private final ChunkserverRegistry servers;
    private final FileChunkSlots fileSlots;
    private long metaId;
    private long version = 1;
    /** Storage classes as loaded (kept opaque and written back); null = MooseFS's nine default classes. */

    public MetaState(Namespace namespace, SessionRegistry sessions, ChunkRegistry chunks, ChunkserverRegistry servers,
                     long metaId) {
        this.namespace = Objects.requireNonNull(namespace, "namespace");
        this.sessions = Objects.requireNonNull(sessions, "sessions");
        this.chunks = Objects.requireNonNull(chunks, "chunks");
        this.servers = Objects.requireNonNull(servers, "servers");
        this.fileSlots = new NamespaceFileSlots(namespace);
        chunks.useClasses(namespace.storageClasses());
        namespace.useArchiveFlags(chunks.archiveFlags());
        this.metaId = metaId;
    }

    /** A state of its own, not connected to anything (tools, replay checks, background dumps). */
    public static MetaState standalone(long metaId) {
        ChunkRegistry chunks = new ChunkRegistry(change -> { });
        Namespace ns = new Namespace(() -> 0, ChangeSink.DISCARD, chunks.fileReferences(),
                NamespaceSettings.DEFAULTS);
        return new MetaState(ns, new SessionRegistry(SessionRegistry.DEFAULT_SUSTAIN_SECONDS, 0), chunks,
                new ChunkserverRegistry(change -> { }), metaId);
    }

    /** A standalone state with a clock (its namespace's new root gets that time). */
    public static MetaState standalone(long metaId, MetaClock clock) {
        ChunkRegistry chunks = new ChunkRegistry(change -> { });
        Namespace ns = new Namespace(clock, ChangeSink.DISCARD, chunks.fileReferences(),
                NamespaceSettings.DEFAULTS);
        return new MetaState(ns, new SessionRegistry(SessionRegistry.DEFAULT_SUSTAIN_SECONDS, clock.now()), chunks,
                new ChunkserverRegistry(change -> { }), metaId);
    }

    public Namespace namespace() {
        return namespace;
    }

    public SessionRegistry sessions() {
        return sessions;
    }

    public ChunkRegistry chunks() {
        return chunks;
    }

    public ChunkserverRegistry servers() {
        return servers;
    }

    /** The namespace's chunk tables as the chunk records (WRITE, TRUNC, ...) change them. */
    public FileChunkSlots fileSlots() {
        return fileSlots;
    }

    public long metaId() {
        return metaId;
    }

    void setMetaId(long metaId) {
        this.metaId = metaId;
    }

    /** The version the next change gets. */
    public long version() {
        return version;
    }

    void setVersion(long version) {
        this.version = version;
    }

    /** The SCLA section body: the namespace's storage class definitions. */
    byte[] storageClasses() {
        return StorageClassDump.encode(namespace.storageClasses().all());
    }

    /** Loads a dump's SCLA section body into the namespace's storage class table. */
    void setStorageClasses(byte[] body) {
        namespace.storageClasses().load(StorageClassDump.decode(body));
    }
}
