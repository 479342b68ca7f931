package dev.backstop.release;

import dev.backstop.config.BackstopConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Directories under {@code <root>/releases} that are no usable release: staging directories of
 * imports that died, directories the store does not know that hold no readable manifest, both only
 * when older than an hour so a running import is never touched, and directories of pruned releases
 * whose deletion was interrupted. A directory with a readable manifest is a release whatever the
 * store says (a lost or older store knows less than the disk), so it is never a leftover unless the
 * store marked it pruned; nor is one in {@code serving} (routed, {@code current}, running).
 */
final class ReleaseLeftovers {

    /** An import still staging after this long is dead: even 10 GiB unpack within minutes. */
    static final Duration STALE_STAGING = Duration.ofHours(1);

    private final BackstopConfig config;
    private final ReleaseCatalog catalog;
    private final Clock clock;

    ReleaseLeftovers(BackstopConfig config, ReleaseCatalog catalog, Clock clock) {
        this.config = config;
        this.catalog = catalog;
        this.clock = clock;
    }

    List<Path> find() {
        return find(Set.of());
    }

    List<Path> find(Set<String> serving) {
        Path releases = config.releasesDir();
        if (!Files.isDirectory(releases)) {
            return List.of();
        }
        List<Release> known = catalog.list(config.app());
        Set<String> pruned = known.stream()
                .filter(release -> release.state() == ReleaseState.PRUNED)
                .map(Release::id)
                .collect(Collectors.toSet());
        Set<String> usable = known.stream()
                .filter(release -> release.state() != ReleaseState.PRUNED)
                .map(Release::id)
                .collect(Collectors.toSet());
        Instant staleBefore = clock.instant().minus(STALE_STAGING);
        try (Stream<Path> children = Files.list(releases)) {
            return children.filter(child -> Files.isDirectory(child, LinkOption.NOFOLLOW_LINKS))
                    .filter(child -> !serving.contains(child.getFileName().toString()))
                    .filter(child -> isLeftover(child, usable, pruned, staleBefore))
                    .sorted()
                    .toList();
        } catch (IOException error) {
            throw new UncheckedIOException(error);
        }
    }

    private static boolean isLeftover(Path directory, Set<String> usable, Set<String> pruned, Instant staleBefore) {
        String name = directory.getFileName().toString();
        if (pruned.contains(name)) {
            return true;
        }
        boolean staging = name.startsWith(".import-");
        boolean unknown = !name.startsWith(".") && !usable.contains(name);
        // Age matters for both: an import renames its directory into place just before it registers it.
        return (staging || unknown)
                && modifiedBefore(directory, staleBefore)
                && (staging || !ReleaseDirectories.holdsManifest(directory));
    }

    private static boolean modifiedBefore(Path directory, Instant instant) {
        try {
            return Files.getLastModifiedTime(directory, LinkOption.NOFOLLOW_LINKS)
                    .toInstant()
                    .isBefore(instant);
        } catch (IOException gone) {
            return false;
        }
    }
}
