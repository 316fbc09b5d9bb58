package io.pptpgw.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AdminServerTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    @TempDir
    Path temp;

    private AdminServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void aClientGetsTheSessionsOverTheSocket() throws Exception {
        Path socket = temp.resolve("run/office.sock");
        server = AdminServer.start(socket, () -> List.of(Sessions.alice(), Sessions.bob()));

        assertThat(new AdminClient(socket, TIMEOUT).sessions()).containsExactly(Sessions.alice(), Sessions.bob());
    }

    @Test
    void theSocketIsForItsOwnerOnlyAndSoIsTheDirectoryItCreates() throws Exception {
        Path socket = temp.resolve("run/office.sock");
        server = AdminServer.start(socket, SessionDirectory.EMPTY);

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(socket)))
                .isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(socket.getParent())))
                .isEqualTo("rwx------");
    }

    @Test
    void closingRemovesTheSocket() throws Exception {
        Path socket = temp.resolve("office.sock");
        server = AdminServer.start(socket, SessionDirectory.EMPTY);

        server.close();
        server = null;

        assertThat(socket).doesNotExist();
        assertThatThrownBy(() -> new AdminClient(socket, TIMEOUT).sessions())
                .isInstanceOf(AdminException.class)
                .hasMessage("no gateway is running here: there is no admin socket at " + socket);
    }

    @Test
    void aSocketLeftByAGatewayThatDiedIsReplaced() throws Exception {
        Path socket = temp.resolve("office.sock");
        leaveStaleSocket(socket);
        assertThatThrownBy(() -> new AdminClient(socket, TIMEOUT).sessions())
                .isInstanceOf(AdminException.class)
                .hasMessageStartingWith("no gateway is running here: nothing answers on " + socket);

        server = AdminServer.start(socket, () -> List.of(Sessions.alice()));

        assertThat(new AdminClient(socket, TIMEOUT).sessions()).containsExactly(Sessions.alice());
    }

    @Test
    void aSocketALiveGatewayServesIsNotTaken() throws Exception {
        Path socket = temp.resolve("office.sock");
        server = AdminServer.start(socket, () -> List.of(Sessions.alice()));

        assertThatThrownBy(() -> AdminServer.start(socket, SessionDirectory.EMPTY))
                .isInstanceOf(IOException.class)
                .hasMessage("admin socket " + socket + " is served by a running process (another gateway?)");
        assertThat(new AdminClient(socket, TIMEOUT).sessions()).containsExactly(Sessions.alice());
    }

    @Test
    void aPathThatIsNotASocketIsLeftAlone() throws Exception {
        Path file = temp.resolve("office.sock");
        Files.writeString(file, "precious");

        assertThatThrownBy(() -> AdminServer.start(file, SessionDirectory.EMPTY))
                .isInstanceOf(IOException.class)
                .hasMessage("admin socket path " + file + " exists and is not a socket; not replacing it");
        assertThat(file).hasContent("precious");
    }

    @Test
    void anUnknownRequestIsAnsweredWithAnError() throws Exception {
        Path socket = temp.resolve("office.sock");
        server = AdminServer.start(socket, SessionDirectory.EMPTY);

        assertThat(new AdminClient(socket, TIMEOUT).ask("status"))
                .isEqualTo("{\"error\":\"unknown request 'status'; the admin socket answers: sessions\"}\n");
    }

    @Test
    void aFailingDirectoryIsAnsweredWithAnErrorAndTheServerGoesOn() throws Exception {
        Path socket = temp.resolve("office.sock");
        boolean[] fail = {true};
        server = AdminServer.start(socket, () -> {
            if (fail[0]) {
                throw new IllegalStateException("session table is closed");
            }
            return List.of();
        });

        assertThatThrownBy(() -> new AdminClient(socket, TIMEOUT).sessions())
                .isInstanceOf(AdminException.class)
                .hasMessage("the gateway refused: listing sessions failed: java.lang.IllegalStateException: session"
                        + " table is closed");
        fail[0] = false;
        assertThat(new AdminClient(socket, TIMEOUT).sessions()).isEmpty();
    }

    @Test
    void aClientThatSaysNothingIsDroppedAndOthersAreServed() throws Exception {
        Path socket = temp.resolve("office.sock");
        server = AdminServer.start(socket, () -> List.of(Sessions.alice()), Duration.ofMillis(300));

        try (SocketChannel silent = SocketChannel.open(UnixDomainSocketAddress.of(socket))) {
            assertThat(new AdminClient(socket, TIMEOUT).sessions()).containsExactly(Sessions.alice());
            assertThat(silent.read(ByteBuffer.allocate(16))).isEqualTo(-1);
        }
    }

    @Test
    void anOverlongRequestIsRefused() throws Exception {
        Path socket = temp.resolve("office.sock");
        server = AdminServer.start(socket, SessionDirectory.EMPTY);

        assertThat(new AdminClient(socket, TIMEOUT).ask("x".repeat(10_000)))
                .startsWith("{\"error\":\"unknown request 'xxxxxxxx")
                .contains("...'");
    }

    @Test
    void gatewayNamesMakeDefaultSocketPathsAndNothingElse() {
        assertThat(AdminServer.defaultSocket("office")).isEqualTo(Path.of("/run/pptpgw/office.sock"));
        assertThatThrownBy(() -> AdminServer.defaultSocket("../etc/passwd"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("gateway name '../etc/passwd' is not a Kubernetes object name (lower-case letters,"
                        + " digits, '-' and '.')");
    }

    /** A socket file whose server is gone: what a killed gateway leaves (Java does not unlink on close). */
    private static void leaveStaleSocket(Path socket) throws IOException {
        try (ServerSocketChannel dead = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            dead.bind(UnixDomainSocketAddress.of(socket));
        }
        assertThat(socket).exists();
    }
}
