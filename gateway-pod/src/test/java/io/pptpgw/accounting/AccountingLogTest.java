package io.pptpgw.accounting;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.pptpgw.session.SessionSummary;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class AccountingLogTest {
    @Test
    void oneLineSaysWhoFromWhereHowLongHowMuchAndWhy() {
        assertThat(AccountingLog.line(summary("alice", "peer_terminated")))
                .isEqualTo("session ended user=alice peer=198.51.100.7:40211 address=10.250.0.2 call_id=0x1f2a"
                        + " encryption=mppe-128-stateless start=2025-01-01T10:00:00Z duration_seconds=3723.456"
                        + " received_bytes=48000 received_packets=120 sent_bytes=51000 sent_packets=118"
                        + " reason=peer_terminated");
    }

    @Test
    void valuesThatAreNotPlainTokensAreQuotedAndEscaped() {
        assertThat(AccountingLog.quoted("CORP\\bob")).isEqualTo("\"CORP\\\\bob\"");
        assertThat(AccountingLog.quoted("jo sé")).isEqualTo("\"jo sé\"");
        assertThat(AccountingLog.quoted("josé")).isEqualTo("\"josé\"");
        assertThat(AccountingLog.quoted("a=b")).isEqualTo("\"a=b\"");
        assertThat(AccountingLog.quoted("")).isEqualTo("\"\"");
        assertThat(AccountingLog.quoted(null)).isEqualTo("\"\"");
        assertThat(AccountingLog.quoted("tab\there\r\n\u0000\u2028")).isEqualTo("\"tab\\there\\r\\n\\u0000\\u2028\"");
    }

    @Test
    void aUserNameCannotForgeASecondRecord() {
        String forged = "eve reason=admin\nsession ended user=root";

        String line = AccountingLog.line(summary(forged, "lcp_terminated"));

        assertThat(line.lines()).hasSize(1);
        assertThat(line)
                .contains(" user=\"eve reason=admin\\nsession ended user=root\" ")
                .endsWith(" reason=lcp_terminated");
    }

    @Test
    void theRecordIsLoggedAtInfoOnTheAccountingLoggerWithItsPairs() {
        Logger logger = (Logger) LoggerFactory.getLogger(AccountingLog.LOGGER);
        ListAppender<ILoggingEvent> events = new ListAppender<>();
        events.start();
        logger.addAppender(events);
        try {
            new AccountingLog().sessionEnded(summary("alice", "peer_terminated"));
        } finally {
            logger.detachAppender(events);
        }

        assertThat(events.list).singleElement().satisfies(event -> {
            assertThat(event.getLevel()).isEqualTo(Level.INFO);
            assertThat(event.getLoggerName()).isEqualTo("io.pptpgw.accounting");
            assertThat(event.getFormattedMessage()).isEqualTo(AccountingLog.line(summary("alice", "peer_terminated")));
            assertThat(event.getKeyValuePairs())
                    .extracting(pair -> pair.key + "=" + pair.value)
                    .containsExactly(
                            "user=alice",
                            "peer=198.51.100.7:40211",
                            "address=10.250.0.2",
                            "call_id=0x1f2a",
                            "encryption=mppe-128-stateless",
                            "start=2025-01-01T10:00:00Z",
                            "duration_seconds=3723.456",
                            "received_bytes=48000",
                            "received_packets=120",
                            "sent_bytes=51000",
                            "sent_packets=118",
                            "reason=peer_terminated");
        });
    }

    static SessionSummary summary(String user, String reason) {
        return new SessionSummary(
                user,
                0x1f2a,
                new InetSocketAddress(InetAddress.ofLiteral("198.51.100.7"), 40211),
                "10.250.0.2",
                "mppe-128-stateless",
                Instant.parse("2025-01-01T10:00:00Z"),
                Duration.ofMillis(3_723_456),
                120,
                48_000,
                118,
                51_000,
                reason);
    }
}
