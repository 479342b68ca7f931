package dev.backstop.run;

import java.util.regex.Pattern;

/**
 * Names one supervised slot: instance {@code instance} of service {@code service} of release
 * {@code releaseId}. A restart replaces the process in a slot, never the slot. Immutable.
 *
 * @param instance 1-based, as {@code instances:} counts them
 */
public record InstanceKey(String releaseId, String service, int instance) {

    // Both names become path segments of the log file, so they must not climb out of the logs dir.
    private static final Pattern SAFE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

    public InstanceKey {
        requireSafe("release id", releaseId);
        requireSafe("service name", service);
        if (instance < 1) {
            throw new IllegalArgumentException("instance must be at least 1, was " + instance);
        }
    }

    private static void requireSafe(String what, String value) {
        if (value == null || !SAFE_NAME.matcher(value).matches()) {
            throw new IllegalArgumentException(what + " '" + value + "' must be letters, digits, '.', '_' or '-'");
        }
    }

    @Override
    public String toString() {
        return service + "." + instance + " of release " + releaseId;
    }
}
