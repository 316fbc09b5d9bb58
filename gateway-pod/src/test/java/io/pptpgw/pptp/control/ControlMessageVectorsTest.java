package io.pptpgw.pptp.control;

import static io.pptpgw.pptp.control.ControlMessageCodecTest.bytes;
import static io.pptpgw.pptp.control.ControlMessageCodecTest.decodeFrame;
import static org.assertj.core.api.Assertions.assertThat;

import io.pptpgw.pptp.control.GeneralError.Known;
import io.pptpgw.testing.Hex;
import org.junit.jupiter.api.Test;

/**
 * One byte vector per control message type, written by hand from the field layouts of RFC 2637 §2.1 to §2.15 (not
 * produced by our encoder), decoded to the expected record and encoded back to the same bytes.
 */
class ControlMessageVectorsTest {
    @Test
    void startControlConnectionRequest() {
        check(
                """
                009c 0001 1a2b3c4d 0001 0000   # Length 156, control message, Magic Cookie, type 1, Reserved0
                0100 0000                      # Protocol Version 1.0, Reserved1
                00000001 00000001              # Framing Capabilities async, Bearer Capabilities analog
                0000 0001                      # Maximum Channels 0, Firmware Revision 1
                """ + padded("6c6f63616c", 64) // Host Name "local"
                        + padded("63616e616e69616e", 64), // Vendor String "cananian"
                new StartControlConnectionRequest(0x0100, 1, 1, 0, 1, "local", "cananian"));
    }

    @Test
    void startControlConnectionReply() {
        check(
                """
                009c 0001 1a2b3c4d 0002 0000   # Length 156, type 2
                0100 01 00                     # Protocol Version 1.0, Result 1 (Successful), Error 0
                00000003 00000003              # Framing Capability async|sync, Bearer Capability analog|digital
                ffff 0002                      # Maximum Channels 65535, Firmware Revision 2
                """ + padded("6777", 64) // Host Name "gw"
                        + padded("707074706777", 64), // Vendor String "pptpgw"
                new StartControlConnectionReply(
                        0x0100,
                        StartControlConnectionReply.ResultCode.Known.SUCCESSFUL_CHANNEL_ESTABLISHMENT,
                        Known.NONE,
                        3,
                        3,
                        0xFFFF,
                        2,
                        "gw",
                        "pptpgw"));
    }

    @Test
    void stopControlConnectionRequest() {
        check("""
                0010 0001 1a2b3c4d 0003 0000   # Length 16, type 3
                03 00 0000                     # Reason 3 (Stop-Local-Shutdown), Reserved1, Reserved2
                """, new StopControlConnectionRequest(StopControlConnectionRequest.Reason.Known.STOP_LOCAL_SHUTDOWN));
    }

    @Test
    void stopControlConnectionReply() {
        check("""
                0010 0001 1a2b3c4d 0004 0000   # Length 16, type 4
                01 00 0000                     # Result 1 (OK), Error 0, Reserved1
                """, new StopControlConnectionReply(StopControlConnectionReply.ResultCode.Known.OK, Known.NONE));
    }

    @Test
    void echoRequest() {
        check("""
                0010 0001 1a2b3c4d 0005 0000   # Length 16, type 5
                deadbeef                       # Identifier
                """, new EchoRequest(0xDEADBEEFL));
    }

    @Test
    void echoReply() {
        check("""
                0014 0001 1a2b3c4d 0006 0000   # Length 20, type 6
                deadbeef                       # Identifier
                01 00 0000                     # Result 1 (OK), Error 0, Reserved1
                """, new EchoReply(0xDEADBEEFL, EchoReply.ResultCode.Known.OK, Known.NONE));
    }

    @Test
    void outgoingCallRequest() {
        check(
                """
                00a8 0001 1a2b3c4d 0007 0000   # Length 168, type 7
                1f2a 0001                      # Call ID 0x1f2a, Call Serial Number 1
                0000012c 05f5e100              # Minimum BPS 300, Maximum BPS 100000000
                00000003 00000003              # Bearer Type any, Framing Type any
                0040 0000                      # Packet Recv. Window Size 64, Packet Processing Delay 0
                0008 0000                      # Phone Number Length 8, Reserved1
                """ + padded("31302e302e302e31", 64) // Phone Number "10.0.0.1"
                        + padded("", 64), // Subaddress
                new OutgoingCallRequest(0x1f2a, 1, 300, 100_000_000, 3, 3, 64, 0, "10.0.0.1", ""));
    }

    @Test
    void outgoingCallReply() {
        check(
                """
                0020 0001 1a2b3c4d 0008 0000   # Length 32, type 8
                4001 1f2a                      # Call ID 0x4001, Peer's Call ID 0x1f2a
                01 00 0000                     # Result 1 (Connected), Error 0, Cause Code 0
                05f5e100                       # Connect Speed 100000000
                0040 0000                      # Packet Recv. Window Size 64, Packet Processing Delay 0
                00000000                       # Physical Channel ID
                """,
                new OutgoingCallReply(
                        0x4001,
                        0x1f2a,
                        OutgoingCallReply.ResultCode.Known.CONNECTED,
                        Known.NONE,
                        0,
                        100_000_000,
                        64,
                        0,
                        0));
    }

    @Test
    void outgoingCallReplyRefusal() {
        check(
                """
                0020 0001 1a2b3c4d 0008 0000   # Length 32, type 8
                0000 1f2a                      # Call ID 0 (none), Peer's Call ID 0x1f2a
                02 04 0000                     # Result 2 (General Error), Error 4 (No-Resource), Cause Code 0
                00000000 0000 0000 00000000    # Connect Speed, Window, Delay, Physical Channel ID
                """,
                new OutgoingCallReply(
                        0, 0x1f2a, OutgoingCallReply.ResultCode.Known.GENERAL_ERROR, Known.NO_RESOURCE, 0, 0, 0, 0, 0));
    }

    @Test
    void incomingCallRequest() {
        check(
                """
                00dc 0001 1a2b3c4d 0009 0000   # Length 220, type 9
                0001 0002                      # Call ID 1, Call Serial Number 2
                00000001 00000003              # Call Bearer Type analog, Physical Channel ID 3
                0003 0002                      # Dialed Number Length 3, Dialing Number Length 2
                """ + padded("353535", 64) // Dialed Number "555"
                        + padded("3132", 64) // Dialing Number "12"
                        + padded("", 64), // Subaddress
                new IncomingCallRequest(1, 2, 1, 3, "555", "12", ""));
    }

    @Test
    void incomingCallReply() {
        check("""
                0018 0001 1a2b3c4d 000a 0000   # Length 24, type 10
                0000 0001                      # Call ID 0, Peer's Call ID 1
                03 00 0010                     # Result 3 (Do Not Accept), Error 0, Packet Recv. Window Size 16
                0000 0000                      # Packet Transmit Delay 0, Reserved1
                """, new IncomingCallReply(0, 1, IncomingCallReply.ResultCode.Known.DO_NOT_ACCEPT, Known.NONE, 16, 0));
    }

    @Test
    void incomingCallConnected() {
        check("""
                001c 0001 1a2b3c4d 000b 0000   # Length 28, type 11
                1234 0000                      # Peer's Call ID 0x1234, Reserved1
                0000fa00                       # Connect Speed 64000
                0010 0000                      # Packet Recv. Window Size 16, Packet Transmit Delay 0
                00000001                       # Framing Type async
                """, new IncomingCallConnected(0x1234, 64000, 16, 0, 1));
    }

    @Test
    void callClearRequest() {
        check("""
                0010 0001 1a2b3c4d 000c 0000   # Length 16, type 12
                1f2a 0000                      # Call ID 0x1f2a, Reserved1
                """, new CallClearRequest(0x1f2a));
    }

    @Test
    void callDisconnectNotify() {
        check(
                """
                0094 0001 1a2b3c4d 000d 0000   # Length 148, type 13
                4001 04 00                     # Call ID 0x4001, Result 4 (Request), Error 0
                0000 0000                      # Cause Code 0, Reserved1
                """ + padded("6f6b", 128), // Call Statistics "ok"
                new CallDisconnectNotify(0x4001, CallDisconnectNotify.ResultCode.Known.REQUEST, Known.NONE, 0, "ok"));
    }

    @Test
    void wanErrorNotify() {
        check("""
                0028 0001 1a2b3c4d 000e 0000   # Length 40, type 14
                1f2a 0000                      # Peer's Call ID 0x1f2a, Reserved1
                00000001 00000002 00000003     # CRC Errors, Framing Errors, Hardware Overruns
                00000004 00000005 00000006     # Buffer Overruns, Time-out Errors, Alignment Errors
                """, new WanErrorNotify(0x1f2a, 1, 2, 3, 4, 5, 6));
    }

    @Test
    void setLinkInfo() {
        check("""
                0018 0001 1a2b3c4d 000f 0000   # Length 24, type 15
                4001 0000                      # Peer's Call ID 0x4001, Reserved1
                ffffffff 00000000              # Send ACCM, Receive ACCM
                """, new SetLinkInfo(0x4001, 0xFFFF_FFFFL, 0));
    }

    /** A string's hex digits followed by NUL octets up to the field's size. */
    private static String padded(String hex, int fieldLength) {
        return hex + "00".repeat(fieldLength - hex.length() / 2) + "\n";
    }

    private static void check(String hex, ControlMessage expected) {
        byte[] wire = Hex.bytes(hex);
        assertThat(wire).as("vector length").hasSize(expected.type().wireLength());
        assertThat(decodeFrame(wire)).isEqualTo(expected);
        assertThat(Hex.string(bytes(expected))).isEqualTo(Hex.string(wire));
    }
}
