package dev.backstop.release;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * Where a release stands. Whether it is live is not a state but the app's live pointer: a release
 * is live <em>and</em> known-good (verified) or live and still imported (being verified).
 */
public enum ReleaseState {
    /** Unpacked, hashed and read-only; never verified in production yet. */
    IMPORTED,
    /** Passed a verify window while live: a rollback may land here. */
    KNOWN_GOOD,
    /** Blocked by preflight, rolled back from, or failed its verdict: never chosen automatically. */
    FAILED,
    /** Its files no longer match the manifest: never a rollback target. */
    CORRUPT,
    /** Its directory was removed by retention; the record stays for the timeline. */
    PRUNED;

    /** The word users see and type, and JSON carries: {@code known-good}. */
    @JsonValue
    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    @JsonCreator
    public static ReleaseState fromLabel(String label) {
        return valueOf(label.toUpperCase(Locale.ROOT).replace('-', '_'));
    }
}
