package dev.backstop.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns the YAML tree of one file into a {@link BackstopConfig}: the top-level keys here, the
 * sections in their own readers. Defaults live next to the key that has them. Not thread-safe.
 */
final class ConfigReader {

    static final List<String> KEYS = List.of(
            "app",
            "root",
            "data",
            "store",
            "listen",
            "admin",
            "switch",
            "restart",
            "env",
            "shared_paths",
            "services",
            "preflight",
            "hooks",
            "verify",
            "keep_releases",
            "maintenance",
            "supervision",
            "proxy",
            "workers",
            "import",
            "alerts",
            "heartbeats",
            "queues",
            "env_file",
            "env_passthrough",
            "user",
            "on_crash_loop",
            "rollback_window",
            "migrate");
    /** Under root rather than in /var/lib, so that an app needs no privileged directory to start. */
    static final String DEFAULT_DATA = ".backstop-data";

    static final Endpoint DEFAULT_LISTEN = new Endpoint("127.0.0.1", 8080);
    static final Endpoint DEFAULT_ADMIN = new Endpoint("127.0.0.1", 8081);
    static final int DEFAULT_KEEP_RELEASES = 5;

    private final Path file;
    private final Problems problems;

    /** {@code file} is absolute: relative paths in it resolve against its directory. */
    ConfigReader(Path file, Problems problems) {
        this.file = file;
        this.problems = problems;
    }

    Optional<BackstopConfig> read(YamlNode tree) {
        if (!(tree instanceof YamlNode.Mapping)) {
            problems.add(
                    tree.line(),
                    "",
                    "the file holds " + tree.kind()
                            + ", not keys; start it with app: and root:, or run 'backstop init'.");
            return Optional.empty();
        }
        Section top = Section.of(tree, "", problems, KEYS);
        Path base = file.getParent();
        String app = top.required("app", ValueSyntax::appName, "app", "app: shop");
        Path root = top.required("root", text -> PathSyntax.onHost(text, base), base, "root: /srv/shop");
        Path data = top.value("data", text -> PathSyntax.onHost(text, base), root.resolve(DEFAULT_DATA));
        SwitchMode mode = top.value(
                "switch",
                ValueSyntax.choice(
                        Map.of("proxy", SwitchMode.PROXY, "restart", SwitchMode.RESTART),
                        "a switch mode; use proxy or restart"),
                SwitchMode.PROXY);
        ChecksReader checks = new ChecksReader();
        Optional<String> user = top.value("user", ValueSyntax::userName);
        return Optional.of(new BackstopConfig(
                file,
                app,
                root,
                data,
                top.value("store", text -> store(text, data), StoreLocation.sqliteIn(data)),
                top.value("listen", ValueSyntax::endpoint, DEFAULT_LISTEN),
                top.value("admin", ValueSyntax::endpoint, DEFAULT_ADMIN),
                mode,
                restartCommand(top, mode),
                top.stringMap("env", ValueSyntax::envName),
                sharedPaths(top),
                new ServicesReader(mode, user).read(top),
                checks.list(top, "preflight", "preflight"),
                new VerifyReader().read(top),
                top.value("keep_releases", ValueSyntax.intIn(2, Integer.MAX_VALUE), DEFAULT_KEEP_RELEASES),
                TuningReader.maintenance(top),
                checks.hooks(top),
                TuningReader.supervision(top),
                TuningReader.proxy(top),
                workersOverlap(top),
                TuningReader.imports(top),
                HeartbeatsReader.read(top),
                QueuesReader.read(top),
                WatchReader.alerts(top, base),
                envSources(top, base),
                user,
                MigrateReader.read(top)));
    }

    private static StoreLocation store(String text, Path data) {
        if (text.strip().equals("sqlite")) {
            return StoreLocation.sqliteIn(data);
        }
        if (text.startsWith("jdbc:postgresql://")) {
            return new StoreLocation(text);
        }
        throw MalformedValueException.of(
                text, "is not a store; write sqlite, or a URL like jdbc:postgresql://db.example.org/backstop.");
    }

    /** The command is only used in restart mode, where nothing works without it; elsewhere it is refused. */
    private static Optional<String> restartCommand(Section top, SwitchMode mode) {
        if (mode == SwitchMode.PROXY && top.has("restart")) {
            top.problems()
                    .add(
                            top.lineOf("restart"),
                            "restart",
                            "is only used with switch: restart; in proxy mode Backstop starts the app itself, remove"
                                    + " it or comment it out.");
            return Optional.empty();
        }
        Optional<Section> restart = top.section("restart", List.of("command"));
        Optional<String> command = restart.flatMap(section -> section.value("command", ValueSyntax::nonBlank));
        boolean written = restart.map(section -> section.has("command")).orElse(false);
        if (mode == SwitchMode.RESTART && !written) {
            top.problems()
                    .add(
                            top.lineOf("restart"),
                            "restart.command",
                            "is required with switch: restart; add it, like restart: { command: \"systemctl restart shop.target\" }.");
        }
        return command;
    }

    /** {@code env_file} takes one path or a list of them. */
    private static EnvSources envSources(Section top, Path base) {
        List<Path> files = top.find("env_file")
                        .filter(node -> node instanceof YamlNode.Scalar)
                        .isPresent()
                ? top.value("env_file", text -> PathSyntax.onHost(text, base)).stream()
                        .toList()
                : top.items("env_file").stream()
                        .flatMap(item -> item.value(text -> PathSyntax.onHost(text, base)).stream())
                        .toList();
        List<String> passthrough = top.items("env_passthrough").stream()
                .flatMap(item -> item.value(ValueSyntax::envName).stream())
                .toList();
        return new EnvSources(files, passthrough);
    }

    private static List<String> sharedPaths(Section top) {
        return top.items("shared_paths").stream()
                .flatMap(item -> item.value(text -> PathSyntax.inRelease(text).toString()).stream())
                .toList();
    }

    private static boolean workersOverlap(Section top) {
        return top.section("workers", List.of("overlap"))
                .map(workers -> workers.value("overlap", ValueSyntax::flag, false))
                .orElse(false);
    }
}
