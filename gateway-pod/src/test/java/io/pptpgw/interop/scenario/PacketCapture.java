package io.pptpgw.interop.scenario;

import io.pptpgw.lab.LabProcess;
import io.pptpgw.lab.Namespace;
import java.nio.file.Path;
import java.time.Duration;

/**
 * tcpdump on one interface of a lab namespace, writing PPTP control (TCP 1723) and GRE to a pcap file, at most
 * {@value #MAXIMUM_PACKETS} packets: enough for a call's setup and its first data, the bytes the test vectors under
 * {@code src/test/resources/vectors/} were taken from. Stopped on close.
 */
public final class PacketCapture implements AutoCloseable {

    private static final int MAXIMUM_PACKETS = 400;

    private final LabProcess tcpdump;
    private final Path file;

    private PacketCapture(LabProcess tcpdump, Path file) {
        this.tcpdump = tcpdump;
        this.file = file;
    }

    /** Starts capturing on {@code interfaceName} in {@code namespace} and returns once tcpdump listens. */
    public static PacketCapture start(Namespace namespace, String interfaceName, Path file) {
        LabProcess tcpdump = namespace.start(
                "tcpdump",
                "-i",
                interfaceName,
                "-U",
                "-c",
                Integer.toString(MAXIMUM_PACKETS),
                "-w",
                file.toString(),
                "tcp port 1723 or ip proto 47");
        try {
            tcpdump.awaitOutput("listening on", Duration.ofSeconds(30));
        } catch (RuntimeException e) {
            tcpdump.close();
            throw e;
        }
        return new PacketCapture(tcpdump, file);
    }

    public Path file() {
        return file;
    }

    @Override
    public void close() {
        tcpdump.close();
    }
}
