package io.pptpgw.ppp;

import static org.assertj.core.api.Assertions.assertThat;

import io.pptpgw.testing.Hex;
import io.pptpgw.testing.WireFormatContract;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The control packet codec against RFC 1661 §5. The contract's decode asks for exactly one packet, so a decoding that
 * reports padding counts as "not exactly these bytes"; that padding is otherwise ignored on receipt is shown apart.
 */
class ControlPacketCodecTest implements WireFormatContract<ControlPacket> {
    @Override
    public List<ControlPacket> samples() {
        return List.of(
                new ControlPacket(1, 0x01, Hex.bytes("0104 0578 0506 5e1f2a33 0702 0802")),
                new ControlPacket(2, 0xFF, Hex.bytes("0506 5e1f2a33")),
                new ControlPacket(5, 0x00, new byte[0]),
                new ControlPacket(9, 0x7F, Hex.bytes("5e1f2a33")),
                new ControlPacket(0xFF, 0x80, new byte[300]));
    }

    @Override
    public byte[] encode(ControlPacket value) {
        return ControlPacketCodec.encode(value);
    }

    @Override
    public ControlPacket decode(byte[] wire) {
        return ControlPacketCodec.decode(wire) instanceof ControlPacketCodec.Decoded decoded
                        && decoded.paddingLength() == 0
                ? decoded.packet()
                : null;
    }

    @Test
    void encodesHeaderThenData() {
        // pppd: sent [LCP ConfReq id=0x1 <mru 1400> <magic 0x5e1f2a33>]
        ControlPacket packet = new ControlPacket(1, 1, Hex.bytes("0104 0578 0506 5e1f2a33"));
        assertThat(ControlPacketCodec.encode(packet)).isEqualTo(Hex.bytes("01 01 000e 0104 0578 0506 5e1f2a33"));
    }

    @Test
    void octetsBeyondLengthArePaddingAndIgnored() {
        byte[] padded = Hex.bytes("09 07 0008 5e1f2a33  0000 0000 00");
        assertThat(ControlPacketCodec.decode(padded))
                .isEqualTo(new ControlPacketCodec.Decoded(new ControlPacket(9, 7, Hex.bytes("5e1f2a33")), 5));
    }

    @Test
    void shorterThanTheHeaderIsMalformed() {
        assertThat(ControlPacketCodec.decode(Hex.bytes("01 01 00")))
                .isEqualTo(new ControlPacketCodec.Malformed(
                        "control packet of 3 bytes is shorter than its 4-byte header (RFC 1661 §5)"));
    }

    @Test
    void lengthFieldBelowTheHeaderIsMalformed() {
        assertThat(ControlPacketCodec.decode(Hex.bytes("01 01 0003 00")))
                .isEqualTo(new ControlPacketCodec.Malformed(
                        "Length field 3 is shorter than the 4-byte header (RFC 1661 §5)"));
    }

    @Test
    void lengthFieldBeyondTheBytesReceivedIsMalformed() {
        assertThat(ControlPacketCodec.decode(Hex.bytes("01 01 0010 0104 0578")))
                .isEqualTo(
                        new ControlPacketCodec.Malformed("Length field 16 exceeds the 8 bytes received (RFC 1661 §5)"));
    }

    @Test
    void decodesAtAnOffsetWithoutReadingOutside() {
        byte[] frame = Hex.bytes("ff03 c021  06 02 0004  ee ee");
        assertThat(ControlPacketCodec.decode(frame, 4, 4))
                .isEqualTo(new ControlPacketCodec.Decoded(new ControlPacket(6, 2, new byte[0]), 0));
    }
}
