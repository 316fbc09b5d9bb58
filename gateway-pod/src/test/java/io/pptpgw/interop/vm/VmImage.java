package io.pptpgw.interop.vm;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The interop VM's kernel, initramfs and root filesystem, built once per machine by {@code src/test/vm/image/
 * build.sh} and cached under {@code <cache root>/<recipe hash>/}. The hash covers every file of the recipe
 * directory, so changing the script or the guest's init builds a new image and never reuses a stale one.
 *
 * <p>Concurrent builders (test forks, other worktrees) serialise on a file lock in the cache root; a build runs
 * into a private directory that is renamed into place atomically, so a reader sees a whole image or none.
 *
 * @param preparedIn how long {@link #ensureBuilt} took, including waiting for another builder
 * @param builtNow whether this call ran the build (a cold cache) rather than finding it cached
 */
public record VmImage(String recipeHash, Path directory, Duration preparedIn, boolean builtNow) {

    private static final Logger LOG = LoggerFactory.getLogger(VmImage.class);
    private static final Duration BUILD_TIMEOUT = Duration.ofMinutes(20);
    private static final Object IN_PROCESS_LOCK = new Object();

    public Path kernel() {
        return directory.resolve("vmlinux");
    }

    public Path initrd() {
        return directory.resolve("initrd.img");
    }

    public Path rootfs() {
        return directory.resolve("rootfs.img");
    }

    /** Package versions in the image and the kernel release, one per line. */
    public String manifest() {
        return readString(directory.resolve("manifest.txt"));
    }

    /** The image for this checkout's recipe in the default cache, built now if absent. */
    public static VmImage ensureBuilt() {
        return ensureBuilt(recipeDirectory(), defaultCacheRoot());
    }

    public static VmImage ensureBuilt(Path recipe, Path cacheRoot) {
        long start = System.nanoTime();
        String hash = recipeHash(recipe);
        Path target = cacheRoot.resolve(hash);
        if (isComplete(target)) {
            return new VmImage(hash, target, Duration.ofNanos(System.nanoTime() - start), false);
        }
        synchronized (IN_PROCESS_LOCK) {
            createDirectories(cacheRoot);
            try (FileChannel channel = FileChannel.open(
                            cacheRoot.resolve(".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                    FileLock _ = channel.lock()) {
                boolean built = false;
                if (!isComplete(target)) {
                    build(recipe, cacheRoot, hash, target);
                    built = true;
                }
                return new VmImage(hash, target, Duration.ofNanos(System.nanoTime() - start), built);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot lock the VM image cache " + cacheRoot, e);
            }
        }
    }

    /** SHA-256 over the recipe's file names and contents in name order; the first 16 hex digits. */
    public static String recipeHash(Path recipe) {
        try (Stream<Path> files = Files.walk(recipe)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                digest.update(recipe.relativize(file).toString().getBytes(StandardCharsets.UTF_8));
                digest.update((byte) 0);
                digest.update(Files.readAllBytes(file));
                digest.update((byte) 0);
            }
            return HexFormat.of().formatHex(digest.digest()).substring(0, 16);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the VM recipe " + recipe, e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }

    /** {@code gateway-pod/src/test/vm/image}, found from the module's base directory. */
    public static Path recipeDirectory() {
        String base = System.getProperty("basedir", System.getProperty("user.dir"));
        for (Path candidate : List.of(Path.of(base), Path.of(base, "gateway-pod"))) {
            Path recipe = candidate.resolve("src/test/vm/image");
            if (Files.isRegularFile(recipe.resolve("build.sh"))) {
                return recipe;
            }
        }
        throw new IllegalStateException("cannot find src/test/vm/image/build.sh below " + base
                + "; run the tests from the gateway-pod module or the repository root");
    }

    /** {@code $PPTPGW_VM_CACHE}, else {@code $XDG_CACHE_HOME/pptpgw/vm}, else {@code ~/.cache/pptpgw/vm}. */
    public static Path defaultCacheRoot() {
        String explicit = System.getenv("PPTPGW_VM_CACHE");
        if (explicit != null && !explicit.isBlank()) {
            return Path.of(explicit);
        }
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path cache = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return cache.resolve("pptpgw").resolve("vm");
    }

    private static boolean isComplete(Path directory) {
        return Stream.of("vmlinux", "initrd.img", "rootfs.img", "manifest.txt")
                .allMatch(name -> Files.isRegularFile(directory.resolve(name)));
    }

    private static void build(Path recipe, Path cacheRoot, String hash, Path target) {
        Path staging = cacheRoot.resolve(
                ".build-" + hash + "-" + ProcessHandle.current().pid());
        Path log = cacheRoot.resolve("build-" + hash + ".log");
        LOG.info("building the interop VM image {} (about 1-3 minutes; log {})", hash, log);
        CommandResult result = HostCommand.run(
                BUILD_TIMEOUT,
                Map.of("PPTPGW_VM_DEB_CACHE", cacheRoot.resolve("debs").toString()),
                List.of("bash", recipe.resolve("build.sh").toString(), staging.toString()));
        writeString(log, result.output());
        if (!result.succeeded()) {
            throw new IllegalStateException("building the interop VM image failed: " + result.describe());
        }
        try {
            Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot move the built image " + staging + " to " + target, e);
        }
        LOG.info("built the interop VM image {}", target);
    }

    private static void createDirectories(Path directory) {
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + directory, e);
        }
    }

    private static String readString(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    private static void writeString(Path file, String text) {
        try {
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
