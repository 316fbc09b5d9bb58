package io.pptpgw.pptp.server;

import io.pptpgw.pptp.control.PptpSpec;
import java.time.Duration;

/**
 * Our tunables for the control channel (the RFC's fixed numbers are in {@link PptpSpec}).
 *
 * @param hostName what our Start-Control-Connection-Reply says we are (printable ASCII, at most 64)
 * @param vendorString our vendor name in the same reply
 * @param firmwareRevision the Firmware Revision field of the reply
 * @param maximumChannels the Maximum Channels field of the reply: how many calls we can carry (RFC 2637 §2.2)
 * @param receiveWindowSize the Packet Recv. Window Size we announce in Outgoing-Call-Replies
 * @param echoInterval silence after which we send an Echo-Request (RFC 2637 §2.5 suggests 60 seconds)
 * @param echoMaxUnanswered Echo-Requests left unanswered in a row before we close the connection
 * @param startTimeout how long a new connection may take to send Start-Control-Connection-Request
 * @param stopReplyTimeout how long we wait for a Stop-Control-Connection-Reply before closing anyway
 * @param maxConnectionsPerSource control connections one source address may hold at once
 */
public record ControlServerSettings(
        String hostName,
        String vendorString,
        int firmwareRevision,
        int maximumChannels,
        int receiveWindowSize,
        Duration echoInterval,
        int echoMaxUnanswered,
        Duration startTimeout,
        Duration stopReplyTimeout,
        int maxConnectionsPerSource) {
    public ControlServerSettings {
        checkAscii("hostName", hostName, PptpSpec.HOST_NAME_LENGTH);
        checkAscii("vendorString", vendorString, PptpSpec.VENDOR_STRING_LENGTH);
        checkRange("firmwareRevision", firmwareRevision, 0, 0xFFFF);
        checkRange("maximumChannels", maximumChannels, 0, 0xFFFF);
        checkRange("receiveWindowSize", receiveWindowSize, 1, 0xFFFF);
        checkPositive("echoInterval", echoInterval);
        checkRange("echoMaxUnanswered", echoMaxUnanswered, 1, 1000);
        checkPositive("startTimeout", startTimeout);
        checkPositive("stopReplyTimeout", stopReplyTimeout);
        checkRange("maxConnectionsPerSource", maxConnectionsPerSource, 1, Integer.MAX_VALUE);
    }

    /** Defaults: 60 s echoes with 3 left unanswered, 30 s to start, 3 s to stop, 64 packets window, 4 per source. */
    public static ControlServerSettings defaults(String hostName) {
        return new ControlServerSettings(
                hostName,
                "pptpgw",
                1,
                0xFFFF,
                64,
                PptpSpec.ECHO_INTERVAL,
                3,
                Duration.ofSeconds(30),
                Duration.ofSeconds(3),
                4);
    }

    public ControlServerSettings withEcho(Duration interval, int maxUnanswered) {
        return new ControlServerSettings(
                hostName,
                vendorString,
                firmwareRevision,
                maximumChannels,
                receiveWindowSize,
                interval,
                maxUnanswered,
                startTimeout,
                stopReplyTimeout,
                maxConnectionsPerSource);
    }

    public ControlServerSettings withTimeouts(Duration start, Duration stopReply) {
        return new ControlServerSettings(
                hostName,
                vendorString,
                firmwareRevision,
                maximumChannels,
                receiveWindowSize,
                echoInterval,
                echoMaxUnanswered,
                start,
                stopReply,
                maxConnectionsPerSource);
    }

    public ControlServerSettings withMaxConnectionsPerSource(int max) {
        return new ControlServerSettings(
                hostName,
                vendorString,
                firmwareRevision,
                maximumChannels,
                receiveWindowSize,
                echoInterval,
                echoMaxUnanswered,
                startTimeout,
                stopReplyTimeout,
                max);
    }

    private static void checkAscii(String name, String value, int max) {
        if (value == null || value.length() > max || !value.chars().allMatch(c -> c >= 0x20 && c <= 0x7E)) {
            throw new IllegalArgumentException(
                    name + " \"" + value + "\" must be printable ASCII of at most " + max + " characters");
        }
    }

    private static void checkRange(String name, int value, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(name + " " + value + " is outside " + min + ".." + max);
        }
    }

    private static void checkPositive(String name, Duration value) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " " + value + " must be a positive duration");
        }
    }
}
