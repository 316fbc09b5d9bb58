package io.pptpgw.sys;

import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static org.assertj.core.api.Assertions.assertThat;

import io.pptpgw.gre.PacketBatch;
import io.pptpgw.testing.Hex;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import org.junit.jupiter.api.Test;

/** The native structs as the x86-64 and aarch64 Linux ABIs lay them out, and what one send message holds. */
class MessageVectorTest {
    @Test
    void structLayoutsMatchTheLinuxAbi() {
        assertThat(MessageVector.IOVEC.byteSize()).isEqualTo(16);
        assertThat(MessageVector.MSGHDR.byteSize()).isEqualTo(56);
        assertThat(MessageVector.MMSGHDR.byteSize()).isEqualTo(64);
        assertThat(MessageVector.SOCKADDR_IN.byteSize()).isEqualTo(16);
        assertThat(MessageVector.CMSGHDR.byteSize()).isEqualTo(16);
        assertThat(MessageVector.IN_PKTINFO.byteSize()).isEqualTo(12);
        assertThat(Poller.POLLFD.byteSize()).isEqualTo(8);
    }

    @Test
    void aSendMessageCarriesTheDestinationThePacketAndBothControlMessages() {
        try (MessageVector vector = new MessageVector(2);
                PacketBatch batch = new PacketBatch(2, 128)) {
            batch.set(0, 0, 10, 0xC0000202, 0, 0);
            batch.set(1, 16, 40, 0xC6336402, 0xC000020B, 0x101);
            batch.count(2);

            vector.prepareSend(batch, 0, 2);

            MemorySegment messages = vector.messages().reinterpret(128);
            long second = MessageVector.MMSGHDR.byteSize();
            assertThat(messages.get(JAVA_LONG, 40))
                    .as("no control for a plain packet")
                    .isZero();
            MemorySegment name =
                    MemorySegment.ofAddress(messages.get(JAVA_LONG, second)).reinterpret(16);
            assertThat(Hex.string(name.toArray(ValueLayout.JAVA_BYTE)))
                    .isEqualTo("0200" + "0000" + "c6336402" + "0000000000000000");
            assertThat(messages.get(JAVA_INT, second + 8)).isEqualTo(16);
            MemorySegment iovec = MemorySegment.ofAddress(messages.get(JAVA_LONG, second + 16))
                    .reinterpret(16);
            assertThat(iovec.get(JAVA_LONG, 0)).isEqualTo(batch.segment().address() + 128 + 16);
            assertThat(iovec.get(JAVA_LONG, 8)).isEqualTo(40);
            long controlLength = messages.get(JAVA_LONG, second + 40);
            MemorySegment control = MemorySegment.ofAddress(messages.get(JAVA_LONG, second + 32))
                    .reinterpret(controlLength);
            assertThat(Hex.string(control.toArray(ValueLayout.JAVA_BYTE))).isEqualTo(Hex.string(Hex.bytes("""
                            1c00000000000000 00000000 08000000   # cmsg_len 28, IPPROTO_IP, IP_PKTINFO
                            00000000 c000020b 00000000 00000000  # ifindex 0, spec_dst 192.0.2.11, addr; padding
                            1400000000000000 01000000 24000000   # cmsg_len 20, SOL_SOCKET, SO_MARK
                            01010000 00000000                    # mark 0x101; padding
                            """)));
        }
    }
}
