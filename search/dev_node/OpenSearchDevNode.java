/*
 * Launcher for a single development / CI OpenSearch node, run by start.sh.
 *
 * It wraps org.codelibs.opensearch.runner.OpenSearchRunner (same command-line
 * options: -basePath, -numOfNode, -baseHttpPort, -clusterName, ...) and fixes
 * two things its own main() does not allow:
 *
 *  1. OpenSearchRunner only accepts HTTP ports up to 9299 (maxHttpPort) and,
 *     above that, exits with status 1 without printing why. Here the cap is
 *     lifted, so any free port (e.g. one picked by the OS) can be used.
 *  2. OpenSearchRunner's main() reads no node settings. Here every Java system
 *     property named "opensearch.setting.<key>" becomes the node setting <key>,
 *     e.g. -Dopensearch.setting.network.host=127.0.0.1. These win over the
 *     runner's defaults (http.port, cluster.name, ...) and over opensearch.yml.
 *
 * Startup errors are printed (the upstream main() swallows them) and the JVM
 * exits with status 1. The node runs until the JVM receives SIGTERM/SIGINT;
 * a shutdown hook then closes it cleanly.
 */

import java.io.IOException;

import org.codelibs.opensearch.runner.OpenSearchRunner;

public final class OpenSearchDevNode {

    static final String SETTING_PREFIX = "opensearch.setting.";

    private OpenSearchDevNode() {
    }

    public static void main(final String[] args) {
        final OpenSearchRunner runner = new OpenSearchRunner();
        runner.setMaxHttpPort(-1);
        runner.onBuild((index, builder) -> {
            for (final String name : System.getProperties().stringPropertyNames()) {
                if (name.startsWith(SETTING_PREFIX) && name.length() > SETTING_PREFIX.length()) {
                    builder.put(name.substring(SETTING_PREFIX.length()), System.getProperty(name));
                }
            }
        });
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                runner.close();
            } catch (final IOException e) {
                System.err.println("Failed to close the OpenSearch node: " + e);
            }
        }, "opensearch-dev-node-shutdown"));

        try {
            runner.build(args);
        } catch (final Throwable t) {
            System.err.println("Failed to start the OpenSearch node:");
            t.printStackTrace();
            System.exit(1);
        }
        System.out.println("OPENSEARCH_DEV_NODE_STARTED");

        try {
            while (!runner.isClosed()) {
                Thread.sleep(1000);
            }
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
