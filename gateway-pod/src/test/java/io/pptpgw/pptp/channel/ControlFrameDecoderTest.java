package io.pptpgw.pptp.channel;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.pptpgw.pptp.control.ControlMessage;
import io.pptpgw.pptp.control.ControlMessageCodec;
import io.pptpgw.pptp.control.ControlMessageSamples;
import io.pptpgw.pptp.control.DecodedFrame;
import io.pptpgw.pptp.control.EchoRequest;
import io.pptpgw.pptp.control.MalformedControlMessage;
import io.pptpgw.pptp.control.MalformedControlMessage.Reason;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The pipeline codec over a TCP stream: partial reads, coalesced reads, and a stream that cannot be followed. */
class ControlFrameDecoderTest {
    private final List<ControlMessage> messages = ControlMessageSamples.all();

    @Test
    void everyMessageFedOneOctetAtATimeComesOutOnce() {
        EmbeddedChannel channel = decoderChannel();
        List<ByteBuf> fed = new ArrayList<>();
        for (byte octet : stream(messages)) {
            ByteBuf one = Unpooled.wrappedBuffer(new byte[] {octet});
            fed.add(one);
            channel.writeInbound(one);
        }
        assertThat(readAll(channel)).containsExactlyElementsOf(messages);
        assertThat(fed).allMatch(buffer -> buffer.refCnt() == 0, "released");
        assertThat(channel.finishAndReleaseAll()).isFalse();
    }

    @Test
    void allMessagesCoalescedInOneReadComeOutInOrder() {
        EmbeddedChannel channel = decoderChannel();
        channel.writeInbound(Unpooled.wrappedBuffer(stream(messages)));
        assertThat(readAll(channel)).containsExactlyElementsOf(messages);
        assertThat(channel.finishAndReleaseAll()).isFalse();
    }

    @Test
    void twoMessagesSplitAtEveryPositionComeOutWhole() {
        byte[] wire = stream(List.of(messages.get(0), messages.get(13)));
        for (int split = 1; split < wire.length; split++) {
            EmbeddedChannel channel = decoderChannel();
            channel.writeInbound(Unpooled.wrappedBuffer(wire, 0, split));
            channel.writeInbound(Unpooled.wrappedBuffer(wire, split, wire.length - split));
            assertThat(readAll(channel)).as("split at %d", split).containsExactly(messages.get(0), messages.get(13));
            channel.finishAndReleaseAll();
        }
    }

    @Test
    void aWellFramedBadMessageIsAValueAndTheStreamGoesOn() {
        byte[] bad = bytes(new EchoRequest(1));
        bad[4] = 0;
        EmbeddedChannel channel = decoderChannel();
        channel.writeInbound(Unpooled.wrappedBuffer(bad, bytes(new EchoRequest(2))));
        assertThat(readAll(channel))
                .containsExactly(
                        new MalformedControlMessage(Reason.BAD_MAGIC_COOKIE, "Magic Cookie 0x2b3c4d is not 0x1a2b3c4d"),
                        new EchoRequest(2));
        channel.finishAndReleaseAll();
    }

    @Test
    void lengthBeyondTheLongestMessageIsReportedOnceThenEverythingIsDiscarded() {
        EmbeddedChannel channel = decoderChannel();
        channel.writeInbound(Unpooled.wrappedBuffer(new byte[] {0x10, 0x00, 0, 1}));
        channel.writeInbound(Unpooled.wrappedBuffer(bytes(new EchoRequest(2))));
        assertThat(readAll(channel))
                .containsExactly(new MalformedControlMessage(
                        Reason.LENGTH_OUT_OF_RANGE, "PPTP length 4096 is outside 12..220; the stream is lost"));
        assertThat(channel.finishAndReleaseAll()).isFalse();
    }

    @Test
    void lengthShorterThanTheHeaderIsReportedBeforeWaitingForMore() {
        EmbeddedChannel channel = decoderChannel();
        channel.writeInbound(Unpooled.wrappedBuffer(new byte[] {0, 3}));
        assertThat(readAll(channel))
                .containsExactly(new MalformedControlMessage(
                        Reason.LENGTH_OUT_OF_RANGE, "PPTP length 3 is outside 12..220; the stream is lost"));
        channel.finishAndReleaseAll();
    }

    @Test
    void aStreamEndingInsideAMessageIsReportedOnceAsTruncated() {
        byte[] start = bytes(messages.get(0));
        EmbeddedChannel channel = decoderChannel();
        channel.writeInbound(Unpooled.wrappedBuffer(bytes(new EchoRequest(2)), java.util.Arrays.copyOf(start, 30)));
        channel.pipeline().fireChannelInactive();
        assertThat(readAll(channel))
                .containsExactly(
                        new EchoRequest(2),
                        new MalformedControlMessage(
                                Reason.TRUNCATED, "the stream ended 30 octets into a message of " + start.length));
        assertThat(channel.finishAndReleaseAll()).isFalse();
    }

    @Test
    void aStreamEndingBetweenMessagesIsNotTruncated() {
        EmbeddedChannel channel = decoderChannel();
        channel.writeInbound(Unpooled.wrappedBuffer(bytes(new EchoRequest(2))));
        channel.pipeline().fireChannelInactive();
        assertThat(readAll(channel)).containsExactly(new EchoRequest(2));
        assertThat(channel.finishAndReleaseAll()).isFalse();
    }

    @Test
    void encoderWritesOneExactBufferPerMessage() {
        EmbeddedChannel channel = new EmbeddedChannel(new ControlMessageEncoder());
        for (ControlMessage message : messages) {
            channel.writeOutbound(message);
            ByteBuf out = channel.readOutbound();
            assertThat(ByteBufUtil.getBytes(out)).isEqualTo(bytes(message));
            assertThat(out.release()).isTrue();
        }
        assertThat(channel.finishAndReleaseAll()).isFalse();
    }

    private static EmbeddedChannel decoderChannel() {
        return new EmbeddedChannel(new ControlFrameDecoder(), new ControlMessageDecoder());
    }

    private static List<DecodedFrame> readAll(EmbeddedChannel channel) {
        List<DecodedFrame> frames = new ArrayList<>();
        for (Object frame; (frame = channel.readInbound()) != null; ) {
            frames.add((DecodedFrame) frame);
        }
        return frames;
    }

    private static byte[] stream(List<ControlMessage> messages) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        messages.forEach(message -> out.writeBytes(bytes(message)));
        return out.toByteArray();
    }

    private static byte[] bytes(ControlMessage message) {
        ByteBuf out = Unpooled.buffer();
        try {
            ControlMessageCodec.encode(message, out);
            return ByteBufUtil.getBytes(out);
        } finally {
            out.release();
        }
    }
}
