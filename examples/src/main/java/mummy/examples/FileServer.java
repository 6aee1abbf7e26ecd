package mummy.examples;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import mummy.api.HttpHeaders;
import mummy.api.Router;
import mummy.io.Server;
import mummy.web.files.StaticFiles;

/**
 * A small file server: serves one directory at {@code /files/}, with validators, conditional
 * requests and byte ranges, the bytes sent with {@code sendfile} so that even huge files cost no
 * heap. {@code GET /} says what is served.
 *
 * <p>Arguments: {@code --dir DIR} (default: the working directory), {@code --index NAME} (serve
 * this file for directories, such as {@code index.html}; off by default), and those of
 * {@link EchoServer}: {@code --port N} (0 = ephemeral, default 8080), {@code --host H},
 * {@code --scheduler NAME}. Prints exactly one line, {@code listening on HOST:PORT}, once it
 * accepts connections; stops on SIGTERM/SIGINT.
 */
public final class FileServer {

    private FileServer() {
    }

    /**
     * The routes of the file server.
     *
     * @param files the handler of the served directory
     * @return the router
     */
    public static Router router(StaticFiles files) {
        return Router.builder()
                .get("/", request -> request.respond(200, HttpHeaders.of("Content-Type", "text/plain; charset=utf-8"),
                        "Files are served under /files/\n"))
                .get("/files/**", files)
                .build();
    }

    /**
     * Starts the server.
     *
     * @param args {@code [--dir DIR] [--index NAME] [--port N] [--host H] [--scheduler NAME]}
     * @throws InterruptedException if interrupted while serving
     */
    public static void main(String[] args) throws InterruptedException {
        Path dir = Path.of(".");
        String index = null;
        List<String> rest = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--dir" -> dir = Path.of(value(args, ++i, "--dir"));
                case "--index" -> index = value(args, ++i, "--index");
                default -> rest.add(args[i]);
            }
        }
        Arguments arguments = Arguments.parse(rest.toArray(String[]::new), 8080);
        StaticFiles files = StaticFiles.builder(dir).prefix("/files").indexFile(index).build();
        arguments.serve(Server.builder().handler(router(files)));
    }

    private static String value(String[] args, int index, String option) {
        if (index >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[index];
    }
}
