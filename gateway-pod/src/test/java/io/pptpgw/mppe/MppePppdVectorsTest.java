package io.pptpgw.mppe;

import static org.assertj.core.api.Assertions.assertThat;

import io.pptpgw.crypto.NtHash;
import io.pptpgw.gre.EnhancedGreHeader;
import io.pptpgw.testing.Vectors;
import java.lang.foreign.MemorySegment;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * MPPE-128 stateless against the Linux kernel's ppp_mppe, from a call captured in the interop test
 * ({@code vectors/ppp/pppd-2.4.9-mppe-128-stateless.hex}): the keys come from that call's MS-CHAPv2 exchange
 * (RFC 3079 §3) with alice's password, pppd's encrypted ping decrypts on our gateway's side to IPv4 echo requests from
 * 10.250.0.2 to 10.250.0.1, and our encrypted replies decrypt on the client's side to echo replies.
 */
class MppePppdVectorsTest {
    private static final Vectors CALL = Vectors.load("/vectors/ppp/pppd-2.4.9-mppe-128-stateless.hex");
    private static final int ICMP = 1;

    @Test
    void pppdsPingDecryptsOnOurSideAndOurRepliesOnPppds() {
        byte[] ntResponse = Arrays.copyOfRange(information("pppd-chap-response"), 5 + 24, 5 + 48);
        byte[] passwordHash = NtHash.ofPassword("alice-password");
        MppeCipher gatewayReceives =
                MppeCipher.receiving(MppeKeys.masterKeys(passwordHash, ntResponse, true), KeyStrength.BITS_128, true);
        MppeCipher clientReceives =
                MppeCipher.receiving(MppeKeys.masterKeys(passwordHash, ntResponse, false), KeyStrength.BITS_128, true);

        for (String name : List.of("pppd-mppe", "pppd-mppe-2", "pppd-mppe-3")) {
            assertThat(icmpType(decrypt(gatewayReceives, name), "10.250.0.2", "10.250.0.1"))
                    .as(name + ": ICMP echo request")
                    .isEqualTo(8);
        }
        for (String name : List.of("pptpgw-mppe", "pptpgw-mppe-2", "pptpgw-mppe-3")) {
            assertThat(icmpType(decrypt(clientReceives, name), "10.250.0.1", "10.250.0.2"))
                    .as(name + ": ICMP echo reply")
                    .isEqualTo(0);
        }
    }

    /** The decrypted PPP protocol and IPv4 packet of one captured MPPE packet. */
    private static byte[] decrypt(MppeCipher cipher, String name) {
        byte[] mppe = information(name);
        DecryptResult result = cipher.decrypt(MemorySegment.ofArray(mppe), 0, mppe.length);
        assertThat(result).as(name).isEqualTo(DecryptResult.OK);
        return Arrays.copyOfRange(mppe, MppeHeader.LENGTH, mppe.length);
    }

    private static int icmpType(byte[] plaintext, String source, String destination) {
        int ip = (plaintext[0] & 1) == 1 ? 1 : 2; // the protocol field, compressed (PFC) or not
        assertThat(ip == 1 ? plaintext[0] & 0xFF : ((plaintext[0] & 0xFF) << 8) | (plaintext[1] & 0xFF))
                .as("PPP protocol IPv4")
                .isEqualTo(0x21);
        assertThat(plaintext[ip] & 0xFF).as("IPv4, 20-octet header").isEqualTo(0x45);
        assertThat(plaintext[ip + 9] & 0xFF).as("protocol ICMP").isEqualTo(ICMP);
        assertThat(address(plaintext, ip + 12)).isEqualTo(source);
        assertThat(address(plaintext, ip + 16)).isEqualTo(destination);
        return plaintext[ip + 20] & 0xFF;
    }

    private static String address(byte[] packet, int offset) {
        return (packet[offset] & 0xFF) + "." + (packet[offset + 1] & 0xFF) + "." + (packet[offset + 2] & 0xFF) + "."
                + (packet[offset + 3] & 0xFF);
    }

    /** The PPP information field of a captured GRE packet: after the GRE header and the PPP address and protocol. */
    private static byte[] information(String name) {
        byte[] packet = CALL.bytes(name);
        EnhancedGreHeader header = new EnhancedGreHeader();
        assertThat(header.parse(MemorySegment.ofArray(packet), 0, packet.length))
                .as(name)
                .isTrue();
        int offset = (int) header.payloadOffset();
        if ((packet[offset] & 0xFF) == 0xFF) {
            offset += 2; // address and control, unless ACFC left them out
        }
        offset += (packet[offset] & 1) == 1 ? 1 : 2; // the protocol, one octet with PFC
        return Arrays.copyOfRange(packet, offset, (int) header.payloadOffset() + header.payloadLength());
    }
}
