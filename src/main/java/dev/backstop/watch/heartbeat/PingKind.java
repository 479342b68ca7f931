package dev.backstop.watch.heartbeat;

import java.util.Locale;

/** What a ping says, chosen by its URL's last part as on healthchecks.io. */
public enum PingKind {
    /** {@code /ping/KEY/NAME} or exit status 0: the job ran and succeeded. */
    SUCCESS,
    /** {@code /start}: the job began; it must finish within the grace time. */
    START,
    /** {@code /fail} or exit status 1-255: the job failed; the check is down at once. */
    FAIL,
    /** {@code /log}: a message to keep, which changes nothing. */
    LOG;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    static PingKind ofLabel(String label) {
        return valueOf(label.toUpperCase(Locale.ROOT));
    }
}
