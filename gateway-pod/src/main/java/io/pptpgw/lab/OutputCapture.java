package io.pptpgw.lab;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Drains one output stream of a child process on a virtual thread, so the child never blocks on a full pipe, and
 * keeps what it read (up to a limit) for {@link #text()}.
 */
final class OutputCapture {
    /** Beyond this a stream's bytes are counted, not kept: a chatty process must not exhaust the heap. */
    static final int LIMIT_BYTES = 16 << 20;

    private final ByteArrayOutputStream kept = new ByteArrayOutputStream();
    private final Thread drainer;
    private long dropped;

    OutputCapture(InputStream stream, String name) {
        drainer = Thread.ofVirtual().name(name).start(() -> drain(stream));
    }

    private void drain(InputStream stream) {
        byte[] buffer = new byte[8192];
        try (stream) {
            for (int n; (n = stream.read(buffer)) >= 0; ) {
                append(buffer, n);
            }
        } catch (IOException e) {
            // The pipe closed under us (the process was killed): what was read so far is the output.
        }
    }

    private synchronized void append(byte[] buffer, int n) {
        int room = Math.max(0, LIMIT_BYTES - kept.size());
        kept.write(buffer, 0, Math.min(n, room));
        dropped += n - Math.min(n, room);
    }

    /** Waits (bounded) for the stream to end: a grandchild that inherited the pipe may keep it open forever. */
    void awaitEnd(Duration patience) {
        try {
            drainer.join(patience);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    synchronized String text() {
        String text = kept.toString(StandardCharsets.UTF_8);
        return dropped == 0 ? text : text + "\n[" + dropped + " more bytes not kept]";
    }
}
