package dev.backstop.verify;

import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * The web instances of one release as the verdict sees them: where to probe them, and whether
 * their processes are still alive (a dead process fails the verdict at once, without waiting for
 * probes to time out). Immutable; {@code alive} must be thread-safe.
 */
public record VerifyTarget(String host, List<Integer> ports, BooleanSupplier alive) {

    public VerifyTarget {
        ports = List.copyOf(ports);
    }
}
