package io.pptpgw.sys;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.invoke.MethodHandle;

/**
 * The libc functions the gateway calls, one downcall handle each, and the constants of their Linux x86-64/aarch64
 * ABI. Every call but {@code strerror} captures errno: a call returns what C returns (-1 on failure) and {@link
 * #errno()} then holds the cause for the calling thread, so the data path checks a number and never allocates.
 * Callers that want an exception use {@link #check}.
 *
 * <p>{@code read} and {@code write} take the buffer as a raw address ({@code segment.address() + offset}), so the
 * per-packet calls need no slice object; the caller keeps the segment alive across the call.
 */
public final class Libc {
    public static final int AF_INET = 2;
    public static final int AF_PACKET = 17;
    public static final int SOCK_DGRAM = 2;
    public static final int SOCK_RAW = 3;
    public static final int SOCK_NONBLOCK = 0x800;
    public static final int SOCK_CLOEXEC = 0x80000;
    public static final int IPPROTO_IP = 0;
    /** A raw socket that sends whole IPv4 packets, header included (IP_HDRINCL implied; raw(7)). */
    public static final int IPPROTO_RAW = 255;
    /** The IPv4 EtherType, in host order (packet(7) wants it in network order). */
    public static final int ETH_P_IP = 0x0800;

    public static final int SOL_PACKET = 263;
    /** Linux 4.20: a packet socket does not see the packets its own host sends. */
    public static final int PACKET_IGNORE_OUTGOING = 23;

    public static final int SOL_SOCKET = 1;
    public static final int SO_SNDBUF = 7;
    public static final int SO_RCVBUF = 8;
    public static final int SO_SNDBUFFORCE = 32;
    public static final int SO_RCVBUFFORCE = 33;
    public static final int SO_MARK = 36;
    /** Linux 5.19: deliver each packet's mark as an SO_MARK control message. */
    public static final int SO_RCVMARK = 75;

    public static final int IP_PKTINFO = 8;
    public static final int IP_MTU_DISCOVER = 10;
    public static final int IP_PMTUDISC_DONT = 0;
    public static final int MSG_CTRUNC = 0x8;
    public static final int MSG_TRUNC = 0x20;
    public static final int MSG_DONTWAIT = 0x40;
    public static final short POLLIN = 0x1;
    public static final short POLLOUT = 0x4;
    public static final int O_RDONLY = 0;
    public static final int O_RDWR = 2;
    public static final int O_NONBLOCK = 0x800;
    public static final int O_CLOEXEC = 0x80000;
    public static final int EFD_NONBLOCK = 0x800;
    public static final int EFD_CLOEXEC = 0x80000;
    public static final int F_GETFL = 3;
    public static final int F_SETFL = 4;
    public static final int CLONE_NEWNET = 0x40000000;

    private static final Linker LINKER = Linker.nativeLinker();
    private static final StructLayout CALL_STATE = Linker.Option.captureStateLayout();
    private static final long ERRNO_OFFSET = CALL_STATE.byteOffset(MemoryLayout.PathElement.groupElement("errno"));
    private static final ThreadLocal<MemorySegment> THREAD_CALL_STATE =
            ThreadLocal.withInitial(() -> Arena.ofAuto().allocate(CALL_STATE));

    private static final MethodHandle SOCKET = downcall("socket", JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT);
    private static final MethodHandle BIND = downcall("bind", JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT);
    private static final MethodHandle CLOSE = downcall("close", JAVA_INT, JAVA_INT);
    private static final MethodHandle SETSOCKOPT =
            downcall("setsockopt", JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT);
    private static final MethodHandle GETSOCKOPT =
            downcall("getsockopt", JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS, ADDRESS);
    private static final MethodHandle RECVMMSG =
            downcall("recvmmsg", JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT, ADDRESS);
    private static final MethodHandle SENDMMSG = downcall("sendmmsg", JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT);
    private static final MethodHandle POLL = downcall("poll", JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT);
    private static final MethodHandle EVENTFD = downcall("eventfd", JAVA_INT, JAVA_INT, JAVA_INT);
    private static final MethodHandle READ = downcall("read", JAVA_LONG, JAVA_INT, JAVA_LONG, JAVA_LONG);
    private static final MethodHandle WRITE = downcall("write", JAVA_LONG, JAVA_INT, JAVA_LONG, JAVA_LONG);
    private static final MethodHandle SETNS = downcall("setns", JAVA_INT, JAVA_INT, JAVA_INT);
    private static final MethodHandle RECVFROM =
            downcall("recvfrom", JAVA_LONG, JAVA_INT, JAVA_LONG, JAVA_LONG, JAVA_INT, ADDRESS, ADDRESS);
    private static final MethodHandle SENDTO =
            downcall("sendto", JAVA_LONG, JAVA_INT, JAVA_LONG, JAVA_LONG, JAVA_INT, ADDRESS, JAVA_INT);
    private static final MethodHandle IF_NAMETOINDEX = downcall("if_nametoindex", JAVA_INT, ADDRESS);
    // Variadic in C: the arguments after the second are passed as variadic ones.
    private static final MethodHandle IOCTL = variadic("ioctl", JAVA_INT, JAVA_INT, JAVA_LONG, ADDRESS);
    private static final MethodHandle OPEN = variadic("open", JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT);
    private static final MethodHandle FCNTL = variadic("fcntl", JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT);
    private static final MethodHandle STRERROR = LINKER.downcallHandle(
            LINKER.defaultLookup().find("strerror").orElseThrow(), FunctionDescriptor.of(ADDRESS, JAVA_INT));

    private Libc() {}

    private static MethodHandle downcall(String name, MemoryLayout result, MemoryLayout... arguments) {
        return LINKER.downcallHandle(
                symbol(name), FunctionDescriptor.of(result, arguments), Linker.Option.captureCallState("errno"));
    }

    private static MethodHandle variadic(String name, MemoryLayout result, MemoryLayout... arguments) {
        return LINKER.downcallHandle(
                symbol(name),
                FunctionDescriptor.of(result, arguments),
                Linker.Option.captureCallState("errno"),
                Linker.Option.firstVariadicArg(2));
    }

    private static MemorySegment symbol(String name) {
        return LINKER.defaultLookup()
                .find(name)
                .orElseThrow(() -> new UnsatisfiedLinkError("libc has no function " + name));
    }

    private static MemorySegment callState() {
        return THREAD_CALL_STATE.get();
    }

    /** The errno captured by this thread's last call through this class. */
    public static int errno() {
        return callState().get(JAVA_INT, ERRNO_OFFSET);
    }

    /** Returns {@code result}, or throws the failure of {@code function} with this thread's errno when negative. */
    public static int check(String function, int result) throws NativeException {
        if (result < 0) {
            throw new NativeException(function, errno());
        }
        return result;
    }

    public static int socket(int domain, int type, int protocol) {
        try {
            return (int) SOCKET.invokeExact(callState(), domain, type, protocol);
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    public static int bind(int fd, MemorySegment address, int addressLength) {
        try {
            return (int) BIND.invokeExact(callState(), fd, address, addressLength);
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    public static int close(int fd) {
        try {
            return (int) CLOSE.invokeExact(callState(), fd);
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    public static int setsockopt(int fd, int level, int name, MemorySegment value, int valueLength) {
        try {
            return (int) SETSOCKOPT.invokeExact(callState(), fd, level, name, value, valueLength);
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    /** {@code valueLength} points to a {@code socklen_t} holding the room in {@code value}, updated by the call. */
    public static int getsockopt(int fd, int level, int name, MemorySegment value, MemorySegment valueLength) {
        try {
            return (int) GETSOCKOPT.invokeExact(callState(), fd, level, name, value, valueLength);
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    public static int recvmmsg(int fd, MemorySegment messages, int count, int flags, MemorySegment timeout) {
        try {
            return (int) RECVMMSG.invokeExact(callState(), fd, messages, count, flags, timeout);
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    public static int sendmmsg(int fd, MemorySegment messages, int count, int flags) {
        try {
            return (int) SENDMMSG.invokeExact(callState(), fd, messages, count, flags);
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    public static int poll(MemorySegment pollfds, long count, int timeoutMillis) {
        try {
            return (int) POLL.invokeExact(callState(), pollfds, count, timeoutMillis);
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    public static int eventfd(int initialValue, int flags) {
        try {
            return (int) EVENTFD.invokeExact(callState(), initialValue, flags);
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    public static long read(int fd, long address, long count) {
        try {
            return (long) READ.invokeExact(callState(), fd, address, count);
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    public static long write(int fd, long address, long count) {
        try {
            return (long) WRITE.invokeExact(callState(), fd, address, count);
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    public static int ioctl(int fd, long request, MemorySegment argument) {
        try {
            return (int) IOCTL.invokeExact(callState(), fd, request, argument);
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    public static int open(MemorySegment path, int flags, int mode) {
        try {
            return (int) OPEN.invokeExact(callState(), path, flags, mode);
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    public static int fcntl(int fd, int command, int argument) {
        try {
            return (int) FCNTL.invokeExact(callState(), fd, command, argument);
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    public static int setns(int fd, int namespaceType) {
        try {
            return (int) SETNS.invokeExact(callState(), fd, namespaceType);
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    /**
     * {@code recvfrom} into the buffer at a raw address; {@code sender} receives the sender's socket address and
     * {@code senderLength} (a {@code socklen_t} holding its room) is updated by the call.
     */
    public static long recvfrom(
            int fd, long address, long count, int flags, MemorySegment sender, MemorySegment senderLength) {
        try {
            return (long) RECVFROM.invokeExact(callState(), fd, address, count, flags, sender, senderLength);
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    /** {@code sendto} from the buffer at a raw address to {@code destination}. */
    public static long sendto(
            int fd, long address, long count, int flags, MemorySegment destination, int destinationLength) {
        try {
            return (long) SENDTO.invokeExact(callState(), fd, address, count, flags, destination, destinationLength);
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    /** The index of the interface named by the C string {@code name}, or 0 (errno ENODEV) when there is none. */
    public static int ifNameToIndex(MemorySegment name) {
        try {
            return (int) IF_NAMETOINDEX.invokeExact(callState(), name);
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    /** The C library's description of {@code errno}. */
    public static String strerror(int errno) {
        try {
            MemorySegment text = (MemorySegment) STRERROR.invokeExact(errno);
            return text.reinterpret(1024).getString(0);
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    private static AssertionError unexpected(Throwable t) {
        return new AssertionError("a libc downcall threw " + t, t);
    }
}
