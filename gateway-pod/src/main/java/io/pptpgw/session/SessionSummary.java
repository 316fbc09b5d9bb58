package io.pptpgw.session;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;

/**
 * The accounting record of one session: who, from where, with which address, for how long, how much each way, and
 * why it ended. {@code received} is from the client (GRE in), {@code sent} is to the client (GRE out).
 */
public record SessionSummary(
        String user,
        int callId,
        InetSocketAddress peer,
        String tunnelAddress,
        String encryption,
        Instant start,
        Duration duration,
        long receivedPackets,
        long receivedBytes,
        long sentPackets,
        long sentBytes,
        String endReason) {}
