package dev.backstop.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A file that sets every key to something other than its default, and what it must load as. */
final class FullConfig {

    static final String YAML = """
            app: shop
            root: srv
            data: var/backstop
            store: "jdbc:postgresql://127.0.0.1:5432/backstop?user=postgres"
            listen: 0.0.0.0:80
            admin: "[::1]:9090"
            switch: proxy
            env: { RAILS_ENV: production }
            env_file: [/etc/shop/secrets.env, local.env]
            env_passthrough: [DATABASE_URL]
            user: nobody
            shared_paths: [log, tmp/pids, public/system/]
            services:
              web:
                command: "bin/puma -b tcp://127.0.0.1:$PORT"
                instances: 2
                env: { WEB_CONCURRENCY: 3 }
                health: { path: /health, interval: 500ms, timeout: 1s, ready_within: 2m }
                stop_grace: 20s
                user: root
              worker:
                command: "bin/delayed_job run"
                instances: 3
            preflight:
              - name: eager-load
                command: "bin/rails runner 'Rails.application.eager_load!'"
                timeout: 3m
            hooks:
              before_switch: [bin/migrate]
              after_switch: [{ name: notify, command: bin/notify, timeout: 10s }]
              after_rollback: [bin/page-oncall]
              after_failure: [bin/cleanup]
            verify:
              window: 5m
              interval: 10s
              probes: [ { path: /, expect: 200 }, { path: /login, expect: 302 }, { path: /about } ]
              probe_failures: 5
              max_error_ratio: 0.1
              min_requests: 50
              max_p99: 1500ms
              max_errors_per_minute: 30
              on_failure: alert
            keep_releases: 10
            maintenance: { page: public/maintenance.html, retry_after: 5m, alert_after: 1h }
            supervision:
              crash_loop_restarts: 3
              crash_loop_window: 5m
              backoff_initial: 2s
              backoff_max: 1m
              log_max_size: 50MB
              log_keep: 10
            proxy:
              upstream_timeout: 2m
              drain_timeout: 1m
              max_header_size: 32KiB
              max_body_size: 1GiB
              max_connections: 500
              max_connections_per_ip: 50
              header_timeout: 3s
              request_buffer: 128KiB
              min_body_rate: 2KB/s
              body_timeout: 20s
            workers: { overlap: true }
            import: { max_files: 1000, max_size: 2GB, max_ratio: 50.5 }
            alerts:
              - remind_every: 2h
              - webhook: "http://127.0.0.1:9000/hook"
              - slack: "https://hooks.slack.com/services/T0/B0/x"
                remind_every: 30m
              - { command: bin/page-oncall, timeout: 5s, remind_every: "off" }
              - command: "bin/notify --all"
              - email: [ops@example.org, dev@example.org]
                smtp: { host: smtp.example.org, user: backstop, password_env: SMTP_PASSWORD, from: backstop@example.org }
            """;

    private FullConfig() {}

    static void assertMatches(BackstopConfig config, Path dir) {
        assertThat(config.root()).isEqualTo(dir.resolve("srv"));
        assertThat(config.data()).isEqualTo(dir.resolve("var/backstop"));
        assertThat(config.store().jdbcUrl()).isEqualTo("jdbc:postgresql://127.0.0.1:5432/backstop?user=postgres");
        assertThat(config.listen()).isEqualTo(new Endpoint("0.0.0.0", 80));
        assertThat(config.admin()).isEqualTo(new Endpoint("::1", 9090));
        assertThat(config.restartCommand()).isEmpty();
        assertThat(config.env()).isEqualTo(Map.of("RAILS_ENV", "production"));
        assertThat(config.sharedPaths()).containsExactly("log", "tmp/pids", "public/system");
        assertThat(config.services().keySet()).containsExactly("web", "worker");
        assertThat(config.web().orElseThrow())
                .isEqualTo(new ServiceSpec(
                        "web",
                        "bin/puma -b tcp://127.0.0.1:$PORT",
                        2,
                        Map.of("WEB_CONCURRENCY", "3"),
                        Optional.empty(),
                        Optional.of(new HealthCheck(
                                "/health", Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofMinutes(2))),
                        Duration.ofSeconds(20),
                        Optional.of("root"),
                        ServiceSpec.DEFAULT_MIN_UPTIME));
        assertThat(config.services().get("worker").user()).contains("nobody");
        assertThat(config.user()).contains("nobody");
        assertThat(config.envSources())
                .isEqualTo(new EnvSources(
                        List.of(Path.of("/etc/shop/secrets.env"), dir.resolve("local.env")), List.of("DATABASE_URL")));
        assertThat(config.preflight())
                .containsExactly(new Check(
                        "eager-load", "bin/rails runner 'Rails.application.eager_load!'", Duration.ofMinutes(3)));
        assertThat(config.hooks())
                .isEqualTo(new Hooks(
                        List.of(new Check("before-switch-1", "bin/migrate", Duration.ofSeconds(120))),
                        List.of(new Check("notify", "bin/notify", Duration.ofSeconds(10))),
                        List.of(new Check("after-rollback-1", "bin/page-oncall", Duration.ofSeconds(120))),
                        List.of(new Check("after-failure-1", "bin/cleanup", Duration.ofSeconds(120)))));
        assertThat(config.verify())
                .isEqualTo(new VerifyPolicy(
                        Duration.ofMinutes(5),
                        Duration.ofSeconds(10),
                        List.of(
                                new VerifyPolicy.Probe("/", 200),
                                new VerifyPolicy.Probe("/login", 302),
                                new VerifyPolicy.Probe("/about", 200)),
                        5,
                        0.1,
                        50,
                        Optional.of(Duration.ofMillis(1500)),
                        0,
                        Optional.of(30),
                        VerifyPolicy.OnFailure.ALERT,
                        List.of(),
                        0,
                        dev.backstop.config.ReplayPolicy.DEFAULT));
        assertThat(config.keepReleases()).isEqualTo(10);
        assertThat(config.maintenance())
                .isEqualTo(new Maintenance(
                        Optional.of(Path.of("public/maintenance.html")), Duration.ofMinutes(5), Duration.ofHours(1)));
        assertThat(config.supervision())
                .isEqualTo(new Supervision(
                        3, Duration.ofMinutes(5), Duration.ofSeconds(2), Duration.ofMinutes(1), 50_000_000, 10));
        assertThat(config.proxy())
                .isEqualTo(new ProxySettings(
                        Duration.ofMinutes(2),
                        Duration.ofMinutes(1),
                        32 * 1024,
                        1L << 30,
                        500,
                        50,
                        Duration.ofSeconds(3),
                        128 * 1024,
                        2000,
                        Duration.ofSeconds(20)));
        assertThat(config.workersOverlap()).isTrue();
        assertThat(config.imports()).isEqualTo(new ImportLimits(1000, 2_000_000_000L, 50.5));
        assertThat(config.alerts())
                .containsExactly(
                        new AlertTarget.Webhook("http://127.0.0.1:9000/hook", Duration.ofHours(2)),
                        new AlertTarget.Slack("https://hooks.slack.com/services/T0/B0/x", Duration.ofMinutes(30)),
                        new AlertTarget.Command("bin/page-oncall", dir, Duration.ofSeconds(5), Duration.ZERO),
                        new AlertTarget.Command("bin/notify --all", dir, Duration.ofSeconds(30), Duration.ofHours(2)),
                        new AlertTarget.Email(
                                List.of("ops@example.org", "dev@example.org"),
                                new AlertTarget.Smtp(
                                        "smtp.example.org",
                                        587,
                                        true,
                                        Optional.of("backstop"),
                                        Optional.of("SMTP_PASSWORD"),
                                        Optional.empty(),
                                        Optional.empty(),
                                        "backstop@example.org",
                                        Duration.ofSeconds(10),
                                        ((AlertTarget.Email) config.alerts().get(4))
                                                .smtp()
                                                .where()),
                                Duration.ofHours(2)));
    }
}
