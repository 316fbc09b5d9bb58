package io.pptpgw.pptp.channel;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToByteEncoder;
import io.pptpgw.pptp.control.ControlMessage;
import io.pptpgw.pptp.control.ControlMessageCodec;

/**
 * Writes each {@link ControlMessage} into a buffer of its exact length. Callers write and flush one message at a
 * time, so each goes out in its own TCP segment: the Linux PPTP conntrack helper parses only the first message of
 * a segment, and a NAT between client and gateway depends on it seeing every call setup.
 */
@Sharable
public final class ControlMessageEncoder extends MessageToByteEncoder<ControlMessage> {
    public ControlMessageEncoder() {
        super(ControlMessage.class);
    }

    @Override
    protected ByteBuf allocateBuffer(ChannelHandlerContext ctx, ControlMessage message, boolean preferDirect) {
        int length = message.type().wireLength();
        return preferDirect ? ctx.alloc().ioBuffer(length, length) : ctx.alloc().heapBuffer(length, length);
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, ControlMessage message, ByteBuf out) {
        ControlMessageCodec.encode(message, out);
    }
}
