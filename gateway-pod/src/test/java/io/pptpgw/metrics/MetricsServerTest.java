package io.pptpgw.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class MetricsServerTest {
    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final GatewayMetrics metrics = new GatewayMetrics(registry, "1.2.3");
    private final AtomicBoolean listening = new AtomicBoolean(false);
    private final AtomicBoolean programmed = new AtomicBoolean(false);
    private final Readiness readiness = Readiness.allOf(
            Readiness.when(listening::get, "the PPTP listener is not up"),
            Readiness.when(programmed::get, "the node's rules are not programmed"));
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private MetricsServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
        http.close();
    }

    @Test
    void metricsAreServedInThePrometheusTextFormat() throws Exception {
        start();
        metrics.connectionOpened(new InetSocketAddress(InetAddress.ofLiteral("198.51.100.7"), 40211));

        HttpResponse<String> response = get("/metrics", null);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).contains("text/plain; version=0.0.4; charset=utf-8");
        assertThat(response.body())
                .contains("# TYPE pptpgw_control_connections_opened_total counter\n")
                .contains("\npptpgw_control_connections_opened_total 1.0\n")
                .contains("\npptpgw_build_info{version=\"1.2.3\"} 1\n");
    }

    @Test
    void aScraperThatAsksForOpenMetricsGetsIt() throws Exception {
        start();

        HttpResponse<String> response =
                get("/metrics", "application/openmetrics-text; version=1.0.0,text/plain;version=0.0.4;q=0.5");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type"))
                .contains("application/openmetrics-text; version=1.0.0; charset=utf-8");
        assertThat(response.body())
                .contains("# TYPE pptpgw_control_connections_opened counter\n")
                .contains("\npptpgw_control_connections_opened_total 0.0\n")
                .endsWith("# EOF\n");
    }

    @Test
    void healthzIsOkWhileTheProcessServes() throws Exception {
        start();

        HttpResponse<String> response = get("/healthz", null);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("ok\n");
    }

    @Test
    void readyzFollowsTheListenerAndTheRules() throws Exception {
        start();
        assertThat(get("/readyz", null))
                .satisfies(r -> assertThat(r.statusCode()).isEqualTo(503))
                .satisfies(r -> assertThat(r.body())
                        .isEqualTo("not ready: the PPTP listener is not up; the node's rules are not programmed\n"));

        listening.set(true);
        assertThat(get("/readyz", null).body()).isEqualTo("not ready: the node's rules are not programmed\n");

        programmed.set(true);
        HttpResponse<String> ready = get("/readyz", null);
        assertThat(ready.statusCode()).isEqualTo(200);
        assertThat(ready.body()).isEqualTo("ready\n");

        programmed.set(false);
        assertThat(get("/readyz", null).statusCode()).isEqualTo(503);
    }

    @Test
    void aFailingReadinessCheckIsNotReadyWithItsReason() throws Exception {
        server = MetricsServer.start(loopback(), registry, () -> {
            throw new IllegalStateException("table lookup failed");
        });

        HttpResponse<String> response = get("/readyz", null);

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.body())
                .isEqualTo(
                        "not ready: the readiness check failed: java.lang.IllegalStateException: table lookup failed\n");
    }

    @Test
    void otherPathsAndMethodsAreRefused() throws Exception {
        start();

        assertThat(get("/metricsx", null).statusCode()).isEqualTo(404);
        HttpResponse<String> post = http.send(
                HttpRequest.newBuilder(uri("/metrics"))
                        .POST(HttpRequest.BodyPublishers.ofString("x"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(post.statusCode()).isEqualTo(405);
        assertThat(post.headers().firstValue("Allow")).contains("GET, HEAD");
    }

    @Test
    void aTakenPortIsReportedWithTheAddress() throws Exception {
        start();
        InetSocketAddress taken = server.address();

        assertThatThrownBy(() -> MetricsServer.start(taken, registry, Readiness.ALWAYS))
                .isInstanceOf(IOException.class)
                .hasMessageStartingWith("cannot serve metrics on " + taken);
    }

    @Test
    void closingStopsListening() throws Exception {
        start();
        URI health = uri("/healthz");
        server.close();
        server = null;

        assertThatThrownBy(
                        () -> http.send(HttpRequest.newBuilder(health).build(), HttpResponse.BodyHandlers.ofString()))
                .isInstanceOf(IOException.class);
    }

    @Test
    void readinessJoinsEveryReasonInOrderAndIsEmptyWhenAllHold() {
        assertThat(Readiness.allOf().notReadyBecause()).isEmpty();
        assertThat(Readiness.allOf(Readiness.ALWAYS, () -> Optional.of("b"), () -> Optional.of("c"))
                        .notReadyBecause())
                .contains("b; c");
    }

    private void start() throws IOException {
        server = MetricsServer.start(loopback(), registry, readiness);
    }

    private static InetSocketAddress loopback() {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.address().getPort() + path);
    }

    private HttpResponse<String> get(String path, String accept) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(10));
        if (accept != null) {
            request.header("Accept", accept);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
