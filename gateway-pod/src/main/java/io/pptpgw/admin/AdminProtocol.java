package io.pptpgw.admin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * What travels over the admin socket. The client sends one line naming what it wants and closes its side; the
 * gateway answers with one JSON document and closes:
 *
 * <pre>
 * -> sessions\n
 * &lt;- {"sessions":[{"user":"alice","callId":7978,"peer":"198.51.100.7:40211","tunnelAddress":"10.250.0.2",
 *                  "encryption":"mppe-128","upSince":"2025-01-01T10:00:00Z","receivedPackets":120,
 *                  "receivedBytes":48000,"sentPackets":118,"sentBytes":51000,"lastActivity":"2025-01-01T10:05:00Z"}]}
 * &lt;- {"error":"unknown request 'status'; the admin socket answers: sessions"}
 * </pre>
 */
public final class AdminProtocol {
    public static final String SESSIONS = "sessions";
    /** The longest request line the gateway reads. */
    public static final int MAX_REQUEST_LENGTH = 256;

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private AdminProtocol() {}

    public static String sessions(List<ActiveSession> sessions, boolean pretty) {
        ObjectNode root = MAPPER.createObjectNode();
        ArrayNode array = root.putArray("sessions");
        for (ActiveSession session : sessions) {
            ObjectNode node = array.addObject();
            node.put("user", session.user());
            node.put("callId", session.callId());
            node.put("peer", hostAndPort(session.peer()));
            node.put("tunnelAddress", session.tunnelAddress());
            node.put("encryption", session.encryption());
            node.put("upSince", session.upSince().toString());
            node.put("receivedPackets", session.receivedPackets());
            node.put("receivedBytes", session.receivedBytes());
            node.put("sentPackets", session.sentPackets());
            node.put("sentBytes", session.sentBytes());
            node.put("lastActivity", session.lastActivity().toString());
        }
        return write(root, pretty);
    }

    public static String error(String message) {
        return write(MAPPER.createObjectNode().put("error", message), false);
    }

    /**
     * The sessions of an answer.
     *
     * @throws AdminException when the gateway answered with an error or with something that is not a session list
     */
    public static List<ActiveSession> readSessions(String answer) {
        JsonNode root;
        try {
            root = MAPPER.readTree(answer);
        } catch (JsonProcessingException e) {
            throw new AdminException("the gateway's answer is not JSON: " + e.getOriginalMessage());
        }
        if (root != null && root.path("error").isTextual()) {
            throw new AdminException("the gateway refused: " + root.get("error").asText());
        }
        if (root == null || !root.path(SESSIONS).isArray()) {
            throw new AdminException("the gateway's answer has no \"sessions\" list");
        }
        List<ActiveSession> sessions = new ArrayList<>();
        for (JsonNode node : root.get(SESSIONS)) {
            sessions.add(session(node));
        }
        return sessions;
    }

    private static ActiveSession session(JsonNode node) {
        try {
            return new ActiveSession(
                    text(node, "user"),
                    node.path("callId").asInt(-1),
                    parseHostAndPort(text(node, "peer")),
                    text(node, "tunnelAddress"),
                    text(node, "encryption"),
                    Instant.parse(text(node, "upSince")),
                    node.path("receivedPackets").asLong(-1),
                    node.path("receivedBytes").asLong(-1),
                    node.path("sentPackets").asLong(-1),
                    node.path("sentBytes").asLong(-1),
                    Instant.parse(text(node, "lastActivity")));
        } catch (IllegalArgumentException | DateTimeParseException e) {
            throw new AdminException(
                    "the gateway sent a session that does not read: " + e.getMessage() + " in " + node);
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual()) {
            throw new IllegalArgumentException("field " + field + " is missing or not a string");
        }
        return value.asText();
    }

    /** {@code 198.51.100.7:40211}, or {@code [2001:db8:0:0:0:0:0:5]:1723} for IPv6. */
    public static String hostAndPort(InetSocketAddress address) {
        String host = address.getAddress() == null
                ? address.getHostString()
                : address.getAddress().getHostAddress();
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + address.getPort();
    }

    /** {@code 198.51.100.7:40211} or {@code [2001:db8::1]:40211}: literal addresses only, never a name lookup. */
    static InetSocketAddress parseHostAndPort(String text) {
        int colon = text.lastIndexOf(':');
        if (colon < 1) {
            throw new IllegalArgumentException("peer '" + text + "' is not address:port");
        }
        String host = text.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int port;
        try {
            port = Integer.parseInt(text.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("peer '" + text + "' has no numeric port");
        }
        return new InetSocketAddress(InetAddress.ofLiteral(host), port);
    }

    private static String write(JsonNode root, boolean pretty) {
        try {
            return (pretty ? MAPPER.writerWithDefaultPrettyPrinter() : MAPPER.writer()).writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the admin answer as JSON", e);
        }
    }
}
