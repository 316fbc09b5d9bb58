package io.pptpgw.pptp.control;

/** Builds a message's pppd-style text, {@code PPTP Outgoing-Call-Request <Call-ID 0x1f2a> <Window 64>}. */
final class LogLine {
    private final StringBuilder text;

    LogLine(MessageType type) {
        text = new StringBuilder("PPTP ").append(type.rfcName());
    }

    LogLine field(String name, Object value) {
        text.append(" <").append(name).append(' ').append(value).append('>');
        return this;
    }

    LogLine hex(String name, long value) {
        return field(name, "0x" + Long.toHexString(value));
    }

    LogLine quoted(String name, String value) {
        return value.isEmpty() ? this : field(name, '"' + value + '"');
    }

    @Override
    public String toString() {
        return text.toString();
    }
}
