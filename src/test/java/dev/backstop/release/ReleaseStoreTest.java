package dev.backstop.release;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.backstop.BackstopException;
import dev.backstop.release.TestBundle.Format;
import dev.backstop.store.OnEveryStore;
import dev.backstop.store.Store;
import dev.backstop.timeline.Event;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** The release store facade on real directories and a real store: import and verify. */
class ReleaseStoreTest {

    private static final Set<PosixFilePermission> WRITE_BITS =
            Set.of(PosixFilePermission.OWNER_WRITE, PosixFilePermission.GROUP_WRITE, PosixFilePermission.OTHERS_WRITE);

    @TempDir
    Path temp;

    Path bundles;
    AppUnderTest app;

    @BeforeEach
    void openApp(Store store) throws IOException {
        bundles = Files.createDirectories(temp.resolve("bundles"));
        app = AppUnderTest.in(temp, store);
    }

    @OnEveryStore
    void aDirectoryATarGzAndAZipBecomeRegisteredReadOnlyReleasesWithAManifest() throws IOException {
        Path directory = Files.createDirectories(bundles.resolve("dir"));
        AppUnderTest.write(directory.resolve("bin/web"), "#!/bin/sh\n");
        Path tarGz = shop("tar").write(Format.TAR_GZ, bundles, "shop-tar");
        Path zip = shop("zip").write(Format.ZIP, bundles, "shop-zip");

        List<ImportOutcome> outcomes = Stream.of(directory, tarGz, zip)
                .map(bundle -> app.releases()
                        .importBundle(bundle, bundle.getFileName().toString(), "alice", ImportProgress.NONE))
                .toList();

        for (ImportOutcome outcome : outcomes) {
            Release release = outcome.release();
            assertThat(outcome.alreadyPresent()).isFalse();
            assertThat(app.catalog().byVersion("shop", release.version())).contains(release);
            assertThat(app.directoryOf(release).resolve(Manifest.RELATIVE_PATH)).isRegularFile();
            assertReadOnly(app.directoryOf(release));
            assertThat(app.timeline().forRelease("shop", release.version()))
                    .extracting(Event::kind)
                    .containsExactly("release.imported");
        }
        assertThat(app.releaseDirectoryNames())
                .containsExactlyInAnyOrderElementsOf(
                        outcomes.stream().map(o -> o.release().id()).toList());
    }

    @OnEveryStore
    void importingTheSameContentAgainUnderTheSameVersionIsANoOpThatSaysSo() throws IOException {
        Path directory = Files.createDirectories(bundles.resolve("dir"));
        AppUnderTest.write(directory.resolve("app.rb"), "puts 'tar'\n");
        Release first = app.releases()
                .importBundle(directory, "1.0", "alice", ImportProgress.NONE)
                .release();

        ImportOutcome again = app.releases()
                .importBundle(shop("tar").write(Format.TAR_GZ, bundles, "same"), "1.0", "bob", ImportProgress.NONE);

        assertThat(again.alreadyPresent()).isTrue();
        assertThat(again.release()).isEqualTo(first);
        assertThat(app.releaseDirectoryNames()).containsExactly(first.id());
        assertThat(app.timeline().forRelease("shop", "1.0")).hasSize(1);
    }

    @OnEveryStore
    void differentContentUnderAnExistingVersionIsRefusedAndLeavesNothing() throws IOException {
        Release first = app.importVersion(bundles, "1.0");

        assertThatThrownBy(() -> app.releases()
                        .importBundle(
                                shop("other").write(Format.ZIP, bundles, "other"), "1.0", "bob", ImportProgress.NONE))
                .isInstanceOf(ReleaseConflictException.class)
                .hasMessageContaining("version '1.0' is already imported with different content (release " + first.id())
                .hasMessageContaining("import this bundle under a new version")
                .satisfies(error ->
                        assertThat(((BackstopException) error).exitCode()).isEqualTo(2));
        assertThat(app.releaseDirectoryNames()).containsExactly(first.id());
        assertThat(app.catalog().list("shop")).containsExactly(first);
    }

    @OnEveryStore
    void reimportingAPrunedVersionIsRefusedWithASuggestedNewVersion() {
        Release oldest = app.importVersion(bundles, "1.0");
        app.importVersion(bundles, "1.1");
        app.importVersion(bundles, "1.2");
        app.releases().prune(false, "alice");
        List<String> before = app.releaseDirectoryNames().toList();

        assertThatThrownBy(() -> app.importVersion(bundles, "1.0"))
                .isInstanceOf(ReleaseConflictException.class)
                .hasMessage("version '1.0' was imported before as release " + oldest.id()
                        + " and pruned; import the bundle under a new version (e.g. '1.0-2').");
        assertThat(app.releaseDirectoryNames())
                .containsExactlyElementsOf(before)
                .doesNotContain(oldest.id());
    }

    @OnEveryStore
    void anUnsafeBundleLeavesNoNewEntryUnderReleases() throws IOException {
        app.importVersion(bundles, "1.0");
        List<String> before = app.releaseDirectoryNames().toList();
        Path evil = TestBundle.of()
                .file("ok.txt", "fine")
                .file("../../escaped.txt", "gotcha")
                .write(Format.TAR_GZ, bundles, "evil");

        assertThatThrownBy(() -> app.releases().importBundle(evil, "2.0", "mallory", ImportProgress.NONE))
                .isInstanceOf(UnsafeBundleException.class)
                .hasMessageContaining("'../../escaped.txt'");
        assertThat(app.releaseDirectoryNames()).containsExactlyElementsOf(before);
        assertThat(app.catalog().byVersion("shop", "2.0")).isEmpty();
        assertThat(temp.resolve("escaped.txt")).doesNotExist();
    }

    @OnEveryStore
    void sharedPathsAreLinkedAtImportAndWhatTheAppWritesThereIsNoChangeToTheRelease(Store store) throws IOException {
        AppUnderTest withShared =
                AppUnderTest.in(temp, temp.resolve("root"), store, "shared_paths: [log, public/uploads]\n");
        Release release = withShared.importFiles(
                bundles, "1.0", Map.of("public/index.html", "<h1>shop</h1>", "log/old.log", "stale"));

        AppUnderTest.write(withShared.config().sharedDir().resolve("log/production.log"), "GET / 200\n");
        AppUnderTest.write(withShared.config().sharedDir().resolve("public/uploads/cat.png"), "png");

        Path directory = withShared.directoryOf(release);
        assertThat(Files.readSymbolicLink(directory.resolve("log")))
                .isEqualTo(withShared.config().sharedDir().resolve("log"));
        assertThat(directory.resolve("public/uploads/cat.png")).hasContent("png");
        assertThat(withShared.releases().verify(Optional.of("1.0"), "alice"))
                .singleElement()
                .satisfies(outcome ->
                        assertThat(outcome.intact()).as(outcome.describe()).isTrue());
    }

    @OnEveryStore
    void verifyingAnIntactReleaseChangesNothing() {
        Release release = app.importVersion(bundles, "1.0");

        List<VerifyOutcome> outcomes = app.releases().verify(Optional.of("1.0"), "alice");

        assertThat(outcomes).singleElement().satisfies(outcome -> {
            assertThat(outcome.intact()).isTrue();
            assertThat(outcome.describe()).isEqualTo("1.0 (" + release.id() + "): intact");
        });
        assertThat(app.catalog().byVersion("shop", "1.0")).contains(release);
        assertThat(app.timeline().forRelease("shop", "1.0"))
                .extracting(Event::kind)
                .containsExactly("release.imported");
    }

    @OnEveryStore
    void aSingleFlippedByteIsNamedAndMarksTheReleaseCorrupt() {
        Release intact = app.importVersion(bundles, "1.0");
        Release damaged = app.importVersion(bundles, "1.1");
        AppUnderTest.flipOneByte(app.directoryOf(damaged).resolve("public/index.html"), 5);

        List<VerifyOutcome> outcomes = app.releases().verify(Optional.empty(), "alice");

        assertThat(outcomes)
                .filteredOn(outcome -> !outcome.intact())
                .singleElement()
                .satisfies(outcome -> {
                    assertThat(outcome.report().orElseThrow().changed()).containsExactly("public/index.html");
                    assertThat(outcome.describe()).contains("1 changed ('public/index.html')", "marked corrupt");
                });
        assertThat(app.catalog().byVersion("shop", "1.1").orElseThrow().state()).isEqualTo(ReleaseState.CORRUPT);
        assertThat(app.catalog().byVersion("shop", "1.0")).contains(intact);
        assertThat(app.timeline().forRelease("shop", "1.1"))
                .extracting(Event::kind)
                .containsExactly("release.imported", "release.corrupt");
    }

    @OnEveryStore
    void pathsWrittenBesideAKnownGoodReleaseAreDriftAndItStaysKnownGood() {
        Release release = app.state(app.importVersion(bundles, "1.0"), ReleaseState.KNOWN_GOOD);
        AppUnderTest.writeInto(app.directoryOf(release), "__pycache__/app.cpython-311.pyc", "bytecode");
        AppUnderTest.writeInto(app.directoryOf(release), "public/stats.json", "{}");

        VerifyOutcome outcome =
                app.releases().verify(Optional.of("1.0"), "alice").get(0);

        assertThat(outcome.intact()).isTrue();
        assertThat(outcome.status()).isEqualTo("drift");
        assertThat(outcome.report().orElseThrow().extra()).containsExactly("public/stats.json");
        assertThat(outcome.report().orElseThrow().buildCaches()).containsExactly("__pycache__");
        assertThat(outcome.describe())
                .contains("intact; drift: 1 extra ('public/stats.json'); ignored: 1 build cache ('__pycache__')")
                .doesNotContain("marked corrupt");
        assertThat(app.catalog().byVersion("shop", "1.0").orElseThrow().state()).isEqualTo(ReleaseState.KNOWN_GOOD);
        assertThat(app.timeline().forRelease("shop", "1.0"))
                .extracting(Event::kind)
                .doesNotContain("release.corrupt");
    }

    @OnEveryStore
    void verifyIgnoreInBackstopYmlHidesAPathFromDrift(Store store) {
        AppUnderTest ignoring = AppUnderTest.in(temp.resolve("ignoring"), temp.resolve("ignoring/root"), store, """
                verify:
                  ignore: [public/stats.json]
                """);
        Release release = ignoring.importVersion(bundles, "1.0");
        AppUnderTest.writeInto(ignoring.directoryOf(release), "public/stats.json", "{}");

        VerifyOutcome outcome =
                ignoring.releases().verify(Optional.of("1.0"), "alice").get(0);

        assertThat(outcome.status()).isEqualTo("intact");
        assertThat(outcome.report().orElseThrow().ignored()).containsExactly("public/stats.json");
    }

    @OnEveryStore
    void aReleaseWhoseDirectoryVanishedIsUnreadableAndMarkedCorrupt() throws IOException {
        Release release = app.importVersion(bundles, "1.0");
        ReleaseTree.delete(app.directoryOf(release));

        VerifyOutcome outcome =
                app.releases().verify(Optional.of("1.0"), "alice").get(0);

        assertThat(outcome.intact()).isFalse();
        assertThat(outcome.unreadable())
                .hasValueSatisfying(why -> assertThat(why).contains("is missing"));
        assertThat(outcome.release().state()).isEqualTo(ReleaseState.CORRUPT);
        assertThat(app.catalog().byVersion("shop", "1.0").orElseThrow().state()).isEqualTo(ReleaseState.CORRUPT);
        assertThat(app.timeline().forRelease("shop", "1.0"))
                .extracting(Event::kind)
                .contains("release.corrupt");
    }

    @OnEveryStore
    void importingTheSameBundleRepairsACorruptReleaseAndGivesItsStateBack() throws IOException {
        Path bundle = shop("good").write(Format.TAR_GZ, bundles, "shop");
        Release release = app.state(
                app.releases()
                        .importBundle(bundle, "1.0", "alice", ImportProgress.NONE)
                        .release(),
                ReleaseState.KNOWN_GOOD);
        Path directory = app.directoryOf(release);
        AppUnderTest.flipOneByte(directory.resolve("app.rb"), 2);
        AppUnderTest.writeInto(directory, "notes.txt", "drift stays");
        assertThat(app.releases().verify(Optional.of("1.0"), "alice").get(0).intact())
                .isFalse();

        ImportOutcome outcome = app.releases().importBundle(bundle, "1.0", "bob", ImportProgress.NONE);

        assertThat(outcome.repair()).hasValueSatisfying(repair -> {
            assertThat(repair.from()).isEqualTo(ReleaseState.CORRUPT);
            assertThat(repair.to()).isEqualTo(ReleaseState.KNOWN_GOOD);
            assertThat(repair.restored()).containsExactly("app.rb");
        });
        assertThat(directory.resolve("app.rb")).hasContent("puts 'good'\n");
        assertThat(directory.resolve("notes.txt")).hasContent("drift stays");
        assertReadOnly(directory.resolve("app.rb"));
        assertThat(app.catalog().byVersion("shop", "1.0").orElseThrow().state()).isEqualTo(ReleaseState.KNOWN_GOOD);
        assertThat(app.catalog().rollbackTarget("shop")).map(Release::id).contains(release.id());
        assertThat(app.timeline().forRelease("shop", "1.0"))
                .extracting(Event::kind)
                .containsExactly("release.imported", "release.known-good", "release.corrupt", "release.repaired");
        assertThat(app.releases().verify(Optional.of("1.0"), "alice").get(0).status())
                .isEqualTo("drift");
        assertThat(app.releaseDirectoryNames()).containsExactly(release.id());
    }

    @OnEveryStore
    void aReleaseMarkedCorruptForItsBytecodeCacheIsGivenItsStateBackByImportingItsBundleAgain() throws IOException {
        Path bundle = shop("good").write(Format.TAR_GZ, bundles, "shop");
        Release release = app.releases()
                .importBundle(bundle, "1.0", "alice", ImportProgress.NONE)
                .release();
        app.state(release, ReleaseState.KNOWN_GOOD);
        AppUnderTest.writeInto(app.directoryOf(release), "__pycache__/app.cpython-311.pyc", "bytecode");
        app.state(release, ReleaseState.CORRUPT); // what verify did before drift was told apart

        ImportOutcome outcome = app.releases().importBundle(bundle, "1.0", "bob", ImportProgress.NONE);

        assertThat(outcome.repair()).hasValue(new Repair(ReleaseState.CORRUPT, ReleaseState.KNOWN_GOOD, List.of()));
        assertThat(outcome.release().state()).isEqualTo(ReleaseState.KNOWN_GOOD);
        assertThat(app.directoryOf(release).resolve("__pycache__")).isDirectory();
    }

    @OnEveryStore
    void aReleaseWithAMissingFileADamagedManifestOrNoDirectoryAtAllIsRepairedWhateverItsState() throws IOException {
        Path bundle = shop("good").file("lib/deep/x.rb", "X = 1\n").write(Format.TAR_GZ, bundles, "shop");
        Release release = app.releases()
                .importBundle(bundle, "1.0", "alice", ImportProgress.NONE)
                .release();
        Path directory = app.directoryOf(release);
        Files.setPosixFilePermissions(
                directory.resolve("lib"),
                Set.of(
                        PosixFilePermission.OWNER_READ,
                        PosixFilePermission.OWNER_WRITE,
                        PosixFilePermission.OWNER_EXECUTE));
        ReleaseTree.delete(directory.resolve("lib/deep"));
        AppUnderTest.flipOneByte(directory.resolve(Manifest.RELATIVE_PATH), 0);

        ImportOutcome first = app.releases().importBundle(bundle, "1.0", "bob", ImportProgress.NONE);

        assertThat(first.repair().orElseThrow().restored()).containsExactly(Manifest.RELATIVE_PATH, "lib", "lib/deep");
        assertThat(first.repair().orElseThrow().to()).isEqualTo(ReleaseState.IMPORTED);
        assertThat(directory.resolve("lib/deep/x.rb")).hasContent("X = 1\n");
        assertReadOnly(directory);

        ReleaseTree.delete(directory);
        ImportOutcome second = app.releases().importBundle(bundle, "1.0", "bob", ImportProgress.NONE);

        assertThat(second.repair().orElseThrow().restored()).containsExactly(".");
        assertThat(app.releases().verify(Optional.of("1.0"), "alice").get(0).status())
                .isEqualTo("intact");
        assertThat(app.releaseDirectoryNames()).containsExactly(release.id());
    }

    @OnEveryStore
    void aRetargetedLinkAndARemovedSharedLinkAreRepairedToo(Store store) throws IOException {
        AppUnderTest withShared = AppUnderTest.in(
                temp.resolve("shared-app"), temp.resolve("shared-app/root"), store, "shared_paths: [log]\n");
        Path bundle = shop("good")
                .dir("lib")
                .file("lib/a.rb", "A = 1\n")
                .symlink("current", "lib")
                .write(Format.TAR_GZ, bundles, "linked");
        Release release = withShared
                .releases()
                .importBundle(bundle, "1.0", "alice", ImportProgress.NONE)
                .release();
        Path directory = withShared.directoryOf(release);
        Set<PosixFilePermission> rootMode = Files.getPosixFilePermissions(directory);
        Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.delete(directory.resolve("current"));
        Files.createSymbolicLink(directory.resolve("current"), Path.of("/etc"));
        Files.delete(directory.resolve("log"));
        Files.setPosixFilePermissions(directory, rootMode);

        ImportOutcome outcome = withShared.releases().importBundle(bundle, "1.0", "bob", ImportProgress.NONE);

        assertThat(outcome.repair().orElseThrow().restored()).containsExactly("current", "log");
        assertThat(Files.readSymbolicLink(directory.resolve("current"))).isEqualTo(Path.of("lib"));
        assertThat(Files.readSymbolicLink(directory.resolve("log")))
                .isEqualTo(withShared.config().sharedDir().resolve("log"));
        assertThat(Files.getPosixFilePermissions(directory)).isEqualTo(rootMode);
        assertThat(withShared
                        .releases()
                        .verify(Optional.of("1.0"), "alice")
                        .get(0)
                        .status())
                .isEqualTo("intact");
    }

    @OnEveryStore
    void verifyingAPrunedVersionIsRefused() {
        Release release = app.importVersion(bundles, "1.0");
        app.state(release, ReleaseState.PRUNED);

        assertThatThrownBy(() -> app.releases().verify(Optional.of("1.0"), "alice"))
                .isInstanceOf(ReleasePrunedException.class)
                .hasMessageContaining("release '1.0' (" + release.id() + ") was pruned");
        assertThat(app.releases().verify(Optional.empty(), "alice")).isEmpty();
    }

    private static TestBundle shop(String word) {
        return TestBundle.of().file("app.rb", "puts '" + word + "'\n");
    }

    private static void assertReadOnly(Path release) throws IOException {
        try (Stream<Path> paths = Files.walk(release)) {
            for (Path path : paths.filter(path -> !Files.isSymbolicLink(path)).toList()) {
                assertThat(Files.getPosixFilePermissions(path))
                        .as(path.toString())
                        .doesNotContainAnyElementsOf(WRITE_BITS);
            }
        }
    }
}
