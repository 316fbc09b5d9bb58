package io.pptpgw.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

class AdminProtocolTest {
    @Test
    void sessionsRoundTripThroughJson() {
        List<ActiveSession> sessions = List.of(Sessions.alice(), Sessions.bob());

        assertThat(AdminProtocol.readSessions(AdminProtocol.sessions(sessions, false)))
                .isEqualTo(sessions);
        assertThat(AdminProtocol.readSessions(AdminProtocol.sessions(sessions, true)))
                .isEqualTo(sessions);
    }

    @Test
    void theAnswerIsOneLineOfJsonWithTheDocumentedFields() {
        assertThat(AdminProtocol.sessions(List.of(Sessions.alice()), false))
                .isEqualTo("{\"sessions\":[{\"user\":\"alice\",\"callId\":7978,\"peer\":\"198.51.100.7:40211\","
                        + "\"tunnelAddress\":\"10.250.0.2\",\"encryption\":\"mppe-128-stateless\","
                        + "\"upSince\":\"2025-01-01T10:00:00Z\",\"receivedPackets\":120,\"receivedBytes\":48000,"
                        + "\"sentPackets\":118,\"sentBytes\":51000,\"lastActivity\":\"2025-01-01T10:04:58Z\"}]}\n");
    }

    @Test
    void aUserNameWithQuotesAndControlCharactersSurvives() {
        ActiveSession alice = Sessions.alice();
        ActiveSession hostile = new ActiveSession(
                "eve\"},{\"user\":\"root\n\u0000é",
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

        String answer = AdminProtocol.sessions(List.of(hostile), false);

        assertThat(answer.strip()).doesNotContain("\n");
        assertThat(AdminProtocol.readSessions(answer)).containsExactly(hostile);
    }

    @Test
    void peersAreLiteralAddressesInBothFamilies() {
        assertThat(AdminProtocol.parseHostAndPort("[2001:db8::5]:1723"))
                .isEqualTo(new InetSocketAddress(InetAddress.ofLiteral("2001:db8::5"), 1723));
        InetSocketAddress v6 = new InetSocketAddress(InetAddress.ofLiteral("2001:db8::5"), 1723);
        assertThat(AdminProtocol.hostAndPort(v6)).startsWith("[2001:db8:").endsWith("]:1723");
        assertThat(AdminProtocol.parseHostAndPort(AdminProtocol.hostAndPort(v6)))
                .isEqualTo(v6);
        assertThat(AdminProtocol.hostAndPort(new InetSocketAddress(InetAddress.ofLiteral("198.51.100.7"), 40211)))
                .isEqualTo("198.51.100.7:40211");
        assertThatThrownBy(() -> AdminProtocol.parseHostAndPort("gateway.example:1723"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> AdminProtocol.parseHostAndPort("198.51.100.7"))
                .hasMessage("peer '198.51.100.7' is not address:port");
    }

    @Test
    void anErrorAnswerBecomesAnExceptionWithTheGatewaysMessage() {
        assertThatThrownBy(() -> AdminProtocol.readSessions(AdminProtocol.error("listing sessions failed: boom")))
                .isInstanceOf(AdminException.class)
                .hasMessage("the gateway refused: listing sessions failed: boom");
    }

    @Test
    void answersThatAreNotASessionListAreNamedAsSuch() {
        assertThatThrownBy(() -> AdminProtocol.readSessions("HTTP/1.1 400 Bad Request"))
                .isInstanceOf(AdminException.class)
                .hasMessageStartingWith("the gateway's answer is not JSON");
        assertThatThrownBy(() -> AdminProtocol.readSessions("{\"sessions\":3}"))
                .hasMessage("the gateway's answer has no \"sessions\" list");
        assertThatThrownBy(() -> AdminProtocol.readSessions(""))
                .hasMessage("the gateway's answer has no \"sessions\" list");
        assertThatThrownBy(() -> AdminProtocol.readSessions("{\"sessions\":[{\"user\":\"alice\"}]}"))
                .hasMessageStartingWith("the gateway sent a session that does not read: field peer is missing");
        String negative = AdminProtocol.sessions(List.of(Sessions.alice()), false)
                .replace("\"sentBytes\":51000", "\"sentBytes\":-1");
        assertThatThrownBy(() -> AdminProtocol.readSessions(negative)).hasMessageContaining("has a negative counter");
    }
}
