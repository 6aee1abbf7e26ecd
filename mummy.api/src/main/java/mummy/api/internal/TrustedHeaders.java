package mummy.api.internal;

import java.util.Objects;
import mummy.api.HttpHeaders;

/**
 * Wraps header fields that their producer has already checked, without copying or checking them
 * again: the fast path of the server's request parser, which checks every byte of a field line
 * against RFC 9110 5.1 and 5.5 as it reads it.
 *
 * <p>Not for applications: this package is exported only to {@code mummy.io} (a qualified export
 * in {@code module-info}). Whatever an application builds goes through
 * {@link HttpHeaders#of(String...)}, {@link HttpHeaders#with(String, String)} or
 * {@link HttpHeaders.Builder}, which refuse a field that could not go on the wire as it is, so no
 * public path puts unchecked text into a response head.
 *
 * <p>{@link HttpHeaders} alone can make an instance around an array; its class initializer hands
 * that ability to this class through {@link #setFactory} (the JDK's {@code SharedSecrets} pattern).
 *
 * <p>Threading: stateless once initialized; any thread.
 */
public final class TrustedHeaders {

    /**
     * Makes headers around an array without copying it.
     */
    @FunctionalInterface
    public interface Factory {
        /**
         * Wraps the array.
         *
         * @param namesAndValues name, value, name, value, ...
         * @return the headers
         */
        HttpHeaders wrap(String[] namesAndValues);
    }

    /** Set once, by {@link HttpHeaders}' class initializer; read through {@link Holder}. */
    private static Factory factory;

    private TrustedHeaders() {
    }

    /**
     * Wraps alternating names and values checked by the caller: every name a token (RFC 9110 5.1),
     * every value only HTAB, SP, VCHAR and obs-text (RFC 9110 5.5), so at most 0xFF per char. The
     * array is not copied and must not be changed afterwards.
     *
     * @param namesAndValues name, value, name, value, ...
     * @return the headers
     */
    public static HttpHeaders of(String[] namesAndValues) {
        return Holder.FACTORY.wrap(namesAndValues);
    }

    /**
     * Called by {@link HttpHeaders}' class initializer, once.
     *
     * @param headersFactory the factory
     * @throws IllegalStateException if a factory was set already
     */
    public static synchronized void setFactory(Factory headersFactory) {
        if (factory != null) {
            throw new IllegalStateException("the factory of trusted headers is set already");
        }
        factory = Objects.requireNonNull(headersFactory, "headersFactory");
    }

    /**
     * The factory as a constant: initializing {@link HttpHeaders} sets it, and the lock that
     * {@link #setFactory} holds orders that write before this read.
     */
    private static final class Holder {
        static final Factory FACTORY;

        static {
            HttpHeaders.empty();
            synchronized (TrustedHeaders.class) {
                FACTORY = Objects.requireNonNull(factory, "HttpHeaders did not set the factory");
            }
        }
    }
}
