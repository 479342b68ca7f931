package dev.backstop.proxy;

import java.util.List;

/**
 * Where the traffic of one release goes: its id and the web instances that serve it, taken in
 * round robin. Immutable, thread-safe.
 */
public record Route(String releaseId, List<Upstream> upstreams) {

    public Route {
        if (releaseId == null || releaseId.isBlank()) {
            throw new IllegalArgumentException("route release id is empty; expected the id of a release");
        }
        if (upstreams == null || upstreams.isEmpty()) {
            throw new IllegalArgumentException(
                    "route of release '" + releaseId + "' has no upstreams; expected at least one host:port");
        }
        upstreams = List.copyOf(upstreams);
    }

    /** A route for one release with the given upstreams. */
    public static Route of(String releaseId, Upstream... upstreams) {
        return new Route(releaseId, List.of(upstreams));
    }
}
