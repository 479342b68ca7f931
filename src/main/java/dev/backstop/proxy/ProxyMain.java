package dev.backstop.proxy;

import dev.backstop.BadInputException;
import dev.backstop.config.Endpoint;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code backstop proxy} process until the CLI wires it in: runs one {@link ProxyServer}
 * until it is retired (POST /retire) or the process gets SIGTERM, which also retires it
 * gracefully. Arguments: {@code LISTEN_HOST:PORT STATE_DIR [MAINTENANCE_PAGE_FILE]}.
 */
public final class ProxyMain {

    private ProxyMain() {}

    public static void main(String[] args) throws IOException {
        quietLoggingUnlessConfigured();
        if (args.length < 2) {
            throw new BadInputException("Usage: backstop proxy LISTEN_HOST:PORT STATE_DIR [MAINTENANCE_PAGE_FILE]");
        }
        String page = args.length > 2 ? Files.readString(Path.of(args[2])) : ProxyOptions.DEFAULT_PAGE;
        ProxyOptions options = new ProxyOptions(
                endpoint(args[0]), Path.of(args[1]), ProxyOptions.defaultLimits(), page, Duration.ofSeconds(120));
        run(options);
        System.exit(0);
    }

    /** Starts the proxy and blocks until it has retired. */
    public static void run(ProxyOptions options) {
        ProxyServer proxy = ProxyServer.start(options);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> proxy.retire().join(), "proxy-shutdown"));
        proxy.stopped().join();
    }

    /** Logback logs everything at DEBUG without a config file; on the request path that costs throughput. */
    private static void quietLoggingUnlessConfigured() {
        boolean configured = System.getProperty("logback.configurationFile") != null
                || ProxyMain.class.getResource("/logback.xml") != null
                || ProxyMain.class.getResource("/logback-test.xml") != null;
        if (!configured
                && LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME) instanceof ch.qos.logback.classic.Logger root) {
            root.setLevel(ch.qos.logback.classic.Level.INFO);
        }
    }

    static Endpoint endpoint(String text) {
        int colon = text.lastIndexOf(':');
        try {
            return new Endpoint(text.substring(0, colon), Integer.parseInt(text.substring(colon + 1)));
        } catch (RuntimeException e) {
            throw new BadInputException(
                    "Listen address '" + text + "' is not host:port; write it like 127.0.0.1:8080.", e);
        }
    }
}
