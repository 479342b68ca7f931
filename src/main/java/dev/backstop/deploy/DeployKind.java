package dev.backstop.deploy;

import java.util.Locale;

/** Why a deploy runs: a new release, or an operator's rollback to an earlier one. */
public enum DeployKind {
    DEPLOY,
    ROLLBACK;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static DeployKind fromLabel(String label) {
        return valueOf(label.toUpperCase(Locale.ROOT));
    }
}
