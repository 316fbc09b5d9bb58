package io.pptpgw.metrics;

import static io.pptpgw.metrics.GatewayMetrics.AUTH_LOCKOUTS;
import static io.pptpgw.metrics.GatewayMetrics.GRE_BYTES;
import static io.pptpgw.metrics.GatewayMetrics.GRE_LATE_PACKETS;
import static io.pptpgw.metrics.GatewayMetrics.GRE_LOST_PACKETS;
import static io.pptpgw.metrics.GatewayMetrics.GRE_PACKETS;
import static io.pptpgw.metrics.GatewayMetrics.GRE_REORDERED_PACKETS;
import static io.pptpgw.metrics.GatewayMetrics.MPPE_REKEYS;
import static io.pptpgw.metrics.GatewayMetrics.MPPE_RESYNCS;
import static io.pptpgw.metrics.GatewayMetrics.NODE_LAST_PROGRAMMED;
import static io.pptpgw.metrics.GatewayMetrics.NODE_RULES_IN_PLACE;
import static io.pptpgw.metrics.GatewayMetrics.PACKETS_DROPPED;
import static io.pptpgw.metrics.GatewayMetrics.POOL_ADDRESSES_CAPACITY;
import static io.pptpgw.metrics.GatewayMetrics.POOL_ADDRESSES_FREE;
import static io.pptpgw.metrics.GatewayMetrics.POOL_ADDRESSES_USED;

import io.pptpgw.dataplane.DataPathStats;
import io.pptpgw.dataplane.Drop;
import io.pptpgw.node.NodeProgrammer;
import io.pptpgw.ppp.auth.LoginThrottle;
import io.pptpgw.session.AddressPool;
import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.Unit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.ToDoubleFunction;

/**
 * The metrics read at scrape time from the gateway's own running totals. Each is registered at once and reports
 * nothing until its source is attached, so every name is known from the start and the wiring order does not matter.
 */
final class AttachedSources {
    private static final String RECEIVED = "received";
    private static final String SENT = "sent";

    private final AtomicReference<DataPathStats> dataPath = new AtomicReference<>();
    private final AtomicReference<AddressPool> pool = new AtomicReference<>();
    private final AtomicReference<LoginThrottle> throttle = new AtomicReference<>();
    private final AtomicReference<NodeProgrammer> programmer = new AtomicReference<>();

    AttachedSources(PrometheusRegistry registry) {
        registerDataPath(registry);
        gauge(registry, POOL_ADDRESSES_USED, "Client addresses handed out.", pool, AddressPool::used);
        gauge(registry, POOL_ADDRESSES_FREE, "Client addresses free to hand out.", pool, AddressPool::free);
        gauge(registry, POOL_ADDRESSES_CAPACITY, "Client addresses in this node's pool.", pool, AddressPool::capacity);
        counter(
                registry,
                AUTH_LOCKOUTS,
                "Lockouts of users and of source addresses begun.",
                throttle,
                LoginThrottle::lockouts);
        gauge(
                registry,
                NODE_RULES_IN_PLACE,
                "1 when the nftables table, policy routing and forwarding were in place at the last apply or check.",
                programmer,
                p -> p.inPlace() ? 1 : 0);
        GaugeWithCallback.builder()
                .name(NODE_LAST_PROGRAMMED)
                .unit(Unit.SECONDS)
                .help("When the node's rules were last applied or verified in place (Unix time).")
                .callback(callback ->
                        read(programmer, p -> p.lastSuccess().ifPresent(at -> callback.call(at.toEpochMilli() / 1e3))))
                .register(registry);
    }

    private void registerDataPath(PrometheusRegistry registry) {
        CounterWithCallback.builder()
                .name(GRE_PACKETS)
                .help("GRE packets of sessions, received from and sent to clients.")
                .labelNames("direction")
                .callback(callback -> read(dataPath, stats -> {
                    callback.call(stats.greReceivedPackets(), RECEIVED);
                    callback.call(stats.greSentPackets(), SENT);
                }))
                .register(registry);
        CounterWithCallback.builder()
                .name(GRE_BYTES)
                .unit(Unit.BYTES)
                .help("Bytes of GRE packets of sessions, received from and sent to clients.")
                .labelNames("direction")
                .callback(callback -> read(dataPath, stats -> {
                    callback.call(stats.greReceivedBytes(), RECEIVED);
                    callback.call(stats.greSentBytes(), SENT);
                }))
                .register(registry);
        CounterWithCallback.builder()
                .name(PACKETS_DROPPED)
                .help("Packets the data path dropped, by layer and reason.")
                .labelNames("layer", "reason")
                .callback(callback -> read(dataPath, stats -> {
                    for (Drop drop : Drop.values()) {
                        callback.call(stats.dropped(drop), drop.layer(), drop.reason());
                    }
                }))
                .register(registry);
        counter(registry, GRE_REORDERED_PACKETS, "GRE packets put back in order.", dataPath, DataPathStats::reordered);
        counter(
                registry,
                GRE_LATE_PACKETS,
                "GRE packets that arrived after their turn.",
                dataPath,
                DataPathStats::late);
        counter(registry, GRE_LOST_PACKETS, "GRE sequence numbers that never arrived.", dataPath, DataPathStats::lost);
        counter(registry, MPPE_REKEYS, "MPPE key changes, both directions.", dataPath, DataPathStats::mppeRekeys);
        counter(
                registry,
                MPPE_RESYNCS,
                "CCP Reset-Requests sent to resynchronise stateful MPPE.",
                dataPath,
                DataPathStats::mppeResyncs);
    }

    void attach(DataPathStats source) {
        attachOnce(dataPath, source, "data path stats");
    }

    void attach(AddressPool source) {
        attachOnce(pool, source, "address pool");
    }

    void attach(LoginThrottle source) {
        attachOnce(throttle, source, "login throttle");
    }

    void attach(NodeProgrammer source) {
        attachOnce(programmer, source, "node programmer");
    }

    private static <T> void attachOnce(AtomicReference<T> slot, T source, String what) {
        if (source == null) {
            throw new IllegalArgumentException("cannot attach a null " + what);
        }
        if (!slot.compareAndSet(null, source)) {
            throw new IllegalStateException("a " + what + " is already attached to the metrics; attach it once");
        }
    }

    private static <T> void read(AtomicReference<T> slot, Consumer<T> reader) {
        T source = slot.get();
        if (source != null) {
            reader.accept(source);
        }
    }

    private static <T> void counter(
            PrometheusRegistry registry, String name, String help, AtomicReference<T> slot, ToDoubleFunction<T> value) {
        CounterWithCallback.builder()
                .name(name)
                .help(help)
                .callback(callback -> read(slot, source -> callback.call(value.applyAsDouble(source))))
                .register(registry);
    }

    private static <T> void gauge(
            PrometheusRegistry registry, String name, String help, AtomicReference<T> slot, ToDoubleFunction<T> value) {
        GaugeWithCallback.builder()
                .name(name)
                .help(help)
                .callback(callback -> read(slot, source -> callback.call(value.applyAsDouble(source))))
                .register(registry);
    }
}
