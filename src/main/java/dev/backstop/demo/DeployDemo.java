package dev.backstop.demo;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * {@code backstop demo}: the incident Backstop exists for, replayed on the example shop. A good
 * release goes live; one that crashes at boot only in production is blocked at preflight; one that
 * boots but fails every page is rolled back by itself; the fix goes live. A simulated user keeps
 * clicking through the proxy all along, and each step says what that user saw and why.
 */
public final class DeployDemo {

    private final PrintWriter out;
    private final DemoHost host;

    public DeployDemo(PrintWriter out, DemoHost host) {
        this.out = out;
        this.host = host;
    }

    /** Runs the demo in {@code workDir} (new or empty); returns 0 when every step went as told. */
    public int run(Path workDir) {
        Path appDir = ExampleApp.extractTo(workDir.resolve("shop"));
        Path config = appDir.resolve("backstop.yml");
        int listen = freePort();
        useFreePorts(config, listen, freePort());
        String cfg = config.toString();
        say("Backstop demo in %s: the example shop, four versions, an embedded SQLite store.", workDir);
        step(
                "Import the four versions. Each becomes a read-only release with a SHA-256 manifest: the way back never depends on a package repository.");
        for (String version : new String[] {"v1", "v2", "v3", "v4"}) {
            expect(0, "release", "import", appDir.resolve(version).toString(), "--version", version, "--config", cfg);
        }
        boolean asTold;
        DemoHost.RunningDaemon daemon = host.startDaemon(config);
        try (TrafficProbe user = new TrafficProbe(URI.create("http://127.0.0.1:" + listen + "/"))) {
            asTold = replay(cfg, user);
            step("The timeline: every step, verdict and decision, ready to become the post-mortem (--format md).");
            host.backstop("timeline", "--config", cfg);
            host.backstop("status", "--config", cfg);
            step("The alerts: v3's rollback was stored, then delivered to the demo's channel ("
                    + appDir.resolve("alerts.jsonl")
                    + "); webhooks, Slack and e-mail work the same way, retried until delivered.");
            host.backstop("alerts", "--config", cfg);
        } finally {
            daemon.close();
        }
        say("%nThe daemon, the proxy and the shop's processes are stopped. Everything is still in %s;", workDir);
        say("'bin/backstop timeline --format md --config %s' drafts the post-mortem.", cfg);
        return asTold ? 0 : 1;
    }

    private boolean replay(String cfg, TrafficProbe user) {
        step(
                "Deploy v1. Preflight runs the eager load in production mode, v1 starts beside nothing, answers /up, takes traffic, and is verified for 10 s.");
        boolean told = expect(0, "deploy", "v1", "--config", cfg);
        user.takeCounts();
        step(
                "Deploy v2: it crashes at boot, but only in production mode (the incident). Preflight catches it before anything changes: v1 keeps serving.");
        told &= expect(1, "deploy", "v2", "--config", cfg);
        report(user, "while v2 was refused, the user kept getting v1: ");
        step(
                "Deploy v3: it boots and passes /up, but every page answers 500. It takes traffic; the proxy sends each GET that v3 fails "
                        + "to v1, kept warm, so the user gets v1's answer instead of the 500, while the verdict counts v3's errors "
                        + "and, as soon as they are overwhelming (a sequential test, not a 5-second slice), flips back to v1.");
        told &= expect(1, "deploy", "v3", "--config", cfg);
        report(user, "during v3's moment of traffic the user saw (the 500s were replayed to v1): ");
        step("Deploy v4, the fix. v3 is quarantined (marked failed) and would need --force; v4 goes live.");
        told &= expect(0, "deploy", "v4", "--config", cfg);
        report(user, "through the switch to v4 the user saw: ");
        return told;
    }

    private boolean expect(int exitCode, String... args) {
        int actual = host.backstop(args);
        out.flush();
        if (actual != exitCode) {
            say("   (expected exit code %d, got %d)", exitCode, actual);
        }
        return actual == exitCode;
    }

    private void report(TrafficProbe user, String prefix) {
        Map<Integer, Integer> counts = user.takeCounts();
        StringBuilder line = new StringBuilder(prefix);
        counts.forEach((status, count) -> line.append(count)
                .append(" x ")
                .append(status == 0 ? "no answer" : status)
                .append("  "));
        say("   %s", line.toString().trim());
    }

    private static void useFreePorts(Path config, int listen, int admin) {
        try {
            String text = Files.readString(config, StandardCharsets.UTF_8)
                            .replace("127.0.0.1:18080", "127.0.0.1:" + listen)
                            .replace("127.0.0.1:18081", "127.0.0.1:" + admin)
                    // Where the demo's alerts go: a command channel appending each alert's JSON to a file.
                    + "alerts:\n  - command: \"cat >> alerts.jsonl\"\n";
            Files.writeString(config, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void step(String sentence) {
        out.printf("%n== %s%n", sentence);
        out.flush();
    }

    private void say(String format, Object... args) {
        out.printf(format + "%n", args);
        out.flush();
    }
}
