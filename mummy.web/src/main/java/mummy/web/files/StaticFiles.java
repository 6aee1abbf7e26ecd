package mummy.web.files;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Objects;
import mummy.api.HttpHeaders;
import mummy.api.Request;
import mummy.api.RequestHandler;

/**
 * Serves the files below one directory, which requests cannot escape. Use it as a handler or as a
 * route: {@code router.get("/static/**", StaticFiles.of(dir, "/static"))}.
 *
 * <p>A request is answered like this:
 * <ul>
 *   <li>methods other than GET and HEAD: 405 with {@code Allow: GET, HEAD};
 *   <li>a path outside the prefix: 404;
 *   <li>the rest of the raw path is split on {@code /}, then each segment percent-decoded as
 *       UTF-8 on its own: an encoded {@code /} or {@code \}, NUL or another control character, a
 *       broken escape or malformed UTF-8 → 400; {@code .}, {@code ..}, an empty segment
 *       ({@code a//b}) or a hidden name (starting with {@code .}, unless
 *       {@link Builder#serveHiddenFiles}) → 404;
 *   <li>the names are resolved below the root and the result's real path (symbolic links
 *       followed) must lie inside the root's real path, else 404: a link may point anywhere inside
 *       the root, never out of it;
 *   <li>a directory → 404, or its index file when one is configured ({@link Builder#indexFile},
 *       off by default); a path ending in {@code /} that is not a directory → 404;
 *   <li>a regular file → {@link Request#respondFile(Path, HttpHeaders)}: validators, conditional
 *       requests, ranges and HEAD as described there; anything else → 404.
 * </ul>
 * Response bodies never name file system paths.
 *
 * <p>The check and the open are separate steps: someone who can replace directories inside the
 * root with links while requests run could race them. Serve directories whose contents only
 * trusted users can change.
 *
 * <p>Threading: immutable; one instance serves every worker thread at once.
 */
public final class StaticFiles implements RequestHandler {

    private static final HttpHeaders ALLOW = HttpHeaders.of("Allow", "GET, HEAD",
            "Content-Type", "text/plain; charset=utf-8");

    private final Path root;
    private final String prefix;
    private final String indexFile;
    private final boolean hiddenAllowed;
    private final HttpHeaders headers;

    private StaticFiles(Builder builder, Path root) {
        this.root = root;
        this.prefix = builder.prefix;
        this.indexFile = builder.indexFile;
        this.hiddenAllowed = builder.hiddenAllowed;
        this.headers = builder.headers;
    }

    /**
     * Serves {@code root} at {@code prefix} with the default settings: no index files, no hidden
     * files, no extra headers.
     *
     * @param root an existing directory
     * @param prefix the raw path the files appear under, such as {@code /static}; {@code ""} or
     *               {@code /} for the whole path space
     * @return the handler
     * @throws IllegalArgumentException if {@code root} is not a directory or the prefix is malformed
     */
    public static StaticFiles of(Path root, String prefix) {
        return builder(root).prefix(prefix).build();
    }

    /**
     * A builder for a handler serving {@code root}.
     *
     * @param root an existing directory, checked by {@link Builder#build()}
     * @return a new builder with the defaults: prefix {@code ""}, no index files, no hidden files
     */
    public static Builder builder(Path root) {
        return new Builder(Objects.requireNonNull(root, "root"));
    }

    @Override
    public void handle(Request request) {
        String method = request.method();
        if (!method.equals("GET") && !method.equals("HEAD")) {
            request.respond(405, ALLOW, "Method Not Allowed"); // RFC 9110 15.5.6
            return;
        }
        String path = rawPath(request.target());
        if (path == null || !path.startsWith(prefix) || (path.length() > prefix.length()
                && path.charAt(prefix.length()) != '/')) {
            notFound(request);
            return;
        }
        switch (SafePath.parse(path.substring(prefix.length()), hiddenAllowed)) {
            case SafePath.Refusal refusal -> request.respond(refusal.status(),
                    refusal.status() == 400 ? "Bad Request" : "Not Found");
            case SafePath.Segments segments -> serve(request, segments);
        }
    }

    private void serve(Request request, SafePath.Segments segments) {
        Path file = inside(resolve(segments));
        if (file != null && Files.isDirectory(file)) {
            file = indexFile == null ? null : inside(file.resolve(indexFile));
        } else if (segments.directory()) {
            file = null;
        }
        if (file == null || !Files.isRegularFile(file)) {
            notFound(request);
            return;
        }
        request.respondFile(file, headers);
    }

    private Path resolve(SafePath.Segments segments) {
        Path path = root;
        try {
            for (String name : segments.names()) {
                path = path.resolve(name);
            }
        } catch (InvalidPathException e) {
            return null; // SafePath already refused every character Linux file names cannot hold
        }
        return path;
    }

    /** The real path of {@code path} if it exists inside the root, else null. */
    private Path inside(Path path) {
        if (path == null) {
            return null;
        }
        try {
            Path real = path.toRealPath();
            return real.startsWith(root) ? real : null;
        } catch (IOException e) {
            return null;
        }
    }

    private static void notFound(Request request) {
        request.respond(404, "Not Found");
    }

    /** The path of an origin-form or absolute-form target as sent (not decoded), or null for others. */
    private static String rawPath(String target) {
        String path = target;
        if (!path.startsWith("/")) {
            int scheme = path.indexOf("://");
            if (scheme < 0) {
                return null; // asterisk or authority form
            }
            int slash = path.indexOf('/', scheme + 3);
            path = slash < 0 ? "/" : path.substring(slash);
        }
        int query = path.indexOf('?');
        return query < 0 ? path : path.substring(0, query);
    }

    @Override
    public String toString() {
        return "StaticFiles[" + root + " at " + (prefix.isEmpty() ? "/" : prefix) + "]";
    }

    /**
     * Settings of a {@link StaticFiles} handler. Not thread-safe; {@link #build()} may be called
     * more than once.
     */
    public static final class Builder {
        private final Path root;
        private String prefix = "";
        private String indexFile;
        private boolean hiddenAllowed;
        private HttpHeaders headers = HttpHeaders.empty();

        private Builder(Path root) {
            this.root = root;
        }

        /**
         * The raw path the files appear under, matched literally against the request's path before
         * decoding: {@code /static} serves {@code root/a.txt} as {@code /static/a.txt}.
         *
         * @param prefix {@code ""} or {@code /} for everything, else starting with {@code /}; a
         *               trailing {@code /} is dropped
         * @return this builder
         * @throws IllegalArgumentException if the prefix does not start with {@code /} or holds
         *                                  {@code ?}
         */
        public Builder prefix(String prefix) {
            Objects.requireNonNull(prefix, "prefix");
            if (!prefix.isEmpty() && (!prefix.startsWith("/") || prefix.contains("?") || prefix.contains("//"))) {
                throw new IllegalArgumentException("a prefix is empty or a path such as /static, not \"" + prefix + "\"");
            }
            this.prefix = prefix.endsWith("/") ? prefix.substring(0, prefix.length() - 1) : prefix;
            return this;
        }

        /**
         * Serves this file for a request naming a directory (off by default: directories are 404).
         *
         * @param name a plain file name such as {@code index.html}, or null to turn index files off
         * @return this builder
         * @throws IllegalArgumentException if the name is empty, {@code .}, {@code ..} or holds a
         *                                  {@code /} or {@code \}
         */
        public Builder indexFile(String name) {
            if (name != null && (name.isEmpty() || name.equals(".") || name.equals("..") || name.contains("/")
                    || name.contains("\\") || name.indexOf('\0') >= 0)) {
                throw new IllegalArgumentException("an index file is a plain file name, not \"" + name + "\"");
            }
            this.indexFile = name;
            return this;
        }

        /**
         * Whether names starting with {@code .} (such as {@code .git} or {@code .env}) may be
         * served; false by default, when they are 404.
         *
         * @param serve true to serve them
         * @return this builder
         */
        public Builder serveHiddenFiles(boolean serve) {
            this.hiddenAllowed = serve;
            return this;
        }

        /**
         * Fields added to every file response, such as {@code Cache-Control}.
         *
         * @param headers the fields (not those {@link Request#respondFile(Path, HttpHeaders)} derives)
         * @return this builder
         */
        public Builder headers(HttpHeaders headers) {
            this.headers = Objects.requireNonNull(headers, "headers");
            return this;
        }

        /**
         * Builds the handler.
         *
         * @return the handler
         * @throws IllegalArgumentException if the root is not an existing directory
         * @throws UncheckedIOException if its real path cannot be read
         */
        public StaticFiles build() {
            if (!Files.isDirectory(root)) {
                throw new IllegalArgumentException("not a directory: " + root);
            }
            try {
                return new StaticFiles(this, root.toRealPath());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot resolve the real path of " + root, e);
            }
        }
    }
}
