package dev.backstop.config;

import java.util.List;
import java.util.Optional;

/**
 * Reads where alerts go: {@code alerts}. Only webhooks are sent today; the other channels of the
 * design, like {@code heartbeats} and {@code queues}, are refused by {@link NotSupportedYet}. Stateless.
 */
final class WatchReader {

    static final List<String> ALERT_KEYS = List.of("webhook");

    private WatchReader() {}

    static List<AlertTarget> alerts(Section top) {
        return top.items("alerts").stream()
                .flatMap(item -> target(item).stream())
                .toList();
    }

    private static Optional<AlertTarget> target(Section.Item item) {
        Section alert = item.section(ALERT_KEYS);
        if (!alert.has("webhook") && namesAChannelNotSupportedYet(item)) {
            return Optional.empty(); // already refused with what to use instead
        }
        String webhook = alert.required(
                "webhook", ValueSyntax::httpUrl, "", "- webhook: \"https://hooks.example.org/backstop\"");
        return webhook.isEmpty() ? Optional.empty() : Optional.of(new AlertTarget(webhook));
    }

    private static boolean namesAChannelNotSupportedYet(Section.Item item) {
        return item.node() instanceof YamlNode.Mapping mapping
                && mapping.entries().keySet().stream()
                        .anyMatch(key ->
                                NotSupportedYet.message("alerts[]." + key).isPresent());
    }
}
