package io.jmfs.client.master;

import io.jmfs.client.io.RawPacket;
import java.io.IOException;
import java.util.concurrent.locks.LockSupport;

/**
 * Where the answer to one request lands: the thread that sent the request waits here, and whichever thread reads the
 * answer off the connection fills it in and wakes that thread.
 */
final class ReplySlot {
    private final Thread waiter = Thread.currentThread();
    private volatile RawPacket packet;
    private volatile IOException failure;

    void complete(RawPacket p) {
        packet = p;
        wakeUnlessSelf();
    }

    void fail(IOException e) {
        failure = e;
        wakeUnlessSelf();
    }

    boolean done() {
        return packet != null || failure != null;
    }

    /** The answer once {@link #done}: the packet, or the failure that ended the wait. */
    RawPacket result() throws IOException {
        RawPacket p = packet;
        if (p != null) {
            return p;
        }
        throw failure;
    }

    /** Wakes the waiting thread so that it takes over reading the connection. */
    void wake() {
        LockSupport.unpark(waiter);
    }

    /** A waiter that read its own answer is awake; a permit left for it would only cut its next wait short. */
    private void wakeUnlessSelf() {
        if (Thread.currentThread() != waiter) {
            LockSupport.unpark(waiter);
        }
    }
}
