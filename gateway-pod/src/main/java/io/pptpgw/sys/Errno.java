package io.pptpgw.sys;

/** The errno values the gateway acts on, and the symbolic names of the rest for messages. */
public final class Errno {
    public static final int EPERM = 1;
    public static final int ENOENT = 2;
    public static final int EINTR = 4;
    public static final int EBADF = 9;
    public static final int EAGAIN = 11;
    public static final int ENOMEM = 12;
    public static final int EACCES = 13;
    public static final int EFAULT = 14;
    public static final int EBUSY = 16;
    public static final int EEXIST = 17;
    public static final int EINVAL = 22;
    public static final int ENOTSOCK = 88;
    public static final int EMSGSIZE = 90;
    public static final int ENOBUFS = 105;
    public static final int EHOSTUNREACH = 113;

    private static final String[] NAMES = new String[134];

    static {
        name(1, "EPERM", 2, "ENOENT", 3, "ESRCH", 4, "EINTR", 5, "EIO", 6, "ENXIO", 7, "E2BIG", 9, "EBADF");
        name(11, "EAGAIN", 12, "ENOMEM", 13, "EACCES", 14, "EFAULT", 16, "EBUSY", 17, "EEXIST", 19, "ENODEV");
        name(20, "ENOTDIR", 21, "EISDIR", 22, "EINVAL", 23, "ENFILE", 24, "EMFILE", 25, "ENOTTY", 28, "ENOSPC");
        name(32, "EPIPE", 34, "ERANGE", 36, "ENAMETOOLONG", 38, "ENOSYS", 88, "ENOTSOCK", 90, "EMSGSIZE");
        name(92, "ENOPROTOOPT", 93, "EPROTONOSUPPORT", 95, "EOPNOTSUPP", 97, "EAFNOSUPPORT", 98, "EADDRINUSE");
        name(99, "EADDRNOTAVAIL", 100, "ENETDOWN", 101, "ENETUNREACH", 103, "ECONNABORTED", 104, "ECONNRESET");
        name(105, "ENOBUFS", 110, "ETIMEDOUT", 111, "ECONNREFUSED", 112, "EHOSTDOWN", 113, "EHOSTUNREACH");
    }

    private Errno() {}

    private static void name(Object... pairs) {
        for (int i = 0; i < pairs.length; i += 2) {
            NAMES[(Integer) pairs[i]] = (String) pairs[i + 1];
        }
    }

    /** The symbolic name ({@code EAGAIN}), or {@code errno 200} for one without a name here. */
    public static String name(int errno) {
        String name = errno > 0 && errno < NAMES.length ? NAMES[errno] : null;
        return name != null ? name : "errno " + errno;
    }

    /** {@code EAGAIN (11) Resource temporarily unavailable}. */
    public static String describe(int errno) {
        return name(errno) + " (" + errno + ") " + Libc.strerror(errno);
    }
}
