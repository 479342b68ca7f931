package dev.backstop.maintenance;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.backstop.config.SwitchMode;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Objects;
import java.util.Optional;

/**
 * Whether visitors get the maintenance page, as {@code status} and the maintenance watch tell it.
 * In proxy mode the store's record says it (the proxy is switched through the daemon). In restart
 * mode the web server decides by the flag file alone, so the flag is the truth: a flag made by hand
 * while the daemon was down (docs/nginx.md) is on, though the store never heard of it. Immutable.
 *
 * @param since when maintenance went on
 * @param message what visitors are told; empty for a flag made by hand
 * @param byHand the flag file was made by hand, not by {@code backstop maintenance on}
 */
public record MaintenanceView(Instant since, String message, boolean byHand) {

    private static final DateTimeFormatter WHEN =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    public MaintenanceView {
        Objects.requireNonNull(since, "since");
        Objects.requireNonNull(message, "message");
    }

    /**
     * What serves now: the store's {@code stored} state, or in restart mode the flag file under
     * {@code <root>/maintenance/}, which wins when they disagree.
     */
    public static Optional<MaintenanceView> of(
            SwitchMode mode, Path root, Optional<MaintenanceRecord.State> stored, Clock clock) {
        if (mode == SwitchMode.PROXY) {
            return stored.map(state -> new MaintenanceView(state.since(), state.message(), false));
        }
        Optional<MaintenanceStatus> flag = new MaintenanceMode(root, clock).status();
        if (flag.isEmpty()) {
            return Optional.empty();
        }
        if (stored.isPresent()) {
            return Optional.of(
                    new MaintenanceView(stored.get().since(), stored.get().message(), false));
        }
        return Optional.of(new MaintenanceView(flag.get().since(), flag.get().message(), true));
    }

    /** Always true: a view exists only while maintenance is on; {@code status --json} says so in words. */
    @JsonProperty
    public boolean on() {
        return true;
    }

    /** On longer than {@code alertAfter}: a forgotten maintenance flag is an outage. */
    public boolean leftOn(Duration alertAfter, Clock clock) {
        return Duration.between(since, clock.instant()).compareTo(alertAfter) > 0;
    }

    /** "flag file made by hand at 2026-11-29 17:50 UTC", or the message given with {@code maintenance on}. */
    public String describe() {
        return byHand ? "flag file made by hand at " + WHEN.format(since) : message;
    }
}
