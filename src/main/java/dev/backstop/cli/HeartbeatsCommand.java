package dev.backstop.cli;

import dev.backstop.watch.heartbeat.CheckView;
import dev.backstop.watch.heartbeat.Heartbeats;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code backstop heartbeats [--json]}, and {@code pause}/{@code resume}: read from the store, so the daemon may be down. */
@Command(
        name = "heartbeats",
        mixinStandardHelpOptions = true,
        description = {
            "Each heartbeat check's state (new, up, grace, down, paused, started), last ping, next due time and"
                    + " its ping URL, ready to paste into a crontab.",
            "Works with the daemon down too: it reads the store."
        },
        subcommands = {HeartbeatPauseCommand.class, HeartbeatResumeCommand.class},
        footer = {
            "",
            "Examples:",
            "  backstop heartbeats",
            "  backstop heartbeats --json | jq -r '.[] | select(.name == \"nightly-report\") | .pingUrl'",
            "  # in the crontab: 0 3 * * * /srv/shop/bin/report && curl -fsS -m 10 --retry 5 PING_URL"
        })
final class HeartbeatsCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ConfigOption config;

    @Mixin
    JsonOption json;

    @Override
    public Integer call() {
        try (AppContext app = config.open()) {
            Instant now = Clock.systemUTC().instant();
            List<CheckView> checks =
                    Heartbeats.open(app.config(), app.store().jdbi(), now).list(now);
            Output output = new Output(spec);
            if (json.enabled) {
                output.json(checks);
            } else if (checks.isEmpty()) {
                output.line("No heartbeat checks. Declare one in backstop.yml, like"
                        + " heartbeats: [ { name: nightly-report, every: 24h, grace: 1h } ] (docs/heartbeats.md).");
            } else {
                output.table(table(checks, now));
            }
            return ExitCode.OK;
        }
    }

    private static Table table(List<CheckView> checks, Instant now) {
        Table table = new Table("CHECK", "STATE", "LAST PING", "NEXT DUE", "SCHEDULE", "PING URL");
        for (CheckView check : checks) {
            table.row(
                    check.name(),
                    check.state(),
                    check.lastPing()
                            .map(at -> HumanUnits.age(Duration.between(at, now)) + " ago" + kind(check))
                            .orElse("never"),
                    check.nextDue().map(due -> when(due, now)).orElse("-"),
                    check.schedule() + ", grace " + check.grace() + (check.createdByPing() ? " (created by ping)" : ""),
                    check.pingUrl());
        }
        return table;
    }

    private static String kind(CheckView check) {
        return check.lastPingKind()
                .filter("fail"::equals)
                .map(fail -> " (fail)")
                .orElse("");
    }

    private static String when(Instant due, Instant now) {
        return due.isAfter(now)
                ? "in " + HumanUnits.age(Duration.between(now, due))
                : HumanUnits.age(Duration.between(due, now)) + " ago";
    }
}
