package io.pptpgw.observability;

import io.pptpgw.sys.NetworkNamespace;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * A plain HTTP/1.0 GET from inside a network namespace, made by this JVM: the socket is created on a thread that
 * entered the namespace, so it reaches what listens there (the gateway's metrics port on 127.0.0.1) without a
 * process per request. HTTP/1.0 keeps the answer simple: no chunks, the server closes when done.
 */
final class NamespaceHttp {
    private static final int TIMEOUT_MILLIS = 10_000;

    /** An answer, or {@code status} -1 with the error in {@code body} when nothing answered (e.g. refused). */
    record Answer(int status, String body) {
        boolean answered() {
            return status > 0;
        }

        @Override
        public String toString() {
            return (answered() ? "HTTP " + status : "no answer") + ": " + body.strip();
        }
    }

    private NamespaceHttp() {}

    static Answer get(String namespace, int port, String path) {
        try (NetworkNamespace inside = NetworkNamespace.named(namespace)) {
            return inside.call(() -> getHere(port, path));
        } catch (Exception e) {
            throw new AssertionError("GET " + path + " in namespace " + namespace + " failed: " + e, e);
        }
    }

    /** The GET from the calling thread's own namespace (one that entered the right namespace already). */
    static Answer getHere(int port, String path) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), TIMEOUT_MILLIS);
            socket.setSoTimeout(TIMEOUT_MILLIS);
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + path + " HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            String response = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            int headersEnd = response.indexOf("\r\n\r\n");
            if (!response.startsWith("HTTP/1.") || headersEnd < 0) {
                return new Answer(-1, "not an HTTP response: " + response);
            }
            int status = Integer.parseInt(response.substring(9, 12));
            return new Answer(status, response.substring(headersEnd + 4));
        } catch (IOException e) {
            return new Answer(-1, e.toString());
        }
    }
}
