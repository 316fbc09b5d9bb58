package io.pptpgw.sys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class NativeExceptionTest {
    @Test
    void isWordedLikeNettyWithTheSymbolicNameAndNumber() {
        NativeException e = new NativeException("sendmmsg", Errno.EAGAIN);

        assertThat(e).hasMessage("sendmmsg(..) failed: EAGAIN (11) Resource temporarily unavailable");
        assertThat(e.function()).isEqualTo("sendmmsg");
        assertThat(e.errno()).isEqualTo(11);
    }

    @Test
    void namesWhatTheCallWasAboutAndKeepsAnIoctlsRequestName() {
        assertThat(new NativeException("ioctl(TUNSETIFF)", Errno.EBUSY, "TUN device \"pptpgw0\""))
                .hasMessage("ioctl(TUNSETIFF) failed for TUN device \"pptpgw0\": EBUSY (16) Device or resource busy");
    }

    @Test
    void anErrnoWithoutASymbolicNameStillReadsWell() {
        assertThat(Errno.name(200)).isEqualTo("errno 200");
        assertThat(Errno.name(-1)).isEqualTo("errno -1");
        assertThat(Errno.describe(113)).isEqualTo("EHOSTUNREACH (113) No route to host");
    }

    @Test
    void libcCheckPassesSuccessAndThrowsTheCapturedErrno() throws NativeException {
        assertThat(Libc.check("close", 0)).isZero();

        int result = Libc.close(-1);

        assertThat(result).isEqualTo(-1);
        assertThat(Libc.errno()).isEqualTo(Errno.EBADF);
        assertThatThrownBy(() -> Libc.check("close", result))
                .isInstanceOf(NativeException.class)
                .hasMessage("close(..) failed: EBADF (9) Bad file descriptor");
    }
}
