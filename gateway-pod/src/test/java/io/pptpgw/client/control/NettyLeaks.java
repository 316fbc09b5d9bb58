package io.pptpgw.client.control;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.util.ResourceLeakDetector;
import org.slf4j.LoggerFactory;

/**
 * Catches ByteBuf leaks: tracks every buffer (PARANOID) and listens to the detector's log, where Netty reports a
 * buffer that was garbage-collected unreleased. {@link #assertNone()} forces collection and a few allocations, which
 * is when the detector looks, then fails on any report.
 */
final class NettyLeaks implements AutoCloseable {
    private final Logger detectorLog = (Logger) LoggerFactory.getLogger(ResourceLeakDetector.class);
    private final ListAppender<ILoggingEvent> reports = new ListAppender<>();
    private final ResourceLeakDetector.Level previous = ResourceLeakDetector.getLevel();

    NettyLeaks() {
        ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.PARANOID);
        reports.start();
        detectorLog.addAppender(reports);
    }

    void assertNone() {
        for (int round = 0; round < 5; round++) {
            System.gc();
            for (int i = 0; i < 100; i++) {
                ByteBuf probe = ByteBufAllocator.DEFAULT.buffer(16);
                probe.release();
                ByteBuf direct = ByteBufAllocator.DEFAULT.directBuffer(16);
                direct.release();
            }
        }
        assertThat(reports.list)
                .as("Netty leak reports")
                .filteredOn(event -> event.getFormattedMessage().contains("LEAK"))
                .isEmpty();
    }

    @Override
    public void close() {
        detectorLog.detachAppender(reports);
        ResourceLeakDetector.setLevel(previous);
    }
}
