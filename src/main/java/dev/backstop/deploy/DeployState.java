package dev.backstop.deploy;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * The states of a deploy (DESIGN.md): {@code staged → preflight → starting → switched → verifying →
 * succeeded | rolling-back → rolled-back | failed}. Each is written to the store before the side
 * effect it names, so recovery after a crash knows what may have happened.
 */
public enum DeployState {
    STAGED,
    PREFLIGHT,
    STARTING,
    SWITCHED,
    VERIFYING,
    SUCCEEDED,
    ROLLING_BACK,
    ROLLED_BACK,
    FAILED;

    public boolean isTerminal() {
        return this == SUCCEEDED || this == ROLLED_BACK || this == FAILED;
    }

    /** Whether traffic may already have moved to the new release. */
    public boolean isPastSwitch() {
        return this == SWITCHED || this == VERIFYING || this == ROLLING_BACK;
    }

    /** The word users see, and JSON carries: {@code rolling-back}. */
    @JsonValue
    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    @JsonCreator
    public static DeployState fromLabel(String label) {
        return valueOf(label.toUpperCase(Locale.ROOT).replace('-', '_'));
    }
}
