package mummy.examples;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import mummy.api.Router;
import mummy.io.Server;
import mummy.web.tus.CompletedUpload;
import mummy.web.tus.TusUploads;

/**
 * Resumable uploads by the tus protocol 1.0.0 (see {@link TusUploads}) at {@code /files/}, for any
 * tus client (tus-js-client, Uppy, tusd's tools): {@code POST /files/} creates an upload,
 * {@code PATCH} sends its bytes, {@code HEAD} tells where to resume, {@code DELETE} drops it.
 * {@code GET /} says where the endpoint is. Uploads are stored in the directory given, within
 * {@link TusUploads}'s default limits (uploads of up to 1 GiB, at most 1,000 unfinished at once,
 * each deleted after 24 hours without a PATCH), and each completed one is announced on standard
 * output as {@code completed ID LENGTH bytes NAME}.
 *
 * <p>Arguments: {@code --dir D} (default: a new temporary directory), {@code --port N} (0 =
 * ephemeral, default 8080), {@code --host H} (default 127.0.0.1), {@code --scheduler NAME}.
 * Prints {@code uploads in D} and then {@code listening on HOST:PORT} once it accepts connections;
 * stops on SIGTERM/SIGINT. Run it with {@code bin/tus-server}.
 */
public final class TusServer {

    private TusServer() {
    }

    /**
     * The tus handler of this example, with the default limits.
     *
     * @param directory where uploads are stored
     * @param onComplete what learns of each completed upload
     * @return the handler, at {@code /files/}
     */
    public static TusUploads uploads(Path directory, Consumer<CompletedUpload> onComplete) {
        return TusUploads.builder().directory(directory).basePath("/files/").onComplete(onComplete).build();
    }

    /**
     * The routes: the tus endpoint and a line of text at {@code /}.
     *
     * @param uploads the tus handler
     * @return the router
     */
    public static Router router(TusUploads uploads) {
        return uploads.addRoutes(Router.builder())
                .get("/", request -> request.respond(200, "tus 1.0.0 uploads: POST " + uploads.basePath()
                        + " (Tus-Resumable: 1.0.0, Upload-Length) to begin one\n"))
                .build();
    }

    /**
     * Starts the server.
     *
     * @param args {@code [--dir D] [--port N] [--host H] [--scheduler NAME]}
     * @throws Exception if the directory cannot be made, or when interrupted while serving
     */
    public static void main(String[] args) throws Exception {
        Path directory = null;
        List<String> rest = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--dir") && i + 1 < args.length) {
                directory = Path.of(args[++i]);
            } else {
                rest.add(args[i]);
            }
        }
        Arguments arguments = Arguments.parse(rest.toArray(String[]::new), 8080);
        if (directory == null) {
            directory = Files.createTempDirectory("mummy-tus-");
        }
        TusUploads uploads = uploads(directory, done -> {
            String name = done.metadata().text("filename");
            System.out.println("completed " + done.id() + " " + done.length() + " bytes " + (name == null ? "" : name));
            System.out.flush();
        });
        System.out.println("uploads in " + uploads.directory());
        arguments.serve(Server.builder().handler(router(uploads)));
    }
}
