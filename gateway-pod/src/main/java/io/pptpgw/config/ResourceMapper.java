package io.pptpgw.config;

import io.pptpgw.api.v1alpha1.AuthMethod;
import io.pptpgw.api.v1alpha1.PptpGateway;
import io.pptpgw.api.v1alpha1.PptpGatewaySpec;
import io.pptpgw.net.Cidr;
import io.pptpgw.net.FwMark;
import io.pptpgw.net.InterfaceName;
import io.pptpgw.net.Ipv4Address;
import io.pptpgw.net.Port;
import io.pptpgw.net.RoutingTable;
import io.pptpgw.ppp.auth.AuthProtocol;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Maps the API records of a PptpGateway onto {@link GatewayConfig}, applying the CRD schema's {@code @Default}s
 * to absent fields and collecting every problem. The rules of a group (WANs, authentication, ...) run once that
 * group parsed, so one run reports all parse errors and all rule violations of the groups that parsed.
 */
final class ResourceMapper {
    private final Problems problems = new Problems();

    private ResourceMapper() {}

    /** @param nodePools the operator's split, or null when standalone (the node serves the whole pool) */
    static GatewayConfig map(PptpGateway resource, String source, NodePools nodePools, String nodeName) {
        return new ResourceMapper().toConfig(resource, source, nodePools, nodeName);
    }

    private GatewayConfig toConfig(PptpGateway resource, String source, NodePools nodePools, String nodeName) {
        PptpGatewaySpec spec = resource.getSpec();
        String name =
                resource.getMetadata() == null ? null : resource.getMetadata().getName();
        problems.addAll(ConfigRules.name(name));
        if (spec == null) {
            problems.add("spec is required");
            throw new InvalidConfigException(source, problems.messages());
        }
        Listen listen = listen(spec);
        Cidr pool = pool(spec, nodePools, nodeName);
        List<Ipv4Address> dns = dns(spec);
        int mtu = Objects.requireNonNullElse(spec.mtu(), 1400);
        problems.addAll(ConfigRules.mtu(mtu));
        MssClamping mss = mss(spec.mssClamping(), mtu);
        Authentication authentication = authentication(spec.authentication());
        boolean masquerade = spec.masquerade() == null
                || !Boolean.FALSE.equals(spec.masquerade().enabled());
        InterfaceName tunnel = tunnel(spec.tunnelInterface(), name);
        List<Wan> wans = wans(spec.wans(), tunnel);
        Passthrough passthrough = passthrough(spec.passthrough(), listen);
        Limits limits = limits(spec.limits());
        Keepalive keepalive = keepalive(spec.keepalive());
        Port metricsPort = problems.make(
                "spec.metrics.port",
                () -> new Port(
                        spec.metrics() == null
                                ? 9723
                                : Objects.requireNonNullElse(spec.metrics().port(), 9723)));
        if (listen != null && metricsPort != null) {
            problems.addAll(ConfigRules.ports(listen, metricsPort));
        }
        if (!problems.isEmpty()) {
            throw new InvalidConfigException(source, problems.messages());
        }
        return new GatewayConfig(
                name,
                listen,
                pool,
                dns,
                mtu,
                mss,
                authentication,
                masquerade,
                wans,
                passthrough,
                limits,
                keepalive,
                metricsPort,
                tunnel);
    }

    private Listen listen(PptpGatewaySpec spec) {
        var listen = spec.listen();
        String address = listen == null || listen.address() == null ? "0.0.0.0" : listen.address();
        int port = listen == null || listen.port() == null ? 1723 : listen.port();
        Ipv4Address parsed = problems.parse("spec.listen.address", address, Ipv4Address::parse);
        Port parsedPort = problems.make("spec.listen.port", () -> new Port(port));
        return parsed == null || parsedPort == null ? null : new Listen(parsed, parsedPort);
    }

    private Cidr pool(PptpGatewaySpec spec, NodePools nodePools, String nodeName) {
        if (spec.clientPool() == null) {
            problems.add("spec.clientPool is required");
            return null;
        }
        Cidr whole = problems.parse("spec.clientPool.cidr", spec.clientPool().cidr(), Cidr::parse);
        Integer perNode = spec.clientPool().perNodePrefixLength();
        if (whole != null && perNode != null && (perNode < whole.prefixLength() || perNode > 30)) {
            problems.add("spec.clientPool.perNodePrefixLength " + perNode + " must be between the pool's own prefix "
                    + whole.prefixLength() + " and 30");
        }
        if (whole == null) {
            return null;
        }
        Cidr pool = nodePools == null ? whole : nodePools.poolFor(nodeName, whole, problems);
        if (pool != null) {
            problems.addAll(
                    ConfigRules.pool(nodePools == null ? "spec.clientPool.cidr" : "node-pools.yaml " + nodeName, pool));
        }
        return pool;
    }

    private List<Ipv4Address> dns(PptpGatewaySpec spec) {
        List<String> raw = spec.dns() == null ? List.of() : spec.dns();
        List<Ipv4Address> dns = new ArrayList<>();
        for (int i = 0; i < raw.size(); i++) {
            dns.add(problems.parse("spec.dns[" + i + "]", raw.get(i), Ipv4Address::parse));
        }
        if (!dns.contains(null)) {
            problems.addAll(ConfigRules.dns(dns));
        }
        return dns.contains(null) ? List.of() : dns;
    }

    private MssClamping mss(io.pptpgw.api.v1alpha1.MssClamping api, int mtu) {
        var mode = api == null || api.mode() == null ? io.pptpgw.api.v1alpha1.MssClamping.Mode.PathMtu : api.mode();
        Integer value = api == null ? null : api.value();
        if (mode != io.pptpgw.api.v1alpha1.MssClamping.Mode.Fixed && value != null) {
            problems.add("spec.mssClamping.value " + value + " is only used with mode Fixed (mode is " + mode + ")");
            return null;
        }
        MssClamping mss = switch (mode) {
            case PathMtu -> new MssClamping.PathMtu();
            case Off -> new MssClamping.Off();
            case Fixed -> value == null ? null : new MssClamping.Fixed(value);
        };
        if (mss == null) {
            problems.add("spec.mssClamping.mode Fixed needs spec.mssClamping.value (an MSS such as 1360)");
        } else {
            problems.addAll(ConfigRules.mss(mss, mtu));
        }
        return mss;
    }

    private Authentication authentication(io.pptpgw.api.v1alpha1.Authentication api) {
        if (api == null) {
            problems.add("spec.authentication is required");
            return null;
        }
        List<AuthProtocol> methods = methods(api.methods());
        var lockout = api.lockout();
        Authentication.Lockout parsedLockout = lockout(lockout);
        var mppe = api.mppe();
        if (methods == null || parsedLockout == null) {
            return null;
        }
        var authentication = new Authentication(
                java.util.Optional.ofNullable(api.usersSecretRef()).map(ref -> ref.name()),
                methods,
                Boolean.TRUE.equals(api.allowInsecure()),
                switch (Objects.requireNonNullElse(api.encryption(), io.pptpgw.api.v1alpha1.Encryption.Required)) {
                    case Required -> Authentication.Encryption.REQUIRED;
                    case Optional -> Authentication.Encryption.OPTIONAL;
                    case Off -> Authentication.Encryption.OFF;
                },
                new Authentication.Mppe(
                        mppe != null && Boolean.TRUE.equals(mppe.allowStateful()),
                        mppe != null && Boolean.TRUE.equals(mppe.allow40Bit()),
                        mppe != null && Boolean.TRUE.equals(mppe.preferStateful())),
                parsedLockout);
        problems.addAll(ConfigRules.authentication(authentication));
        return authentication;
    }

    private List<AuthProtocol> methods(List<AuthMethod> api) {
        if (api == null) {
            return List.of(AuthProtocol.MSCHAP_V2);
        }
        if (api.contains(null)) {
            problems.add("spec.authentication.methods " + api + " has an empty entry; use MSCHAPv2, CHAP or PAP");
            return null;
        }
        return api.stream()
                .map(method -> switch (method) {
                    case MSCHAPv2 -> AuthProtocol.MSCHAP_V2;
                    case CHAP -> AuthProtocol.CHAP_MD5;
                    case PAP -> AuthProtocol.PAP;
                })
                .toList();
    }

    private Authentication.Lockout lockout(io.pptpgw.api.v1alpha1.Authentication.Lockout api) {
        int maxFailures = api == null || api.maxFailures() == null ? 5 : api.maxFailures();
        var window = problems.parse(
                "spec.authentication.lockout.window",
                api == null || api.window() == null ? "5m" : api.window(),
                Durations::parse);
        var duration = problems.parse(
                "spec.authentication.lockout.duration",
                api == null || api.duration() == null ? "15m" : api.duration(),
                Durations::parse);
        return window == null || duration == null ? null : new Authentication.Lockout(maxFailures, window, duration);
    }

    private InterfaceName tunnel(String configured, String gatewayName) {
        if (configured != null) {
            return problems.parse("spec.tunnelInterface", configured, InterfaceName::of);
        }
        return ConfigRules.name(gatewayName).isEmpty() ? GatewayConfig.defaultTunnelInterface(gatewayName) : null;
    }

    private List<Wan> wans(List<io.pptpgw.api.v1alpha1.Wan> api, InterfaceName tunnel) {
        List<Wan> wans = new ArrayList<>();
        List<io.pptpgw.api.v1alpha1.Wan> raw = api == null ? List.of() : api;
        for (int i = 0; i < raw.size(); i++) {
            wans.add(wan("spec.wans[" + i + "]", raw.get(i)));
        }
        if (wans.contains(null)) {
            return List.of();
        }
        if (tunnel != null) {
            problems.addAll(ConfigRules.wans(wans, tunnel));
        }
        return wans;
    }

    private Wan wan(String path, io.pptpgw.api.v1alpha1.Wan api) {
        if (api == null) {
            problems.add(path + " is empty");
            return null;
        }
        String name = api.name();
        if (name == null) {
            problems.add(path + ".name is required");
        }
        InterfaceName device = problems.parse(path + ".interface", api.interfaceName(), InterfaceName::of);
        Ipv4Address gateway = problems.parse(path + ".gateway", api.gateway(), Ipv4Address::parse);
        FwMark mark = api.mark() == null
                ? missing(path + ".mark")
                : problems.make(path + ".mark", () -> new FwMark(api.mark()));
        RoutingTable table = api.table() == null
                ? missing(path + ".table")
                : problems.make(path + ".table", () -> new RoutingTable(api.table()));
        if (name == null || device == null || gateway == null || mark == null || table == null) {
            return null;
        }
        return new Wan(name, device, gateway, mark, table);
    }

    private <T> T missing(String path) {
        problems.add(path + " is required");
        return null;
    }

    private Passthrough passthrough(io.pptpgw.api.v1alpha1.Passthrough api, Listen listen) {
        boolean helper = api == null || !Boolean.FALSE.equals(api.conntrackHelper());
        boolean hairpin = api != null && Boolean.TRUE.equals(api.hairpin());
        List<io.pptpgw.api.v1alpha1.Passthrough.Forward> raw =
                api == null || api.forwards() == null ? List.of() : api.forwards();
        List<Passthrough.Forward> forwards = new ArrayList<>();
        for (int i = 0; i < raw.size(); i++) {
            String path = "spec.passthrough.forwards[" + i + "]";
            var forward = raw.get(i);
            Ipv4Address publicAddress = problems.parse(
                    path + ".publicAddress", forward == null ? null : forward.publicAddress(), Ipv4Address::parse);
            Ipv4Address target =
                    problems.parse(path + ".target", forward == null ? null : forward.target(), Ipv4Address::parse);
            forwards.add(
                    publicAddress == null || target == null ? null : new Passthrough.Forward(publicAddress, target));
        }
        if (forwards.contains(null)) {
            return null;
        }
        Passthrough passthrough = new Passthrough(helper, hairpin, forwards);
        problems.addAll(ConfigRules.passthrough(passthrough, listen));
        return passthrough;
    }

    private Limits limits(io.pptpgw.api.v1alpha1.Limits api) {
        var idle = problems.parse(
                "spec.limits.idleTimeout",
                api == null || api.idleTimeout() == null ? "0s" : api.idleTimeout(),
                Durations::parse);
        if (idle == null) {
            return null;
        }
        Limits limits = new Limits(
                api == null || api.maxSessions() == null ? 10000 : api.maxSessions(),
                api == null || api.maxControlConnectionsPerSource() == null ? 4 : api.maxControlConnectionsPerSource(),
                api == null || api.setupsPerSecond() == null ? 100 : api.setupsPerSecond(),
                idle);
        problems.addAll(ConfigRules.limits(limits));
        return limits;
    }

    private Keepalive keepalive(io.pptpgw.api.v1alpha1.Keepalive api) {
        var interval = problems.parse(
                "spec.keepalive.interval",
                api == null || api.interval() == null ? "20s" : api.interval(),
                Durations::parse);
        if (interval == null) {
            return null;
        }
        Keepalive keepalive = new Keepalive(interval, api == null || api.maxFailures() == null ? 3 : api.maxFailures());
        problems.addAll(ConfigRules.keepalive(keepalive));
        return keepalive;
    }
}
