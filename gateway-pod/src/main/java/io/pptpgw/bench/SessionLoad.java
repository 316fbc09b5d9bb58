package io.pptpgw.bench;

import io.pptpgw.client.ClientSession;
import io.pptpgw.client.PptpClient;
import io.pptpgw.client.control.ClientSettings;
import io.pptpgw.dataplane.DataPlaneSettings;
import io.pptpgw.ppp.LinkSettings;
import io.pptpgw.ppp.auth.credentials.Credential;
import io.pptpgw.ppp.ccp.MppePolicy;
import io.pptpgw.ppp.ipcp.IpcpSettings;
import io.pptpgw.ppp.lcp.LcpSettings;
import io.pptpgw.sys.RawGreSocket;
import io.pptpgw.tun.InMemoryTun;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The session load, run as its own process in the lab's client: first plain TCP connects and closes to the
 * gateway's port (the baseline), then many sessions dialled at once from one {@link PptpClient} over an in-memory
 * TUN device, spread over several source addresses. Prints one line per phase for the bench to read:
 *
 * <pre>
 * CONNECTS ok=2000 failed=0 seconds=0.91
 * SETUPS ok=1000 failed=0 seconds=4.20 p50ms=210.0 p99ms=480.0
 * HOLDING 1000          (with --hold: the sessions stay up until the process is ended)
 * HUNG_UP 1000 seconds=1.30
 * </pre>
 */
@Command(name = "session-load", description = "Dial many sessions at once (an internal program of pptpgw bench).")
public final class SessionLoad implements Callable<Integer> {
    private static final Duration DIAL_TIMEOUT = Duration.ofSeconds(120);

    @Option(names = "--server", required = true)
    private String server;

    @Option(names = "--user", required = true)
    private String user;

    @Option(names = "--password-file", required = true)
    private Path passwordFile;

    @Option(names = "--source", required = true, split = ",", description = "Local addresses, used in turn.")
    private List<String> sources;

    @Option(names = "--connects", defaultValue = "0")
    private int connects;

    @Option(names = "--setups", defaultValue = "0")
    private int setups;

    @Option(names = "--concurrency", defaultValue = "64")
    private int concurrency;

    @Option(names = "--encryption", defaultValue = "required")
    private MppePolicy.Encryption encryption;

    @Option(names = "--hold", description = "Keep the sessions up until the process is ended.")
    private boolean hold;

    public static void main(String[] args) {
        System.exit(new CommandLine(new SessionLoad())
                .setCaseInsensitiveEnumValuesAllowed(true)
                .execute(args));
    }

    @Override
    public Integer call() throws Exception {
        InetSocketAddress gateway = new InetSocketAddress(server, 1723);
        if (connects > 0) {
            connects(gateway);
        }
        if (setups == 0) {
            return 0;
        }
        Credential credential = Credential.parse(Files.readAllLines(passwordFile, StandardCharsets.UTF_8)
                .getFirst()
                .strip());
        InMemoryTun tun = new InMemoryTun("load", 1024);
        try (RawGreSocket gre = RawGreSocket.open(RawGreSocket.Options.DEFAULTS);
                PptpClient client = new PptpClient(gre, tun, ClientSettings.defaults(), DataPlaneSettings.DEFAULTS)) {
            List<ClientSession> sessions = dial(client, gateway, credential);
            if (hold) {
                System.out.println("HOLDING " + sessions.size());
                System.out.flush();
                new CountDownLatch(1).await(); // until SIGTERM
            }
            hangUp(sessions);
        } finally {
            tun.close();
        }
        return 0;
    }

    /** Plain TCP connect and close, {@code concurrency} at a time: the machine's cost of a connection. */
    private void connects(InetSocketAddress gateway) throws InterruptedException {
        AtomicInteger next = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        long start = System.nanoTime();
        List<Thread> workers = new ArrayList<>();
        for (int w = 0; w < Math.min(concurrency, connects); w++) {
            workers.add(Thread.ofVirtual().start(() -> {
                for (int i; (i = next.getAndIncrement()) < connects; ) {
                    try (Socket socket = new Socket()) {
                        socket.bind(new InetSocketAddress(sources.get(i % sources.size()), 0));
                        socket.connect(gateway, 10_000);
                    } catch (java.io.IOException e) {
                        failed.incrementAndGet();
                    }
                }
            }));
        }
        for (Thread worker : workers) {
            worker.join();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("CONNECTS ok=%d failed=%d seconds=%.3f%n", connects - failed.get(), failed.get(), seconds);
    }

    private List<ClientSession> dial(PptpClient client, InetSocketAddress gateway, Credential credential)
            throws InterruptedException {
        LinkSettings link = new LinkSettings(
                LcpSettings.defaults(),
                new IpcpSettings.Client(false),
                new MppePolicy(encryption, false, false),
                Duration.ofSeconds(30));
        Semaphore inFlight = new Semaphore(concurrency);
        CountDownLatch done = new CountDownLatch(setups);
        Queue<ClientSession> up = new ConcurrentLinkedQueue<>();
        long[] latencies = new long[setups];
        AtomicReference<Throwable> firstError = new AtomicReference<>();
        long start = System.nanoTime();
        for (int i = 0; i < setups; i++) {
            inFlight.acquire();
            int index = i;
            long begun = System.nanoTime();
            InetSocketAddress local = new InetSocketAddress(sources.get(i % sources.size()), 0);
            client.dial(gateway, local, user, credential, link)
                    .orTimeout(DIAL_TIMEOUT.toSeconds(), TimeUnit.SECONDS)
                    .whenComplete((session, error) -> {
                        latencies[index] = error == null ? System.nanoTime() - begun : -1;
                        if (error == null) {
                            up.add(session);
                        } else {
                            firstError.compareAndSet(null, error);
                        }
                        inFlight.release();
                        done.countDown();
                    });
        }
        done.await();
        report(System.nanoTime() - start, latencies, firstError.get());
        return List.copyOf(up);
    }

    private static void report(long nanos, long[] latencies, Throwable firstError) {
        long[] ok = Arrays.stream(latencies)
                .filter(latency -> latency >= 0)
                .sorted()
                .toArray();
        System.out.printf(
                "SETUPS ok=%d failed=%d seconds=%.3f p50ms=%.1f p99ms=%.1f%n",
                ok.length,
                latencies.length - ok.length,
                nanos / 1e9,
                percentile(ok, 0.50) / 1e6,
                percentile(ok, 0.99) / 1e6);
        if (firstError != null) {
            System.out.println("FIRST_ERROR " + firstError);
        }
        System.out.flush();
    }

    private static double percentile(long[] sorted, double fraction) {
        return sorted.length == 0 ? 0 : sorted[(int) Math.min(sorted.length - 1, Math.floor(fraction * sorted.length))];
    }

    private void hangUp(List<ClientSession> sessions) throws Exception {
        long start = System.nanoTime();
        Semaphore inFlight = new Semaphore(concurrency);
        List<CompletableFuture<?>> ended = new ArrayList<>();
        for (ClientSession session : sessions) {
            inFlight.acquire();
            ended.add(session.hangUp()
                    .orTimeout(30, TimeUnit.SECONDS)
                    .whenComplete((summary, error) -> inFlight.release()));
        }
        CompletableFuture.allOf(ended.toArray(CompletableFuture[]::new))
                .exceptionally(error -> null)
                .join();
        System.out.printf("HUNG_UP %d seconds=%.3f%n", sessions.size(), (System.nanoTime() - start) / 1e9);
        System.out.flush();
    }
}
