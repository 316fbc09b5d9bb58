package io.pptpgw.pptp.channel;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageDecoder;
import io.pptpgw.pptp.control.ControlMessage;
import io.pptpgw.pptp.control.ControlMessageCodec;
import io.pptpgw.pptp.control.DecodedFrame;
import io.pptpgw.pptp.control.MalformedControlMessage;
import java.util.List;

/**
 * Turns each frame from {@link ControlFrameDecoder} into a {@link DecodedFrame}: a {@link ControlMessage} or a
 * {@link MalformedControlMessage}. The frame is released here; the values hold no buffers.
 */
@Sharable
public final class ControlMessageDecoder extends MessageToMessageDecoder<ByteBuf> {
    public ControlMessageDecoder() {
        super(ByteBuf.class);
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf frame, List<Object> out) {
        out.add(ControlMessageCodec.decode(frame));
    }
}
