package mummy.web.tus;

/**
 * A request the tus protocol refuses, with the status to answer; {@link TusUploads} turns it into
 * a text response. Without a stack trace: it is an answer, not a fault.
 */
final class TusException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int status;

    /**
     * A refusal.
     *
     * @param status the HTTP status to answer
     * @param message the text of the answer
     */
    TusException(int status, String message) {
        super(message, null, false, false);
        this.status = status;
    }

    /**
     * The HTTP status to answer.
     *
     * @return the status
     */
    int status() {
        return status;
    }
}
