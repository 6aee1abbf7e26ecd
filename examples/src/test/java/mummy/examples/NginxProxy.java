package mummy.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * nginx running {@code examples/nginx/mummy.conf} in front of a Mummy server, for
 * {@link NginxProxyTest}: installs nginx with {@code bin/ensure-nginx} when it is missing, makes a
 * self-signed certificate for 127.0.0.1 with openssl, renders the snippet into a whole nginx.conf
 * whose prefix, pid, logs and temporary paths are all in one temporary directory, and runs nginx
 * in the foreground ({@code daemon off}) on a free loopback port. {@link #close()} stops it by its
 * PID. A missing tool fails the test with a message saying what to install; nothing is skipped.
 *
 * <p>Threading: one test thread; a virtual thread drains nginx's error log (its standard error).
 */
final class NginxProxy implements AutoCloseable {

    /** Installing nginx with apt-get takes a minute or two; later runs take a moment. */
    private static final Duration INSTALL_TIMEOUT = Duration.ofMinutes(10);
    private static final Duration TOOL_TIMEOUT = Duration.ofSeconds(30);
    /** How long nginx may take to listen, and to stop. */
    private static final Duration START_STOP_TIMEOUT = Duration.ofSeconds(10);
    /** nginx logs this (level notice) after its listening sockets are open. */
    private static final String STARTED = "start worker process ";

    private final Process process;
    private final StringBuffer log;
    private final Path certificate;
    private final int port;

    private NginxProxy(Process process, StringBuffer log, Path certificate, int port) {
        this.process = process;
        this.log = log;
        this.certificate = certificate;
        this.port = port;
    }

    /** {@code examples/nginx/mummy.conf}; surefire runs in {@code examples}. */
    static Path snippet() {
        return examples().resolve("nginx/mummy.conf");
    }

    /**
     * Starts nginx with the snippet in front of Mummy, and returns once it listens.
     *
     * @param upstreamPort the port Mummy listens on at 127.0.0.1
     * @param directory an empty directory for nginx's files
     * @return the running proxy; close it to stop nginx
     */
    static NginxProxy start(int upstreamPort, Path directory) throws Exception {
        return start(snippet(), Map.of("server 127.0.0.1:8080;", "server 127.0.0.1:" + upstreamPort + ";"), directory);
    }

    /**
     * Starts nginx with a snippet of {@code examples/nginx} (such as {@code cluster.conf}), and
     * returns once it listens.
     *
     * @param snippet the snippet's file
     * @param upstreams its upstream lines to change (each there exactly once), and what they become
     * @param directory an empty directory for nginx's files
     * @return the running proxy; close it to stop nginx
     */
    static NginxProxy start(Path snippet, Map<String, String> upstreams, Path directory) throws Exception {
        String nginx = ensureNginx();
        Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwxr-xr-x")); // workers run as nobody
        Path certificate = directory.resolve("cert.pem");
        Path key = directory.resolve("key.pem");
        run(List.of("openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
                "-days", "2", "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost",
                "-keyout", key.toString(), "-out", certificate.toString()), TOOL_TIMEOUT, "openssl (apt-get install -y openssl)");
        int port = freePort();
        Files.createDirectory(directory.resolve("temp"), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        Path conf = directory.resolve("nginx.conf");
        Files.writeString(conf, render(snippet, Files.readString(snippet), directory, certificate, key, port, upstreams));
        Process process = new ProcessBuilder(nginx, "-p", directory + "/", "-c", conf.toString(), "-e", "stderr")
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        StringBuffer log = new StringBuffer();
        CompletableFuture<Void> listening = new CompletableFuture<>();
        Thread.ofVirtual().name("nginx-log").start(() -> drain(process.getErrorStream(), log, listening));
        NginxProxy proxy = new NginxProxy(process, log, certificate, port);
        try {
            listening.get(START_STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            proxy.close();
            fail("nginx did not start with " + conf + ":\n" + Files.readString(conf) + "\nits log:\n" + log, e);
        }
        return proxy;
    }

    /** The snippet in an nginx.conf of its own: the file's own lines, with only its CHANGE values set. */
    static String render(Path file, String snippet, Path directory, Path certificate, Path key, int port,
                         Map<String, String> upstreams) {
        String server = replaceOnce(file, snippet, "listen 443 ssl http2;", "listen 127.0.0.1:" + port + " ssl http2;");
        for (Map.Entry<String, String> upstream : upstreams.entrySet()) {
            server = replaceOnce(file, server, upstream.getKey(), upstream.getValue());
        }
        server = replaceOnce(file, server, "/etc/ssl/mummy/fullchain.pem", certificate.toString());
        server = replaceOnce(file, server, "/etc/ssl/mummy/privkey.pem", key.toString());
        Path temp = directory.resolve("temp");
        return """
                daemon off;
                worker_processes 1;
                pid %1$s/nginx.pid;
                error_log stderr notice;
                events {
                    worker_connections 256;
                }
                http {
                    access_log %1$s/access.log;
                    # As a site's own nginx.conf may have it: the snippet's event streams must hold up.
                    gzip on;
                    gzip_types text/plain text/event-stream;
                    client_body_temp_path %2$s/body;
                    proxy_temp_path %2$s/proxy;
                    fastcgi_temp_path %2$s/fastcgi;
                    uwsgi_temp_path %2$s/uwsgi;
                    scgi_temp_path %2$s/scgi;
                %3$s
                }
                """.formatted(directory, temp, server.indent(4).stripTrailing());
    }

    /** The port nginx listens on at 127.0.0.1 (TLS, HTTP/2 and HTTP/1.1). */
    int port() {
        return port;
    }

    /** The self-signed certificate nginx presents, PEM. */
    Path certificate() {
        return certificate;
    }

    /** A TLS context that trusts only {@link #certificate()}. */
    SSLContext sslContext() throws Exception {
        Certificate cert;
        try (InputStream in = Files.newInputStream(certificate)) {
            cert = CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
        KeyStore trusted = KeyStore.getInstance("PKCS12");
        trusted.load(null, null);
        trusted.setCertificateEntry("nginx", cert);
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trusted);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        return context;
    }

    /** What nginx logged so far. */
    String log() {
        return log.toString();
    }

    /**
     * Runs a tool to its end.
     *
     * @param command the command line
     * @param timeout how long it may take
     * @param install what to install when it cannot be started
     * @return its standard output and error, once it exited 0 (anything else fails the test)
     */
    static String run(List<String> command, Duration timeout, String install) throws Exception {
        Path output = Files.createTempFile("mummy-nginx-", ".log");
        try {
            Process process;
            try {
                process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
            } catch (IOException e) {
                throw new AssertionError("cannot run " + command.getFirst() + "; install " + install + ": " + e.getMessage(), e);
            }
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor();
                fail(String.join(" ", command) + " did not finish within " + timeout + ":\n" + Files.readString(output));
            }
            String text = Files.readString(output, StandardCharsets.UTF_8);
            assertEquals(0, process.exitValue(), () -> String.join(" ", command) + " failed:\n" + text);
            return text;
        } finally {
            Files.deleteIfExists(output);
        }
    }

    /**
     * Stops nginx by its PID (SIGTERM: fast shutdown; SIGKILL to it and its workers after 10 s),
     * and waits until its workers are gone too.
     */
    @Override
    public void close() {
        List<ProcessHandle> workers = process.descendants().toList();
        process.destroy();
        try {
            if (!process.waitFor(START_STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                workers.forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly().waitFor();
                fail("nginx (pid " + process.pid() + ") did not stop within " + START_STOP_TIMEOUT + ":\n" + log);
            }
            for (ProcessHandle worker : workers) {
                worker.onExit().get(START_STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while stopping nginx (pid " + process.pid() + ")", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new AssertionError("a worker of nginx (pid " + process.pid() + ") did not stop", e);
        }
    }

    private static String ensureNginx() throws Exception {
        Path script = examples().resolveSibling("bin").resolve("ensure-nginx");
        String output = run(List.of(script.toString()), INSTALL_TIMEOUT, "nginx (sudo apt-get install -y nginx)").strip();
        String[] lines = output.split("\n");
        return lines[lines.length - 1]; // the path; any lines before it are apt-get's
    }

    /** The examples module's directory (surefire and failsafe run in it). */
    static Path examples() {
        return Path.of(System.getProperty("basedir", ".")).toAbsolutePath().normalize();
    }

    private static String replaceOnce(Path file, String text, String target, String replacement) {
        int at = text.indexOf(target);
        if (at < 0 || text.indexOf(target, at + 1) >= 0) {
            throw new AssertionError(file + " must contain \"" + target + "\" exactly once");
        }
        return text.replace(target, replacement);
    }

    /** A port on 127.0.0.1 that was free a moment ago. */
    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress("127.0.0.1", 0));
            return socket.getLocalPort();
        }
    }

    private static void drain(InputStream errors, StringBuffer log, CompletableFuture<Void> listening) {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(errors, StandardCharsets.UTF_8))) {
            for (String line; (line = lines.readLine()) != null; ) {
                log.append(line).append('\n');
                if (line.contains(STARTED)) {
                    listening.complete(null);
                }
            }
            listening.completeExceptionally(new IOException("nginx exited"));
        } catch (IOException e) {
            listening.completeExceptionally(e);
        }
    }
}
