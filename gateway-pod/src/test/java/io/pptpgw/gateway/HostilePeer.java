package io.pptpgw.gateway;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.pptpgw.client.ClientSession;
import io.pptpgw.client.Pinger;
import io.pptpgw.client.PptpClient;
import io.pptpgw.client.control.ClientSettings;
import io.pptpgw.dataplane.DataPlaneSettings;
import io.pptpgw.gre.PacketBatch;
import io.pptpgw.net.Ipv4Address;
import io.pptpgw.ppp.LinkSettings;
import io.pptpgw.ppp.auth.credentials.Credential;
import io.pptpgw.ppp.ccp.MppePolicy;
import io.pptpgw.ppp.ipcp.IpcpSettings;
import io.pptpgw.ppp.lcp.LcpSettings;
import io.pptpgw.pptp.control.CallClearRequest;
import io.pptpgw.pptp.control.ControlMessage;
import io.pptpgw.pptp.control.ControlMessageCodec;
import io.pptpgw.pptp.control.DecodedFrame;
import io.pptpgw.pptp.control.EchoReply;
import io.pptpgw.pptp.control.EchoRequest;
import io.pptpgw.pptp.control.GeneralError;
import io.pptpgw.pptp.control.SetLinkInfo;
import io.pptpgw.pptp.control.StartControlConnectionReply;
import io.pptpgw.pptp.control.StartControlConnectionRequest;
import io.pptpgw.sys.RawGreSocket;
import io.pptpgw.testing.Hex;
import io.pptpgw.tun.InMemoryTun;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * Test program: a hostile peer of the gateway, run from the client's namespace while a good session is up. It sends
 * broken control messages on TCP 1723 (one connection per kind), crafted GRE on a raw socket (broken headers, an
 * unknown Call ID, the good session's Call ID with stale, far-ahead and acknowledgement-only packets, then seeded
 * fuzz), and garbage PPP in a call of its own. Prints one line per attack with what the gateway did, then {@code DONE}.
 *
 * <p>Arguments: server address, the good session's Call ID at the gateway and at its client, user, password.
 */
public final class HostilePeer {
    private static final int PORT = 1723;
    private static final Duration PATIENCE = Duration.ofSeconds(10);
    static final int FUZZ_PACKETS = 500;
    private static final int FUZZ_BATCH = 50;
    private static final long FUZZ_SEED = 47;

    private HostilePeer() {}

    public static void main(String[] args) throws Exception {
        String server = args[0];
        int goodCallId = Integer.parseInt(args[1]);
        int goodClientCallId = Integer.parseInt(args[2]);
        controlAttacks(server, goodCallId, goodClientCallId);
        greAttacks(Ipv4Address.parse(server).bits(), goodCallId);
        pppAttacks(server, args[3], args[4]);
        System.out.println("DONE");
    }

    private static void controlAttacks(String server, int goodCallId, int goodClientCallId) throws IOException {
        byte[] start = encode(new StartControlConnectionRequest(0x0100, 1, 1, 0, 0, "hostile", "pptpgw-test"));
        report("bad-magic", server, null, patched(start, 4, "DEADBEEF"));
        report("not-a-control-message", server, null, patched(start, 2, "0002"));
        report("length-below-header", server, null, Hex.bytes("0005 0001 1A2B3C4D 0001 0000"));
        report("length-beyond-any-message", server, null, patched(start, 0, "FFFF"));
        report("truncated", server, null, Arrays.copyOf(start, 30));
        byte[] noise = new byte[2000];
        new SplittableRandom(1723).nextBytes(noise);
        report("noise", server, null, noise);
        byte[] echo = encode(new EchoRequest(7));
        report("unknown-message-type", server, start, patched(echo, 8, "0063"));
        report("reserved0-not-zero", server, start, patched(echo, 10, "0001"));
        byte[] longEcho = Arrays.copyOf(echo, echo.length + 4);
        report("wrong-length-for-type", server, start, patched(longEcho, 0, "0014"));
        report(
                "reply-nobody-asked-for",
                server,
                start,
                encode(new EchoReply(9, EchoReply.ResultCode.Known.OK, GeneralError.Known.NONE)));
        // Another connection's calls are out of reach: Call IDs are looked up on the connection they arrive on.
        report("clear-another-connections-call", server, start, encode(new CallClearRequest(goodClientCallId)));
        report("link-info-for-another-connections-call", server, start, encode(new SetLinkInfo(goodCallId, 0, 0)));
    }

    /**
     * One connection: optionally establish it with {@code establish}, send {@code attack}, then an Echo-Request.
     * Prints whether the gateway closed the connection or answered the echo (the stream still in step).
     */
    private static void report(String name, String server, byte[] establish, byte[] attack) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(server, PORT), (int) PATIENCE.toMillis());
            socket.setSoTimeout((int) PATIENCE.toMillis());
            socket.setTcpNoDelay(true);
            DataInputStream in = new DataInputStream(socket.getInputStream());
            if (establish != null) {
                socket.getOutputStream().write(establish);
                if (!(readFrame(in) instanceof StartControlConnectionReply)) {
                    System.out.println("CONTROL " + name + " not-established");
                    return;
                }
            }
            socket.getOutputStream().write(attack);
            String outcome;
            if (name.equals("truncated")) {
                socket.shutdownOutput();
                outcome = closedWithin(in) ? "closed" : "open";
            } else {
                socket.getOutputStream().write(encode(new EchoRequest(42)));
                outcome = awaitEchoReply(in);
            }
            System.out.println("CONTROL " + name + " " + outcome);
        }
    }

    /** "in-step" if the echo is answered, "closed" if the gateway closes first, "silent" otherwise. */
    private static String awaitEchoReply(DataInputStream in) throws IOException {
        try {
            while (true) {
                DecodedFrame frame = readFrame(in);
                if (frame instanceof EchoReply reply && reply.identifier() == 42) {
                    return "in-step";
                }
            }
        } catch (EOFException e) {
            return "closed";
        } catch (SocketTimeoutException e) {
            return "silent";
        } catch (IOException e) {
            return "closed"; // reset
        }
    }

    private static boolean closedWithin(InputStream in) throws IOException {
        try {
            while (in.read() >= 0) {
                // discard whatever the gateway still sends
            }
            return true;
        } catch (SocketTimeoutException e) {
            return false;
        }
    }

    private static DecodedFrame readFrame(DataInputStream in) throws IOException {
        int length = in.readUnsignedShort();
        byte[] frame = new byte[Math.max(2, length)];
        frame[0] = (byte) (length >> 8);
        frame[1] = (byte) length;
        in.readFully(frame, 2, frame.length - 2);
        return ControlMessageCodec.decode(Unpooled.wrappedBuffer(frame));
    }

    private static void greAttacks(int server, int goodCallId) throws Exception {
        int unknownCallId = goodCallId ^ 0x8000;
        byte[][] attacks = {
            Hex.bytes("3001 880B"), // truncated: half a header
            gre(0x3000, goodCallId, 0, "FF03 C021"), // version 0
            gre(0x3001, goodCallId, 0, "FF03 C021", 0x0800), // IPv4, not PPP
            gre(0x1001, goodCallId, 0, "FF03 C021"), // no Key bit
            gre(0xB001, goodCallId, 0, "FF03 C021"), // checksum present
            Hex.bytes("3081 880B 0004" + hex16(goodCallId) + "0000 0001"), // S and A, but no room for A
            Hex.bytes("2001 880B 0004" + hex16(goodCallId) + "FF03 C021"), // payload without a sequence number
            Hex.bytes("2001 880B 0000" + hex16(goodCallId)), // neither sequence nor acknowledgement
            gre(0x3001, unknownCallId, 7, "FF03 C021 0101 0004"),
            gre(0x3001, goodCallId, 0, "FF03 C021 0101 0004"), // sequence 0 went by long ago
            gre(0x3001, goodCallId, 0x40000000, "FF03 C021 0501 0004"), // far ahead: not followed
            gre(0x3001, goodCallId, 0x40002000, "FF03 C021 0501 0004"), // far ahead again, not in a row
            Hex.bytes("2081 880B 0000" + hex16(goodCallId) + "7FFF FFFF"), // acknowledges what was never sent
        };
        try (RawGreSocket socket = RawGreSocket.open(RawGreSocket.Options.DEFAULTS);
                PacketBatch batch = new PacketBatch(FUZZ_BATCH, 2048)) {
            sendAll(socket, batch, server, List.of(attacks));
            System.out.println("GRE sent " + attacks.length);
            List<byte[]> fuzz = fuzz(goodCallId);
            for (int sent = 0; sent < fuzz.size(); sent += FUZZ_BATCH) {
                sendAll(socket, batch, server, fuzz.subList(sent, Math.min(fuzz.size(), sent + FUZZ_BATCH)));
            }
            System.out.println("GRE fuzz sent " + FUZZ_PACKETS + " (seed " + FUZZ_SEED + ")");
        }
    }

    /**
     * {@link #FUZZ_PACKETS} seeded packets of 4 to 63 octets of garbage, half of them behind a plausible enhanced GRE
     * header (version 1, PPP, the K bit, some of S and A) for a Call ID that is not the good session's: every one is
     * a GRE drop of some reason. The same every time, so a test can work out what the gateway should count.
     */
    static List<byte[]> fuzz(int goodCallId) {
        SplittableRandom random = new SplittableRandom(FUZZ_SEED);
        List<byte[]> packets = new ArrayList<>();
        for (int i = 0; i < FUZZ_PACKETS; i++) {
            packets.add(fuzz(random, goodCallId));
        }
        return packets;
    }

    private static byte[] fuzz(SplittableRandom random, int goodCallId) {
        byte[] packet = new byte[4 + random.nextInt(60)];
        random.nextBytes(packet);
        if (random.nextBoolean()) {
            int flags = 0x2001 | (random.nextBoolean() ? 0x1000 : 0) | (random.nextBoolean() ? 0x0080 : 0);
            ByteBuffer header = ByteBuffer.wrap(packet);
            header.putShort(0, (short) flags).putShort(2, (short) 0x880B);
            if (packet.length >= 8) {
                int callId = random.nextInt(0x10000);
                header.putShort(6, (short) (callId == goodCallId ? callId ^ 1 : callId));
                // Mostly a Payload Length that fits, so many of these get as far as the Call ID lookup.
                int room = Math.max(0, packet.length - 16);
                header.putShort(
                        4, (short) (random.nextInt(4) == 0 ? random.nextInt(0x10000) : random.nextInt(room + 1)));
            }
        }
        return packet;
    }

    private static void sendAll(RawGreSocket socket, PacketBatch batch, int server, List<byte[]> packets)
            throws IOException {
        batch.clear();
        for (int i = 0; i < packets.size(); i++) {
            byte[] packet = packets.get(i);
            MemorySegment.copy(packet, 0, batch.segment(), ValueLayout.JAVA_BYTE, batch.slotOffset(i), packet.length);
            batch.set(i, 0, packet.length, server, 0, 0);
        }
        batch.count(packets.size());
        int sent = 0;
        while (sent < packets.size()) {
            int now = socket.send(batch, sent);
            if (now < 0) {
                throw new IOException("raw GRE send failed: errno " + -now);
            }
            sent = now;
        }
    }

    /** Garbage PPP frames in a call of our own, with correct GRE sequence numbers; then our own link still works. */
    private static void pppAttacks(String server, String user, String password) throws Exception {
        InMemoryTun tun = new InMemoryTun("hostile", 64);
        try (RawGreSocket gre = RawGreSocket.open(RawGreSocket.Options.DEFAULTS);
                PptpClient client = new PptpClient(gre, tun, ClientSettings.defaults(), DataPlaneSettings.DEFAULTS)) {
            ClientSession session = client.dial(
                            new InetSocketAddress(server, PORT),
                            user,
                            new Credential.Password(password),
                            new LinkSettings(
                                    LcpSettings.defaults(),
                                    new IpcpSettings.Client(true),
                                    MppePolicy.defaults(),
                                    Duration.ofSeconds(60)))
                    .get(60, TimeUnit.SECONDS);
            String[] frames = {
                "",
                "00",
                "FF",
                "FF05 0021 4500",
                "FF03 0020 4500",
                "FF03 0021 4500 0014 0000 0000 4001 0000",
                "FF03 00FD 90",
                "FF03 00FD 0005 DEAD BEEF",
                "FF03 00FD 3005 DEAD BEEF",
                "FF03 8057 0101 0004",
            };
            for (String frame : frames) {
                client.dataPlane().send(session.session().tunnel(), Hex.bytes(frame));
            }
            Pinger pinger = new Pinger(tun, Ipv4Address.of(session.address()).bits());
            boolean answered = pinger.ping(
                            Ipv4Address.of(session.serverAddress()).bits(), 1, PATIENCE)
                    .isPresent();
            System.out.println("PPP sent " + frames.length + "; own link " + (answered ? "answers" : "is dead"));
            session.hangUp().get(10, TimeUnit.SECONDS);
        } finally {
            tun.close();
        }
    }

    private static byte[] gre(int flags, int callId, int sequence, String payloadHex) {
        return gre(flags, callId, sequence, payloadHex, 0x880B);
    }

    private static byte[] gre(int flags, int callId, int sequence, String payloadHex, int protocol) {
        byte[] payload = Hex.bytes(payloadHex);
        return ByteBuffer.allocate(12 + payload.length)
                .putShort((short) flags)
                .putShort((short) protocol)
                .putShort((short) payload.length)
                .putShort((short) callId)
                .putInt(sequence)
                .put(payload)
                .array();
    }

    private static byte[] encode(ControlMessage message) {
        ByteBuf out = Unpooled.buffer();
        ControlMessageCodec.encode(message, out);
        byte[] bytes = new byte[out.readableBytes()];
        out.readBytes(bytes);
        out.release();
        return bytes;
    }

    private static byte[] patched(byte[] message, int offset, String hex) {
        byte[] copy = message.clone();
        byte[] patch = Hex.bytes(hex);
        System.arraycopy(patch, 0, copy, offset, patch.length);
        return copy;
    }

    private static String hex16(int value) {
        return String.format("%04X", value);
    }
}
