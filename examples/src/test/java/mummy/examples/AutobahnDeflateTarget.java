package mummy.examples;

/** The Autobahn plugin's {@code mainClass} for the run with permessage-deflate. */
public final class AutobahnDeflateTarget {

    private AutobahnDeflateTarget() {
    }

    /**
     * Runs {@link AutobahnServer} with {@code --compression} until interrupted.
     *
     * @param args the port
     * @throws Exception if the server cannot start
     */
    public static void main(String[] args) throws Exception {
        AutobahnTarget.run("deflate", args, true);
    }
}
