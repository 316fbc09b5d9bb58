package io.pptpgw.logging;

import io.pptpgw.accounting.AccountingLog;
import io.pptpgw.session.SessionSummary;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.LoggerFactory;

/** Run in a child JVM by {@link LogbackConfigurationTest}: logs one line of each kind the configuration treats apart. */
public final class LogProbe {
    private LogProbe() {}

    public static void main(String[] args) {
        LoggerFactory.getLogger("io.pptpgw.ppp.lcp").debug("recv [LCP ConfReq id=0x1 <mru 1400> <magic 0x5e1f2a33>]");
        LoggerFactory.getLogger("io.pptpgw.session").debug("a session detail");
        LoggerFactory.getLogger("io.pptpgw.session").info("a session event");
        new AccountingLog()
                .sessionEnded(new SessionSummary(
                        "alice",
                        0x1f2a,
                        new InetSocketAddress(InetAddress.ofLiteral("198.51.100.7"), 40211),
                        "10.250.0.2",
                        "mppe-128-stateless",
                        Instant.parse("2025-01-01T10:00:00Z"),
                        Duration.ofSeconds(60),
                        1,
                        100,
                        2,
                        200,
                        "peer_terminated"));
    }
}
