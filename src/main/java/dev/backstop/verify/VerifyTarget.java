package dev.backstop.verify;

import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * The release under watch as the verdict sees it: its id (crash loops are reported by release),
 * where to probe its web instances, whether their processes are still alive (a dead process fails
 * the verdict at once, without waiting for probes to time out), and where its requests are counted:
 * the proxy in proxy mode, nothing in restart mode (probes only). Immutable; {@code alive} and
 * {@code traffic} must be thread-safe.
 */
public record VerifyTarget(
        String releaseId, String host, List<Integer> ports, BooleanSupplier alive, Optional<TrafficMeter> traffic) {

    public VerifyTarget {
        ports = List.copyOf(ports);
    }
}
