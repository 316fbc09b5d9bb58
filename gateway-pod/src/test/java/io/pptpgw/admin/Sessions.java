package io.pptpgw.admin;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Instant;

/** Sessions for tests. */
public final class Sessions {
    public static final Instant UP = Instant.parse("2025-01-01T10:00:00Z");

    private Sessions() {}

    public static ActiveSession alice() {
        return new ActiveSession(
                "alice",
                0x1f2a,
                new InetSocketAddress(InetAddress.ofLiteral("198.51.100.7"), 40211),
                "10.250.0.2",
                "mppe-128-stateless",
                UP,
                120,
                48_000,
                118,
                51_000,
                UP.plusSeconds(298));
    }

    public static ActiveSession bob() {
        return new ActiveSession(
                "CORP\\bob",
                7,
                new InetSocketAddress(InetAddress.ofLiteral("2001:db8::5"), 1723),
                "10.250.0.3",
                "none",
                UP.plusSeconds(3600),
                3,
                300,
                0,
                0,
                UP.plusSeconds(3600));
    }
}
