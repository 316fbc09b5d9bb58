package io.pptpgw.pptp.channel;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;
import io.pptpgw.pptp.control.MalformedControlMessage;
import io.pptpgw.pptp.control.MalformedControlMessage.Reason;
import io.pptpgw.pptp.control.PptpSpec;
import java.util.List;

/**
 * Cuts the TCP byte stream into PPTP control frames, however the segments split or coalesce them. The Length field
 * counts the whole message, itself included, hence the adjustment of -2. A Length shorter than the header or longer
 * than any control message means the stream can no longer be followed: instead of Netty's exception, the decoder
 * emits one {@link MalformedControlMessage} and then discards everything until the handler closes the channel. A
 * stream that ends inside a message is reported once as truncated, so a peer that breaks off mid-message is counted.
 */
public final class ControlFrameDecoder extends LengthFieldBasedFrameDecoder {
    private final int maxFrameLength;
    private boolean discarding;

    public ControlFrameDecoder() {
        this(PptpSpec.LONGEST_MESSAGE_LENGTH);
    }

    public ControlFrameDecoder(int maxFrameLength) {
        super(maxFrameLength, 0, 2, -2, 0);
        if (maxFrameLength < PptpSpec.HEADER_LENGTH) {
            throw new IllegalArgumentException("maxFrameLength " + maxFrameLength + " is shorter than the "
                    + PptpSpec.HEADER_LENGTH + "-octet header");
        }
        this.maxFrameLength = maxFrameLength;
    }

    @Override
    protected Object decode(ChannelHandlerContext ctx, ByteBuf in) throws Exception {
        if (discarding) {
            in.skipBytes(in.readableBytes());
            return null;
        }
        if (in.readableBytes() >= 2) {
            int length = in.getUnsignedShort(in.readerIndex());
            if (length < PptpSpec.HEADER_LENGTH || length > maxFrameLength) {
                discarding = true;
                in.skipBytes(in.readableBytes());
                return new MalformedControlMessage(
                        Reason.LENGTH_OUT_OF_RANGE,
                        "PPTP length " + length + " is outside " + PptpSpec.HEADER_LENGTH + ".." + maxFrameLength
                                + "; the stream is lost");
            }
        }
        return super.decode(ctx, in);
    }

    @Override
    protected void decodeLast(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) throws Exception {
        super.decodeLast(ctx, in, out);
        if (!discarding && in.isReadable()) {
            int octets = in.readableBytes();
            String expected = octets >= 2 ? " of " + in.getUnsignedShort(in.readerIndex()) : "";
            in.skipBytes(octets);
            out.add(new MalformedControlMessage(
                    Reason.TRUNCATED, "the stream ended " + octets + " octets into a message" + expected));
        }
    }
}
