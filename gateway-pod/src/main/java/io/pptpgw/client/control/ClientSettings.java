package io.pptpgw.client.control;

import io.pptpgw.pptp.control.PptpSpec;
import java.time.Duration;

/**
 * Our client's tunables.
 *
 * @param hostName the Host Name of our Start-Control-Connection-Request
 * @param vendorString its Vendor String
 * @param receiveWindowSize the Packet Recv. Window Size of our Outgoing-Call-Requests
 * @param echoInterval silence after which we send an Echo-Request (RFC 2637 §2.5)
 * @param echoMaxUnanswered Echo-Requests left unanswered in a row before we close
 * @param connectTimeout how long the TCP connect may take
 * @param replyTimeout how long we wait for any reply we asked for (start, call, echo, stop)
 */
public record ClientSettings(
        String hostName,
        String vendorString,
        int receiveWindowSize,
        Duration echoInterval,
        int echoMaxUnanswered,
        Duration connectTimeout,
        Duration replyTimeout) {
    public ClientSettings {
        checkAscii("hostName", hostName, PptpSpec.HOST_NAME_LENGTH);
        checkAscii("vendorString", vendorString, PptpSpec.VENDOR_STRING_LENGTH);
        if (receiveWindowSize < 1 || receiveWindowSize > 0xFFFF) {
            throw new IllegalArgumentException("receiveWindowSize " + receiveWindowSize + " is outside 1..65535");
        }
        if (echoMaxUnanswered < 1) {
            throw new IllegalArgumentException("echoMaxUnanswered " + echoMaxUnanswered + " must be at least 1");
        }
        for (Duration duration : new Duration[] {echoInterval, connectTimeout, replyTimeout}) {
            if (duration == null || duration.isNegative() || duration.isZero()) {
                throw new IllegalArgumentException("durations must be positive; got " + duration);
            }
        }
    }

    /** 60 s echoes with 3 unanswered, 10 s to connect and for each reply, a 64-packet window. */
    public static ClientSettings defaults() {
        return new ClientSettings(
                "pptpgw-client",
                "pptpgw",
                64,
                PptpSpec.ECHO_INTERVAL,
                3,
                Duration.ofSeconds(10),
                Duration.ofSeconds(10));
    }

    public ClientSettings withEcho(Duration interval, int maxUnanswered) {
        return new ClientSettings(
                hostName, vendorString, receiveWindowSize, interval, maxUnanswered, connectTimeout, replyTimeout);
    }

    public ClientSettings withReplyTimeout(Duration timeout) {
        return new ClientSettings(
                hostName, vendorString, receiveWindowSize, echoInterval, echoMaxUnanswered, connectTimeout, timeout);
    }

    private static void checkAscii(String name, String value, int max) {
        if (value == null || value.length() > max || !value.chars().allMatch(c -> c >= 0x20 && c <= 0x7E)) {
            throw new IllegalArgumentException(
                    name + " \"" + value + "\" must be printable ASCII of at most " + max + " characters");
        }
    }
}
