package dev.backstop.release;

import java.time.Instant;

/** Releases for tests: the minute given orders them the way import time orders real ids. */
final class TestReleases {

    private static final Instant BASE = Instant.parse("2026-11-25T09:00:00Z");

    private TestReleases() {}

    /** A release imported {@code minute} minutes after 09:00, id {@code 20261125-09mm00-<app hash>}. */
    static Release release(String app, String version, int minute, ReleaseState state) {
        String id = String.format("20261125-%02d%02d00-%04x", 9 + minute / 60, minute % 60, app.hashCode() & 0xffff);
        Instant importedAt = BASE.plusSeconds(60L * minute);
        return new Release(
                id,
                app,
                version,
                state,
                "sha256:" + version,
                1024L * minute,
                10 + minute,
                "/tmp/" + version + ".tar.gz",
                importedAt,
                "alice",
                importedAt);
    }
}
