package io.jmfs.master.net.client;

import io.jmfs.protocol.wire.WireMessage;
import io.netty.buffer.ByteBuf;

/** A reply with no payload, for tool requests whose answer we have nothing to put in. */
record EmptyReply(int type) implements WireMessage {
    @Override
    public void encode(ByteBuf out) {
    }
}
