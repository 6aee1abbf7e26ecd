package mummy.io.internal.ffi;

/**
 * The Linux {@code errno} values the IO layer acts on (asm-generic, the same on x86-64 and
 * aarch64), and a short text for logs.
 */
public final class Errno {

    /** Interrupted system call: retried by the facades. */
    public static final int EINTR = 4;
    /** Bad file descriptor. */
    public static final int EBADF = 9;
    /** Resource temporarily unavailable: the non-blocking call would block. */
    public static final int EAGAIN = 11;
    /** Too many open files in the process. */
    public static final int EMFILE = 24;
    /** Too many open files in the system. */
    public static final int ENFILE = 23;
    /** Broken pipe: the peer closed while we wrote. */
    public static final int EPIPE = 32;
    /** Address already in use. */
    public static final int EADDRINUSE = 98;
    /** Connection aborted before accept. */
    public static final int ECONNABORTED = 103;
    /** Connection reset by peer. */
    public static final int ECONNRESET = 104;

    private Errno() {
    }

    /**
     * A name for an errno value, for messages.
     *
     * @param errno the value (positive)
     * @return such as {@code "EAGAIN (11)"}
     */
    public static String name(int errno) {
        String name = switch (errno) {
            case EINTR -> "EINTR";
            case EBADF -> "EBADF";
            case EAGAIN -> "EAGAIN";
            case EMFILE -> "EMFILE";
            case ENFILE -> "ENFILE";
            case EPIPE -> "EPIPE";
            case EADDRINUSE -> "EADDRINUSE";
            case ECONNABORTED -> "ECONNABORTED";
            case ECONNRESET -> "ECONNRESET";
            case 2 -> "ENOENT";
            case 13 -> "EACCES";
            case 20 -> "ENOTDIR";
            case 21 -> "EISDIR";
            case 40 -> "ELOOP";
            case 22 -> "EINVAL";
            case 99 -> "EADDRNOTAVAIL";
            case 97 -> "EAFNOSUPPORT";
            case 107 -> "ENOTCONN";
            case 110 -> "ETIMEDOUT";
            default -> "errno";
        };
        return name + " (" + errno + ")";
    }
}
