package io.pptpgw.interop.vm;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running interop VM: QEMU with TCG (never KVM: this machine's PVM-based {@code /dev/kvm} hangs a stock
 * kernel), direct kernel boot, the cached root filesystem behind a throwaway overlay ({@code snapshot=on}: runs
 * never modify the image, and QEMU unlinks the overlay itself, even when killed), virtio-net on a tap device in
 * the given namespace, and a 9p share with the host.
 *
 * <p>The share is the VM's whole interface: the host writes {@code vm.env} (the address plan) and command files;
 * the guest's init ({@code src/test/vm/image/pptpgw-init}) writes {@code booted}, each command's output and exit
 * status, and the guest's syslog. The serial console goes to {@code console.log} in the run directory, and a root
 * shell waits on the second serial port ({@code shell.sock}).
 *
 * <p>A VM lives at most {@link VmOptions#lifetime()}: then a watchdog kills QEMU by PID, and should the JVM itself
 * die, {@code timeout(1)} around QEMU does it 30 s later. {@link #close()} powers the guest off (killing QEMU if it
 * does not stop within seconds) and removes the tap; a JVM shutdown hook does the same if the test run is
 * interrupted.
 */
public final class Vm implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Vm.class);
    private static final Duration GUEST_SLACK = Duration.ofSeconds(20);
    private static final Duration POLL = Duration.ofMillis(50);
    private static final int UNIX_SOCKET_PATH_LIMIT = 107;
    private static final AtomicInteger RUNS = new AtomicInteger();

    private final VmNetwork network;
    private final VmOptions options;
    private final Path runDirectory;
    private final Path share;
    private final Process qemu;
    private final Thread shutdownHook;
    private final AtomicInteger nextCommand = new AtomicInteger(1);
    private final long startedAt = System.nanoTime();
    private Duration bootTime = Duration.ZERO;
    private boolean closed;

    private Vm(VmNetwork network, VmOptions options, Path runDirectory, Process qemu) {
        this.network = network;
        this.options = options;
        this.runDirectory = runDirectory;
        this.share = runDirectory.resolve("share");
        this.qemu = qemu;
        this.shutdownHook = new Thread(this::destroy, "vm-" + options.name() + "-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
        CompletableFuture.runAsync(
                this::killAtEndOfLifetime,
                CompletableFuture.delayedExecutor(options.lifetime().toMillis(), TimeUnit.MILLISECONDS));
    }

    /** Starts the VM and waits until its init serves commands; on failure cleans up and throws with the logs. */
    public static Vm boot(VmImage image, VmNetwork network, VmOptions options) {
        Path run = createRunDirectory(options);
        Path share = run.resolve("share");
        createDirectories(share.resolve("cmd"));
        createDirectories(share.resolve("out"));
        writeString(share.resolve("vm.env"), guestEnvironment(network));
        TapDevice.create(network);
        Process qemu;
        try {
            qemu = new ProcessBuilder(commandLine(image, network, options, run))
                    .redirectErrorStream(true)
                    .redirectOutput(run.resolve("qemu.log").toFile())
                    .redirectInput(
                            ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                    .start();
        } catch (IOException | RuntimeException e) {
            TapDevice.delete(network);
            throw new IllegalStateException("cannot start QEMU for VM " + options.name(), e);
        }
        Vm vm = new Vm(network, options, run, qemu);
        LOG.info("VM {} starting: pid {} (QEMU in timeout), run directory {}", options.name(), qemu.pid(), run);
        try {
            vm.awaitBoot();
        } catch (RuntimeException e) {
            String diagnostics = vm.diagnostics();
            vm.close();
            throw new IllegalStateException(e.getMessage() + "\n" + diagnostics, e);
        }
        return vm;
    }

    /**
     * QEMU's argument vector: {@code ip netns exec <namespace>}, then (unless kept for debugging) {@code timeout
     * --signal=KILL} a little past the lifetime, then QEMU.
     */
    static List<String> commandLine(VmImage image, VmNetwork network, VmOptions options, Path run) {
        List<String> argv = new ArrayList<>(List.of("ip", "netns", "exec", network.namespace()));
        if (!options.keepRunning()) {
            // The lifetime holds even if this JVM dies without running its hooks: timeout(1) kills QEMU.
            long seconds = options.lifetime().toSeconds() + 30;
            argv.addAll(List.of("timeout", "--signal=KILL", seconds + "s"));
        }
        argv.addAll(List.of("qemu-system-x86_64", "-name", "pptpgw-" + options.name()));
        argv.addAll(List.of("-accel", "tcg,tb-size=256", "-machine", "pc", "-cpu", "max", "-smp", "2"));
        argv.addAll(List.of("-m", Integer.toString(options.memoryMib())));
        argv.addAll(List.of("-nodefaults", "-no-user-config", "-display", "none", "-no-reboot"));
        argv.addAll(List.of(
                "-kernel", image.kernel().toString(), "-initrd", image.initrd().toString()));
        argv.addAll(List.of("-append", "console=ttyS0 loglevel=4 panic=-1 net.ifnames=0 mitigations=off"));
        argv.addAll(List.of("-drive", "file=" + image.rootfs() + ",format=raw,if=virtio,snapshot=on"));
        argv.addAll(List.of("-netdev", "tap,id=net0,ifname=" + network.tapName() + ",script=no,downscript=no"));
        argv.addAll(List.of("-device", "virtio-net-pci,netdev=net0,mac=" + network.macAddress()));
        argv.addAll(List.of("-fsdev", "local,id=host,path=" + run.resolve("share") + ",security_model=none"));
        argv.addAll(List.of("-device", "virtio-9p-pci,fsdev=host,mount_tag=host"));
        argv.addAll(List.of("-device", "virtio-rng-pci"));
        argv.addAll(List.of("-chardev", "file,id=console,path=" + run.resolve("console.log")));
        argv.addAll(List.of("-serial", "chardev:console"));
        Path shell = run.resolve("shell.sock");
        if (shell.toString().length() <= UNIX_SOCKET_PATH_LIMIT) {
            argv.addAll(List.of("-chardev", "socket,id=shell,path=" + shell + ",server=on,wait=off"));
            argv.addAll(List.of("-serial", "chardev:shell"));
        }
        argv.addAll(List.of("-pidfile", run.resolve("qemu.pid").toString()));
        return argv;
    }

    /** Runs a bash script in the guest with {@link VmOptions#commandTimeout()}; see {@link #exec(String, Duration)}. */
    public CommandResult exec(String script) {
        return exec(script, options.commandTimeout());
    }

    /**
     * Runs a bash script in the guest and waits for it. The guest kills it at {@code timeout} (exit status 124);
     * a VM that does not answer at all by then (plus slack) fails the call with the VM's diagnostics.
     */
    public CommandResult exec(String script, Duration timeout) {
        return submit(script, timeout).await(timeout.plus(GUEST_SLACK));
    }

    /** Starts a bash script in the guest without a deadline and returns at once, e.g. a daemon in the foreground. */
    public GuestJob spawn(String script) {
        return submit(script, Duration.ZERO);
    }

    private GuestJob submit(String script, Duration timeout) {
        requireOpen();
        int id = nextCommand.getAndIncrement();
        long seconds = timeout.isZero() ? 0 : Math.max(1, (timeout.toMillis() + 999) / 1000);
        Path staging = share.resolve("cmd").resolve(id + ".tmp");
        writeString(staging, "#timeout " + seconds + "\n" + script + "\n");
        move(staging, share.resolve("cmd").resolve(id + ".sh"));
        return new GuestJob(this, id, script);
    }

    CommandResult awaitJob(GuestJob job, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Optional<Integer> exitCode = job.exitCode();
            if (exitCode.isPresent()) {
                return new CommandResult(job.script().strip(), exitCode.get(), job.output());
            }
            if (!qemu.isAlive()) {
                throw new IllegalStateException(
                        "VM " + options.name() + " exited while running " + job + "\n" + diagnostics());
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("VM " + options.name() + " gave no answer to " + job + " within "
                        + timeout + "\n" + diagnostics());
            }
            sleep(POLL);
        }
    }

    private void awaitBoot() {
        long deadline = startedAt + options.bootTimeout().toNanos();
        while (!Files.exists(share.resolve("booted"))) {
            if (!qemu.isAlive()) {
                throw new IllegalStateException("QEMU of VM " + options.name() + " exited with status "
                        + qemu.exitValue() + " before the guest booted");
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(
                        "VM " + options.name() + " did not boot within " + options.bootTimeout());
            }
            sleep(POLL);
        }
        bootTime = Duration.ofNanos(System.nanoTime() - startedAt);
        LOG.info("VM {} serves commands {} ms after QEMU started", options.name(), bootTime.toMillis());
    }

    /** From starting QEMU until the guest's init served commands. */
    public Duration bootTime() {
        return bootTime;
    }

    public VmNetwork network() {
        return network;
    }

    public String name() {
        return options.name();
    }

    /** The process this VM started: QEMU, or the {@code timeout} that wraps it (kill it with its children). */
    public long pid() {
        return qemu.pid();
    }

    public Path runDirectory() {
        return runDirectory;
    }

    /** The host side of the guest's {@code /mnt/host}. */
    public Path share() {
        return share;
    }

    public Path consoleLog() {
        return runDirectory.resolve("console.log");
    }

    /** A file of the share by its relative name ({@code syslog.log}, {@code pppd-gw.log}), if it exists. */
    public Optional<String> readShare(String relative) {
        try {
            return Optional.of(Files.readString(share.resolve(relative), StandardCharsets.UTF_8));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + share.resolve(relative), e);
        }
    }

    /** The serial console, every log the guest left in the share, and QEMU's own output: print on failure. */
    public String diagnostics() {
        StringBuilder out = new StringBuilder();
        section(out, "serial console " + consoleLog(), readTail(consoleLog(), 150));
        try (Stream<Path> logs = Files.list(share)) {
            for (Path log :
                    logs.filter(p -> p.toString().endsWith(".log")).sorted().toList()) {
                section(out, "guest " + log.getFileName(), readTail(log, 200));
            }
        } catch (IOException e) {
            section(out, "share " + share, "cannot list: " + e);
        }
        section(out, "QEMU output", readTail(runDirectory.resolve("qemu.log"), 50));
        return out.toString();
    }

    /**
     * Powers the guest off, kills QEMU if it has not stopped within seconds, and removes the tap. With {@link
     * VmOptions#keepRunning()} it leaves everything running and logs how to reach the VM instead.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        removeShutdownHook();
        if (options.keepRunning()) {
            LOG.warn(
                    "keeping VM {} running ({}=true): shell `socat -,raw,echo=0 UNIX-CONNECT:{}`, console {}, "
                            + "stop with `kill {}; ip -n {} link del {}`",
                    options.name(),
                    VmOptions.KEEP_PROPERTY,
                    runDirectory.resolve("shell.sock"),
                    consoleLog(),
                    qemu.pid(),
                    network.namespace(),
                    network.tapName());
            return;
        }
        if (qemu.isAlive()) {
            writeString(share.resolve("cmd").resolve("poweroff"), "");
            try {
                qemu.waitFor(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        destroy();
    }

    private void destroy() {
        if (qemu.isAlive()) {
            HostCommand.kill(qemu);
        }
        TapDevice.delete(network);
    }

    private void killAtEndOfLifetime() {
        if (qemu.isAlive() && !options.keepRunning()) {
            LOG.error(
                    "VM {} outlived its lifetime of {}; killing QEMU pid {}",
                    options.name(),
                    options.lifetime(),
                    qemu.pid());
            HostCommand.kill(qemu);
        }
    }

    private void removeShutdownHook() {
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException alreadyShuttingDown) {
            // The hook runs anyway and is harmless after close.
        }
    }

    private void requireOpen() {
        if (closed) {
            throw new IllegalStateException("VM " + options.name() + " is closed");
        }
    }

    private static String guestEnvironment(VmNetwork network) {
        StringBuilder env = new StringBuilder();
        env.append("GUEST_ADDRESS=").append(network.guestAddress()).append('\n');
        network.guestGateway()
                .ifPresent(
                        gateway -> env.append("GUEST_GATEWAY=").append(gateway).append('\n'));
        env.append("GUEST_MTU=").append(network.mtu()).append('\n');
        return env.toString();
    }

    private static Path createRunDirectory(VmOptions options) {
        String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        Path run = options.runRoot().resolve(options.name() + "-" + stamp + "-" + RUNS.incrementAndGet());
        createDirectories(run.getParent());
        try {
            Files.createDirectory(run); // fails rather than share a directory with another VM
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the run directory " + run, e);
        }
        return run.toAbsolutePath();
    }

    private static void section(StringBuilder out, String title, String body) {
        out.append("===== ").append(title).append(" =====\n").append(body);
        if (!body.endsWith("\n")) {
            out.append('\n');
        }
    }

    private static String readTail(Path file, int lines) {
        try {
            List<String> all = Files.readAllLines(file, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (NoSuchFileException e) {
            return "(none)";
        } catch (IOException e) {
            return "(cannot read: " + e + ")";
        }
    }

    private static void createDirectories(Path directory) {
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + directory, e);
        }
    }

    private static void writeString(Path file, String text) {
        try {
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    private static void move(Path from, Path to) {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot move " + from + " to " + to, e);
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the VM", e);
        }
    }
}
