package io.pptpgw.accounting;

import io.pptpgw.session.SessionObserver;
import io.pptpgw.session.SessionSummary;
import java.net.InetSocketAddress;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.spi.LoggingEventBuilder;

/**
 * Writes one line per ended session on the {@value #LOGGER} logger at INFO, in logfmt ({@code key=value}, values
 * quoted only when they must be), with the same pairs attached as key-value pairs for the JSON log format:
 *
 * <pre>
 * session ended user=alice peer=198.51.100.7:40211 address=10.250.0.2 call_id=0x1f2a encryption=mppe-128
 *     start=2025-01-01T10:00:00Z duration_seconds=3723.456 received_bytes=48000 received_packets=120
 *     sent_bytes=51000 sent_packets=118 reason="peer_terminated: ..."
 * </pre>
 *
 * {@code received} is from the client and {@code sent} to it. A user name is the peer's choice, so quoting escapes
 * quotes, backslashes and control characters: one session is always exactly one line.
 */
public final class AccountingLog implements SessionObserver {
    public static final String LOGGER = "io.pptpgw.accounting";
    public static final String MESSAGE = "session ended";

    private static final Logger log = LoggerFactory.getLogger(LOGGER);

    /** Logs the accounting line of {@code summary}. */
    @Override
    public void sessionEnded(SessionSummary summary) {
        Map<String, String> fields = fields(summary);
        LoggingEventBuilder event = log.atInfo();
        fields.forEach(event::addKeyValue);
        event.log(line(fields));
    }

    /** The accounting line of {@code summary}, as logged. */
    public static String line(SessionSummary summary) {
        return line(fields(summary));
    }

    private static String line(Map<String, String> fields) {
        StringBuilder line = new StringBuilder(MESSAGE);
        fields.forEach((key, value) -> line.append(' ').append(key).append('=').append(quoted(value)));
        return line.toString();
    }

    private static Map<String, String> fields(SessionSummary summary) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("user", summary.user());
        fields.put("peer", hostAndPort(summary.peer()));
        fields.put("address", summary.tunnelAddress());
        fields.put("call_id", "0x" + Integer.toHexString(summary.callId()));
        fields.put("encryption", summary.encryption());
        fields.put("start", summary.start().toString());
        fields.put("duration_seconds", seconds(summary.duration().toMillis()));
        fields.put("received_bytes", Long.toString(summary.receivedBytes()));
        fields.put("received_packets", Long.toString(summary.receivedPackets()));
        fields.put("sent_bytes", Long.toString(summary.sentBytes()));
        fields.put("sent_packets", Long.toString(summary.sentPackets()));
        fields.put("reason", summary.endReason());
        return fields;
    }

    private static String seconds(long millis) {
        return String.format(Locale.ROOT, "%d.%03d", millis / 1000, millis % 1000);
    }

    private static String hostAndPort(InetSocketAddress peer) {
        if (peer == null) {
            return "";
        }
        String host = peer.getAddress() == null
                ? peer.getHostString()
                : peer.getAddress().getHostAddress();
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + peer.getPort();
    }

    /** The value as is when it is a plain token, else in double quotes with {@code \" \\ \n \r \t \\u00XX} escapes. */
    static String quoted(String value) {
        if (value == null) {
            return "\"\"";
        }
        if (!value.isEmpty() && value.chars().allMatch(AccountingLog::plain)) {
            return value;
        }
        StringBuilder out = new StringBuilder("\"");
        for (char c : value.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029') {
                        out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }

    private static boolean plain(int c) {
        return c > ' ' && c < 0x7F && c != '"' && c != '\\' && c != '=';
    }
}
