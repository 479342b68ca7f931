package dev.backstop.live;

import dev.backstop.config.BackstopConfig;
import dev.backstop.doctor.Doctor;
import dev.backstop.doctor.DoctorReport;
import dev.backstop.doctor.Finding;
import dev.backstop.release.Release;
import dev.backstop.timeline.Event;
import dev.backstop.watch.Alert;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * {@code backstop doctor}'s rollback checks, run by the daemon (every hour): losing the ability to
 * roll back alerts ({@value #ROLLBACK_UNREADY}), regaining it resolves the alert; both are timeline
 * events. An app that never had a way back (its first release) is not alerted about. The last state
 * is kept in {@code <data>/watch/rollback-readiness}, so a daemon restart neither repeats nor loses
 * the change. Used by one thread at a time.
 */
public final class RollbackReadiness {

    /** The alert's event. */
    public static final String ROLLBACK_UNREADY = "rollback-unready";

    private static final String READY = "ready";
    private static final String UNREADY = "unready";

    private final BackstopConfig config;
    private final Path stateFile;

    public RollbackReadiness(BackstopConfig config) {
        this.config = config;
        this.stateFile = config.data().resolve("watch").resolve("rollback-readiness");
    }

    /** Runs the doctor once and alerts or resolves when readiness changed since the last check. */
    public void checkOnce(LiveParts parts) {
        DoctorReport report = new Doctor(config, parts.releases(), parts.timeline()).examine();
        boolean ready = report.rollbackPossible();
        Optional<String> before = lastState();
        if (ready && !before.equals(Optional.of(READY))) {
            remember(READY);
            if (before.isPresent()) {
                String sentence = "a rollback is possible: " + findings(report, Finding.Status.OK);
                parts.timeline().append(Event.ofApp(config.app(), "backstop", "rollback.ready", sentence));
                parts.alerts().resolve(alert(parts, sentence));
            }
        } else if (!ready && !before.equals(Optional.of(UNREADY))) {
            remember(UNREADY);
            if (before.isPresent()) {
                String sentence = "a rollback is no longer possible: " + findings(report, Finding.Status.FAIL);
                parts.timeline().append(Event.ofApp(config.app(), "backstop", "rollback.unready", sentence));
                parts.alerts().send(alert(parts, sentence));
            }
        }
    }

    private Alert alert(LiveParts parts, String sentence) {
        String live = parts.catalog().live(config.app()).map(Release::version).orElse("none");
        return new Alert(
                config.app(),
                ROLLBACK_UNREADY,
                "",
                live,
                parts.catalog().rollbackTarget(config.app()).map(Release::version),
                sentence,
                0,
                parts.adminUrl() + "/api/live");
    }

    private static String findings(DoctorReport report, Finding.Status status) {
        return report.findings().stream()
                .filter(finding -> finding.status() == status)
                .filter(finding ->
                        status != Finding.Status.OK || finding.check().equals("rollback-target"))
                .map(finding -> finding.check() + ": " + finding.message())
                .collect(Collectors.joining("; "));
    }

    private Optional<String> lastState() {
        try {
            return Optional.of(
                    Files.readString(stateFile, StandardCharsets.UTF_8).strip());
        } catch (NoSuchFileException never) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + stateFile + " failed", e);
        }
    }

    private void remember(String state) {
        try {
            Files.createDirectories(stateFile.getParent());
            Path next = stateFile.resolveSibling(stateFile.getFileName() + ".next");
            Files.writeString(next, state + "\n", StandardCharsets.UTF_8);
            Files.move(next, stateFile, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("writing " + stateFile + " failed", e);
        }
    }
}
