package mummy.examples;

/** The Autobahn plugin's {@code mainClass} for the run without compression. */
public final class AutobahnPlainTarget {

    private AutobahnPlainTarget() {
    }

    /**
     * Runs {@link AutobahnServer} until interrupted.
     *
     * @param args the port
     * @throws Exception if the server cannot start
     */
    public static void main(String[] args) throws Exception {
        AutobahnTarget.run("plain", args, false);
    }
}
