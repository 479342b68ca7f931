package dev.backstop.verify;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Stream;

/**
 * Bundles for the verdict tests, built in a temporary directory: copies of the example shop
 * (optionally with a web process that crashes a while after it first answered), and the tiny
 * {@code TestWeb} upstream (slow, or broken while a flag file exists).
 */
final class Bundles {

    private static final Path SHOP = Path.of("examples", "shop");
    private static final String JAVA = "exec java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xshare:auto -Xss512k";

    private final Path dir;

    Bundles(Path dir) {
        this.dir = dir;
    }

    /** The shop's {@code version} (v1: good, v3: 500 on every page but /up) under a new {@code name}. */
    Path shop(String version, String name) {
        Path bundle = dir.resolve(name);
        copyTree(SHOP.resolve(version), bundle);
        write(bundle.resolve("VERSION"), name + "\n");
        return bundle;
    }

    /**
     * The good shop, except that {@code failing} of every {@code outOf} requests to {@code /orders}
     * answer 500, one after the other: a release that is partly broken, or one with bursts of errors.
     */
    Path shopFailing(String name, int failing, int outOf) {
        Path bundle = shop("v1", name);
        Path web = bundle.resolve("src/Web.java");
        try {
            String source = Files.readString(web);
            String orders = "case \"/orders\" -> send(exchange, 200, \"application/json\", json(loader.orders()));";
            if (!source.contains(orders)) {
                throw new IllegalStateException("the shop's Web.java no longer has the line " + orders);
            }
            String patched = "case \"/orders\" -> COUNTER.getAndIncrement() % " + outOf + " < " + failing
                    + " ? send(exchange, 500, \"text/html\", \"<h1>sorry</h1>\")"
                    + " : send(exchange, 200, \"application/json\", json(loader.orders()));";
            write(
                    web,
                    source.replace(orders, patched)
                            .replaceFirst(
                                    "(?m)^(public )?(final )?class Web \\{",
                                    "$0\n    static final java.util.concurrent.atomic.AtomicLong COUNTER ="
                                            + " new java.util.concurrent.atomic.AtomicLong();"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bundle;
    }

    /** The good shop, except that its web process is killed {@code seconds} after it first answered /up. */
    Path shopCrashingAfter(String name, double seconds) {
        Path bundle = shop("v1", name);
        script(
                bundle.resolve("bin/web"),
                "cd \"$(dirname \"$0\")/..\" || exit 1\n"
                        + "( until curl -sf -o /dev/null http://127.0.0.1:$PORT/up; do sleep 0.1; done; sleep "
                        + seconds + "; kill -9 $$ ) &\n"
                        + JAVA + " src/Web.java\n");
        return bundle;
    }

    /** The good shop, except that its worker fails at once, every time it starts. */
    Path shopWithFailingWorker(String name) {
        Path bundle = shop("v1", name);
        script(bundle.resolve("bin/worker"), "echo boom >&2\nexit 1\n");
        return bundle;
    }

    /** The good shop, except that its worker exits with code 1 {@code seconds} after it started, every time. */
    Path shopWithWorkerDyingAfter(String name, int seconds) {
        Path bundle = shop("v1", name);
        script(bundle.resolve("bin/worker"), "echo working\nsleep " + seconds + "\necho boom >&2\nexit 1\n");
        return bundle;
    }

    /** The good shop, except that its worker exits with code 1 at once whenever {@code tmp/crash} (shared) exists. */
    Path shopWithWorkerCrashingOnFlag(String name) {
        Path bundle = shop("v1", name);
        script(
                bundle.resolve("bin/worker"),
                "cd \"$(dirname \"$0\")/..\" || exit 1\n"
                        + "if [ -e tmp/crash ]; then echo boom >&2; exit 1; fi\nexec sleep 600\n");
        return bundle;
    }

    /** TestWeb answering every page but /up after {@code delayMillis}. */
    Path slowWeb(String name, long delayMillis) {
        return testWeb(name, "DELAY_MS=" + delayMillis + " ");
    }

    /** TestWeb answering 500 on every page but /up while {@code tmp/broken} (shared) exists; creates it at boot when {@code breakAtBoot}. */
    Path breakableWeb(String name, boolean breakAtBoot) {
        return testWeb(name, (breakAtBoot ? "mkdir -p tmp && touch tmp/broken\n" : "") + "BROKEN_WHEN=tmp/broken ");
    }

    /** TestWeb answering 500 on every page but /up, always. */
    Path brokenWeb(String name) {
        return testWeb(name, "BROKEN_WHEN=VERSION ");
    }

    private Path testWeb(String name, String envAndPrefix) {
        Path bundle = dir.resolve(name);
        try (InputStream source = Bundles.class.getResourceAsStream("/verdict/TestWeb.java")) {
            Files.createDirectories(bundle.resolve("src"));
            Files.copy(source, bundle.resolve("src/TestWeb.java"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        write(bundle.resolve("VERSION"), name + "\n");
        script(
                bundle.resolve("bin/web"),
                "cd \"$(dirname \"$0\")/..\" || exit 1\n" + envAndPrefix + JAVA + " src/TestWeb.java\n");
        return bundle;
    }

    private static void script(Path file, String body) {
        write(file, "#!/bin/sh\n" + body);
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void write(Path file, String text) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void copyTree(Path from, Path to) {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Path target = to.resolve(from.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(file, target, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
