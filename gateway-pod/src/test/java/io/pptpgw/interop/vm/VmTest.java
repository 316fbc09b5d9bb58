package io.pptpgw.interop.vm;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The QEMU command line: the properties the interop tests depend on, checked without starting anything. */
class VmTest {

    private static final VmImage IMAGE =
            new VmImage("0123456789abcdef", Path.of("/cache/0123456789abcdef"), Duration.ZERO, false);
    private static final VmNetwork NETWORK = VmNetwork.routed("lab-gw", "vmtap0", "10.0.0.1/24", "10.0.0.2/24");
    private static final Path RUN = Path.of("/work/target/interop/peers-1");

    private final List<String> argv = Vm.commandLine(IMAGE, NETWORK, VmOptions.named("peers"), RUN);

    @Test
    void runsQemuInsideTheNamespaceBoundedByItsLifetime() {
        assertThat(argv.subList(0, 8))
                .containsExactly(
                        "ip", "netns", "exec", "lab-gw", "timeout", "--signal=KILL", "1230s", "qemu-system-x86_64");
    }

    @Test
    void aKeptVmHasNoLifetimeBound() {
        List<String> kept =
                Vm.commandLine(IMAGE, NETWORK, VmOptions.named("peers").withKeepRunning(true), RUN);

        assertThat(kept.subList(0, 5)).containsExactly("ip", "netns", "exec", "lab-gw", "qemu-system-x86_64");
    }

    @Test
    void usesSoftwareEmulationNeverKvm() {
        assertThat(argv).containsSequence("-accel", "tcg,tb-size=256").doesNotContain("-enable-kvm");
        assertThat(String.join(" ", argv)).doesNotContain("kvm");
    }

    @Test
    void bootsTheKernelDirectlyAndNeverWritesTheCachedImage() {
        assertThat(argv).containsSequence("-kernel", "/cache/0123456789abcdef/vmlinux");
        assertThat(argv).containsSequence("-initrd", "/cache/0123456789abcdef/initrd.img");
        assertThat(argv)
                .containsSequence("-drive", "file=/cache/0123456789abcdef/rootfs.img,format=raw,if=virtio,snapshot=on");
        assertThat(argv).contains("-no-reboot");
    }

    @Test
    void attachesVirtioNetToTheTapAndSharesTheRunDirectory() {
        assertThat(argv).containsSequence("-netdev", "tap,id=net0,ifname=vmtap0,script=no,downscript=no");
        assertThat(argv).containsSequence("-device", "virtio-net-pci,netdev=net0,mac=" + NETWORK.macAddress());
        assertThat(argv)
                .containsSequence(
                        "-fsdev", "local,id=host,path=/work/target/interop/peers-1/share,security_model=none");
        assertThat(argv).containsSequence("-device", "virtio-9p-pci,fsdev=host,mount_tag=host");
        assertThat(argv).doesNotContain("user").noneMatch(arg -> arg.startsWith("user,"));
    }

    @Test
    void capturesTheConsoleAndOffersAShellSocket() {
        assertThat(argv).containsSequence("-chardev", "file,id=console,path=/work/target/interop/peers-1/console.log");
        assertThat(argv)
                .containsSequence(
                        "-chardev", "socket,id=shell,path=/work/target/interop/peers-1/shell.sock,server=on,wait=off");
    }

    @Test
    void leavesOutTheShellWhenItsSocketPathIsTooLongForUnixSockets() {
        Path deep = Path.of("/" + "d".repeat(120));

        List<String> deepArgv = Vm.commandLine(IMAGE, NETWORK, VmOptions.named("peers"), deep);

        assertThat(deepArgv).noneMatch(arg -> arg.contains("shell.sock"));
    }
}
