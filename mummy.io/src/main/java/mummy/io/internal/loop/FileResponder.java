package mummy.io.internal.loop;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import mummy.api.HttpHeaders;
import mummy.io.internal.ffi.Errno;
import mummy.io.internal.ffi.FileIo;
import mummy.io.internal.http.ByteRanges;
import mummy.io.internal.http.HttpDates;
import mummy.io.internal.http.MediaTypes;
import mummy.io.internal.http.Preconditions;
import mummy.io.internal.http.ResponseEncoder;

/**
 * Decides the answer to {@code Request.respondFile}: opens the file, reads its validators from the
 * open descriptor, evaluates the conditional fields (RFC 9110 section 13.2.2) and {@code Range}
 * (section 14), and encodes the head; the body stays in the file as {@link FileBody} regions for
 * the IO thread to send with {@code sendfile}.
 *
 * <p>Answers: 200 (whole file), 206 (one range, or {@code multipart/byteranges}, section 14.6),
 * 304, 412, 416 ({@code Content-Range: bytes *&#47;length}), 404 when the file cannot be opened or
 * is not a regular file (the body never names the path), 503 when the process is out of file
 * descriptors. Every response of a file that exists carries {@code ETag} (strong: size,
 * modification time in nanoseconds and inode), {@code Last-Modified} and
 * {@code Accept-Ranges: bytes}.
 *
 * <p>Threading: stateless; runs on the worker that responds. The descriptor it opens is closed
 * before it returns unless it travels on in the {@link Answer}'s body.
 */
final class FileResponder {

    private static final System.Logger LOG = System.getLogger("mummy.io");
    /** Fields the server derives from the file; a handler may not set them. */
    private static final List<String> SERVER_FIELDS = List.of("Content-Length", "Transfer-Encoding", "Content-Range",
            "ETag", "Last-Modified", "Accept-Ranges");
    /** Fields a 304 repeats from the 200 it stands for (RFC 9110 15.4.5); ETag is added separately. */
    private static final List<String> NOT_MODIFIED_FIELDS = List.of("Cache-Control", "Content-Location", "Expires",
            "Vary");

    /**
     * The response to send.
     *
     * @param head the encoded head (and the whole body, for the small answers without a file body)
     * @param body the file body that follows the head, or null
     * @param status the response's status, for the metrics
     * @param bodyLength the body's length (of the file's part, or of the small text), for the metrics
     */
    record Answer(ResponseEncoder.Encoded head, FileBody body, int status, long bodyLength) {
        /** Closes the file of an answer that will not be sent. */
        void discard() {
            if (body != null) {
                body.close();
            }
        }
    }

    /** What the open file is: its length and its validators. */
    private record Stat(long size, String etag, long lastModifiedSecond) {
    }

    private FileResponder() {
    }

    /**
     * Checks the handler's extra fields before anything is opened.
     *
     * @param extra the handler's fields
     * @throws IllegalArgumentException if they set a field the server derives from the file
     */
    static void checkExtraHeaders(HttpHeaders extra) {
        for (String name : SERVER_FIELDS) {
            if (extra.contains(name)) {
                throw new IllegalArgumentException("respondFile sets " + name + " itself: remove it from the headers");
            }
        }
    }

    /**
     * Prepares the answer for a request.
     *
     * @param method the request method
     * @param headers the request's fields
     * @param info what the encoder needs to know about the request
     * @param file the file to send
     * @param extra the handler's extra fields
     * @return the answer; its file body, if any, owns an open descriptor
     */
    static Answer prepare(String method, HttpHeaders headers, ResponseEncoder.RequestInfo info, Path file,
                          HttpHeaders extra) {
        int fd = FileIo.openForReading(file);
        if (fd < 0) {
            LOG.log(System.Logger.Level.DEBUG, "file.unavailable: {0}: {1}", file, Errno.name(-fd));
            return -fd == Errno.EMFILE || -fd == Errno.ENFILE
                    ? small(503, "Service Unavailable", HttpHeaders.empty(), info)
                    : small(404, "Not Found", HttpHeaders.empty(), info);
        }
        Answer answer = null;
        try {
            Stat stat = stat(fd);
            if (stat == null) {
                LOG.log(System.Logger.Level.DEBUG, "file.unavailable: {0}: not a regular file", file);
                answer = small(404, "Not Found", HttpHeaders.empty(), info);
            } else {
                answer = answer(method, headers, info, fd, stat, file, extra);
            }
            return answer;
        } finally {
            if (answer == null || answer.body() == null) {
                FileIo.close(fd);
            }
        }
    }

    /**
     * The open file's length and validators, read through {@code /proc/self/fd} so that they
     * describe what is open, not what the path names by now; null if not a regular file.
     */
    private static Stat stat(int fd) {
        try {
            Map<String, Object> attributes = Files.readAttributes(Path.of("/proc/self/fd/" + fd),
                    "unix:size,lastModifiedTime,isRegularFile,ino");
            if (!Boolean.TRUE.equals(attributes.get("isRegularFile"))) {
                return null;
            }
            long size = (Long) attributes.get("size");
            FileTime modified = (FileTime) attributes.get("lastModifiedTime");
            long nanos = modified.to(TimeUnit.NANOSECONDS);
            String etag = "\"" + Long.toHexString(size) + "-" + Long.toHexString(nanos) + "-"
                    + Long.toHexString((Long) attributes.get("ino")) + "\"";
            return new Stat(size, etag, modified.to(TimeUnit.SECONDS));
        } catch (IOException | RuntimeException e) {
            LOG.log(System.Logger.Level.DEBUG, "file.stat_failed: fd " + fd, e);
            return null;
        }
    }

    private static Answer answer(String method, HttpHeaders headers, ResponseEncoder.RequestInfo info, int fd,
                                 Stat stat, Path file, HttpHeaders extra) {
        Preconditions preconditions = new Preconditions(stat.etag(), stat.lastModifiedSecond());
        String contentType = extra.contains("Content-Type") ? extra.get("Content-Type")
                : MediaTypes.forFileName(String.valueOf(file.getFileName()));
        switch (preconditions.evaluate(method, headers)) {
            case PRECONDITION_FAILED -> {
                return small(412, "Precondition Failed", HttpHeaders.of("ETag", stat.etag()), info);
            }
            case NOT_MODIFIED -> {
                HttpHeaders.Builder fields = HttpHeaders.builder().add("ETag", stat.etag());
                for (HttpHeaders.Field field : extra) {
                    if (NOT_MODIFIED_FIELDS.stream().anyMatch(field.name()::equalsIgnoreCase)) {
                        fields.add(field.name(), field.value());
                    }
                }
                return new Answer(ResponseEncoder.encodeFileHead(304, fields.build(), 0, info), null, 304, 0);
            }
            case PROCEED -> { }
        }
        HttpHeaders.Builder fields = HttpHeaders.builder();
        if (!extra.contains("Content-Type")) {
            fields.add("Content-Type", contentType);
        }
        fields.add("Last-Modified", HttpDates.format(stat.lastModifiedSecond())).add("ETag", stat.etag())
                .add("Accept-Ranges", "bytes").addAll(extra);
        ByteRanges.Outcome ranges = rangesToSend(method, headers, preconditions, stat.size());
        return switch (ranges) {
            case ByteRanges.Outcome.Ignore ignore -> whole(fields, fd, stat.size(), info);
            case ByteRanges.Outcome.Unsatisfiable unsatisfiable -> small(416, "Range Not Satisfiable",
                    HttpHeaders.of("Content-Range", "bytes */" + stat.size()), info);
            case ByteRanges.Outcome.Satisfiable satisfiable when satisfiable.ranges().size() == 1 -> {
                ByteRanges.Range range = satisfiable.ranges().getFirst();
                fields.add("Content-Range", contentRange(range, stat.size()));
                yield withBody(206, fields.build(), fd, List.of(new FileBody.Region(range.first(), range.length())),
                        range.length(), info);
            }
            case ByteRanges.Outcome.Satisfiable satisfiable -> multipart(fields, contentType, fd, stat.size(),
                    satisfiable.ranges(), info);
        };
    }

    /** Range applies to GET only (RFC 9110 14.2), once If-Range holds (13.1.5); one Range field at most. */
    private static ByteRanges.Outcome rangesToSend(String method, HttpHeaders headers, Preconditions preconditions,
                                                   long size) {
        List<String> range = headers.all("Range");
        if (!method.equals("GET") || range.size() != 1
                || !preconditions.ifRangeHolds(headers, System.currentTimeMillis() / 1000)) {
            return new ByteRanges.Outcome.Ignore();
        }
        return ByteRanges.resolve(range.getFirst(), size);
    }

    private static Answer whole(HttpHeaders.Builder fields, int fd, long size, ResponseEncoder.RequestInfo info) {
        List<Object> parts = size == 0 ? List.of() : List.of(new FileBody.Region(0, size));
        return withBody(200, fields.build(), fd, parts, size, info);
    }

    /** RFC 9110 14.6: each part has its own Content-Type and Content-Range; the parts close with the delimiter. */
    private static Answer multipart(HttpHeaders.Builder fields, String contentType, int fd, long size,
                                    List<ByteRanges.Range> ranges, ResponseEncoder.RequestInfo info) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        String boundary = Long.toHexString(random.nextLong() | Long.MIN_VALUE)
                + Long.toHexString(random.nextLong() | Long.MIN_VALUE);
        List<Object> parts = new ArrayList<>(ranges.size() * 2 + 1);
        long length = 0;
        for (int i = 0; i < ranges.size(); i++) {
            ByteRanges.Range range = ranges.get(i);
            byte[] partHead = ((i == 0 ? "" : "\r\n") + "--" + boundary + "\r\nContent-Type: " + contentType
                    + "\r\nContent-Range: " + contentRange(range, size) + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1);
            parts.add(partHead);
            parts.add(new FileBody.Region(range.first(), range.length()));
            length += partHead.length + range.length();
        }
        byte[] end = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.ISO_8859_1);
        parts.add(end);
        length += end.length;
        HttpHeaders built = fields.build();
        HttpHeaders.Builder outer = HttpHeaders.builder();
        for (HttpHeaders.Field field : built) {
            if (!field.name().equalsIgnoreCase("Content-Type")) {
                outer.add(field.name(), field.value());
            }
        }
        outer.add("Content-Type", "multipart/byteranges; boundary=" + boundary);
        return withBody(206, outer.build(), fd, parts, length, info);
    }

    private static String contentRange(ByteRanges.Range range, long size) {
        return "bytes " + range.first() + "-" + range.last() + "/" + size; // RFC 9110 14.4
    }

    /** The head, plus the file body unless the method is HEAD or there is nothing to send. */
    private static Answer withBody(int status, HttpHeaders fields, int fd, List<Object> parts, long length,
                                   ResponseEncoder.RequestInfo info) {
        ResponseEncoder.Encoded head = ResponseEncoder.encodeFileHead(status, fields, length, info);
        boolean send = !info.head() && !parts.isEmpty();
        return new Answer(head, send ? new FileBody(fd, parts) : null, status, send ? length : 0);
    }

    /** A short text answer that does not come from the file. */
    private static Answer small(int status, String text, HttpHeaders fields, ResponseEncoder.RequestInfo info) {
        HttpHeaders headers = HttpHeaders.builder().addAll(fields).add("Content-Type", "text/plain; charset=utf-8")
                .build();
        byte[] body = (text + "\n").getBytes(StandardCharsets.UTF_8);
        return new Answer(ResponseEncoder.encodeFinal(status, headers, body, info), null, status,
                info.head() ? 0 : body.length);
    }
}
