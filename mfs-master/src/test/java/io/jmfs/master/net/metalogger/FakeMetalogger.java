package io.jmfs.master.net.metalogger;

import io.jmfs.protocol.msg.common.CommonMessage;
import io.jmfs.protocol.msg.metalogger.MasterToMetalogger;
import io.jmfs.protocol.msg.metalogger.MetaloggerMessages;
import io.jmfs.protocol.wire.MessageEncoder;
import io.jmfs.protocol.wire.WireMessage;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;

/** A metalogger on loopback that speaks port 9419 through our codecs, one blocking packet at a time. */
public final class FakeMetalogger implements AutoCloseable {
    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;

    public FakeMetalogger(InetSocketAddress master) throws IOException {
        socket = new Socket(master.getAddress(), master.getPort());
        socket.setSoTimeout(10_000);
        in = new DataInputStream(socket.getInputStream());
        out = socket.getOutputStream();
    }

    public void send(WireMessage msg) throws IOException {
        ByteBuf buf = Unpooled.buffer();
        MessageEncoder.writeFrame(msg, buf);
        sendRaw(buf);
    }

    void sendRaw(ByteBuf buf) throws IOException {
        byte[] bytes = new byte[buf.readableBytes()];
        buf.readBytes(bytes);
        out.write(bytes);
        out.flush();
    }

    /** The next packet from the master other than a NOP. */
    public MasterToMetalogger receive() throws Exception {
        while (true) {
            int type = in.readInt();
            int length = in.readInt();
            byte[] payload = new byte[length];
            in.readFully(payload);
            if (type == 0) {
                continue;
            }
            return MetaloggerMessages.decodeFromMaster(type, Unpooled.wrappedBuffer(payload));
        }
    }

    /** Whether the master closed the connection (within the socket timeout). */
    boolean closedByMaster() throws IOException {
        try {
            while (true) {
                int type = in.readInt();
                int length = in.readInt();
                in.skipNBytes(length);
                if (type != 0) {
                    return false;
                }
            }
        } catch (EOFException e) {
            return true;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true; // reset
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    static CommonMessage.Nop nop() {
        return new CommonMessage.Nop();
    }
}
