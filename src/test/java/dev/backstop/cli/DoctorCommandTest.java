package dev.backstop.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.backstop.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code backstop doctor} in-process: its exit code says whether a rollback is possible right now. */
class DoctorCommandTest {

    @TempDir
    Path temp;

    Path config;

    @BeforeEach
    void importTwoReleases() throws IOException {
        config = Cli.init(temp.resolve("shop"));
        for (String version : new String[] {"1.0", "2.0"}) {
            Path bundle = Files.createDirectories(temp.resolve("bundle-" + version));
            Files.writeString(bundle.resolve("app.rb"), "puts '" + version + "'\n");
            assertThat(Cli.withConfig(config, "release", "import", bundle.toString(), "--version", version)
                            .exitCode())
                    .isZero();
        }
    }

    @Test
    void withoutAKnownGoodReleaseTheDoctorExitsOneAndSaysWhy() {
        Cli doctor = Cli.withConfig(config, "doctor");

        assertThat(doctor.exitCode()).isEqualTo(1);
        assertThat(doctor.out())
                .contains(
                        "fail  rollback-target  no known-good release",
                        "ok    disk-room",
                        "A rollback is NOT possible right now: fix the failed checks above.");
    }

    @Test
    void withAnIntactKnownGoodTargetTheDoctorExitsZero() {
        TestCatalog.changeState(config, "1.0", "known-good");
        TestCatalog.setLive(config, "2.0");

        Cli doctor = Cli.withConfig(config, "doctor");

        assertThat(doctor.exitCode()).isZero();
        assertThat(doctor.out())
                .contains("ok    rollback-target  rollback target '1.0'", "ok    drift", "A rollback is possible.");
    }

    @Test
    void jsonCarriesEveryFindingAndWhetherARollbackIsPossible() throws IOException {
        Cli doctor = Cli.withConfig(config, "doctor", "--json");

        JsonNode report = Json.mapper().readTree(doctor.out());
        assertThat(doctor.exitCode()).isEqualTo(1);
        assertThat(report.get("app").asText()).isEqualTo("shop");
        assertThat(report.get("findings"))
                .extracting(finding -> finding.get("check").asText())
                .containsExactly("rollback-target", "disk-room", "drift", "leftovers", "release-states");
        assertThat(report.get("findings").get(0).get("status").asText()).isEqualTo("FAIL");
        assertThat(report.get("rollbackPossible").asBoolean(true)).isFalse();
    }
}
