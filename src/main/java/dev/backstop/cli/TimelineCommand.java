package dev.backstop.cli;

import dev.backstop.timeline.SinceOption;
import dev.backstop.timeline.TimelineFormat;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code backstop timeline [--since D] [--format text|md|json]}. */
@Command(
        name = "timeline",
        mixinStandardHelpOptions = true,
        description = "Every step, verdict, alert and human action, oldest first; --format md drafts the post-mortem.",
        footer = {
            "",
            "Examples:",
            "  backstop timeline --since 2h",
            "  backstop timeline --since 2026-11-25 --format md > postmortem.md"
        })
final class TimelineCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ConfigOption config;

    @Mixin
    JsonOption json;

    @Option(
            names = "--since",
            paramLabel = "WHEN",
            description = "A duration back from now (2h, 1d) or a date/time (2026-11-25T10:00).")
    String since;

    @Option(
            names = "--format",
            paramLabel = "FORMAT",
            defaultValue = "text",
            description = "text, md or json (default: ${DEFAULT-VALUE}).")
    String format;

    @Override
    public Integer call() {
        Clock clock = Clock.systemDefaultZone();
        TimelineFormat chosen = json.enabled ? TimelineFormat.JSON : TimelineFormat.named(format);
        try (AppContext app = config.open()) {
            String name = app.config().app();
            String rendered = chosen.render(name, app.timeline().list(name, SinceOption.since(since, clock)), clock);
            spec.commandLine().getOut().print(rendered.endsWith("\n") ? rendered : rendered + "\n");
            spec.commandLine().getOut().flush();
            return ExitCode.OK;
        }
    }
}
