package dev.backstop.watch;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What one channel is told about one alert: that it opened, that it still lasts (a reminder), or
 * that it was resolved. Immutable.
 *
 * @param openedAt when the alert was first accepted
 * @param count how many times it was raised, repeats included
 * @param resolution how it cleared, for {@link Kind#RESOLVED}: "check nightly-report pinged again"
 */
public record AlertMessage(Kind kind, Alert alert, Instant openedAt, long count, Optional<String> resolution) {

    public AlertMessage {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(alert, "alert");
        Objects.requireNonNull(openedAt, "openedAt");
        Objects.requireNonNull(resolution, "resolution");
    }

    /** The alert as first told. */
    public static AlertMessage opened(Alert alert, Instant openedAt) {
        return new AlertMessage(Kind.OPENED, alert, openedAt, 1, Optional.empty());
    }

    /** The three messages of an alert's life; {@link #label()} is how payloads and the store name them. */
    public enum Kind {
        OPENED("opened"),
        REMINDER("reminder"),
        RESOLVED("resolved");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }

        static Kind labelled(String label) {
            for (Kind kind : values()) {
                if (kind.label.equals(label)) {
                    return kind;
                }
            }
            throw new IllegalArgumentException("no alert message is called '" + label + "'");
        }
    }
}
