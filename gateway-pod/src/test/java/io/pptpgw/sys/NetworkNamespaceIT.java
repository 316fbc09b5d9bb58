package io.pptpgw.sys;

import static io.pptpgw.sys.TestNamespaces.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class NetworkNamespaceIT {
    static TestNamespaces namespaces;
    static String name;
    static String link;

    @BeforeAll
    static void create() {
        namespaces = TestNamespaces.requireRoot();
        name = namespaces.create("ns");
        link = namespaces.interfaceName("n");
        run("ip", "-n", name, "link", "add", link, "type", "veth", "peer", "name", link + "p");
    }

    @AfterAll
    static void delete() {
        if (namespaces != null) {
            namespaces.close();
        }
    }

    static String currentNamespace() throws Exception {
        return Files.readSymbolicLink(Path.of("/proc/thread-self/ns/net")).toString();
    }

    @Test
    void aCallRunsInsideWhileTheCallerStaysOutside() throws Exception {
        String outside = currentNamespace();
        try (NetworkNamespace namespace = NetworkNamespace.named(name)) {
            String inside = namespace.call(NetworkNamespaceIT::currentNamespace);

            assertThat(inside).isNotEqualTo(outside);
            assertThat(currentNamespace()).isEqualTo(outside);
        }
    }

    @Test
    void aProcessStartedFromInsideSeesTheNamespacesInterfaces() throws Exception {
        try (NetworkNamespace namespace = NetworkNamespace.named(name)) {
            String links = namespace.call(() -> {
                Process ip = new ProcessBuilder("ip", "-o", "link").start();
                return new String(ip.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            });

            assertThat(links).contains(link + "@" + link + "p");
            assertThat(run("ip", "-o", "link")).doesNotContain(link + "@");
        }
    }

    @Test
    void aThreadCanEnterAndComeBack() throws Exception {
        AtomicReference<String> seen = new AtomicReference<>();
        Thread thread = Thread.ofPlatform().start(() -> {
            try (NetworkNamespace home = NetworkNamespace.ofCurrentThread();
                    NetworkNamespace away = NetworkNamespace.named(name)) {
                String before = currentNamespace();
                away.enter();
                String inside = currentNamespace();
                home.enter();
                seen.set(before.equals(currentNamespace()) && !inside.equals(before) ? "round trip" : "stuck");
            } catch (Exception e) {
                seen.set(e.toString());
            }
        });
        thread.join();

        assertThat(seen).hasValue("round trip");
    }

    @Test
    void aWorkerThreadLivesInside() throws Exception {
        AtomicReference<String> inside = new AtomicReference<>();
        try (NetworkNamespace namespace = NetworkNamespace.named(name)) {
            Thread worker = namespace.newThread("worker", () -> {
                try {
                    inside.set(currentNamespace());
                } catch (Exception e) {
                    inside.set(e.toString());
                }
            });
            worker.start();
            worker.join();

            assertThat(inside.get()).isEqualTo(namespace.call(NetworkNamespaceIT::currentNamespace));
        }
    }

    @Test
    void aVirtualThreadMayNotEnter() throws Exception {
        AtomicReference<Throwable> failure = new AtomicReference<>();
        try (NetworkNamespace namespace = NetworkNamespace.named(name)) {
            Thread.ofVirtual()
                    .start(() -> {
                        try {
                            namespace.enter();
                        } catch (Throwable t) {
                            failure.set(t);
                        }
                    })
                    .join();
        }
        assertThat(failure.get())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("virtual thread cannot enter");
    }

    @Test
    void aMissingNamespaceIsReportedByPath() {
        assertThatThrownBy(() -> NetworkNamespace.named(name + "-missing"))
                .isInstanceOf(NativeException.class)
                .hasMessage("open(..) failed for network namespace /run/netns/" + name
                        + "-missing: ENOENT (2) No such file or directory");
    }
}
