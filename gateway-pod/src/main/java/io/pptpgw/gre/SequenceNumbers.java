package io.pptpgw.gre;

/**
 * Comparisons of 32-bit GRE sequence and acknowledgement numbers by serial number arithmetic (RFC 1982 §3.2 with
 * SERIAL_BITS = 32), so that order survives the wrap from 0xFFFFFFFF to 0. Numbers are Java {@code int}s holding
 * the unsigned 32-bit value.
 */
public final class SequenceNumbers {
    private SequenceNumbers() {}

    /**
     * RFC 1982 §3.2: {@code a} is after {@code b} when the signed 32-bit difference is positive. Numbers exactly
     * 2^31 apart are undefined by the RFC, and this says neither is after the other.
     */
    public static boolean isAfter(int a, int b) {
        return a - b > 0;
    }

    /** {@code isAfter(b, a)}, so the undefined pair is consistently neither before nor after. */
    public static boolean isBefore(int a, int b) {
        return isAfter(b, a);
    }

    /** How many steps forward {@code to} is from {@code from}: negative when it is behind. */
    public static int distance(int from, int to) {
        return to - from;
    }

    /** The later of the two; {@code a} when neither is after the other. */
    public static int latest(int a, int b) {
        return isAfter(b, a) ? b : a;
    }

    /** The unsigned decimal form, as captures and pppd logs print it. */
    public static String toString(int sequenceNumber) {
        return Integer.toUnsignedString(sequenceNumber);
    }
}
