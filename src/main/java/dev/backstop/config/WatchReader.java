package dev.backstop.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Reads where alerts go: {@code alerts}, one channel per item, and an item holding only
 * {@code remind_every} that sets the reminder interval of the channels that set none. The watches
 * of the design that nothing acts on yet are refused by {@link NotSupportedYet}. Stateless.
 */
final class WatchReader {

    static final List<String> CHANNELS = List.of("webhook", "slack", "command", "email");
    static final List<String> ALERT_KEYS =
            List.of("webhook", "slack", "command", "email", "timeout", "remind_every", "smtp");
    /** Long enough for a paging tool that calls an API, short enough not to hold up the next alert. */
    static final Duration DEFAULT_COMMAND_TIMEOUT = Duration.ofSeconds(30);

    private WatchReader() {}

    /** {@code base}: the config file's directory, where alert commands run. */
    static List<AlertTarget> alerts(Section top, Path base) {
        List<Section.Item> items = top.items("alerts");
        Duration remindEvery = items.stream()
                .filter(WatchReader::onlyRemindEvery)
                .reduce((first, second) -> {
                    second.problems()
                            .add(
                                    second.node().line(),
                                    second.path(),
                                    "sets remind_every for all channels a second time; keep one such item.");
                    return first;
                })
                .flatMap(item -> remindEvery(item.section(ALERT_KEYS)))
                .orElse(AlertTarget.DEFAULT_REMIND_EVERY);
        List<AlertTarget> targets = items.stream()
                .filter(item -> !onlyRemindEvery(item))
                .flatMap(item -> target(item, base, remindEvery).stream())
                .toList();
        refuseTwice(top, targets);
        return targets;
    }

    /** Each channel keeps its own delivery state in the store, so the same one twice would tell everything twice. */
    private static void refuseTwice(Section top, List<AlertTarget> targets) {
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (AlertTarget target : targets) {
            if (!seen.add(target.channel())) {
                top.problems()
                        .add(
                                top.lineOf("alerts"),
                                "alerts",
                                "names " + target.channel() + " twice; keep one item for it.");
            }
        }
    }

    private static boolean onlyRemindEvery(Section.Item item) {
        return item.node() instanceof YamlNode.Mapping mapping
                && mapping.entries().keySet().equals(java.util.Set.of("remind_every"));
    }

    private static Optional<Duration> remindEvery(Section section) {
        return section.value("remind_every", WatchReader::reminderInterval);
    }

    private static Duration reminderInterval(String text) {
        if (text.strip().equals("off")) {
            return Duration.ZERO;
        }
        try {
            return Section.positiveDuration(text);
        } catch (MalformedValueException malformed) {
            throw MalformedValueException.of(text, "is not a duration like 30m or 4h, nor off (no reminders).");
        }
    }

    private static Optional<AlertTarget> target(Section.Item item, Path base, Duration listRemindEvery) {
        Section alert = item.section(ALERT_KEYS);
        List<String> channels = CHANNELS.stream().filter(alert::has).toList();
        if (channels.size() != 1) {
            alert.problems()
                    .add(
                            alert.line(),
                            alert.path(),
                            (channels.isEmpty() ? "names no channel" : "names " + String.join(" and ", channels))
                                    + "; write one of webhook, slack, command or email per item, like - webhook:"
                                    + " \"https://hooks.example.org/backstop\".");
            return Optional.empty();
        }
        String channel = channels.get(0);
        refuseOutsideItsChannel(alert, channel, "timeout", "command", "webhooks have their own 5s timeout");
        refuseOutsideItsChannel(alert, channel, "smtp", "email", "only e-mail is sent through SMTP");
        Duration remindEvery = remindEvery(alert).orElse(listRemindEvery);
        return switch (channel) {
            case "webhook" ->
                alert.value("webhook", ValueSyntax::httpUrl).map(url -> new AlertTarget.Webhook(url, remindEvery));
            case "slack" ->
                alert.value("slack", ValueSyntax::httpUrl).map(url -> new AlertTarget.Slack(url, remindEvery));
            case "email" -> EmailReader.email(alert, base, remindEvery);
            default ->
                alert.value("command", ValueSyntax::nonBlank)
                        .map(command -> new AlertTarget.Command(
                                command, base, alert.duration("timeout", DEFAULT_COMMAND_TIMEOUT), remindEvery));
        };
    }

    private static void refuseOutsideItsChannel(Section alert, String channel, String key, String owner, String why) {
        if (!channel.equals(owner) && alert.has(key)) {
            alert.problems()
                    .add(
                            alert.lineOf(key),
                            alert.pathOf(key),
                            "is only used with " + owner + "; remove it (" + why + ").");
        }
    }
}
