package dev.backstop.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Reads where alerts go: {@code alerts}, one channel per item. The channels and watches of the design
 * that nothing acts on yet ({@code email}) are refused by
 * {@link NotSupportedYet}. Stateless.
 */
final class WatchReader {

    static final List<String> CHANNELS = List.of("webhook", "slack", "command");
    static final List<String> ALERT_KEYS = List.of("webhook", "slack", "command", "timeout");
    /** Long enough for a paging tool that calls an API, short enough not to hold up the next alert. */
    static final Duration DEFAULT_COMMAND_TIMEOUT = Duration.ofSeconds(30);

    private WatchReader() {}

    /** {@code base}: the config file's directory, where alert commands run. */
    static List<AlertTarget> alerts(Section top, Path base) {
        return top.items("alerts").stream()
                .flatMap(item -> target(item, base).stream())
                .toList();
    }

    private static Optional<AlertTarget> target(Section.Item item, Path base) {
        Section alert = item.section(ALERT_KEYS);
        List<String> channels = CHANNELS.stream().filter(alert::has).toList();
        if (channels.isEmpty() && namesAChannelNotSupportedYet(item)) {
            return Optional.empty(); // already refused with what to use instead
        }
        if (channels.size() != 1) {
            alert.problems()
                    .add(
                            alert.line(),
                            alert.path(),
                            (channels.isEmpty() ? "names no channel" : "names " + String.join(" and ", channels))
                                    + "; write one of webhook, slack or command per item, like - webhook:"
                                    + " \"https://hooks.example.org/backstop\".");
            return Optional.empty();
        }
        if (!channels.get(0).equals("command") && alert.has("timeout")) {
            alert.problems()
                    .add(
                            alert.lineOf("timeout"),
                            alert.pathOf("timeout"),
                            "is only used with command; remove it (webhooks have their own 5s timeout).");
        }
        return switch (channels.get(0)) {
            case "webhook" -> alert.value("webhook", ValueSyntax::httpUrl).map(AlertTarget.Webhook::new);
            case "slack" -> alert.value("slack", ValueSyntax::httpUrl).map(AlertTarget.Slack::new);
            default ->
                alert.value("command", ValueSyntax::nonBlank)
                        .map(command -> new AlertTarget.Command(
                                command, base, alert.duration("timeout", DEFAULT_COMMAND_TIMEOUT)));
        };
    }

    private static boolean namesAChannelNotSupportedYet(Section.Item item) {
        return item.node() instanceof YamlNode.Mapping mapping
                && mapping.entries().keySet().stream()
                        .anyMatch(key ->
                                NotSupportedYet.message("alerts[]." + key).isPresent());
    }
}
