package dev.backstop.watch;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One alert as the store keeps it, with what each channel has been told: what {@code backstop alerts}
 * lists. Immutable.
 *
 * @param state {@code open} (lasting, reminded until resolved), {@code resolved}, or {@code notice}
 *     (a one-off such as a rollback, told once)
 * @param count how many times it was raised, repeats included
 */
public record AlertRecord(
        long id,
        String key,
        String event,
        String subject,
        String release,
        String verdict,
        long deployId,
        String state,
        Instant openedAt,
        Instant lastSeenAt,
        long count,
        Optional<Instant> resolvedAt,
        Optional<String> resolution,
        List<Delivery> deliveries) {

    public AlertRecord {
        deliveries = List.copyOf(deliveries);
    }

    /** One message to one channel: {@code pending} (being tried), {@code delivered} or {@code skipped}. */
    public record Delivery(
            String channel,
            String message,
            String state,
            long attempts,
            Optional<Instant> deliveredAt,
            Optional<Instant> nextAttemptAt,
            Optional<String> lastError) {}
}
