package dev.backstop.config;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads {@code services:}. Only {@code web} is probed over HTTP, so only it takes {@code health}
 * (with defaults even when not written) and, in restart mode, a fixed {@code port}. Not thread-safe.
 */
final class ServicesReader {

    static final List<String> KEYS =
            List.of("command", "instances", "env", "port", "health", "stop_grace", "user", "min_uptime");
    static final List<String> HEALTH_KEYS = List.of("path", "interval", "timeout", "ready_within");
    static final HealthCheck DEFAULT_HEALTH =
            new HealthCheck("/up", Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(60));
    static final Duration DEFAULT_STOP_GRACE = Duration.ofSeconds(10);

    private final SwitchMode mode;
    private final Optional<String> user;

    /** {@code user} is the top-level one, taken by services that name none. */
    ServicesReader(SwitchMode mode, Optional<String> user) {
        this.mode = mode;
        this.user = user;
    }

    Map<String, ServiceSpec> read(Section top) {
        Map<String, ServiceSpec> services = new LinkedHashMap<>();
        Optional<YamlNode> node = top.find("services");
        if (node.isEmpty()) {
            top.problems()
                    .add(
                            top.line(),
                            "services",
                            "is required; add at least one, like services: { web: { command: \"bin/web --port $PORT\" } }.");
        } else if (!(node.get() instanceof YamlNode.Mapping mapping)) {
            top.problems()
                    .add(
                            node.get().line(),
                            "services",
                            "is " + node.get().kind()
                                    + "; expected services by name, like web: { command: \"bin/web --port $PORT\" }.");
        } else if (mapping.entries().isEmpty()) {
            top.problems()
                    .add(
                            node.get().line(),
                            "services",
                            "is empty; add at least one, like web: { command: \"bin/web --port $PORT\" }.");
        } else {
            mapping.entries()
                    .forEach((name, spec) -> service(name, spec, top).ifPresent(read -> services.put(name, read)));
            requireWebPortInRestartMode(top, mapping);
        }
        return services;
    }

    private Optional<ServiceSpec> service(String name, YamlNode node, Section top) {
        String path = "services." + name;
        Optional<String> validName =
                Section.convert(new YamlNode.Scalar(node.line(), name, false), path, ValueSyntax::name, top.problems());
        Section spec = Section.of(node, path, top.problems(), KEYS);
        boolean web = ServiceSpec.WEB.equals(name);
        if (!web && mode == SwitchMode.RESTART) {
            // accepted, it would read as watched; nothing would restart it or notice it die
            top.problems()
                    .add(
                            node.line(),
                            path,
                            "is not run by Backstop with switch: restart, your service manager runs the app's"
                                    + " processes; remove it here and keep it up there (systemd: Restart=always), or"
                                    + " use switch: proxy to have Backstop supervise it.");
            return Optional.empty();
        }
        ServiceSpec read = new ServiceSpec(
                name,
                spec.required("command", ValueSyntax::nonBlank, "", "command: \"bin/web --port $PORT\""),
                spec.value("instances", ValueSyntax.intIn(1, Integer.MAX_VALUE), 1),
                spec.stringMap("env", ValueSyntax::envName),
                port(spec, web),
                web
                        ? Optional.of(health(spec))
                        : refused(spec, "health", "only the web service is probed over HTTP; remove it here"),
                spec.value("stop_grace", DurationSyntax::parse, DEFAULT_STOP_GRACE),
                spec.value("user", ValueSyntax::userName).or(() -> user),
                web ? webMinUptime(spec) : spec.duration("min_uptime", ServiceSpec.DEFAULT_MIN_UPTIME));
        return validName.map(ignored -> read);
    }

    private Optional<Integer> port(Section spec, boolean web) {
        if (!web) {
            return refused(spec, "port", "only the web service gets a port; remove it here");
        }
        if (mode == SwitchMode.PROXY) {
            return refused(
                    spec,
                    "port",
                    "is only used with switch: restart; in proxy mode each instance gets its own $PORT, remove it");
        }
        return spec.value("port", ValueSyntax::port);
    }

    private static HealthCheck health(Section spec) {
        return spec.section("health", HEALTH_KEYS)
                .map(health -> new HealthCheck(
                        health.value("path", ServicesReader::urlPath, DEFAULT_HEALTH.path()),
                        health.duration("interval", DEFAULT_HEALTH.interval()),
                        health.duration("timeout", DEFAULT_HEALTH.timeout()),
                        health.duration("ready_within", DEFAULT_HEALTH.readyWithin())))
                .orElse(DEFAULT_HEALTH);
    }

    /** In restart mode the app is started outside Backstop, which must know where to probe it. */
    private void requireWebPortInRestartMode(Section top, YamlNode.Mapping services) {
        if (mode != SwitchMode.RESTART) {
            return;
        }
        YamlNode web = services.entries().get(ServiceSpec.WEB);
        if (web == null) {
            top.problems()
                    .add(
                            services.line(),
                            "services.web",
                            "is required with switch: restart; add the web service with the port it listens on.");
        } else if (web instanceof YamlNode.Mapping webKeys
                && isMissing(webKeys.entries().get("port"))) {
            top.problems()
                    .add(
                            web.line(),
                            "services.web.port",
                            "is required with switch: restart; add the port the app listens on, like port: 3000.");
        }
    }

    private static boolean isMissing(YamlNode value) {
        return value == null || value instanceof YamlNode.Scalar scalar && scalar.isNull();
    }

    /** A key that is valid in general but wrong in this place; reported with {@code reason}. */
    private static Duration webMinUptime(Section spec) {
        return ServicesReader.<Duration>refused(
                        spec,
                        "min_uptime",
                        "the web service counts as started once its health probe passes (health.ready_within);"
                                + " min_uptime is for workers, remove it here")
                .orElse(ServiceSpec.DEFAULT_MIN_UPTIME);
    }

    private static <T> Optional<T> refused(Section spec, String key, String reason) {
        if (spec.has(key)) {
            spec.problems().add(spec.lineOf(key), spec.pathOf(key), reason + ".");
        }
        return Optional.empty();
    }

    static String urlPath(String text) {
        if (!text.startsWith("/") || text.contains(" ")) {
            throw MalformedValueException.of(text, "is not a URL path; start it with /, like /up.");
        }
        return text;
    }
}
