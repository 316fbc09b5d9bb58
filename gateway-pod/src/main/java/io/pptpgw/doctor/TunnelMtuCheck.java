package io.pptpgw.doctor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pptpgw.config.Wan;
import io.pptpgw.net.CommandResult;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

/**
 * A tunnelled packet of the TUN's MTU grows by the PPTP encapsulation on its way out: IPv4 20, enhanced GRE with
 * sequence and acknowledgement numbers 16 (RFC 2637 §4.1), PPP address, control and protocol 4, MPPE header 2
 * (RFC 3078 §3) = 42 bytes. If that exceeds an uplink's MTU, every full-size packet is fragmented or, with DF set,
 * lost.
 */
public final class TunnelMtuCheck implements Check {
    static final int PPTP_OVERHEAD = 20 + 16 + 4 + 2;
    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public String id() {
        return "tunnel-mtu";
    }

    @Override
    public CheckResult run(DoctorContext context) {
        String tun = context.config().tunnelInterface().name();
        int configured = context.config().mtu();
        OptionalInt tunMtu = mtu(context, tun);
        int mtu = tunMtu.orElse(configured);
        List<String> problems = new ArrayList<>();
        List<String> uplinks = uplinks(context);
        for (String uplink : uplinks) {
            OptionalInt uplinkMtu = mtu(context, uplink);
            if (uplinkMtu.isPresent() && mtu + PPTP_OVERHEAD > uplinkMtu.getAsInt()) {
                problems.add("tunnel MTU " + mtu + " + " + PPTP_OVERHEAD + " bytes of PPTP encapsulation = "
                        + (mtu + PPTP_OVERHEAD) + " exceeds " + uplink + " MTU " + uplinkMtu.getAsInt());
            }
        }
        if (!problems.isEmpty()) {
            return CheckResult.fail(
                    id(),
                    String.join("; ", problems) + ": full-size tunnelled packets fragment or" + " vanish",
                    "lower spec.mtu so that it plus " + PPTP_OVERHEAD + " fits every uplink");
        }
        if (tunMtu.isEmpty()) {
            return CheckResult.warn(
                    id(),
                    "tunnel interface " + tun + " does not exist; spec.mtu " + configured + " fits the uplinks "
                            + uplinks,
                    "the gateway creates " + tun + " at start: is it running here?");
        }
        if (tunMtu.getAsInt() != configured) {
            return CheckResult.warn(
                    id(),
                    tun + " has MTU " + tunMtu.getAsInt() + " but spec.mtu is " + configured,
                    "the gateway sets the TUN MTU from spec.mtu at start; something changed it since");
        }
        return CheckResult.pass(id(), tun + " MTU " + mtu + " + " + PPTP_OVERHEAD + " fits the uplinks " + uplinks);
    }

    /** The WANs' interfaces, or the default route's device when no WANs are declared. */
    private static List<String> uplinks(DoctorContext context) {
        List<Wan> wans = context.config().wans();
        if (!wans.isEmpty()) {
            return wans.stream().map(w -> w.interfaceName().name()).toList();
        }
        List<String> devices = new ArrayList<>();
        for (JsonNode route : json(context.runner().run("ip", "-j", "route", "show", "default"))) {
            if (route.has("dev") && !devices.contains(route.get("dev").asText())) {
                devices.add(route.get("dev").asText());
            }
        }
        return devices;
    }

    private static OptionalInt mtu(DoctorContext context, String device) {
        JsonNode links = json(context.runner().run("ip", "-j", "link", "show", "dev", device));
        return links.size() == 1 && links.get(0).has("mtu")
                ? OptionalInt.of(links.get(0).get("mtu").asInt())
                : OptionalInt.empty();
    }

    private static JsonNode json(CommandResult result) {
        if (!result.succeeded() || result.stdout().isBlank()) {
            return JSON.createArrayNode();
        }
        try {
            return JSON.readTree(result.stdout());
        } catch (IOException e) {
            return JSON.createArrayNode();
        }
    }
}
