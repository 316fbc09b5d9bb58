package io.pptpgw.admin;

import java.net.InetSocketAddress;
import java.time.Instant;

/**
 * One session as {@code pptpgw sessions} shows it. {@code received} is from the client (GRE in) and {@code sent} is
 * to the client (GRE out), as in the accounting record.
 *
 * @param user the authenticated user name, or empty while authentication is under way
 * @param callId our Call ID of the session (RFC 2637 §2.7), 0..65535
 * @param peer the client's address and TCP port of its control connection
 * @param tunnelAddress the client's address inside the tunnel, or empty before IPCP assigned one
 * @param encryption how the link is encrypted, e.g. {@code mppe-128}, or {@code none}
 * @param upSince when the call was admitted
 * @param lastActivity when the last packet came from the client
 */
public record ActiveSession(
        String user,
        int callId,
        InetSocketAddress peer,
        String tunnelAddress,
        String encryption,
        Instant upSince,
        long receivedPackets,
        long receivedBytes,
        long sentPackets,
        long sentBytes,
        Instant lastActivity) {
    public ActiveSession {
        if (user == null
                || peer == null
                || tunnelAddress == null
                || encryption == null
                || upSince == null
                || lastActivity == null) {
            throw new IllegalArgumentException("session 0x" + Integer.toHexString(callId) + " has a missing field");
        }
        if (callId < 0 || callId > 0xFFFF) {
            throw new IllegalArgumentException("session call id " + callId + " is outside 0..65535");
        }
        if (receivedPackets < 0 || receivedBytes < 0 || sentPackets < 0 || sentBytes < 0) {
            throw new IllegalArgumentException("session 0x" + Integer.toHexString(callId)
                    + " has a negative counter; packets and bytes only grow from 0");
        }
    }
}
