package mummy.io.internal.ffi;

import java.io.IOException;

/** A libc call failed: carries the call's name and {@code errno}. */
public final class NativeIoException extends IOException {

    private static final long serialVersionUID = 1L;

    private final int errno;

    /**
     * Creates the exception.
     *
     * @param call what was called, such as {@code "bind 127.0.0.1:8080"}
     * @param errno the error number (positive)
     */
    public NativeIoException(String call, int errno) {
        super(call + " failed: " + Errno.name(errno));
        this.errno = errno;
    }

    /**
     * The error number.
     *
     * @return errno, positive
     */
    public int errno() {
        return errno;
    }

    /**
     * Returns {@code result} if it is not negative, else throws for {@code -result}.
     *
     * @param call what was called
     * @param result a facade result: the value, or {@code -errno}
     * @return the result
     * @throws NativeIoException if the result is negative
     */
    public static long check(String call, long result) throws NativeIoException {
        if (result < 0) {
            throw new NativeIoException(call, (int) -result);
        }
        return result;
    }
}
