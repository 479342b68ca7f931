package dev.backstop.doctor;

import dev.backstop.BackstopException;
import dev.backstop.config.BackstopConfig;
import dev.backstop.migrate.MigrationLedger;
import dev.backstop.release.ExtraPaths;
import dev.backstop.release.Release;
import dev.backstop.release.ReleaseCatalog;
import dev.backstop.release.ReleaseState;
import dev.backstop.release.ReleaseStore;
import dev.backstop.release.TreeVerifier;
import dev.backstop.release.VerifyReport;
import dev.backstop.timeline.Event;
import dev.backstop.timeline.Timeline;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Proves a rollback is possible <em>before</em> it is needed: a known-good target exists and is
 * intact on disk, and the disk has room, or says which releases could have been one and why not;
 * and reports host hygiene: a live release edited in place (a hot fix the next deploy would
 * silently drop), paths written beside it (drift) and leftovers of interrupted imports. Reads only;
 * it changes nothing, so it is safe to run from cron or a monitoring check.
 */
public final class Doctor {

    /** Below this much free space starting processes, writing logs and the store fail in odd ways. */
    static final long MIN_FREE_BYTES = 256L << 20;

    static final DateTimeFormatter WHEN =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    private final BackstopConfig config;
    private final ReleaseStore releases;
    private final Timeline timeline;
    private final Optional<MigrationLedger> migrations;

    public Doctor(BackstopConfig config, ReleaseStore releases, Timeline timeline) {
        this(config, releases, timeline, Optional.empty());
    }

    /** With {@code migrations}, it also says whether the rollback target is older than migrations that ran. */
    public Doctor(
            BackstopConfig config, ReleaseStore releases, Timeline timeline, Optional<MigrationLedger> migrations) {
        this.config = config;
        this.releases = releases;
        this.timeline = timeline;
        this.migrations = migrations;
    }

    public DoctorReport examine() {
        ReleaseCatalog catalog = releases.catalog();
        Optional<Release> live = catalog.live(config.app());
        List<Finding> findings = new ArrayList<>();
        findings.add(rollbackTarget(catalog.rollbackTarget(config.app()), live));
        migrations.ifPresent(ledger -> catalog.rollbackTarget(config.app())
                .ifPresent(target -> findings.add(SchemaFinding.of(
                        ledger.aheadOf(config.app(), target.version(), releases.directoryOf(target))))));
        findings.add(diskRoom(live));
        findings.add(drift(live));
        findings.add(leftovers(releases.leftovers()));
        findings.add(ReleaseStates.explain(catalog.list(config.app()), live));
        return new DoctorReport(config.app(), findings);
    }

    private Finding rollbackTarget(Optional<Release> target, Optional<Release> live) {
        if (target.isEmpty()) {
            List<Release> all = releases.catalog().list(config.app());
            Optional<Instant> rebuilt =
                    timeline.latest(config.app(), "store.rebuilt").map(Event::at);
            String why = new Candidates(all, live, this::verify, rebuilt).why();
            String wayOut = "deploy a release ('backstop deploy VERSION') and let it pass its verify window:"
                    + " it is then known-good, and the deploy after it can roll back to it.";
            if (rebuilt.isPresent() && noneVerifiedSince(all, rebuilt.get())) {
                return Finding.fail(
                        "rollback-target",
                        "the store was rebuilt from the release directories at " + WHEN.format(rebuilt.get())
                                + " ('backstop timeline' shows it): the releases' earlier states were lost, so no"
                                + " release is known-good and a rollback is not possible" + why + "; " + wayOut);
            }
            return Finding.fail(
                    "rollback-target",
                    "no known-good release besides the live one: a rollback is not possible" + why + "; " + wayOut);
        }
        Release release = target.get();
        Optional<VerifyReport> report = verify(release);
        if (report.isEmpty() || !report.get().isIntact()) {
            String why = report.map(VerifyReport::corruptionSummary).orElse("its directory or manifest is unreadable");
            return Finding.fail(
                    "rollback-target",
                    String.format(
                            "rollback target '%s' (%s) differs from its manifest: %s; "
                                    + "run 'backstop release verify %s' to mark it corrupt, then import that version's bundle again"
                                    + " ('backstop release import BUNDLE --version %s') to repair it.",
                            release.version(), release.id(), why, release.version(), release.version()));
        }
        return Finding.ok(
                "rollback-target",
                String.format(
                        "rollback target '%s' (%s) is known-good and intact (%,d files re-hashed)%s.",
                        release.version(),
                        release.id(),
                        release.fileCount(),
                        report.get().notes()));
    }

    private static boolean noneVerifiedSince(List<Release> all, Instant rebuilt) {
        return all.stream()
                .noneMatch(release -> release.state() == ReleaseState.KNOWN_GOOD
                        && release.stateChangedAt().isAfter(rebuilt));
    }

    private Finding diskRoom(Optional<Release> live) {
        long free = usableSpace(config.root());
        long nextImport = live.map(Release::sizeBytes).orElse(0L);
        if (free < MIN_FREE_BYTES) {
            return Finding.fail(
                    "disk-room",
                    String.format(
                            "only %,d MiB free under '%s' (at least %,d MiB needed to start "
                                    + "processes and write logs during a rollback); free some space.",
                            free >> 20, config.root(), MIN_FREE_BYTES >> 20));
        }
        if (free < nextImport) {
            return Finding.warn(
                    "disk-room",
                    String.format(
                            "%,d MiB free under '%s', less than the live release's %,d MiB: "
                                    + "the next import will not fit; run 'backstop release prune' or free some space.",
                            free >> 20, config.root(), nextImport >> 20));
        }
        return Finding.ok("disk-room", String.format("%,d MiB free under '%s'.", free >> 20, config.root()));
    }

    private Finding drift(Optional<Release> live) {
        if (live.isEmpty()) {
            return Finding.ok("drift", "no live release yet.");
        }
        Release release = live.get();
        Optional<VerifyReport> report = verify(release);
        if (report.isEmpty() || !report.get().isIntact()) {
            String what = report.map(VerifyReport::corruptionSummary).orElse("its directory or manifest is unreadable");
            return Finding.warn(
                    "drift",
                    String.format(
                            "live release '%s' (%s) was changed in place since import: %s; "
                                    + "a hot fix on the server is lost at the next deploy or rollback: put it in a bundle and deploy it.",
                            release.version(), release.id(), what));
        }
        if (!report.get().hasDrift()) {
            return Finding.ok(
                    "drift",
                    String.format(
                            "live release '%s' (%s) is as imported%s.",
                            release.version(), release.id(), report.get().notes()));
        }
        List<String> extra = report.get().extra();
        return Finding.warn(
                "drift",
                String.format(
                        "live release '%s' (%s) has drift: %d path%s the bundle did not bring ('%s'); its files are intact"
                                + " and it stays a way back; if the app writes them on purpose, add a verify.ignore glob,"
                                + " otherwise find out who wrote them.",
                        release.version(),
                        release.id(),
                        extra.size(),
                        extra.size() == 1 ? "" : "s",
                        String.join("', '", extra.subList(0, Math.min(5, extra.size())))));
    }

    private static Finding leftovers(List<Path> leftovers) {
        if (leftovers.isEmpty()) {
            return Finding.ok("leftovers", "no leftovers of interrupted imports or prunes.");
        }
        return Finding.warn(
                "leftovers",
                String.format(
                        "%d leftover director%s under releases/ (%s); 'backstop release prune' removes them.",
                        leftovers.size(),
                        leftovers.size() == 1 ? "y" : "ies",
                        leftovers.get(0).getFileName()));
    }

    private Optional<VerifyReport> verify(Release release) {
        Path directory = releases.directoryOf(release);
        if (!Files.isDirectory(directory)) {
            return Optional.empty();
        }
        try {
            return Optional.of(TreeVerifier.verify(
                    directory, ExtraPaths.ignoring(config.verify().ignore())));
        } catch (BackstopException unreadable) {
            return Optional.empty();
        }
    }

    private static long usableSpace(Path path) {
        Path existing = path;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        try {
            return Files.getFileStore(existing == null ? Path.of("/") : existing)
                    .getUsableSpace();
        } catch (IOException error) {
            return 0;
        }
    }
}
