package io.pptpgw.pptp.control;

import io.pptpgw.pptp.control.GeneralError.Known;
import java.util.List;

/** Valid messages of every type, at the edges of their fields: zero, all ones, empty and full-length strings. */
public final class ControlMessageSamples {
    static final long MAX32 = 0xFFFF_FFFFL;
    static final String FULL_64 = "h".repeat(64);
    static final String FULL_128 = "s".repeat(128);

    private ControlMessageSamples() {}

    public static List<ControlMessage> all() {
        return List.of(
                new StartControlConnectionRequest(0x0100, 1, 1, 0, 1, "local", "cananian"),
                new StartControlConnectionRequest(0xFFFF, MAX32, MAX32, 0xFFFF, 0xFFFF, FULL_64, FULL_64),
                new StartControlConnectionRequest(0, 0, 0, 0, 0, "", ""),
                new StartControlConnectionReply(
                        0x0100,
                        StartControlConnectionReply.ResultCode.Known.SUCCESSFUL_CHANNEL_ESTABLISHMENT,
                        Known.NONE,
                        3,
                        3,
                        65535,
                        1,
                        "gw",
                        "pptpgw"),
                new StartControlConnectionReply(
                        0xFFFF,
                        new StartControlConnectionReply.ResultCode.Unknown(255),
                        new GeneralError.Unknown(255),
                        MAX32,
                        MAX32,
                        0xFFFF,
                        0xFFFF,
                        FULL_64,
                        FULL_64),
                new StopControlConnectionRequest(StopControlConnectionRequest.Reason.Known.STOP_LOCAL_SHUTDOWN),
                new StopControlConnectionRequest(new StopControlConnectionRequest.Reason.Unknown(0)),
                new StopControlConnectionReply(StopControlConnectionReply.ResultCode.Known.OK, Known.NONE),
                new StopControlConnectionReply(
                        StopControlConnectionReply.ResultCode.Known.GENERAL_ERROR, Known.PAC_ERROR),
                new EchoRequest(0),
                new EchoRequest(MAX32),
                new EchoReply(MAX32, EchoReply.ResultCode.Known.OK, Known.NONE),
                new EchoReply(7, new EchoReply.ResultCode.Unknown(9), Known.NOT_CONNECTED),
                new OutgoingCallRequest(0x1f2a, 1, 300, 100_000_000, 3, 3, 64, 0, "", ""),
                new OutgoingCallRequest(0xFFFF, 0xFFFF, MAX32, MAX32, MAX32, MAX32, 0xFFFF, 0xFFFF, FULL_64, FULL_64),
                new OutgoingCallReply(
                        0x4001, 0x1f2a, OutgoingCallReply.ResultCode.Known.CONNECTED, Known.NONE, 0, 0, 64, 0, 0),
                new OutgoingCallReply(
                        0xFFFF,
                        0xFFFF,
                        new OutgoingCallReply.ResultCode.Unknown(200),
                        Known.NO_RESOURCE,
                        0xFFFF,
                        MAX32,
                        0xFFFF,
                        0xFFFF,
                        MAX32),
                new IncomingCallRequest(1, 2, 1, 3, "5551234", "5556789", "sub"),
                new IncomingCallRequest(0xFFFF, 0xFFFF, MAX32, MAX32, FULL_64, FULL_64, FULL_64),
                new IncomingCallReply(0, 1, IncomingCallReply.ResultCode.Known.DO_NOT_ACCEPT, Known.NONE, 0, 0),
                new IncomingCallReply(
                        0xFFFF, 0xFFFF, new IncomingCallReply.ResultCode.Unknown(4), Known.BAD_CALL_ID, 0xFFFF, 0xFFFF),
                new IncomingCallConnected(0x1234, 64000, 16, 0, 1),
                new IncomingCallConnected(0xFFFF, MAX32, 0xFFFF, 0xFFFF, MAX32),
                new CallClearRequest(0x1f2a),
                new CallClearRequest(0xFFFF),
                new CallDisconnectNotify(0x4001, CallDisconnectNotify.ResultCode.Known.REQUEST, Known.NONE, 0, ""),
                new CallDisconnectNotify(
                        0xFFFF, new CallDisconnectNotify.ResultCode.Unknown(0), Known.BAD_VALUE, 0xFFFF, FULL_128),
                new WanErrorNotify(0x1f2a, 1, 2, 3, 4, 5, 6),
                new WanErrorNotify(0xFFFF, MAX32, MAX32, MAX32, MAX32, MAX32, MAX32),
                new SetLinkInfo(0x4001, MAX32, 0),
                new SetLinkInfo(0, 0, MAX32));
    }
}
