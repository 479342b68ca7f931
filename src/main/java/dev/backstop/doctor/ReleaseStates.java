package dev.backstop.doctor;

import dev.backstop.release.Release;
import dev.backstop.release.ReleaseState;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The {@code release-states} finding of {@code backstop doctor}: each release that still has its
 * directory, newest first, with its state in words and what it allows (a way back, a way forward,
 * only on purpose). Informational: it never makes a rollback impossible. Stateless.
 */
final class ReleaseStates {

    private static final DateTimeFormatter WHEN =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    private ReleaseStates() {}

    static Finding explain(List<Release> releases, Optional<Release> live) {
        List<Release> kept = releases.stream()
                .filter(release -> release.state() != ReleaseState.PRUNED)
                .sorted((left, right) -> right.id().compareTo(left.id()))
                .toList();
        if (kept.isEmpty()) {
            return Finding.ok("release-states", "no releases imported yet.");
        }
        boolean anyLive = live.isPresent();
        return Finding.ok(
                "release-states",
                kept.stream()
                                .map(release -> explain(
                                        release, anyLive && live.get().id().equals(release.id())))
                                .collect(Collectors.joining("; "))
                        + ".");
    }

    static String explain(Release release, boolean live) {
        String name = "'" + release.version() + "'" + (live ? " live," : "") + " "
                + release.state().label();
        return name + " (" + meaning(release, live) + ")";
    }

    private static String meaning(Release release, boolean live) {
        return switch (release.state()) {
            case IMPORTED ->
                live
                        ? "not through a verify window yet: it becomes known-good when one passes"
                        : "never verified live: deploy it any time";
            case KNOWN_GOOD ->
                live
                        ? "passed a verify window"
                        : "passed a verify window: a rollback can land on it, and it can be deployed again any time";
            case FAILED ->
                "since " + WHEN.format(release.stateChangedAt())
                        + ": a preflight check or its own signals judged it bad, or an operator rolled back with"
                        + " --mark-failed; never chosen by itself, deploy it again only with --force"
                        + " ('backstop timeline' says why)";
            case CORRUPT ->
                "its files differ from its manifest: never deployed or rolled back to" + " ('backstop release verify "
                        + release.version() + "' names the files)";
            case PRUNED -> "its directory was removed by retention";
        };
    }
}
