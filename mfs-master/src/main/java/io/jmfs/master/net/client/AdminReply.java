package io.jmfs.master.net.client;

import io.jmfs.protocol.wire.WireMessage;
import io.netty.buffer.ByteBuf;
import java.util.function.Consumer;

/** An mfscli answer (no msgid): its type and a writer of its payload, built from state read on the loop. */
record AdminReply(int type, Consumer<ByteBuf> body) implements WireMessage {
    @Override
    public void encode(ByteBuf out) {
        body.accept(out);
    }
}
