package io.jmfs.metalogger.net;

import static org.assertj.core.api.Assertions.assertThat;

import io.jmfs.protocol.MessageType;
import io.jmfs.protocol.codec.MalformedPacketException;
import io.jmfs.protocol.msg.metalogger.MasterToMetalogger.DownloadData;
import io.jmfs.protocol.msg.metalogger.MasterToMetalogger.DownloadInfo;
import io.jmfs.protocol.msg.metalogger.MetaloggerMessages;
import io.jmfs.protocol.msg.metalogger.MetaloggerToMaster;
import io.jmfs.protocol.msg.metalogger.MetaloggerToMaster.DownloadEnd;
import io.jmfs.protocol.msg.metalogger.MetaloggerToMaster.DownloadRequest;
import io.jmfs.protocol.msg.metalogger.MetaloggerToMaster.DownloadStart;
import io.jmfs.protocol.wire.MessageEncoder;
import io.jmfs.protocol.wire.WireMessage;
import io.jmfs.protocol.ByteString;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.function.IntFunction;

/**
 * A master's 9419 port on loopback, speaking through our protocol codecs, driven step by step by a test. NOPs from
 * the metalogger are skipped.
 */
final class FakeMaster implements AutoCloseable {
    static final Duration WAIT = Duration.ofSeconds(10);

    private final ServerSocket server;

    private FakeMaster(ServerSocket server) {
        this.server = server;
    }

    static FakeMaster listen(int port) throws IOException {
        ServerSocket server = new ServerSocket();
        server.setReuseAddress(true);
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        server.setSoTimeout((int) WAIT.toMillis());
        return new FakeMaster(server);
    }

    int port() {
        return server.getLocalPort();
    }

    Connection accept() throws IOException {
        return new Connection(server.accept());
    }

    @Override
    public void close() throws IOException {
        server.close();
    }

    static final class Connection implements AutoCloseable {
        private final Socket socket;
        private final DataInputStream in;

        Connection(Socket socket) throws IOException {
            this.socket = socket;
            this.in = new DataInputStream(socket.getInputStream());
        }

        void send(WireMessage message) {
            ByteBuf frame = Unpooled.buffer();
            try {
                MessageEncoder.writeFrame(message, frame);
                frame.readBytes(socket.getOutputStream(), frame.readableBytes());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } finally {
                frame.release();
            }
        }

        /** The next non-NOP packet, failing after {@link #WAIT}. */
        MetaloggerToMaster receive() throws IOException {
            return receiveWithin(WAIT).orElseThrow(() -> new AssertionError("nothing from the metalogger in " + WAIT));
        }

        /** The next non-NOP packet within {@code wait}, or empty. */
        Optional<MetaloggerToMaster> receiveWithin(Duration wait) throws IOException {
            long deadline = System.nanoTime() + wait.toNanos();
            while (true) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return Optional.empty();
                }
                socket.setSoTimeout((int) Math.max(1, left / 1_000_000));
                int type;
                byte[] payload;
                try {
                    type = in.readInt();
                    payload = new byte[in.readInt()];
                    in.readFully(payload);
                } catch (SocketTimeoutException e) {
                    return Optional.empty();
                }
                if (type == MessageType.ANTOAN_NOP.id()) {
                    continue;
                }
                try {
                    return Optional.of(MetaloggerMessages.decodeFromMetalogger(type, Unpooled.wrappedBuffer(payload)));
                } catch (MalformedPacketException e) {
                    throw new AssertionError(e.getMessage(), e);
                }
            }
        }

        /** Whether the metalogger closed this connection (within {@link #WAIT}), skipping anything it sent first. */
        boolean closedByMetalogger() throws IOException {
            socket.setSoTimeout((int) WAIT.toMillis());
            try {
                while (true) {
                    in.readInt();
                    in.skipNBytes(in.readInt());
                }
            } catch (EOFException e) {
                return true;
            } catch (SocketTimeoutException e) {
                return false;
            } catch (IOException e) {
                return true; // reset
            }
        }

        /** Serves one download the metalogger starts: expects DOWNLOAD_START(fileNumber), then the requests. */
        void serveDownload(int fileNumber, byte[] content) throws IOException {
            serveDownload(fileNumber, content, block -> 0);
        }

        /**
         * As {@link #serveDownload(int, byte[])}; {@code crcDamage} gives, per request number, a value XORed into
         * that block's CRC (0 = intact).
         */
        void serveDownload(int fileNumber, byte[] content, IntFunction<Integer> crcDamage) throws IOException {
            assertThat(receive()).isEqualTo(new DownloadStart(fileNumber));
            send(new DownloadInfo(content.length));
            int requestNumber = 0;
            while (true) {
                MetaloggerToMaster next = receive();
                if (next instanceof DownloadEnd) {
                    return;
                }
                assertThat(next).isInstanceOf(DownloadRequest.class);
                DownloadRequest request = (DownloadRequest) next;
                byte[] block = Arrays.copyOfRange(content, (int) request.offset(),
                        (int) request.offset() + request.length());
                DownloadData data = DownloadData.of(request.offset(), ByteString.wrap(block));
                send(new DownloadData(data.offset(), data.crc() ^ crcDamage.apply(requestNumber++), data.data()));
            }
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
