package io.pptpgw.sys;

import java.io.IOException;

/**
 * A libc call that failed, worded as Netty words them: {@code sendmmsg(..) failed: EAGAIN (11) Resource temporarily
 * unavailable}, optionally naming what the call was about. The data path does not throw these: it checks the return
 * value and counts by errno, and {@link #message} gives it the same wording for a log line.
 */
public class NativeException extends IOException {
    private final String function;
    private final int errno;

    public NativeException(String function, int errno) {
        this(function, errno, null);
    }

    /** {@code subject} names the object of the call, as in {@code "TUN device \"pptpgw0\""}. */
    public NativeException(String function, int errno, String subject) {
        super(message(function, errno, subject));
        this.function = function;
        this.errno = errno;
    }

    public static String message(String function, int errno, String subject) {
        String call = function.indexOf('(') >= 0 ? function : function + "(..)";
        return call + " failed" + (subject == null ? "" : " for " + subject) + ": " + Errno.describe(errno);
    }

    public String function() {
        return function;
    }

    public int errno() {
        return errno;
    }
}
