package io.pptpgw.config;

import io.pptpgw.config.Authentication.Encryption;
import io.pptpgw.net.Cidr;
import io.pptpgw.net.InterfaceName;
import io.pptpgw.net.Ipv4Address;
import io.pptpgw.net.Port;
import io.pptpgw.ppp.auth.AuthProtocol;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Every rule a gateway configuration must obey, each reported as "field path, value, rule". The loader runs them
 * on whatever parsed, so one run reports every problem; {@link GatewayConfig}'s constructor runs them all again.
 */
final class ConfigRules {
    static final int MIN_MTU = 576;
    static final int MAX_MTU = 1500;
    static final int MIN_MSS = 536;
    static final int MAX_MSS = 1460;
    static final int MAX_DNS = 2; // RFC 1877: primary and secondary DNS server options
    static final int MAX_NAME = 63;
    private static final Pattern DNS_LABELS = Pattern.compile("[a-z0-9]([-a-z0-9.]*[a-z0-9])?");
    private static final Pattern WAN_NAME = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");

    private ConfigRules() {}

    static List<String> all(
            String name,
            Listen listen,
            Cidr pool,
            List<Ipv4Address> dns,
            int mtu,
            MssClamping mss,
            Authentication authentication,
            List<Wan> wans,
            Passthrough passthrough,
            Limits limits,
            Keepalive keepalive,
            Port metricsPort,
            InterfaceName tunnel) {
        List<String> problems = new ArrayList<>();
        problems.addAll(name(name));
        problems.addAll(pool("spec.clientPool.cidr", pool));
        problems.addAll(dns(dns));
        problems.addAll(mtu(mtu));
        problems.addAll(mss(mss, mtu));
        problems.addAll(authentication(authentication));
        problems.addAll(wans(wans, tunnel));
        problems.addAll(passthrough(passthrough, listen));
        problems.addAll(limits(limits));
        problems.addAll(keepalive(keepalive));
        problems.addAll(ports(listen, metricsPort));
        return problems;
    }

    static List<String> name(String name) {
        if (name == null
                || name.length() > MAX_NAME
                || !DNS_LABELS.matcher(name).matches()) {
            return List.of("metadata.name \"" + name + "\" must be 1 to " + MAX_NAME
                    + " lowercase letters, digits, '-' and '.', starting and ending with a letter or digit"
                    + " (it names the nft table pptpgw_<name>)");
        }
        return List.of();
    }

    static List<String> pool(String path, Cidr pool) {
        if (pool.prefixLength() > 30) {
            return List.of(path + " " + pool + " is too small: a pool needs at least a /30 (network, the gateway's"
                    + " own address, one client, broadcast)");
        }
        return List.of();
    }

    static List<String> dns(List<Ipv4Address> dns) {
        List<String> problems = new ArrayList<>();
        if (dns.size() > MAX_DNS) {
            problems.add("spec.dns " + dns + " lists " + dns.size() + " servers; IPCP carries at most " + MAX_DNS
                    + " (RFC 1877 primary and secondary)");
        }
        duplicates("spec.dns", dns, Function.identity(), "", problems);
        for (int i = 0; i < dns.size(); i++) {
            if (dns.get(i).isUnspecified()) {
                problems.add("spec.dns[" + i + "] 0.0.0.0 is not a server address");
            }
        }
        return problems;
    }

    static List<String> mtu(int mtu) {
        return mtu < MIN_MTU || mtu > MAX_MTU
                ? List.of("spec.mtu " + mtu + " must be " + MIN_MTU + " to " + MAX_MTU)
                : List.of();
    }

    static List<String> mss(MssClamping mss, int mtu) {
        if (!(mss instanceof MssClamping.Fixed(int value))) {
            return List.of();
        }
        if (value < MIN_MSS || value > MAX_MSS) {
            return List.of("spec.mssClamping.value " + value + " must be " + MIN_MSS + " to " + MAX_MSS);
        }
        if (value > mtu - 40) {
            return List.of("spec.mssClamping.value " + value + " exceeds spec.mtu " + mtu
                    + " minus 40 (IP and TCP headers) = " + (mtu - 40) + "; segments would not fit the tunnel");
        }
        return List.of();
    }

    static List<String> authentication(Authentication auth) {
        List<String> problems = new ArrayList<>();
        List<AuthProtocol> methods = auth.methods();
        if (methods.isEmpty()) {
            problems.add("spec.authentication.methods [] must name at least one method (MSCHAPv2 recommended)");
        }
        duplicates("spec.authentication.methods", methods, Function.identity(), "", problems);
        List<String> insecure = methods.stream()
                .filter(m -> m != AuthProtocol.MSCHAP_V2)
                .map(ConfigRules::apiName)
                .toList();
        if (!insecure.isEmpty() && !auth.allowInsecure()) {
            problems.add("spec.authentication.methods " + insecure + " needs allowInsecure: true ("
                    + String.join(" and ", insecure) + " expose the password to anyone who captures the login)");
        }
        if (auth.encryption() == Encryption.REQUIRED && !methods.contains(AuthProtocol.MSCHAP_V2)) {
            problems.add("spec.authentication.encryption Required needs MSCHAPv2 in methods (MPPE keys come from"
                    + " MS-CHAPv2, RFC 3079)");
        }
        if (auth.mppe().preferStateful() && !auth.mppe().allowStateful()) {
            problems.add("spec.authentication.mppe.preferStateful true needs allowStateful: true (the gateway cannot"
                    + " ask for a mode it does not allow)");
        }
        Authentication.Lockout lockout = auth.lockout();
        if (lockout.maxFailures() < 1) {
            problems.add("spec.authentication.lockout.maxFailures " + lockout.maxFailures() + " must be at least 1");
        }
        positive("spec.authentication.lockout.window", lockout.window(), problems);
        positive("spec.authentication.lockout.duration", lockout.duration(), problems);
        return problems;
    }

    static String apiName(AuthProtocol method) {
        return switch (method) {
            case MSCHAP_V2 -> "MSCHAPv2";
            case CHAP_MD5 -> "CHAP";
            case PAP -> "PAP";
        };
    }

    static List<String> wans(List<Wan> wans, InterfaceName tunnel) {
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < wans.size(); i++) {
            Wan wan = wans.get(i);
            if (!WAN_NAME.matcher(wan.name()).matches() || wan.name().length() > MAX_NAME) {
                problems.add("spec.wans[" + i + "].name \"" + wan.name()
                        + "\" must be lowercase letters, digits and '-' (at most 63)");
            }
            if (wan.interfaceName().equals(tunnel)) {
                problems.add("spec.wans[" + i + "].interface " + wan.interfaceName()
                        + " is the gateway's own tunnel interface; a WAN is an uplink");
            }
            if (wan.gateway().isUnspecified()) {
                problems.add("spec.wans[" + i + "].gateway 0.0.0.0 is not a router address");
            }
        }
        duplicates("spec.wans", wans, Wan::name, ".name", problems);
        duplicates("spec.wans", wans, Wan::interfaceName, ".interface", problems);
        duplicates("spec.wans", wans, Wan::mark, ".mark", problems);
        duplicates("spec.wans", wans, Wan::table, ".table", problems);
        return problems;
    }

    static List<String> passthrough(Passthrough passthrough, Listen listen) {
        List<String> problems = new ArrayList<>();
        List<Passthrough.Forward> forwards = passthrough.forwards();
        for (int i = 0; i < forwards.size(); i++) {
            Passthrough.Forward forward = forwards.get(i);
            String path = "spec.passthrough.forwards[" + i + "]";
            if (forward.publicAddress().isUnspecified() || forward.target().isUnspecified()) {
                problems.add(path + " " + forward.publicAddress() + " -> " + forward.target()
                        + " needs real addresses, not 0.0.0.0");
            }
            if (forward.publicAddress().equals(forward.target())) {
                problems.add(path + ".target " + forward.target() + " is its own publicAddress; it would loop");
            }
            if (listen != null
                    && listen.port().number() == 1723
                    && forward.publicAddress().equals(listen.address())) {
                problems.add(path + ".publicAddress " + forward.publicAddress() + " is spec.listen.address; its TCP"
                        + " 1723 would be forwarded away from this gateway");
            }
        }
        duplicates(
                "spec.passthrough.forwards", forwards, Passthrough.Forward::publicAddress, ".publicAddress", problems);
        return problems;
    }

    static List<String> limits(Limits limits) {
        List<String> problems = new ArrayList<>();
        atLeastOne("spec.limits.maxSessions", limits.maxSessions(), problems);
        atLeastOne("spec.limits.maxControlConnectionsPerSource", limits.maxControlConnectionsPerSource(), problems);
        atLeastOne("spec.limits.setupsPerSecond", limits.setupsPerSecond(), problems);
        if (limits.idleTimeout().isNegative()) {
            problems.add("spec.limits.idleTimeout " + Durations.format(limits.idleTimeout())
                    + " must not be negative (0 means never)");
        }
        return problems;
    }

    static List<String> keepalive(Keepalive keepalive) {
        List<String> problems = new ArrayList<>();
        positive("spec.keepalive.interval", keepalive.interval(), problems);
        atLeastOne("spec.keepalive.maxFailures", keepalive.maxFailures(), problems);
        return problems;
    }

    static List<String> ports(Listen listen, Port metrics) {
        return listen.port().equals(metrics)
                ? List.of("spec.metrics.port " + metrics + " is spec.listen.port; two listeners cannot share it")
                : List.of();
    }

    private static void atLeastOne(String path, int value, List<String> problems) {
        if (value < 1) {
            problems.add(path + " " + value + " must be at least 1");
        }
    }

    private static void positive(String path, java.time.Duration value, List<String> problems) {
        if (value.isZero() || value.isNegative()) {
            problems.add(path + " " + Durations.format(value) + " must be longer than zero");
        }
    }

    /** Reports {@code path[j]field V duplicates path[i]field} for every later repeat of a value. */
    private static <T> void duplicates(
            String path, List<T> items, Function<T, ?> key, String field, List<String> problems) {
        Map<Object, Integer> first = new HashMap<>();
        var reported = new HashSet<Integer>();
        for (int j = 0; j < items.size(); j++) {
            Object value = key.apply(items.get(j));
            Integer i = first.putIfAbsent(value, j);
            if (i != null && reported.add(j)) {
                problems.add(
                        path + "[" + j + "]" + field + " " + value + " duplicates " + path + "[" + i + "]" + field);
            }
        }
    }
}
