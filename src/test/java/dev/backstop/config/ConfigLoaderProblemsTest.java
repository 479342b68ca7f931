package dev.backstop.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.backstop.BackstopException;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ConfigLoaderProblemsTest {

    @TempDir
    Path dir;

    @Test
    void everyProblemInTheFileIsReportedAtOnceInFileOrder() {
        Path file = ConfigFiles.write(dir, """
                app: Shop
                root: .
                servces: {}
                services:
                  web:
                    command: bin/web
                    health: { interval: 1 second, timeout: 2 }
                keep_releases: 1
                """);

        InvalidConfigException invalid =
                catchThrowableOfType(InvalidConfigException.class, () -> new ConfigLoader().load(file));

        assertThat(invalid.problems())
                .extracting(ConfigFiles::withoutFile)
                .containsExactly(
                        "1: app: \"Shop\" is not an app name; use up to 63 lowercase letters, digits, - and _, like shop.",
                        "3: servces: unknown key; did you mean 'services'?",
                        "7: services.web.health.interval: \"1 second\" is not a duration like 1s, 500ms, 2m.",
                        "7: services.web.health.timeout: \"2\" has no unit; write 2s, 2m or 2ms.",
                        "8: keep_releases: \"1\" is not a whole number of at least 2.");
        assertThat(invalid.exitCode()).isEqualTo(BackstopException.BAD_INPUT);
    }

    @Test
    void userNamesAndPassthroughNamesMustBeWellFormed() {
        Path file = ConfigFiles.write(dir, """
                app: shop
                root: .
                user: Shop Owner
                env_passthrough: [not a name]
                services:
                  web: { command: bin/web, user: nobody }
                  worker: { command: bin/worker, user: "-rf" }
                """);

        InvalidConfigException invalid =
                catchThrowableOfType(InvalidConfigException.class, () -> new ConfigLoader().load(file));

        assertThat(invalid.problems())
                .extracting(ConfigFiles::withoutFile)
                .containsExactly(
                        "3: user: \"Shop Owner\" is not a user name like shop (lowercase letters, digits, _ and -).",
                        "4: env_passthrough[0]: \"not a name\" is not an environment variable name like RAILS_ENV.",
                        "7: services.worker.user: \"-rf\" is not a user name like shop (lowercase letters, digits, _"
                                + " and -).");
    }

    @Test
    void theMessageHasOneProblemPerLineNamingTheFileAsGiven() {
        String yaml = ConfigFiles.MINIMAL + "verify: { window: 1 minute }\nservces: {}\n";

        InvalidConfigException invalid = catchThrowableOfType(
                InvalidConfigException.class, () -> new ConfigLoader().parse(yaml, Path.of("backstop.yml")));

        assertThat(invalid.getMessage()).isEqualTo("""
                backstop.yml:6: verify.window: "1 minute" is not a duration like 1s, 500ms, 2m.
                backstop.yml:7: servces: unknown key; did you mean 'services'?""");
    }

    @Test
    void unknownKeysSuggestTheClosestKeyOfTheirOwnSection() {
        Path file = ConfigFiles.write(dir, ConfigFiles.MINIMAL + """
                    helth: { path: /up }
                verify: { windw: 60s, on_falure: alert, foo: 1 }
                hooks: { afterswitch: [] }
                """);

        InvalidConfigException invalid =
                catchThrowableOfType(InvalidConfigException.class, () -> new ConfigLoader().load(file));

        assertThat(invalid.problems())
                .extracting(ConfigFiles::withoutFile)
                .containsExactly(
                        "6: services.web.helth: unknown key; did you mean 'health'?",
                        "7: verify.windw: unknown key; did you mean 'window'?",
                        "7: verify.on_falure: unknown key; did you mean 'on_failure'?",
                        "7: verify.foo: unknown key; valid keys here are window, interval, probes, probe_failures, max_error_ratio, "
                                + "min_requests, max_p99, max_errors_per_minute, on_failure, ignore, "
                                + "max_worker_exits, replay, replay_skip, replay_concurrency.",
                        "8: hooks.afterswitch: unknown key; did you mean 'after_switch'?");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("oneProblemEach")
    void eachKindOfMistakeIsReportedWithItsLineAndKeyPath(String mistake, String yaml, String expected) {
        Path file = ConfigFiles.write(dir, yaml);

        InvalidConfigException invalid =
                catchThrowableOfType(InvalidConfigException.class, () -> new ConfigLoader().load(file));

        assertThat(invalid).as(mistake).isNotNull();
        assertThat(invalid.problems()).extracting(ConfigFiles::withoutFile).containsExactly(expected);
    }

    static Stream<Arguments> oneProblemEach() {
        String minimal = ConfigFiles.MINIMAL;
        return Stream.of(
                Arguments.of(
                        "rollback_window without on_crash_loop: rollback",
                        minimal + "rollback_window: 30m\n",
                        "6: rollback_window: is only used with on_crash_loop: rollback; remove it, or add"
                                + " on_crash_loop: rollback."),
                Arguments.of(
                        "unknown on_crash_loop",
                        minimal + "on_crash_loop: restart\n",
                        "6: on_crash_loop: \"restart\" is not alert or rollback."),
                Arguments.of(
                        "negative max_worker_exits",
                        minimal + "verify: { max_worker_exits: -1 }\n",
                        "6: verify.max_worker_exits: \"-1\" is not a whole number of at least 0."),
                Arguments.of(
                        "min_uptime without a unit",
                        minimal + "  worker: { command: bin/worker, min_uptime: 10 }\n",
                        "6: services.worker.min_uptime: \"10\" has no unit; write 10s, 10m or 10ms."),
                Arguments.of(
                        "min_uptime on web",
                        "app: shop\nroot: .\nservices:\n  web: { command: bin/web, min_uptime: 5s }\n",
                        "4: services.web.min_uptime: the web service counts as started once its health probe passes"
                                + " (health.ready_within); min_uptime is for workers, remove it here."),
                Arguments.of(
                        "missing app",
                        "root: .\nservices: { web: { command: x } }\n",
                        "1: app: is required; add it, like app: shop."),
                Arguments.of(
                        "missing services",
                        "app: shop\nroot: .\n",
                        "1: services: is required; add at least one, like services: { web: { command: \"bin/web --port $PORT\" } }."),
                Arguments.of(
                        "no services",
                        "app: shop\nroot: .\nservices: {}\n",
                        "3: services: is empty; add at least one, like web: { command: \"bin/web --port $PORT\" }."),
                Arguments.of(
                        "missing command",
                        minimal + "  worker: { instances: 2 }\n",
                        "6: services.worker.command: is required; add it, like command: \"bin/web --port $PORT\"."),
                Arguments.of(
                        "bad service name",
                        minimal + "  \"my worker\": { command: x }\n",
                        "6: services.my worker: \"my worker\" is not a name; use up to 63 letters, digits, ., - and _, like eager-load."),
                Arguments.of(
                        "no instances",
                        minimal + "    instances: 0\n",
                        "6: services.web.instances: \"0\" is not a whole number of at least 1."),
                Arguments.of(
                        "port in proxy mode",
                        minimal + "    port: 3000\n",
                        "6: services.web.port: is only used with switch: restart; in proxy mode each instance gets its own $PORT, remove it."),
                Arguments.of(
                        "health on a worker",
                        minimal + "  worker: { command: x, health: { path: /up } }\n",
                        "6: services.worker.health: only the web service is probed over HTTP; remove it here."),
                Arguments.of(
                        "health path without slash",
                        minimal + "    health: { path: up }\n",
                        "6: services.web.health.path: \"up\" is not a URL path; start it with /, like /up."),
                Arguments.of(
                        "zero interval",
                        minimal + "    health: { interval: 0s }\n",
                        "6: services.web.health.interval: \"0s\" is no time at all; use a duration longer than zero, like 1s."),
                Arguments.of(
                        "bad store",
                        minimal + "store: mysql\n",
                        "6: store: \"mysql\" is not a store; write sqlite, or a URL like jdbc:postgresql://db.example.org/backstop."),
                Arguments.of(
                        "bad listen",
                        minimal + "listen: 8080\n",
                        "6: listen: \"8080\" is not an address like 127.0.0.1:8080."),
                Arguments.of(
                        "bad admin port",
                        minimal + "admin: 127.0.0.1:80a\n",
                        "6: admin: \"80a\" is not a whole number from 0 to 65535."),
                Arguments.of(
                        "bad switch",
                        minimal + "switch: blue-green\n",
                        "6: switch: \"blue-green\" is not a switch mode; use proxy or restart."),
                Arguments.of(
                        "absolute shared path",
                        minimal + "shared_paths: [log, /etc]\n",
                        "6: shared_paths[1]: \"/etc\" is not a path inside the release; write it relative, like log or public/maintenance.html."),
                Arguments.of(
                        "escaping shared path",
                        minimal + "shared_paths:\n  - log\n  - ../secrets\n",
                        "8: shared_paths[1]: \"../secrets\" leaves the release through \"..\"; write a path inside it, like log or tmp/pids."),
                Arguments.of(
                        "env as a list",
                        minimal + "env: [A, B]\n",
                        "6: env: is a list; expected NAME: value pairs, like { RAILS_ENV: production }."),
                Arguments.of(
                        "bad env name",
                        minimal + "env:\n  RAILS-ENV: production\n",
                        "7: env.RAILS-ENV: \"RAILS-ENV\" is not an environment variable name like RAILS_ENV."),
                Arguments.of(
                        "env value as a map",
                        minimal + "env:\n  OPTS: { a: 1 }\n",
                        "7: env.OPTS: is a map; expected a single value."),
                Arguments.of(
                        "env without value",
                        minimal + "env:\n  OPTS:\n",
                        "7: env.OPTS: has no value; write one, or \"\" for an empty one."),
                Arguments.of(
                        "preflight timeout",
                        minimal + "preflight:\n  - command: bin/check\n    timeout: 2 minutes\n",
                        "8: preflight[0].timeout: \"2 minutes\" is not a duration like 1s, 500ms, 2m."),
                Arguments.of(
                        "preflight without command",
                        minimal + "preflight:\n  - name: check\n",
                        "7: preflight[0].command: is required; add it, like command: \"bin/rails runner 'Rails.application.eager_load!'\"."),
                Arguments.of(
                        "duplicate check names",
                        minimal + "preflight:\n  - { name: a, command: x }\n  - { name: a, command: y }\n",
                        "8: preflight[1].name: \"a\" is already the name of the check on line 7; give each its own."),
                Arguments.of(
                        "empty hook command",
                        minimal + "hooks:\n  after_switch: [\"\"]\n",
                        "7: hooks.after_switch[0]: \"\" is empty; write a value."),
                Arguments.of(
                        "error ratio above 1",
                        minimal + "verify:\n  max_error_ratio: 1.5\n",
                        "7: verify.max_error_ratio: \"1.5\" is not a number from 0 to 1."),
                Arguments.of(
                        "bad on_failure",
                        minimal + "verify:\n  on_failure: panic\n",
                        "7: verify.on_failure: \"panic\" is not rollback or alert."),
                Arguments.of(
                        "bad probe status",
                        minimal + "verify:\n  probes: [ { path: /, expect: 700 } ]\n",
                        "7: verify.probes[0].expect: \"700\" is not a whole number from 100 to 599."),
                Arguments.of(
                        "interval beyond window",
                        minimal + "verify: { window: 10s, interval: 1m }\n",
                        "6: verify.interval: \"1m\" is longer than the window of 10s; make it shorter so the window is sampled."),
                Arguments.of(
                        "keep one release",
                        minimal + "keep_releases: 1\n",
                        "6: keep_releases: \"1\" is not a whole number of at least 2."),
                Arguments.of(
                        "absolute maintenance page",
                        minimal + "maintenance:\n  page: /var/www/503.html\n",
                        "7: maintenance.page: \"/var/www/503.html\" is not a path inside the release; write it relative, like log or public/maintenance.html."),
                Arguments.of(
                        "bad size",
                        minimal + "supervision:\n  log_max_size: 10 megs\n",
                        "7: supervision.log_max_size: \"10 megs\" is not a size like 500KB, 10MiB, 1GiB or a number of bytes."),
                Arguments.of(
                        "back-off shrinking",
                        minimal + "supervision: { backoff_initial: 1m, backoff_max: 10s }\n",
                        "6: supervision.backoff_max: \"10s\" is shorter than backoff_initial; make it at least 1m."),
                Arguments.of(
                        "bad overlap",
                        minimal + "workers: { overlap: sometimes }\n",
                        "6: workers.overlap: \"sometimes\" is not true or false."),
                Arguments.of(
                        "alert without a channel",
                        minimal + "alerts:\n  - { }\n",
                        "7: alerts[0]: names no channel; write one of webhook, slack, command or email per item, like"
                                + " - webhook: \"https://hooks.example.org/backstop\"."),
                Arguments.of(
                        "alert with two channels",
                        minimal + "alerts:\n  - { webhook: \"http://h/x\", slack: \"http://h/y\" }\n",
                        "7: alerts[0]: names webhook and slack; write one of webhook, slack, command or email per item, like"
                                + " - webhook: \"https://hooks.example.org/backstop\"."),
                Arguments.of(
                        "email without smtp",
                        minimal + "alerts:\n  - email: ops@example.org\n",
                        "7: alerts[0].smtp: is required with email; add it, like smtp: { host: smtp.example.org, from:"
                                + " backstop@example.org }."),
                Arguments.of(
                        "email to something not an address",
                        minimal + "alerts:\n  - email: ops\n    smtp: { host: h, from: b@example.org }\n",
                        "7: alerts[0].email: \"ops\" is not an e-mail address; write one like ops@example.org."),
                Arguments.of(
                        "smtp user without a password",
                        minimal + "alerts:\n  - email: ops@example.org\n    smtp: { host: h, from: b@example.org,"
                                + " user: u }\n",
                        "8: alerts[0].smtp: names a user but no password; add password_env: SMTP_PASSWORD (set in"
                                + " env_file or the daemon's environment) or password_file: /etc/backstop/smtp-password."),
                Arguments.of(
                        "smtp on a webhook",
                        minimal + "alerts:\n  - webhook: \"http://h/x\"\n    smtp: { host: h, from: b@example.org }\n",
                        "8: alerts[0].smtp: is only used with email; remove it (only e-mail is sent through SMTP)."),
                Arguments.of(
                        "bad remind_every",
                        minimal + "alerts:\n  - webhook: \"http://h/x\"\n    remind_every: often\n",
                        "8: alerts[0].remind_every: \"often\" is not a duration like 30m or 4h, nor off (no reminders)."),
                Arguments.of(
                        "timeout on a webhook",
                        minimal + "alerts:\n  - { slack: \"http://h/y\", timeout: 5s }\n",
                        "7: alerts[0].timeout: is only used with command; remove it (webhooks have their own 5s"
                                + " timeout)."),
                Arguments.of(
                        "bad slack URL",
                        minimal + "alerts:\n  - slack: hooks.slack.com/x\n",
                        "7: alerts[0].slack: \"hooks.slack.com/x\" is not an http:// or https:// URL like"
                                + " https://hooks.example.org/backstop."),
                Arguments.of(
                        "empty alert command",
                        minimal + "alerts:\n  - command: \" \"\n",
                        "7: alerts[0].command: \" \" is empty; write a value."),
                Arguments.of(
                        "bad webhook",
                        minimal + "alerts:\n  - webhook: ftp://h/x\n",
                        "7: alerts[0].webhook: \"ftp://h/x\" is not an http:// or https:// URL like https://hooks.example.org/backstop."),
                Arguments.of(
                        "verify.ignore glob that is no glob",
                        minimal + "verify:\n  ignore: [tmp/sessions/, \"[abc\"]\n",
                        "7: verify.ignore[1]: \"[abc\" is not a glob (Missing ]); write one like tmp/sessions/ or *.log."),
                Arguments.of(
                        "verify.ignore glob outside the release",
                        minimal + "verify:\n  ignore:\n    - ../shared/**\n",
                        "8: verify.ignore[0]: \"../shared/**\" has a \"..\" part; write the path inside the release, like tmp/sessions/."),
                Arguments.of(
                        "verify.ignore absolute path",
                        minimal + "verify:\n  ignore: [/var/tmp]\n",
                        "7: verify.ignore[0]: \"/var/tmp\" is not a path inside the release; write it relative, like tmp/sessions/."),
                Arguments.of(
                        "verify.ignore not a list",
                        minimal + "verify:\n  ignore: tmp/sessions/\n",
                        "7: verify.ignore: is a value; expected a list, like [a, b] or lines starting with -."),
                Arguments.of(
                        "a list where a map belongs",
                        minimal + "verify: [60s]\n",
                        "6: verify: is a list; expected keys like window, interval, probes, probe_failures, max_error_ratio, "
                                + "min_requests, max_p99, max_errors_per_minute, on_failure, ignore, "
                                + "max_worker_exits, replay, replay_skip, replay_concurrency."),
                Arguments.of(
                        "a map where a value belongs",
                        minimal + "keep_releases: { count: 5 }\n",
                        "6: keep_releases: is a map; expected a single value."),
                Arguments.of(
                        "a value where a list belongs",
                        minimal + "preflight: bin/check\n",
                        "6: preflight: is a value; expected a list, like [a, b] or lines starting with -."),
                Arguments.of(
                        "duplicate key",
                        minimal + "app: other\n",
                        "6: app: is set twice; the first is on line 1, keep one."),
                Arguments.of(
                        "alias",
                        minimal + "listen: &addr 127.0.0.1:9000\nadmin: *addr\n",
                        "7: admin: \"*addr\" is an alias; Backstop does not follow aliases, write the value out."),
                Arguments.of(
                        "YAML syntax",
                        minimal + "verify:\n  window: 60s\n   interval: 5s\n",
                        "8: is not valid YAML: mapping values are not allowed here."),
                Arguments.of(
                        "empty file",
                        "# nothing yet\n",
                        "1: the file is empty; it needs at least app, root and services, run 'backstop init' for a commented example."),
                Arguments.of(
                        "not a map",
                        "- app: shop\n",
                        "1: the file holds a list, not keys; start it with app: and root:, or run 'backstop init'."));
    }

    @Test
    void restartModeRefusesAWebServiceWithoutAPort() {
        Path file = ConfigFiles.write(
                dir, ConfigFiles.MINIMAL + "switch: restart\nrestart: { command: systemctl restart shop }\n");

        InvalidConfigException invalid =
                catchThrowableOfType(InvalidConfigException.class, () -> new ConfigLoader().load(file));

        assertThat(invalid.problems())
                .extracting(ConfigFiles::withoutFile)
                .containsExactly(
                        "4: services.web.port: is required with switch: restart; add the port the app listens on, like port: 3000.");
    }

    @Test
    void restartModeRefusesAMissingRestartCommandAndAMissingWebService() {
        Path file = ConfigFiles.write(
                dir, "app: shop\nroot: .\nswitch: restart\nservices:\n  worker: { command: bin/worker }\n");

        InvalidConfigException invalid =
                catchThrowableOfType(InvalidConfigException.class, () -> new ConfigLoader().load(file));

        assertThat(invalid.problems())
                .extracting(ConfigFiles::withoutFile)
                .containsExactly(
                        "1: restart.command: is required with switch: restart; add it, like restart: { command: \"systemctl restart shop.target\" }.",
                        "4: services.web: is required with switch: restart; add the web service with the port it listens on.",
                        "5: services.worker: is not run by Backstop with switch: restart, your service manager runs the"
                                + " app's processes; remove it here and keep it up there (systemd: Restart=always), or"
                                + " use switch: proxy to have Backstop supervise it.");
    }

    @Test
    void aMissingFileSaysToRunInit() {
        Path file = dir.resolve("backstop.yml");

        assertThatThrownBy(() -> new ConfigLoader().load(file))
                .isInstanceOf(ConfigNotFoundException.class)
                .hasMessage(
                        file + ": no such file; run 'backstop init' to write a commented one, or pass --config FILE.")
                .extracting(thrown -> ((BackstopException) thrown).exitCode())
                .isEqualTo(BackstopException.BAD_INPUT);
    }

    @Test
    void aDirectoryInsteadOfAFileIsUnreadable() {
        assertThatThrownBy(() -> new ConfigLoader().load(dir))
                .isInstanceOf(UnreadableConfigException.class)
                .hasMessageStartingWith(dir + ": cannot be read");
    }
}
