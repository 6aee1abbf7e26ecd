package mummy.examples;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * An example server in a child JVM, started from the modules under test with chosen JVM options
 * (such as a small heap), its GC logged to a file so a test can report how much heap it used.
 */
final class ChildServer implements AutoCloseable {

    private static final Pattern GC_LINE = Pattern.compile("(\\d+)M->(\\d+)M\\((\\d+)M\\)");
    /** What an example server needs on its module path; one scheduler, so the choice is plain. */
    private static final List<String> MODULES = java.util.stream.Stream.concat(serverModules().stream(),
            Stream.of("mummy.sched.virtual")).toList();

    private final Process process;
    private final Path gcLog;
    private final Path errors;
    private final int port;

    /**
     * Starts {@code mainClass} of module {@code mummy.examples} with {@code --port 0} and waits
     * for its {@code listening on HOST:PORT} line.
     */
    ChildServer(String mainClass, List<String> jvmOptions, List<String> arguments, Path workDirectory)
            throws IOException, InterruptedException {
        Files.createDirectories(workDirectory);
        gcLog = workDirectory.resolve(mainClass.substring(mainClass.lastIndexOf('.') + 1) + "-gc.log");
        Files.deleteIfExists(gcLog);
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.addAll(List.of("-Xlog:gc:file=" + gcLog, "--enable-native-access=mummy.io",
                "--module-path", modulePath(), "-m", "mummy.examples/" + mainClass, "--port", "0"));
        command.addAll(arguments);
        errors = workDirectory.resolve("child.err");
        process = new ProcessBuilder(command).redirectError(errors.toFile()).start();
        CompletableFuture<String> firstLine = CompletableFuture.supplyAsync(() -> {
            try {
                return new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8)).readLine();
            } catch (IOException e) {
                return null;
            }
        });
        String line;
        try {
            line = firstLine.get(30, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            close();
            throw new IllegalStateException("the child server did not say where it listens: " + command, e);
        }
        if (line == null || !line.startsWith("listening on ")) {
            close();
            throw new IllegalStateException("the child server did not start (" + line + "); see "
                    + workDirectory.resolve("child.err"));
        }
        port = Integer.parseInt(line.substring(line.lastIndexOf(':') + 1));
    }

    int port() {
        return port;
    }

    /** What the child wrote on standard error so far. */
    String errors() throws IOException {
        return Files.readString(errors, StandardCharsets.UTF_8);
    }

    /** Makes the child collect its garbage now ({@code jcmd <pid> GC.run}). */
    void runGc() throws IOException, InterruptedException {
        jcmd("GC.run");
    }

    /** The child's heap as {@code jcmd <pid> GC.heap_info} reports it now. */
    String heapInfo() throws IOException, InterruptedException {
        return jcmd("GC.heap_info");
    }

    /** What {@code jcmd <pid> COMMAND...} prints for the child now, such as {@code VM.native_memory summary}. */
    String jcmd(String... command) throws IOException, InterruptedException {
        List<String> line = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                Long.toString(process.pid())));
        line.addAll(List.of(command));
        Process jcmd = new ProcessBuilder(line).redirectErrorStream(true).start();
        String output = new String(jcmd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!jcmd.waitFor(30, TimeUnit.SECONDS)) {
            jcmd.destroyForcibly();
            throw new IllegalStateException("jcmd " + String.join(" ", command) + " did not finish");
        }
        return output;
    }

    /** Where this test JVM has each module: a jar or a target/classes directory, by module name. */
    static Map<String, Path> modulesOfThisJvm() {
        Map<String, Path> modules = new TreeMap<>();
        Stream.of("jdk.module.path", "java.class.path")
                .map(property -> System.getProperty(property, ""))
                .flatMap(path -> Stream.of(path.split(File.pathSeparator)))
                .filter(entry -> !entry.isBlank())
                .map(Path::of)
                .filter(entry -> entry.toString().endsWith(".jar") || Files.isRegularFile(entry.resolve("module-info.class")))
                .forEach(entry -> ModuleFinder.of(entry).findAll().stream()
                        .map(ModuleReference::descriptor)
                        .forEach(descriptor -> modules.putIfAbsent(descriptor.name(), entry)));
        return modules;
    }

    /**
     * The modules {@code mummy.examples} reads, itself included, as this test JVM has them (its
     * {@code requires}, transitively, without the JDK's own and without {@code static} ones): what
     * an example server needs on its module path besides a scheduler.
     */
    static List<String> serverModules() {
        Map<String, java.lang.module.ModuleDescriptor> found = new TreeMap<>();
        modulesOfThisJvm().forEach((name, entry) -> ModuleFinder.of(entry).find(name)
                .ifPresent(reference -> found.put(name, reference.descriptor())));
        List<String> needed = new ArrayList<>();
        java.util.ArrayDeque<String> next = new java.util.ArrayDeque<>(List.of("mummy.examples"));
        while (!next.isEmpty()) {
            String name = next.poll();
            java.lang.module.ModuleDescriptor descriptor = found.get(name);
            if (descriptor == null || needed.contains(name)) {
                continue; // a module of the JDK, or seen already
            }
            needed.add(name);
            descriptor.requires().stream()
                    .filter(r -> !r.modifiers().contains(java.lang.module.ModuleDescriptor.Requires.Modifier.STATIC))
                    .forEach(r -> next.add(r.name()));
        }
        return List.copyOf(needed);
    }

    /** The module path of {@link #MODULES} as this test JVM has them. */
    private static String modulePath() {
        Map<String, Path> modules = modulesOfThisJvm();
        if (!modules.keySet().containsAll(MODULES)) {
            throw new IllegalStateException("modules needed: " + MODULES + ", found: " + modules.keySet());
        }
        return MODULES.stream().map(name -> modules.get(name).toString()).collect(Collectors.joining(File.pathSeparator));
    }

    /** What the GC log says so far: the most heap in use before and after a collection, in MiB. */
    record Heap(long peakBeforeGcMiB, long peakAfterGcMiB, long committedMiB, int collections) {
        @Override
        public String toString() {
            return "heap peak " + peakBeforeGcMiB + " MiB before GC, " + peakAfterGcMiB + " MiB after GC, "
                    + committedMiB + " MiB committed, " + collections + " collections";
        }
    }

    Heap heap() throws IOException {
        long before = 0;
        long after = 0;
        long committed = 0;
        int collections = 0;
        for (String line : Files.readAllLines(gcLog, StandardCharsets.UTF_8)) {
            Matcher m = GC_LINE.matcher(line);
            if (m.find()) {
                before = Math.max(before, Long.parseLong(m.group(1)));
                after = Math.max(after, Long.parseLong(m.group(2)));
                committed = Math.max(committed, Long.parseLong(m.group(3)));
                collections++;
            }
        }
        return new Heap(before, after, committed, collections);
    }

    /**
     * Sends the child SIGTERM, as an operator's {@code kill PID} does, and waits for it to exit by
     * itself (its shutdown hooks run); a child still running after 30 s is killed and fails.
     *
     * @return the child's exit status (143 for a JVM that ran its hooks after SIGTERM)
     */
    int stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("the child server was still running 30 s after SIGTERM");
        }
        return process.exitValue();
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
