package dev.backstop.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReplayConfigTest {

    @TempDir
    Path dir;

    @Test
    void getHeadAndOptionsAreReplayedUnlessWritten() {
        ReplayPolicy policy = load(ConfigFiles.MINIMAL);

        assertThat(policy).isEqualTo(ReplayPolicy.DEFAULT);
        assertThat(policy.methods()).containsExactlyInAnyOrder("GET", "HEAD", "OPTIONS");
        assertThat(policy.maxConcurrent()).isEqualTo(32);
    }

    @Test
    void replayOffOrFalseTurnsItOff() {
        ReplayPolicy off = load(ConfigFiles.MINIMAL + "verify: { replay: off }\n");
        ReplayPolicy no = load(ConfigFiles.MINIMAL + "verify: { replay: false }\n");

        assertThat(off.enabled()).isFalse();
        assertThat(no.enabled()).isFalse();
    }

    @Test
    void writtenMethodsSkippedPrefixesAndTheCapAreRead() {
        ReplayPolicy policy = load(ConfigFiles.MINIMAL
                + "verify:\n  replay: [get, DELETE]\n  replay_skip: [/webhooks, /export]\n  replay_concurrency: 4\n");

        assertThat(policy).isEqualTo(new ReplayPolicy(Set.of("GET", "DELETE"), List.of("/webhooks", "/export"), 4));
        assertThat(policy.covers("GET", "/webhooks/stripe")).isFalse();
        assertThat(policy.covers("GET", "/orders")).isTrue();
        assertThat(policy.covers("HEAD", "/orders")).isFalse();
    }

    @Test
    void aMethodThatIsNotIdempotentIsRefusedWithItsLine() {
        assertThat(problem(ConfigFiles.MINIMAL + "verify:\n  replay: [GET, POST]\n"))
                .isEqualTo("7: verify.replay[1]: \"POST\" is not an idempotent method; replay only GET, HEAD,"
                        + " OPTIONS, PUT, DELETE or TRACE (a request with a body is never replayed).");
    }

    @Test
    void aSkippedPrefixWithoutALeadingSlashIsRefused() {
        assertThat(problem(ConfigFiles.MINIMAL + "verify:\n  replay_skip: [webhooks]\n"))
                .isEqualTo("7: verify.replay_skip[0]: \"webhooks\" is not a path prefix; write one starting with /,"
                        + " like /webhooks.");
    }

    @Test
    void aWordOtherThanOffIsRefused() {
        assertThat(problem(ConfigFiles.MINIMAL + "verify:\n  replay: sometimes\n"))
                .isEqualTo("7: verify.replay: \"sometimes\" is not off or a list of methods; write off, or a list"
                        + " like [GET, HEAD, OPTIONS].");
    }

    @Test
    void aCapBelowOneIsRefused() {
        assertThat(problem(ConfigFiles.MINIMAL + "verify:\n  replay_concurrency: 0\n"))
                .startsWith("7: verify.replay_concurrency: \"0\"");
    }

    private ReplayPolicy load(String yaml) {
        return new ConfigLoader().load(ConfigFiles.write(dir, yaml)).verify().replay();
    }

    private String problem(String yaml) {
        Path file = ConfigFiles.write(dir, yaml);
        InvalidConfigException invalid =
                catchThrowableOfType(InvalidConfigException.class, () -> new ConfigLoader().load(file));
        return invalid.problems().stream()
                .map(ConfigFiles::withoutFile)
                .reduce((a, b) -> a + " | " + b)
                .orElse("");
    }
}
