package dalil.search;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.opensearch.analysis.common.CommonAnalysisPlugin;
import org.opensearch.common.settings.Settings;
import org.opensearch.env.Environment;
import org.opensearch.index.mapper.MapperExtrasPlugin;
import org.opensearch.node.Node;
import org.opensearch.transport.Netty4Plugin;

/**
 * A single-node OpenSearch on 127.0.0.1 for development and CI, started from the jars on the
 * class path instead of an unpacked distribution.
 *
 * <p>Usage: {@code java -cp CLASSPATH dalil.search.SearchNode [PORT [HOME]]}; the port also comes
 * from {@code SEARCH_PORT} (default 9200), the home folder (data and logs) from {@code
 * SEARCH_HOME} (default {@code target/node-PORT}). The transport port is the HTTP port + 100.
 * The node stops cleanly on SIGTERM or Ctrl-C.
 */
public final class SearchNode {

    /** The modules a packaged install loads from modules/; here they come from the class path. */
    private static final List<Class<? extends org.opensearch.plugins.Plugin>> MODULES =
            List.of(Netty4Plugin.class, CommonAnalysisPlugin.class, MapperExtrasPlugin.class);

    /**
     * Node's protected constructor takes the plugins as classes; its last argument forbids private
     * index settings, as on a real cluster. The bootstrap checks of a packaged install (memory
     * lock, file descriptors, mmap count) run only in the Node subclass of the server's own
     * Bootstrap, which overrides validateNodeBeforeAcceptingRequests; this one does not, and only
     * ever listens on the loopback address.
     */
    private static final class LocalNode extends Node {
        LocalNode(Environment environment) {
            super(environment, MODULES, true);
        }
    }

    private SearchNode() {}

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args.length > 0 ? args[0] : env("SEARCH_PORT", "9200"));
        Path home = Path.of(args.length > 1 ? args[1] : env("SEARCH_HOME", "target/node-" + port))
                .toAbsolutePath();
        Files.createDirectories(home.resolve("config"));

        Settings settings = Settings.builder()
                .put("cluster.name", "dalil-search-" + port)
                .put("node.name", "dalil-" + port)
                .put("path.home", home.toString())
                .put("path.data", home.resolve("data").toString())
                .put("path.logs", home.resolve("logs").toString())
                .put("network.host", "127.0.0.1")
                .put("http.port", port)
                .put("transport.port", port + 100)
                .put("http.type", "netty4")
                .put("transport.type", "netty4")
                .put("discovery.type", "single-node")
                // Small development disks: never refuse to allocate shards for lack of space.
                .put("cluster.routing.allocation.disk.threshold_enabled", false)
                .build();

        Node node = new LocalNode(new Environment(settings, home.resolve("config")));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                node.close();
                node.awaitClose(30, TimeUnit.SECONDS);
            } catch (Exception error) {
                error.printStackTrace();
            } finally {
                stopped.countDown();
            }
        }, "dalil-search-shutdown"));
        node.start();
        System.out.println("dalil search node: http://127.0.0.1:" + port + " (home " + home + ")");
        stopped.await();
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
