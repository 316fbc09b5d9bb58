package io.pptpgw.metrics;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.prometheus.metrics.expositionformats.ExpositionFormatWriter;
import io.prometheus.metrics.expositionformats.ExpositionFormats;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway's HTTP endpoints on the metrics port:
 *
 * <pre>
 * GET /metrics  the registry in the Prometheus text format, or OpenMetrics when the scraper's Accept asks for it
 * GET /healthz  200 while the process serves HTTP at all (liveness)
 * GET /readyz   200 when {@link Readiness} says so, else 503 with its reason as plain text (readiness)
 * </pre>
 *
 * The JDK's own HTTP server on two daemon threads: scrapes and probes are rare, and a slow scrape never holds up a
 * probe. Nothing here is on the data path.
 */
public final class MetricsServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(MetricsServer.class);
    private static final int THREADS = 2;
    private static final int STOP_GRACE_SECONDS = 1;
    private static final String PLAIN_TEXT = "text/plain; charset=utf-8";

    private final HttpServer server;
    private final ExecutorService executor;
    private final PrometheusRegistry registry;
    private final Readiness readiness;
    private final ExpositionFormats formats = ExpositionFormats.init();

    private MetricsServer(HttpServer server, PrometheusRegistry registry, Readiness readiness) {
        this.server = server;
        this.registry = registry;
        this.readiness = readiness;
        this.executor = Executors.newFixedThreadPool(
                THREADS,
                Thread.ofPlatform().name("pptpgw-metrics-", 0).daemon(true).factory());
        server.setExecutor(executor);
        server.createContext("/", this::handle);
    }

    /**
     * Binds {@code address} (port 0 picks a free one; see {@link #address()}) and serves until {@link #close()}.
     *
     * @throws IOException when the address cannot be bound, e.g. the port is taken
     */
    public static MetricsServer start(InetSocketAddress address, PrometheusRegistry registry, Readiness readiness)
            throws IOException {
        HttpServer server;
        try {
            server = HttpServer.create(address, 0);
        } catch (IOException e) {
            throw new IOException("cannot serve metrics on " + address + ": " + e.getMessage(), e);
        }
        MetricsServer metrics = new MetricsServer(server, registry, readiness);
        server.start();
        log.info("metrics, health and readiness on http://{}", metrics.address());
        return metrics;
    }

    /** The bound address, with the actual port. */
    public InetSocketAddress address() {
        return server.getAddress();
    }

    /** Lets requests under way finish (up to a second), then stops listening and ends the threads. */
    @Override
    public void close() {
        server.stop(STOP_GRACE_SECONDS);
        executor.shutdown();
        try {
            if (!executor.awaitTermination(STOP_GRACE_SECONDS, TimeUnit.SECONDS)) {
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod();
            if (!method.equals("GET") && !method.equals("HEAD")) {
                exchange.getResponseHeaders().set("Allow", "GET, HEAD");
                respond(exchange, 405, PLAIN_TEXT, text(method + " is not allowed; use GET"));
                return;
            }
            switch (exchange.getRequestURI().getPath()) {
                case "/metrics" -> metrics(exchange);
                case "/healthz" -> respond(exchange, 200, PLAIN_TEXT, text("ok"));
                case "/readyz" -> ready(exchange);
                default ->
                    respond(exchange, 404, PLAIN_TEXT, text("no such endpoint; try /metrics, /healthz, /readyz"));
            }
        } catch (RuntimeException e) {
            log.warn("{} {} failed", exchange.getRequestMethod(), exchange.getRequestURI(), e);
        }
    }

    private void metrics(HttpExchange exchange) throws IOException {
        ExpositionFormatWriter writer = writerFor(exchange.getRequestHeaders().getFirst("Accept"));
        ByteArrayOutputStream body = new ByteArrayOutputStream(16 * 1024);
        try {
            writer.write(body, registry.scrape());
        } catch (RuntimeException e) {
            log.warn("scraping the metrics failed", e);
            respond(exchange, 500, PLAIN_TEXT, text("scraping the metrics failed: " + e));
            return;
        }
        respond(exchange, 200, writer.getContentType(), body.toByteArray());
    }

    /** OpenMetrics when asked for (Prometheus asks for it by default), else the classic text format. */
    ExpositionFormatWriter writerFor(String accept) {
        ExpositionFormatWriter openMetrics = formats.getOpenMetricsTextFormatWriter();
        return openMetrics.accepts(accept) ? openMetrics : formats.getPrometheusTextFormatWriter();
    }

    private void ready(HttpExchange exchange) throws IOException {
        Optional<String> notReady;
        try {
            notReady = readiness.notReadyBecause();
        } catch (RuntimeException e) {
            notReady = Optional.of("the readiness check failed: " + e);
        }
        if (notReady.isPresent()) {
            respond(exchange, 503, PLAIN_TEXT, text("not ready: " + notReady.get()));
        } else {
            respond(exchange, 200, PLAIN_TEXT, text("ready"));
        }
    }

    private static byte[] text(String line) {
        return (line + "\n").getBytes(StandardCharsets.UTF_8);
    }

    private static void respond(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", contentType);
        boolean head = exchange.getRequestMethod().equals("HEAD");
        exchange.sendResponseHeaders(status, head ? -1 : body.length);
        if (!head) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }
}
