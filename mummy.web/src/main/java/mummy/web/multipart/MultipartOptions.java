package mummy.web.multipart;

/**
 * Limits and sizes for reading a multipart body. Exceeding a limit fails the read with a
 * {@link mummy.api.RequestBodyException} of status 413.
 *
 * <p>Threading: immutable, safe to share.
 */
public final class MultipartOptions {

    private static final MultipartOptions DEFAULTS = builder().build();

    private final int maxParts;
    private final int maxHeaderBytes;
    private final int maxHeaderCount;
    private final long maxPartSize;
    private final int bufferSize;

    private MultipartOptions(Builder builder) {
        maxParts = builder.maxParts;
        maxHeaderBytes = builder.maxHeaderBytes;
        maxHeaderCount = builder.maxHeaderCount;
        maxPartSize = builder.maxPartSize;
        bufferSize = builder.bufferSize;
    }

    /**
     * The defaults: 1,000 parts, 8 KiB and 32 fields of headers per part, parts of any size, a
     * 32 KiB buffer.
     *
     * @return the default options
     */
    public static MultipartOptions defaults() {
        return DEFAULTS;
    }

    /**
     * A builder starting from the defaults.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The most parts a body may have.
     *
     * @return the part count limit
     */
    public int maxParts() {
        return maxParts;
    }

    /**
     * The most bytes of one part's header block, its field lines with their CRLFs.
     *
     * @return the header size limit in bytes
     */
    public int maxHeaderBytes() {
        return maxHeaderBytes;
    }

    /**
     * The most header fields one part may have.
     *
     * @return the header field count limit
     */
    public int maxHeaderCount() {
        return maxHeaderCount;
    }

    /**
     * The most content bytes one part may have; {@link Long#MAX_VALUE} for no limit.
     *
     * @return the part size limit in bytes
     */
    public long maxPartSize() {
        return maxPartSize;
    }

    /**
     * The size of the streaming reader's one buffer: all the memory it holds, whatever the part sizes.
     *
     * @return the buffer size in bytes
     */
    public int bufferSize() {
        return bufferSize;
    }

    /** Builds {@link MultipartOptions}; validates in {@link #build()}. Not thread-safe. */
    public static final class Builder {
        private int maxParts = 1000;
        private int maxHeaderBytes = 8 * 1024;
        private int maxHeaderCount = 32;
        private long maxPartSize = Long.MAX_VALUE;
        private int bufferSize = 32 * 1024;

        private Builder() {
        }

        /**
         * Sets the most parts a body may have.
         *
         * @param count at least 1
         * @return this builder
         */
        public Builder maxParts(int count) {
            maxParts = count;
            return this;
        }

        /**
         * Sets the most bytes of one part's header block.
         *
         * @param bytes at least 64
         * @return this builder
         */
        public Builder maxHeaderBytes(int bytes) {
            maxHeaderBytes = bytes;
            return this;
        }

        /**
         * Sets the most header fields of one part.
         *
         * @param count at least 1
         * @return this builder
         */
        public Builder maxHeaderCount(int count) {
            maxHeaderCount = count;
            return this;
        }

        /**
         * Sets the most content bytes of one part.
         *
         * @param bytes at least 0; {@link Long#MAX_VALUE} for no limit
         * @return this builder
         */
        public Builder maxPartSize(long bytes) {
            maxPartSize = bytes;
            return this;
        }

        /**
         * Sets the streaming reader's buffer size.
         *
         * @param bytes from 1 KiB to 1 MiB, and at least {@code maxHeaderBytes + 256} so that a
         *     whole header block fits
         * @return this builder
         */
        public Builder bufferSize(int bytes) {
            bufferSize = bytes;
            return this;
        }

        /**
         * The options.
         *
         * @return immutable options
         * @throws IllegalArgumentException if a value is out of its range
         */
        public MultipartOptions build() {
            require(maxParts >= 1, "maxParts must be at least 1, got " + maxParts);
            require(maxHeaderBytes >= 64, "maxHeaderBytes must be at least 64, got " + maxHeaderBytes);
            require(maxHeaderCount >= 1, "maxHeaderCount must be at least 1, got " + maxHeaderCount);
            require(maxPartSize >= 0, "maxPartSize must not be negative, got " + maxPartSize);
            require(bufferSize >= 1024 && bufferSize <= 1024 * 1024,
                    "bufferSize must be from 1 KiB to 1 MiB, got " + bufferSize);
            require(bufferSize >= maxHeaderBytes + 256, "bufferSize (" + bufferSize
                    + ") must be at least maxHeaderBytes + 256 (" + (maxHeaderBytes + 256) + ") to hold a header block");
            return new MultipartOptions(this);
        }

        private static void require(boolean condition, String message) {
            if (!condition) {
                throw new IllegalArgumentException(message);
            }
        }
    }
}
