package dev.backstop.watch;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.backstop.Json;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The JSON of an alert message as webhooks and alert commands receive it: the fields of
 * {@link Alert}, then {@code key}, {@code message} (opened, reminder, resolved), {@code openedAt},
 * {@code count} and, once resolved, {@code resolution}. Stateless.
 */
final class AlertJson {

    private AlertJson() {}

    static String of(AlertMessage message) {
        Alert alert = message.alert();
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("app", alert.app());
        fields.put("event", alert.event());
        fields.put("subject", alert.subject());
        fields.put("release", alert.release());
        fields.put("previousRelease", alert.previousRelease().orElse(null));
        fields.put("verdict", alert.verdict());
        fields.put("deployId", alert.deployId());
        fields.put("link", alert.link());
        fields.put("key", alert.key());
        fields.put("message", message.kind().label());
        fields.put("openedAt", message.openedAt().toString());
        fields.put("count", message.count());
        message.resolution().ifPresent(resolution -> fields.put("resolution", resolution));
        return write(fields);
    }

    /** {@code value} as JSON; only for records and maps of plain values, which always serialise. */
    static String write(Object value) {
        try {
            return Json.mapper().writeValueAsString(value);
        } catch (JsonProcessingException impossible) {
            throw new UncheckedIOException(impossible);
        }
    }
}
