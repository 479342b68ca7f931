package dev.backstop.release;

import java.util.Objects;

/**
 * Which release served traffic according to something outside the store, and what said so:
 * {@code the proxy's routes file '/var/lib/backstop/shop/proxy/routes.json'}. Used to find the live
 * release again when the store was lost.
 */
public record LiveEvidence(String releaseId, String source) {

    public LiveEvidence {
        Objects.requireNonNull(releaseId, "releaseId");
        Objects.requireNonNull(source, "source");
    }
}
