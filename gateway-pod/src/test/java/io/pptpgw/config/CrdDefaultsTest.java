package io.pptpgw.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.generator.annotation.Default;
import io.pptpgw.api.v1alpha1.PptpGatewaySpec;
import io.pptpgw.net.Ipv4Address;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * The loader applies the same defaults as the CRD schema. Every {@code @Default} in the API is listed here with the
 * value the loader gives a resource that leaves the field out; a new {@code @Default} fails this test until the
 * loader learns it.
 */
class CrdDefaultsTest {
    private static final GatewayConfig MINIMAL =
            GatewayConfigLoader.load(Path.of("src/test/resources/golden/config/minimal.yaml"));

    private static final Map<String, Function<GatewayConfig, Object>> LOADER_DEFAULTS = new TreeMap<>(Map.ofEntries(
            Map.entry("Listen.address", c -> c.listen().address().toString()),
            Map.entry("Listen.port", c -> String.valueOf(c.listen().port().number())),
            Map.entry("PptpGatewaySpec.mtu", c -> String.valueOf(c.mtu())),
            Map.entry("MssClamping.mode", c -> c.mssClamping() instanceof MssClamping.PathMtu ? "PathMtu" : "?"),
            Map.entry(
                    "Authentication.allowInsecure",
                    c -> String.valueOf(c.authentication().allowInsecure())),
            Map.entry(
                    "Authentication.encryption", c -> switch (c.authentication().encryption()) {
                        case REQUIRED -> "Required";
                        case OPTIONAL -> "Optional";
                        case OFF -> "Off";
                    }),
            Map.entry(
                    "Mppe.allowStateful",
                    c -> String.valueOf(c.authentication().mppe().allowStateful())),
            Map.entry(
                    "Mppe.allow40Bit",
                    c -> String.valueOf(c.authentication().mppe().allow40Bit())),
            Map.entry(
                    "Mppe.preferStateful",
                    c -> String.valueOf(c.authentication().mppe().preferStateful())),
            Map.entry(
                    "Lockout.maxFailures",
                    c -> String.valueOf(c.authentication().lockout().maxFailures())),
            Map.entry(
                    "Lockout.window",
                    c -> Durations.format(c.authentication().lockout().window())),
            Map.entry(
                    "Lockout.duration",
                    c -> Durations.format(c.authentication().lockout().duration())),
            Map.entry("Masquerade.enabled", c -> String.valueOf(c.masquerade())),
            Map.entry(
                    "Passthrough.conntrackHelper",
                    c -> String.valueOf(c.passthrough().conntrackHelper())),
            Map.entry("Passthrough.hairpin", c -> String.valueOf(c.passthrough().hairpin())),
            Map.entry("Limits.maxSessions", c -> String.valueOf(c.limits().maxSessions())),
            Map.entry(
                    "Limits.maxControlConnectionsPerSource",
                    c -> String.valueOf(c.limits().maxControlConnectionsPerSource())),
            Map.entry("Limits.setupsPerSecond", c -> String.valueOf(c.limits().setupsPerSecond())),
            Map.entry("Limits.idleTimeout", c -> Durations.format(c.limits().idleTimeout())),
            Map.entry("Keepalive.interval", c -> Durations.format(c.keepalive().interval())),
            Map.entry("Keepalive.maxFailures", c -> String.valueOf(c.keepalive().maxFailures())),
            Map.entry("MetricsSpec.port", c -> String.valueOf(c.metricsPort().number())),
            Map.entry(
                    "Authentication.methods",
                    c -> c.authentication().methods().stream()
                            .map(method -> switch (method) {
                                case MSCHAP_V2 -> "\"MSCHAPv2\"";
                                case CHAP_MD5 -> "\"CHAP\"";
                                case PAP -> "\"PAP\"";
                            })
                            .collect(java.util.stream.Collectors.joining(",", "[", "]")))));

    /** Kubernetes-only defaults the gateway does not use. */
    private static final Map<String, String> OPERATOR_ONLY =
            Map.of("MetricsSpec.podMonitor", "false", "ClientPool.perNodePrefixLength", "24");

    /** An object defaulted to {@code {}} means "every field at its own default", which the fields above cover. */
    private static final String WHOLE_OBJECT = "{}";

    @Test
    void everyCrdDefaultIsTheLoadersDefault() {
        Map<String, String> crd = new TreeMap<>();
        collect(PptpGatewaySpec.class, crd);
        OPERATOR_ONLY.keySet().forEach(crd::remove);
        crd.values().removeIf(WHOLE_OBJECT::equals);

        assertThat(crd.keySet()).as("@Default fields in the API").isEqualTo(LOADER_DEFAULTS.keySet());
        crd.forEach((field, value) ->
                assertThat(LOADER_DEFAULTS.get(field).apply(MINIMAL)).as(field).isEqualTo(value));
    }

    @Test
    void durationsPrintTheWayTheApiWritesThem() {
        assertThat(Durations.parse("1h30m")).isEqualTo(Duration.ofMinutes(90));
        assertThat(Durations.parse("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(Durations.format(Duration.ofMinutes(90))).isEqualTo("1h30m");
        assertThat(Durations.format(Duration.ZERO)).isEqualTo("0s");
    }

    @Test
    void theDefaultTunnelNameFitsIfnamsizAndDiffersPerGateway() {
        assertThat(GatewayConfig.defaultTunnelInterface("office").name()).isEqualTo("pptp-office");
        String longA = GatewayConfig.defaultTunnelInterface("headquarters-a").name();
        String longB = GatewayConfig.defaultTunnelInterface("headquarters-b").name();
        assertThat(longA).hasSize(15).startsWith("pptp-head-");
        assertThat(longA).isNotEqualTo(longB);
        assertThat(MINIMAL.listen().address()).isEqualTo(Ipv4Address.ANY);
    }

    private static void collect(Class<?> record, Map<String, String> defaults) {
        for (RecordComponent component : record.getRecordComponents()) {
            Default annotation = component.getAccessor().getAnnotation(Default.class);
            if (annotation == null) {
                annotation = component.getAnnotation(Default.class);
            }
            if (annotation != null) {
                defaults.put(record.getSimpleName() + "." + component.getName(), annotation.value());
            }
            nested(component.getGenericType(), defaults);
        }
    }

    private static void nested(Type type, Map<String, String> defaults) {
        if (type instanceof ParameterizedType parameterized) {
            for (Type argument : parameterized.getActualTypeArguments()) {
                nested(argument, defaults);
            }
        } else if (type instanceof Class<?> c
                && c.isRecord()
                && c.getPackageName().startsWith("io.pptpgw.api")) {
            collect(c, defaults);
        }
    }
}
