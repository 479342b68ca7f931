package dev.backstop.release;

import dev.backstop.BackstopException;
import dev.backstop.config.BackstopConfig;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Re-hashes a release against its manifest and marks it corrupt when a file of it differs (paths
 * written beside it are drift and change nothing), so that it is
 * never chosen as a rollback target. A release is verified again each time it is asked, never
 * from a cached answer: the point is to catch what changed since. Stateless per call, thread-safe.
 */
final class ReleaseVerifier {

    private final BackstopConfig config;
    private final ReleaseCatalog catalog;

    ReleaseVerifier(BackstopConfig config, ReleaseCatalog catalog) {
        this.config = config;
        this.catalog = catalog;
    }

    VerifyOutcome verify(Release release, String actor) {
        if (release.state() == ReleaseState.PRUNED) {
            throw new ReleasePrunedException(release);
        }
        VerifyOutcome outcome = check(config.releasesDir().resolve(release.id()), release);
        if (!outcome.intact() && release.state() != ReleaseState.CORRUPT) {
            Release corrupt = catalog.changeState(
                    config.app(),
                    release.version(),
                    ReleaseState.CORRUPT,
                    actor,
                    outcome.unreadable()
                            .orElseGet(() -> outcome.report().orElseThrow().corruptionSummary()));
            return new VerifyOutcome(corrupt, outcome.report(), outcome.unreadable());
        }
        return outcome;
    }

    private VerifyOutcome check(Path directory, Release release) {
        if (!Files.isDirectory(directory)) {
            return VerifyOutcome.unreadable(release, "its directory '" + directory + "' is missing");
        }
        try {
            return VerifyOutcome.of(
                    release,
                    TreeVerifier.verify(
                            directory, ExtraPaths.ignoring(config.verify().ignore())));
        } catch (BackstopException unreadable) {
            return VerifyOutcome.unreadable(release, unreadable.getMessage());
        }
    }
}
