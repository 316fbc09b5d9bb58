package io.pptpgw.interop.vm;

import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where the VM's one network card plugs in: a tap device created inside an existing network namespace (made by
 * the caller: a lab topology or a test's own), and the guest's IPv4 plan. The tap either carries an address
 * itself ({@link #routed}) or joins a bridge that already exists in the namespace ({@link #bridged}), so two VMs
 * can share one segment, e.g. behind a NAT namespace.
 *
 * <p>QEMU runs inside the namespace ({@code ip netns exec}); its user-mode networking is never used because it
 * does not carry GRE.
 */
public record VmNetwork(
        String namespace,
        String tapName,
        String guestAddress,
        Optional<String> guestGateway,
        Optional<String> tapAddress,
        Optional<String> bridge,
        int mtu) {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]*");
    private static final Pattern IPV4 =
            Pattern.compile("((25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)");
    private static final Pattern CIDR = Pattern.compile(IPV4.pattern() + "/(3[0-2]|[12]?\\d)");

    public VmNetwork {
        requireMatch("namespace", namespace, NAME, "letters, digits, '_', '.', '-'");
        requireMatch("tapName", tapName, NAME, "letters, digits, '_', '.', '-'");
        if (tapName.length() > 15) {
            throw new IllegalArgumentException(
                    "tapName " + tapName + " has " + tapName.length() + " characters; Linux allows at most 15");
        }
        requireMatch("guestAddress", guestAddress, CIDR, "an IPv4 CIDR such as 10.0.0.2/24");
        guestGateway.ifPresent(gateway -> requireMatch("guestGateway", gateway, IPV4, "an IPv4 address"));
        tapAddress.ifPresent(address -> requireMatch("tapAddress", address, CIDR, "an IPv4 CIDR such as 10.0.0.1/24"));
        bridge.ifPresent(name -> requireMatch("bridge", name, NAME, "letters, digits, '_', '.', '-'"));
        if (tapAddress.isPresent() == bridge.isPresent()) {
            throw new IllegalArgumentException("a VM network needs exactly one of tapAddress and bridge; got "
                    + tapAddress.orElse("none") + " and " + bridge.orElse("none"));
        }
        if (mtu < 576 || mtu > 9000) {
            throw new IllegalArgumentException("mtu " + mtu + " is outside 576..9000");
        }
    }

    /**
     * The tap carries {@code tapAddress} in the namespace and is the guest's default gateway: the namespace and
     * the guest reach each other directly.
     */
    public static VmNetwork routed(String namespace, String tapName, String tapAddress, String guestAddress) {
        return new VmNetwork(
                namespace,
                tapName,
                guestAddress,
                Optional.of(hostPart(tapAddress)),
                Optional.of(tapAddress),
                Optional.empty(),
                1500);
    }

    /** The tap joins {@code bridge}, which the caller made in the namespace; the guest routes via {@code gateway}. */
    public static VmNetwork bridged(
            String namespace, String tapName, String bridge, String guestAddress, String guestGateway) {
        return new VmNetwork(
                namespace,
                tapName,
                guestAddress,
                Optional.of(guestGateway),
                Optional.empty(),
                Optional.of(bridge),
                1500);
    }

    public VmNetwork withMtu(int newMtu) {
        return new VmNetwork(namespace, tapName, guestAddress, guestGateway, tapAddress, bridge, newMtu);
    }

    /** The guest's address without its prefix length. */
    public String guestIp() {
        return hostPart(guestAddress);
    }

    /** The tap's address without its prefix length, for a routed network. */
    public Optional<String> tapIp() {
        return tapAddress.map(VmNetwork::hostPart);
    }

    /** A locally administered MAC derived from namespace and tap, so two VMs on one bridge never collide. */
    public String macAddress() {
        int hash = Objects.hash(namespace, tapName);
        byte[] tail = {(byte) (hash >>> 16), (byte) (hash >>> 8), (byte) hash};
        return "52:54:00:" + HexFormat.ofDelimiter(":").formatHex(tail);
    }

    private static String hostPart(String cidr) {
        int slash = cidr.indexOf('/');
        return slash < 0 ? cidr : cidr.substring(0, slash);
    }

    private static void requireMatch(String field, String value, Pattern pattern, String rule) {
        Objects.requireNonNull(value, field);
        if (!pattern.matcher(value).matches()) {
            throw new IllegalArgumentException(field + " '" + value + "' is not valid: expected " + rule);
        }
    }
}
