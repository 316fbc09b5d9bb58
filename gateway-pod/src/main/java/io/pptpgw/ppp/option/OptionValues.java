package io.pptpgw.ppp.option;

/** Big-endian option values (RFC 1661 §6 sends every multi-octet field most significant octet first). */
public final class OptionValues {
    private OptionValues() {}

    public static byte[] unsigned16(int value) {
        return new byte[] {(byte) (value >> 8), (byte) value};
    }

    public static int unsigned16(byte[] value) {
        return ((value[0] & 0xFF) << 8) | (value[1] & 0xFF);
    }

    public static byte[] int32(int value) {
        return new byte[] {(byte) (value >> 24), (byte) (value >> 16), (byte) (value >> 8), (byte) value};
    }

    public static int int32(byte[] value) {
        return ((value[0] & 0xFF) << 24) | ((value[1] & 0xFF) << 16) | ((value[2] & 0xFF) << 8) | (value[3] & 0xFF);
    }
}
