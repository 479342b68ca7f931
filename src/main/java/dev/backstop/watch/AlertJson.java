package dev.backstop.watch;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.backstop.Json;
import java.io.UncheckedIOException;

/** The JSON of an alert as webhooks and alert commands receive it: the fields of {@link Alert}. Stateless. */
final class AlertJson {

    private AlertJson() {}

    static String of(Alert alert) {
        return write(alert);
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
