package io.pptpgw.net;

/**
 * A packet or connection mark (32 bits, {@code meta mark} / {@code ct mark} in nft, {@code fwmark} in
 * {@code ip rule}). Zero means "no mark" to the kernel, so it is not a valid WAN mark.
 */
public record FwMark(long value) implements NetValue {
    public static final long MAX = 0xFFFF_FFFFL;

    public FwMark {
        if (value < 1 || value > MAX) {
            throw new IllegalArgumentException("fwmark " + value + " must be 1 to " + MAX + " (0 means no mark)");
        }
    }

    /** The mark as {@code ip rule} prints it: {@code 0x101}. */
    public String hex() {
        return "0x" + Long.toHexString(value);
    }

    @Override
    public String toString() {
        return Long.toString(value);
    }
}
