package io.pptpgw.lab;

import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * Test program: accepts one TCP connection on a port and reports how many bytes came, their SHA-256, from whom, and
 * how long they took from accept to end of stream.
 */
public final class TcpSink {
    private TcpSink() {}

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        try (ServerSocket server = new ServerSocket()) {
            server.bind(new InetSocketAddress(port));
            server.setSoTimeout(60_000);
            System.out.println("LISTENING " + port);
            System.out.flush();
            try (Socket socket = server.accept();
                    InputStream in = socket.getInputStream()) {
                long accepted = System.nanoTime();
                MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
                byte[] buffer = new byte[65536];
                long total = 0;
                for (int n; (n = in.read(buffer)) >= 0; total += n) {
                    sha256.update(buffer, 0, n);
                }
                System.out.println("RECEIVED " + total + " " + HexFormat.of().formatHex(sha256.digest()) + " FROM "
                        + ((InetSocketAddress) socket.getRemoteSocketAddress())
                                .getAddress()
                                .getHostAddress()
                        + " IN " + (System.nanoTime() - accepted) / 1_000_000 + " ms");
            }
        }
    }
}
