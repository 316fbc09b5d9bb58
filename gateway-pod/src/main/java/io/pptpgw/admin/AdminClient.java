package io.pptpgw.admin;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.ConnectException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** Asks a gateway's admin socket, as {@code pptpgw sessions} does. */
public final class AdminClient {
    private static final int MAX_ANSWER_BYTES = 256 * 1024 * 1024;

    private final Path socket;
    private final Duration timeout;

    public AdminClient(Path socket, Duration timeout) {
        this.socket = socket;
        this.timeout = timeout;
    }

    /**
     * The gateway's sessions.
     *
     * @throws AdminException when no gateway answers on the socket, or its answer is an error or unreadable
     */
    public List<ActiveSession> sessions() {
        return AdminProtocol.readSessions(ask(AdminProtocol.SESSIONS));
    }

    /** Sends one request line and returns the whole answer. */
    public String ask(String request) {
        if (!Files.exists(socket)) {
            throw new AdminException("no gateway is running here: there is no admin socket at " + socket);
        }
        try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            Thread watchdog = Thread.ofVirtual().start(() -> closeAfterTimeout(channel));
            try {
                channel.connect(UnixDomainSocketAddress.of(socket));
                channel.write(ByteBuffer.wrap((request + "\n").getBytes(StandardCharsets.UTF_8)));
                channel.shutdownOutput();
                return readAll(channel);
            } finally {
                watchdog.interrupt();
            }
        } catch (ConnectException e) {
            throw new AdminException("no gateway is running here: nothing answers on " + socket
                    + " (a socket left by a gateway that stopped)");
        } catch (AsynchronousCloseException e) {
            throw new AdminException("the gateway did not answer on " + socket + " within " + timeout);
        } catch (IOException e) {
            throw new AdminException("cannot ask the gateway on " + socket + ": " + e.getMessage(), e);
        }
    }

    private String readAll(SocketChannel channel) throws IOException {
        ByteArrayOutputStream answer = new ByteArrayOutputStream();
        ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
        while (channel.read(buffer) >= 0) {
            answer.write(buffer.array(), 0, buffer.position());
            buffer.clear();
            if (answer.size() > MAX_ANSWER_BYTES) {
                throw new IOException("the answer exceeds " + MAX_ANSWER_BYTES + " bytes");
            }
        }
        answer.write(buffer.array(), 0, buffer.position());
        return answer.toString(StandardCharsets.UTF_8);
    }

    private void closeAfterTimeout(SocketChannel channel) {
        try {
            Thread.sleep(timeout);
            channel.close();
        } catch (InterruptedException | IOException e) {
            // Interrupted: the exchange finished in time. A failed close leaves nothing to clean up.
        }
    }
}
