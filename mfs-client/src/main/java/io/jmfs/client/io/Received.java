package io.jmfs.client.io;

/** A frame from a chunkserver during a read: block data already placed in the reader's array, or any other frame. */
public sealed interface Received permits RawPacket, ReadDataPlaced {
}
