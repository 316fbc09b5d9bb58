package io.pptpgw.crypto;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.util.Objects;

/**
 * RC4, the stream cipher MPPE uses (RFC 3078 §1), XORed in place over a byte range. One instance holds one key
 * schedule; {@link #setKey} re-initialises it without allocating, so a cipher direction reuses one instance for its
 * whole life. Not thread safe: one writer per direction, as the data path is built.
 */
public final class Rc4 {
    private static final ValueLayout.OfLong LITTLE_ENDIAN_LONG =
            ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    private final int[] state = new int[256];
    private int i;
    private int j;

    /** The key-scheduling algorithm over {@code length} key octets (1 to 256). */
    public void setKey(byte[] key, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, key.length);
        if (length < 1 || length > 256) {
            throw new IllegalArgumentException("RC4 key length " + length + " is outside 1..256");
        }
        int[] s = state;
        for (int k = 0; k < 256; k++) {
            s[k] = k;
        }
        int jj = 0;
        for (int k = 0; k < 256; k++) {
            int t = s[k];
            jj = (jj + t + (key[offset + k % length] & 0xFF)) & 0xFF;
            s[k] = s[jj];
            s[jj] = t;
        }
        i = 0;
        j = 0;
    }

    public void setKey(byte[] key) {
        setKey(key, 0, key.length);
    }

    /** XORs the next key-stream octets over {@code data[offset, offset + length)}. */
    public void process(byte[] data, int offset, int length) {
        process(data, offset, data, offset, length);
    }

    public void process(byte[] in, int inOffset, byte[] out, int outOffset, int length) {
        Objects.checkFromIndexSize(inOffset, length, in.length);
        Objects.checkFromIndexSize(outOffset, length, out.length);
        int[] s = state;
        int ii = i;
        int jj = j;
        for (int k = 0; k < length; k++) {
            ii = (ii + 1) & 0xFF;
            int si = s[ii];
            jj = (jj + si) & 0xFF;
            int sj = s[jj];
            s[ii] = sj;
            s[jj] = si;
            out[outOffset + k] = (byte) (in[inOffset + k] ^ s[(si + sj) & 0xFF]);
        }
        i = ii;
        j = jj;
    }

    /**
     * XORs the next key-stream octets in place over {@code segment[offset, offset + length)}, eight at a time. The
     * indices live in locals for the whole range: kept in fields, every octet paid a load and a store for each.
     */
    public void process(MemorySegment segment, long offset, long length) {
        Objects.checkFromIndexSize(offset, length, segment.byteSize());
        int[] s = state;
        int ii = i;
        int jj = j;
        long position = offset;
        long end = offset + length;
        for (; position + Long.BYTES <= end; position += Long.BYTES) {
            long keyStream = 0;
            for (int shift = 0; shift < Long.SIZE; shift += Byte.SIZE) {
                ii = (ii + 1) & 0xFF;
                int si = s[ii];
                jj = (jj + si) & 0xFF;
                int sj = s[jj];
                s[ii] = sj;
                s[jj] = si;
                keyStream |= (long) s[(si + sj) & 0xFF] << shift;
            }
            segment.set(LITTLE_ENDIAN_LONG, position, segment.get(LITTLE_ENDIAN_LONG, position) ^ keyStream);
        }
        i = ii;
        j = jj;
        for (; position < end; position++) {
            segment.set(ValueLayout.JAVA_BYTE, position, (byte)
                    (segment.get(ValueLayout.JAVA_BYTE, position) ^ nextKeyStreamOctet()));
        }
    }

    private int nextKeyStreamOctet() {
        int[] s = state;
        i = (i + 1) & 0xFF;
        int si = s[i];
        j = (j + si) & 0xFF;
        int sj = s[j];
        s[i] = sj;
        s[j] = si;
        return s[(si + sj) & 0xFF];
    }
}
