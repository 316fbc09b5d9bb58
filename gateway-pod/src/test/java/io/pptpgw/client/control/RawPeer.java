package io.pptpgw.client.control;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.pptpgw.pptp.control.ControlMessage;
import io.pptpgw.pptp.control.ControlMessageCodec;
import io.pptpgw.pptp.control.DecodedFrame;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.Optional;

/**
 * A hand-driven peer (client or server) over a plain blocking socket: it writes exactly the bytes a test chooses (several messages in
 * one write, one octet at a time, garbage) and reads whatever the server sends, or stays silent like a dead client.
 */
final class RawPeer implements AutoCloseable {
    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;

    RawPeer(InetSocketAddress server, Duration readTimeout) throws IOException {
        this(new Socket(server.getAddress(), server.getPort()), readTimeout);
    }

    /** The server end of a connection a client made to {@code listener}: a fake PPTP server. */
    static RawPeer accept(ServerSocket listener, Duration readTimeout) throws IOException {
        listener.setSoTimeout((int) readTimeout.toMillis());
        return new RawPeer(listener.accept(), readTimeout);
    }

    private RawPeer(Socket socket, Duration readTimeout) throws IOException {
        this.socket = socket;
        socket.setTcpNoDelay(true);
        socket.setSoTimeout((int) readTimeout.toMillis());
        in = new DataInputStream(socket.getInputStream());
        out = socket.getOutputStream();
    }

    /** All the messages in one write call, so they may share a segment. */
    void send(ControlMessage... messages) throws IOException {
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        for (ControlMessage message : messages) {
            wire.writeBytes(bytes(message));
        }
        sendBytes(wire.toByteArray());
    }

    void sendBytes(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    /** One octet per write, each flushed at once. */
    void sendOneOctetAtATime(ControlMessage message) throws IOException {
        for (byte octet : bytes(message)) {
            out.write(octet);
            out.flush();
        }
    }

    /** The next message from the server, or empty at end of stream. */
    Optional<ControlMessage> receive() throws IOException {
        int length;
        try {
            length = in.readUnsignedShort();
        } catch (EOFException e) {
            return Optional.empty();
        }
        byte[] frame = new byte[length];
        frame[0] = (byte) (length >> 8);
        frame[1] = (byte) length;
        in.readFully(frame, 2, length - 2);
        ByteBuf buffer = Unpooled.wrappedBuffer(frame);
        try {
            DecodedFrame decoded = ControlMessageCodec.decode(buffer);
            return Optional.of((ControlMessage) decoded);
        } finally {
            buffer.release();
        }
    }

    /** True once the server has closed the connection (reads end of stream, skipping anything still queued). */
    boolean closedByServer() throws IOException {
        InputStream stream = socket.getInputStream();
        while (true) {
            if (stream.read() < 0) {
                return true;
            }
        }
    }

    static byte[] bytes(ControlMessage message) {
        ByteBuf buffer = Unpooled.buffer();
        try {
            ControlMessageCodec.encode(message, buffer);
            return ByteBufUtil.getBytes(buffer);
        } finally {
            buffer.release();
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
