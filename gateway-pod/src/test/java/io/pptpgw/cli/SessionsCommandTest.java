package io.pptpgw.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.pptpgw.admin.ActiveSession;
import io.pptpgw.admin.AdminProtocol;
import io.pptpgw.admin.AdminServer;
import io.pptpgw.admin.SessionDirectory;
import io.pptpgw.admin.Sessions;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class SessionsCommandTest {
    private static final Clock TWO_HOURS_LATER = Clock.fixed(Sessions.UP.plus(Duration.ofHours(2)), ZoneOffset.UTC);

    @TempDir
    Path run;

    private final List<AutoCloseable> servers = new ArrayList<>();

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable server : servers) {
            server.close();
        }
    }

    @Test
    void theSessionsAreATableSortedByUser() throws Exception {
        gateway("office", () -> List.of(Sessions.alice(), Sessions.bob()));

        CommandRun result = sessions();

        assertThat(result.exitCode()).isZero();
        assertThat(result.err()).isEmpty();
        assertThat(result.out()).isEqualTo("""
                        USER      CALL-ID  PEER                         ADDRESS     ENCRYPTION          UP     \
                        RX-BYTES  RX-PKTS  TX-BYTES  TX-PKTS  IDLE
                        CORP\\bob  0x0007   [2001:db8:0:0:0:0:0:5]:1723  10.250.0.3  none                1h00m  \
                        300 B     3        0 B       0        1h00m
                        alice     0x1f2a   198.51.100.7:40211           10.250.0.2  mppe-128-stateless  2h00m  \
                        46.9 KiB  120      49.8 KiB  118      1h55m
                        2 sessions
                        """);
    }

    @Test
    void jsonHasEveryFigure() throws Exception {
        gateway("office", () -> List.of(Sessions.alice(), Sessions.bob()));

        CommandRun result = sessions("--json");

        assertThat(result.exitCode()).isZero();
        assertThat(AdminProtocol.readSessions(result.out())).containsExactly(Sessions.bob(), Sessions.alice());
        assertThat(result.out()).contains("\"receivedBytes\" : 48000");
    }

    @Test
    void noSessionsIsSaidInWords() throws Exception {
        gateway("office", SessionDirectory.EMPTY);

        assertThat(sessions().out()).isEqualTo("no sessions\n");
    }

    @Test
    void aGatewayIsChosenByNameOrBySocket() throws Exception {
        gateway("office", () -> List.of(Sessions.alice()));
        Path branch = gateway("branch", () -> List.of(Sessions.bob()));

        assertThat(sessions("--gateway", "office").out()).contains("alice").doesNotContain("bob");
        assertThat(sessions("--socket", branch.toString()).out())
                .contains("bob")
                .doesNotContain("alice");
    }

    @Test
    void withSeveralGatewaysAndNoChoiceItAsksForOne() throws Exception {
        gateway("office", SessionDirectory.EMPTY);
        gateway("branch", SessionDirectory.EMPTY);

        CommandRun result = sessions();

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err())
                .isEqualTo("sessions: several gateways run here (branch, office); choose one with --gateway NAME\n");
    }

    @Test
    void withoutARunningGatewayItSaysSoAndFails() {
        CommandRun none = sessions();
        assertThat(none.exitCode()).isEqualTo(1);
        assertThat(none.err()).isEqualTo("sessions: no gateway is running here: no admin socket in " + run + "\n");

        CommandRun named = sessions("--gateway", "office");
        assertThat(named.exitCode()).isEqualTo(1);
        assertThat(named.err())
                .isEqualTo("sessions: no gateway is running here: there is no admin socket at "
                        + run.resolve("office.sock") + "\n");
        assertThat(named.out()).isEmpty();
    }

    @Test
    void aSocketWithNobodyBehindItIsAGatewayThatStopped() throws Exception {
        try (ServerSocketChannel dead = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            dead.bind(UnixDomainSocketAddress.of(run.resolve("office.sock")));
        }

        CommandRun result = sessions();

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).startsWith("sessions: no gateway is running here: nothing answers on ");
    }

    @Test
    void somethingElseOnTheSocketIsReportedAsSuch() throws Exception {
        fakeSocket("office.sock", "HTTP/1.0 400 Bad Request\r\n\r\n");

        CommandRun result = sessions();

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).startsWith("sessions: the gateway's answer is not JSON");
    }

    @Test
    void invalidOptionsAreUsageErrors() {
        assertThat(sessions("--gateway", "../etc").exitCode()).isEqualTo(2);
        assertThat(sessions("--gateway", "../etc").err()).contains("is not a Kubernetes object name");
        CommandRun both = sessions("--gateway", "office", "--socket", "/tmp/x.sock");
        assertThat(both.exitCode()).isEqualTo(2);
        assertThat(both.err()).contains("mutually exclusive");
    }

    @Test
    void sizesAndDurationsReadLikeAnAdministratorWouldWriteThem() {
        assertThat(SessionsCommand.bytes(0)).isEqualTo("0 B");
        assertThat(SessionsCommand.bytes(1023)).isEqualTo("1023 B");
        assertThat(SessionsCommand.bytes(1536)).isEqualTo("1.5 KiB");
        assertThat(SessionsCommand.bytes(5L << 30)).isEqualTo("5.0 GiB");
        assertThat(SessionsCommand.bytes(Long.MAX_VALUE)).isEqualTo("8.0 EiB");
        assertThat(SessionsCommand.duration(Duration.ofSeconds(45))).isEqualTo("45s");
        assertThat(SessionsCommand.duration(Duration.ofSeconds(187))).isEqualTo("3m07s");
        assertThat(SessionsCommand.duration(Duration.ofMinutes(125))).isEqualTo("2h05m");
        assertThat(SessionsCommand.duration(Duration.ofHours(76))).isEqualTo("3d04h");
        assertThat(SessionsCommand.duration(Duration.ofSeconds(-5))).isEqualTo("0s");
    }

    @Test
    void controlCharactersInAUserNameCannotBreakTheTable() {
        ActiveSession alice = Sessions.alice();
        ActiveSession hostile = new ActiveSession(
                "eve\n\u001b[2J",
                alice.callId(),
                alice.peer(),
                alice.tunnelAddress(),
                alice.encryption(),
                alice.upSince(),
                0,
                0,
                0,
                0,
                alice.lastActivity());

        String table = SessionsCommand.table(List.of(hostile), TWO_HOURS_LATER.instant());

        assertThat(table.lines()).hasSize(3);
        assertThat(table).contains("eve??[2J").doesNotContain("\u001b");
    }

    private Path gateway(String name, SessionDirectory directory) throws IOException {
        AdminServer server = AdminServer.start(run.resolve(name + ".sock"), directory);
        servers.add(server);
        return server.socket();
    }

    /** A socket whose server reads one request and answers {@code answer}, whatever it was asked. */
    private void fakeSocket(String file, String answer) throws IOException {
        ServerSocketChannel fake = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        fake.bind(UnixDomainSocketAddress.of(run.resolve(file)));
        servers.add(fake);
        Thread.ofVirtual().start(() -> {
            try (SocketChannel client = fake.accept()) {
                ByteBuffer request = ByteBuffer.allocate(1024);
                while (client.read(request) >= 0) {
                    request.clear();
                }
                client.write(ByteBuffer.wrap(answer.getBytes(StandardCharsets.UTF_8)));
            } catch (IOException e) {
                // The test closed the socket.
            }
        });
    }

    private CommandRun sessions(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine command = new CommandLine(new SessionsCommand(run, TWO_HOURS_LATER));
        command.setOut(new PrintWriter(out, true));
        command.setErr(new PrintWriter(err, true));
        int exitCode = command.execute(args);
        return new CommandRun(exitCode, out.toString(), err.toString());
    }
}
