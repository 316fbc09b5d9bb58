package io.pptpgw.interop;

import io.pptpgw.interop.vm.HostCommand;
import io.pptpgw.interop.vm.VmImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;

/** What an interop test needs from the machine; each {@code *InteropTest} skips with the reason when it is missing. */
public final class InteropPreconditions {

    private InteropPreconditions() {}

    /**
     * Skips the calling test unless this runs as root with {@code qemu-system-x86_64}, {@code ip} and {@code
     * /dev/net/tun}, and either the VM image is cached or {@code debootstrap} and {@code mkfs.ext4} can build it.
     */
    public static void assumeVmCanRun() {
        List<String> missing = missing();
        Assumptions.assumeTrue(
                missing.isEmpty(),
                () -> "interop tests skipped: " + String.join("; ", missing)
                        + " (Debian: apt-get install qemu-system-x86 qemu-utils debootstrap e2fsprogs socat iproute2, run as root)");
    }

    static List<String> missing() {
        List<String> missing = new ArrayList<>();
        if (!isRoot()) {
            missing.add("not running as root (network namespaces, tap devices and debootstrap need it)");
        }
        for (String program : List.of("qemu-system-x86_64", "ip", "socat")) {
            if (!HostCommand.onPath(program)) {
                missing.add(program + " is not installed");
            }
        }
        if (!Files.exists(Path.of("/dev/net/tun"))) {
            missing.add("/dev/net/tun is missing");
        }
        if (!imageCached()) {
            for (String program : List.of("debootstrap", "mkfs.ext4")) {
                if (!HostCommand.onPath(program)) {
                    missing.add(program + " is not installed (needed once, to build the VM image)");
                }
            }
        }
        return missing;
    }

    private static boolean imageCached() {
        Path recipe = VmImage.recipeDirectory();
        return Files.isRegularFile(
                VmImage.defaultCacheRoot().resolve(VmImage.recipeHash(recipe)).resolve("manifest.txt"));
    }

    private static boolean isRoot() {
        try {
            return Files.readAllLines(Path.of("/proc/self/status")).stream()
                    .filter(line -> line.startsWith("Uid:"))
                    .anyMatch(line -> line.split("\\s+")[2].equals("0"));
        } catch (IOException e) {
            return false;
        }
    }
}
