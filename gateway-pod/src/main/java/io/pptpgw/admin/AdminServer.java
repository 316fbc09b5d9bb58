package io.pptpgw.admin;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves {@link AdminProtocol} on a Unix domain socket, by default {@code /run/pptpgw/<gateway>.sock}, readable and
 * writable by the gateway's own user only (0600). One thread answers one client at a time; a client that does not
 * finish its exchange within {@link #EXCHANGE_TIMEOUT} is dropped, so none can hold the socket.
 *
 * <p>A socket file left behind by a gateway that died is replaced; one that a live process still answers on is not.
 */
public final class AdminServer implements AutoCloseable {
    public static final Path DEFAULT_DIRECTORY = Path.of("/run/pptpgw");
    public static final Duration EXCHANGE_TIMEOUT = Duration.ofSeconds(10);

    private static final Logger log = LoggerFactory.getLogger(AdminServer.class);
    private static final Pattern GATEWAY_NAME = Pattern.compile("[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?");
    private static final int SOCKET_TYPE_MASK = 0170000;
    private static final int SOCKET_TYPE = 0140000;

    private final Path socket;
    private final SessionDirectory directory;
    private final ServerSocketChannel server;
    private final Duration exchangeTimeout;
    private final Object inode;
    private final Thread thread;
    private volatile boolean closed;

    private AdminServer(Path socket, SessionDirectory directory, ServerSocketChannel server, Duration exchangeTimeout)
            throws IOException {
        this.socket = socket;
        this.directory = directory;
        this.server = server;
        this.exchangeTimeout = exchangeTimeout;
        this.inode = Files.getAttribute(socket, "unix:ino", LinkOption.NOFOLLOW_LINKS);
        this.thread = Thread.ofPlatform().name("pptpgw-admin").daemon(true).unstarted(this::acceptLoop);
    }

    /** The admin socket of {@code gateway} in {@link #DEFAULT_DIRECTORY}. */
    public static Path defaultSocket(String gateway) {
        if (gateway == null || !GATEWAY_NAME.matcher(gateway).matches()) {
            throw new IllegalArgumentException("gateway name '" + gateway
                    + "' is not a Kubernetes object name (lower-case letters, digits, '-' and '.')");
        }
        return DEFAULT_DIRECTORY.resolve(gateway + ".sock");
    }

    /**
     * Binds {@code socket} (creating its directory, 0700, if missing) and answers on it until {@link #close()}.
     *
     * @throws IOException when the socket cannot be bound, or a live process already serves it, or the path is taken
     *     by something that is not a socket
     */
    public static AdminServer start(Path socket, SessionDirectory directory) throws IOException {
        return start(socket, directory, EXCHANGE_TIMEOUT);
    }

    /** As {@link #start(Path, SessionDirectory)}, dropping clients after {@code exchangeTimeout}. */
    static AdminServer start(Path socket, SessionDirectory directory, Duration exchangeTimeout) throws IOException {
        Objects.requireNonNull(directory, "directory");
        Path parent = socket.toAbsolutePath().getParent();
        if (!Files.isDirectory(parent)) {
            Files.createDirectories(
                    parent, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        }
        removeStale(socket);
        ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            // Connecting needs write permission on the socket file; under the usual umask (022) nobody else has it
            // between bind and chmod either.
            server.bind(UnixDomainSocketAddress.of(socket));
            Files.setPosixFilePermissions(socket, PosixFilePermissions.fromString("rw-------"));
            AdminServer admin = new AdminServer(socket, directory, server, exchangeTimeout);
            admin.thread.start();
            log.info("admin socket at {}", socket);
            return admin;
        } catch (IOException | RuntimeException e) {
            server.close();
            throw e;
        }
    }

    public Path socket() {
        return socket;
    }

    /** Stops answering, waits for the exchange under way, and removes the socket file if it is still ours. */
    @Override
    public void close() {
        closed = true;
        try {
            server.close();
            thread.join(exchangeTimeout.toMillis());
            if (inode.equals(Files.getAttribute(socket, "unix:ino", LinkOption.NOFOLLOW_LINKS))) {
                Files.delete(socket);
            }
        } catch (IOException e) {
            log.debug("removing admin socket {}: {}", socket, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void removeStale(Path socket) throws IOException {
        if (!Files.exists(socket, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        int mode = (Integer) Files.getAttribute(socket, "unix:mode", LinkOption.NOFOLLOW_LINKS);
        if ((mode & SOCKET_TYPE_MASK) != SOCKET_TYPE) {
            throw new IOException("admin socket path " + socket + " exists and is not a socket; not replacing it");
        }
        try (SocketChannel _ = SocketChannel.open(UnixDomainSocketAddress.of(socket))) {
            throw new IOException("admin socket " + socket + " is served by a running process (another gateway?)");
        } catch (java.net.ConnectException stale) {
            log.info("replacing stale admin socket {}", socket);
            Files.delete(socket);
        }
    }

    private void acceptLoop() {
        while (!closed) {
            try (SocketChannel client = server.accept()) {
                exchange(client);
            } catch (ClosedChannelException e) {
                return;
            } catch (IOException | RuntimeException e) {
                log.debug("admin exchange failed: {}", e.toString());
            }
        }
    }

    private void exchange(SocketChannel client) throws IOException {
        client.configureBlocking(false);
        try (Selector selector = Selector.open()) {
            SelectionKey key = client.register(selector, SelectionKey.OP_READ);
            long deadline = System.nanoTime() + exchangeTimeout.toNanos();
            String request = readRequest(client, selector, deadline);
            if (request == null) {
                return;
            }
            ByteBuffer answer = ByteBuffer.wrap(answer(request).getBytes(StandardCharsets.UTF_8));
            key.interestOps(SelectionKey.OP_WRITE);
            while (answer.hasRemaining()) {
                if (client.write(answer) == 0 && !await(selector, deadline)) {
                    return;
                }
            }
        }
    }

    /**
     * The request line, or null when the client gave up or ran out of time before sending one. An overlong request
     * is read to its end all the same (unread bytes would make closing reset the connection, and the client miss our
     * answer) and comes back as its start and {@code ...}.
     */
    private static String readRequest(SocketChannel client, Selector selector, long deadline) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(AdminProtocol.MAX_REQUEST_LENGTH + 1);
        String overlong = null;
        while (true) {
            int read = client.read(buffer);
            String text = new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8);
            int newline = text.indexOf('\n');
            if (newline >= 0 || read < 0) {
                String line = (newline >= 0 ? text.substring(0, newline) : text).strip();
                if (overlong != null) {
                    return overlong + "...";
                }
                return read < 0 && line.isEmpty() ? null : line;
            }
            if (!buffer.hasRemaining()) {
                overlong = overlong == null ? text.substring(0, 40) : overlong;
                buffer.clear();
            }
            if (read == 0 && !await(selector, deadline)) {
                return null;
            }
        }
    }

    private static boolean await(Selector selector, long deadline) throws IOException {
        long remaining = Duration.ofNanos(deadline - System.nanoTime()).toMillis();
        if (remaining <= 0) {
            return false;
        }
        selector.selectedKeys().clear();
        selector.select(remaining);
        return true;
    }

    private String answer(String request) {
        if (!request.equals(AdminProtocol.SESSIONS)) {
            return AdminProtocol.error(
                    "unknown request '" + request + "'; the admin socket answers: " + AdminProtocol.SESSIONS);
        }
        try {
            List<ActiveSession> sessions = directory.sessions();
            return AdminProtocol.sessions(sessions, false);
        } catch (RuntimeException e) {
            log.warn("listing sessions for the admin socket failed", e);
            return AdminProtocol.error("listing sessions failed: " + e);
        }
    }
}
