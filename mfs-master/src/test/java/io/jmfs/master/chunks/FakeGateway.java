package io.jmfs.master.chunks;

import java.util.ArrayList;
import java.util.List;

/** Records every command the chunk layer sends; tests read them and answer through the manager. */
final class FakeGateway implements ChunkserverGateway {
    sealed interface Command {
        int csid();

        long chunkId();
    }

    record Create(int csid, long chunkId, int version) implements Command { }

    record Delete(int csid, long chunkId, int version) implements Command { }

    record Duplicate(int csid, long chunkId, int version, long oldChunkId, int oldVersion) implements Command { }

    record SetVersion(int csid, long chunkId, int version, int oldVersion) implements Command { }

    record Truncate(int csid, long chunkId, int length, int version, int oldVersion) implements Command { }

    record DuplicateTruncate(int csid, long chunkId, int version, long oldChunkId, int oldVersion, int length)
            implements Command { }

    record Replicate(int csid, long chunkId, int version, int sourceIp, int sourcePort) implements Command { }

    private final List<Command> sent = new ArrayList<>();

    /** Commands sent since the last call, oldest first. */
    List<Command> drain() {
        List<Command> out = List.copyOf(sent);
        sent.clear();
        return out;
    }

    <T extends Command> List<T> drain(Class<T> type) {
        return drain().stream().filter(type::isInstance).map(type::cast).toList();
    }

    @Override
    public void create(int csid, long chunkId, int version) {
        sent.add(new Create(csid, chunkId, version));
    }

    @Override
    public void delete(int csid, long chunkId, int version) {
        sent.add(new Delete(csid, chunkId, version));
    }

    @Override
    public void duplicate(int csid, long newChunkId, int newVersion, long oldChunkId, int oldVersion) {
        sent.add(new Duplicate(csid, newChunkId, newVersion, oldChunkId, oldVersion));
    }

    @Override
    public void setVersion(int csid, long chunkId, int newVersion, int oldVersion) {
        sent.add(new SetVersion(csid, chunkId, newVersion, oldVersion));
    }

    @Override
    public void truncate(int csid, long chunkId, int length, int newVersion, int oldVersion) {
        sent.add(new Truncate(csid, chunkId, length, newVersion, oldVersion));
    }

    @Override
    public void duplicateTruncate(int csid, long newChunkId, int newVersion, long oldChunkId, int oldVersion,
                                  int length) {
        sent.add(new DuplicateTruncate(csid, newChunkId, newVersion, oldChunkId, oldVersion, length));
    }

    @Override
    public void replicate(int destinationCsid, long chunkId, int version, int sourceIp, int sourcePort) {
        sent.add(new Replicate(destinationCsid, chunkId, version, sourceIp, sourcePort));
    }
}
