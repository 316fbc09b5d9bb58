package io.pptpgw.lab;

import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.SplittableRandom;

/** Test program: sends {@code bytes} seeded pseudo-random bytes to host:port and reports their SHA-256. */
public final class TcpSource {
    private TcpSource() {}

    public static void main(String[] args) throws Exception {
        String host = args[0];
        int port = Integer.parseInt(args[1]);
        long bytes = Long.parseLong(args[2]);
        SplittableRandom random = new SplittableRandom(Long.parseLong(args[3]));
        MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 10_000);
            OutputStream out = socket.getOutputStream();
            byte[] chunk = new byte[65536];
            for (long sent = 0; sent < bytes; ) {
                int n = (int) Math.min(chunk.length, bytes - sent);
                random.nextBytes(chunk);
                sha256.update(chunk, 0, n);
                out.write(chunk, 0, n);
                sent += n;
            }
            socket.shutdownOutput();
        }
        System.out.println("SENT " + bytes + " " + HexFormat.of().formatHex(sha256.digest()));
    }
}
