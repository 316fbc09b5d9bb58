package io.pptpgw.sys;

import java.lang.foreign.Arena;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

/**
 * A network namespace held open by a file descriptor, that a thread can enter with setns(2). A socket or TUN device
 * belongs to the namespace its creating thread was in, and keeps it when used from other threads: so {@link #call}
 * can create a socket inside and hand it back, and {@link #newThread} starts a worker that lives inside. Child
 * processes started from a thread inside (ProcessBuilder) start inside too.
 *
 * <p>Only platform threads may enter: a virtual thread's carrier would carry the namespace to other virtual threads.
 */
public final class NetworkNamespace implements AutoCloseable {
    private final String name;
    private final int fd;

    private NetworkNamespace(String name, int fd) {
        this.name = name;
        this.fd = fd;
    }

    /** A namespace created with {@code ip netns add NAME}, which iproute2 pins at {@code /run/netns/NAME}. */
    public static NetworkNamespace named(String name) throws NativeException {
        if (name.isEmpty() || name.length() > 255 || name.equals(".") || name.equals("..") || name.contains("/")) {
            throw new IllegalArgumentException(
                    "network namespace name \"" + name + "\" must be 1..255 characters, not . or .., without /");
        }
        return open(name, "/run/netns/" + name);
    }

    /** The namespace the calling thread is in now: keep it to come back to. */
    public static NetworkNamespace ofCurrentThread() throws NativeException {
        return open("(current of " + Thread.currentThread().getName() + ")", "/proc/thread-self/ns/net");
    }

    private static NetworkNamespace open(String name, String path) throws NativeException {
        try (Arena arena = Arena.ofConfined()) {
            int fd = Libc.open(arena.allocateFrom(path), Libc.O_RDONLY | Libc.O_CLOEXEC, 0);
            if (fd < 0) {
                throw new NativeException("open", Libc.errno(), "network namespace " + path);
            }
            return new NetworkNamespace(name, fd);
        }
    }

    /** Moves the calling platform thread into this namespace, for good or until it enters another. */
    public void enter() throws NativeException {
        if (Thread.currentThread().isVirtual()) {
            throw new IllegalStateException("a virtual thread cannot enter network namespace " + name
                    + ": its carrier thread would take the namespace to other virtual threads");
        }
        if (Libc.setns(fd, Libc.CLONE_NEWNET) < 0) {
            throw new NativeException("setns", Libc.errno(), "network namespace " + name);
        }
    }

    /** Runs {@code task} on a new platform thread inside this namespace, waits for it and returns its result. */
    public <T> T call(Callable<T> task) throws Exception {
        FutureTask<T> future = new FutureTask<>(() -> {
            enter();
            return task.call();
        });
        Thread.ofPlatform().name("netns-" + name).start(future);
        try {
            return future.get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
    }

    /**
     * An unstarted platform thread that enters this namespace, then runs {@code task}. If it cannot enter, it ends
     * with an {@link IllegalStateException} (to its uncaught-exception handler) without running the task.
     */
    public Thread newThread(String threadName, Runnable task) {
        return Thread.ofPlatform().name(threadName).unstarted(() -> {
            try {
                enter();
            } catch (NativeException e) {
                throw new IllegalStateException(e.getMessage(), e);
            }
            task.run();
        });
    }

    public String name() {
        return name;
    }

    @Override
    public void close() {
        Libc.close(fd);
    }

    @Override
    public String toString() {
        return "NetworkNamespace[" + name + "]";
    }
}
