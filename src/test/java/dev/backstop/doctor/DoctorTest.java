package dev.backstop.doctor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.backstop.doctor.Finding.Status;
import dev.backstop.release.AppUnderTest;
import dev.backstop.release.Release;
import dev.backstop.release.ReleaseState;
import dev.backstop.store.OnEveryStore;
import dev.backstop.store.Store;
import dev.backstop.store.TestStores;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The doctor on real release directories: what makes a rollback possible, and host hygiene. */
class DoctorTest {

    @TempDir
    Path temp;

    Path bundles;

    @BeforeEach
    void makeBundles() throws IOException {
        bundles = Files.createDirectories(temp.resolve("bundles"));
    }

    @OnEveryStore
    void withoutAKnownGoodTargetARollbackIsNotPossible(Store store) {
        AppUnderTest app = AppUnderTest.in(temp, store);
        app.catalog().setLive("shop", app.importVersion(bundles, "1.0").id(), "test");

        DoctorReport report = examine(app);

        assertThat(finding(report, "rollback-target").status()).isEqualTo(Status.FAIL);
        assertThat(finding(report, "rollback-target").message())
                .startsWith("no known-good release besides the live one");
        assertThat(report.rollbackPossible()).isFalse();
    }

    @OnEveryStore
    void anIntactKnownGoodTargetOnARoomyDiskMakesARollbackPossible(Store store) {
        AppUnderTest app = liveOverKnownGood(store);

        DoctorReport report = examine(app);

        assertThat(report.findings())
                .extracting(Finding::check, Finding::status)
                .containsExactly(
                        tuple("rollback-target", Status.OK),
                        tuple("disk-room", Status.OK),
                        tuple("drift", Status.OK),
                        tuple("leftovers", Status.OK),
                        tuple("release-states", Status.OK));
        assertThat(finding(report, "rollback-target").message()).startsWith("rollback target '1.0' (");
        assertThat(report.rollbackPossible()).isTrue();
    }

    @OnEveryStore
    void aFlippedByteInTheTargetFailsNamingTheFileAndChangesNothing(Store store) {
        AppUnderTest app = liveOverKnownGood(store);
        Release target = app.catalog().rollbackTarget("shop").orElseThrow();
        AppUnderTest.flipOneByte(app.directoryOf(target).resolve("app.rb"), 0);

        DoctorReport report = examine(app);

        assertThat(finding(report, "rollback-target").status()).isEqualTo(Status.FAIL);
        assertThat(finding(report, "rollback-target").message())
                .contains("'1.0'", "1 changed ('app.rb')", "backstop release verify 1.0");
        assertThat(report.rollbackPossible()).isFalse();
        assertThat(app.catalog().byVersion("shop", "1.0").orElseThrow().state()).isEqualTo(ReleaseState.KNOWN_GOOD);
    }

    @OnEveryStore
    void aLiveReleaseEditedInPlaceIsDriftNamingTheFile(Store store) {
        AppUnderTest app = liveOverKnownGood(store);
        Release live = app.catalog().live("shop").orElseThrow();
        AppUnderTest.flipOneByte(app.directoryOf(live).resolve("public/index.html"), 1);

        DoctorReport report = examine(app);

        assertThat(finding(report, "drift").status()).isEqualTo(Status.WARN);
        assertThat(finding(report, "drift").message())
                .contains("live release '2.0'", "changed in place", "'public/index.html'");
        assertThat(report.rollbackPossible()).isTrue();
    }

    @OnEveryStore
    void pathsWrittenBesideTheLiveReleaseAreDriftWithTheirPathsNotAHotFix(Store store) {
        AppUnderTest app = liveOverKnownGood(store);
        Release live = app.catalog().live("shop").orElseThrow();
        AppUnderTest.writeInto(app.directoryOf(live), "public/stats.json", "{}");
        AppUnderTest.writeInto(app.directoryOf(live), "lib/__pycache__/app.cpython-311.pyc", "bytecode");

        DoctorReport report = examine(app);

        assertThat(finding(report, "drift").status()).isEqualTo(Status.WARN);
        assertThat(finding(report, "drift").message())
                .contains("live release '2.0'", "has drift", "'public/stats.json'", "verify.ignore")
                .doesNotContain("hot fix", "__pycache__");
        assertThat(app.catalog().byVersion("shop", "2.0").orElseThrow().state()).isEqualTo(ReleaseState.IMPORTED);
    }

    @OnEveryStore
    void aBuildCacheInTheTargetLeavesARollbackPossible(Store store) {
        AppUnderTest app = liveOverKnownGood(store);
        Release target = app.catalog().rollbackTarget("shop").orElseThrow();
        AppUnderTest.writeInto(app.directoryOf(target), "__pycache__/app.cpython-311.pyc", "bytecode");

        DoctorReport report = examine(app);

        assertThat(finding(report, "rollback-target").status()).isEqualTo(Status.OK);
        assertThat(finding(report, "rollback-target").message()).contains("1 build cache ('__pycache__')");
        assertThat(report.rollbackPossible()).isTrue();
    }

    @OnEveryStore
    void withoutATargetDoctorSaysWhichReleaseCouldHaveBeenOneAndWhichFilesDiffer(Store store) {
        AppUnderTest app = liveOverKnownGood(store);
        Release target = app.catalog().rollbackTarget("shop").orElseThrow();
        AppUnderTest.flipOneByte(app.directoryOf(target).resolve("app.rb"), 0);
        app.state(target, ReleaseState.CORRUPT);

        DoctorReport report = examine(app);

        assertThat(finding(report, "rollback-target").status()).isEqualTo(Status.FAIL);
        assertThat(finding(report, "rollback-target").message())
                .contains("'1.0' (" + target.id() + ") is corrupt: 1 changed ('app.rb')", "import its bundle again");
        assertThat(report.rollbackPossible()).isFalse();
    }

    @OnEveryStore
    void leftoversOfAnInterruptedImportAreAWarning(Store store) throws IOException {
        AppUnderTest app = liveOverKnownGood(store);
        Path dead = Files.createDirectories(app.config().releasesDir().resolve(".import-20261125-000000-dead"));
        Files.setLastModifiedTime(dead, FileTime.from(Instant.now().minus(Duration.ofHours(2))));

        DoctorReport report = examine(app);

        assertThat(finding(report, "leftovers").status()).isEqualTo(Status.WARN);
        assertThat(finding(report, "leftovers").message())
                .contains(
                        "1 leftover directory",
                        ".import-20261125-000000-dead",
                        "'backstop release prune' removes them");
        assertThat(report.rollbackPossible()).isTrue();
    }

    @Test
    void aDiskWithLessThan256MiBFreeMakesARollbackImpossible() throws IOException, InterruptedException {
        Path disk = Files.createDirectories(temp.resolve("disk"));
        Process mount = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=200m", "tmpfs", disk.toString())
                .redirectErrorStream(true)
                .start();
        String output = new String(mount.getInputStream().readAllBytes());
        assumeTrue(mount.waitFor() == 0, "cannot mount a tmpfs (needs root): " + output.strip());
        try (Store store = TestStores.sqlite(temp.resolve("data"))) {
            AppUnderTest app = AppUnderTest.in(temp, disk.resolve("root"), store);
            arrangeLiveOverKnownGood(app);

            DoctorReport report = examine(app);

            assertThat(finding(report, "disk-room").status()).isEqualTo(Status.FAIL);
            assertThat(finding(report, "disk-room").message())
                    .contains("MiB free under '" + disk.resolve("root") + "'", "at least 256 MiB needed");
            assertThat(finding(report, "rollback-target").status()).isEqualTo(Status.OK);
            assertThat(report.rollbackPossible()).isFalse();
        } finally {
            new ProcessBuilder("umount", disk.toString()).inheritIO().start().waitFor();
        }
    }

    /** 1.0 known-good, 2.0 imported and live: 1.0 is the rollback target. */
    private AppUnderTest liveOverKnownGood(Store store) {
        AppUnderTest app = AppUnderTest.in(temp, store);
        arrangeLiveOverKnownGood(app);
        return app;
    }

    @OnEveryStore
    void eachReleaseStateIsExplainedInWordsWithWhatItAllows(Store store) {
        AppUnderTest app = liveOverKnownGood(store);
        app.state(app.importVersion(bundles, "3.0"), ReleaseState.FAILED);
        app.importVersion(bundles, "4.0");

        DoctorReport report = examine(app);

        assertThat(finding(report, "release-states").status()).isEqualTo(Status.OK);
        assertThat(finding(report, "release-states").message())
                .contains(
                        "'4.0' imported (never verified live: deploy it any time)",
                        "'3.0' failed (since ",
                        "deploy it again only with --force ('backstop timeline' says why)",
                        "'2.0' live, imported (not through a verify window yet",
                        "'1.0' known-good (passed a verify window: a rollback can land on it, and it can be deployed"
                                + " again any time)")
                .doesNotContain("\n");
        assertThat(report.rollbackPossible()).isTrue();
    }

    private void arrangeLiveOverKnownGood(AppUnderTest app) {
        app.state(app.importVersion(bundles, "1.0"), ReleaseState.KNOWN_GOOD);
        app.catalog().setLive("shop", app.importVersion(bundles, "2.0").id(), "test");
    }

    private static DoctorReport examine(AppUnderTest app) {
        return new Doctor(app.config(), app.releases(), app.timeline()).examine();
    }

    private static Finding finding(DoctorReport report, String check) {
        return report.findings().stream()
                .filter(finding -> finding.check().equals(check))
                .findFirst()
                .orElseThrow();
    }
}
