package dev.backstop.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backstop.config.BackstopConfig;
import dev.backstop.config.ConfigLoader;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The config snapshot stored with every deploy, which a rollback runs the old release with. */
class ReleaseConfigTest {

    private static final String YAML = """
            app: shop
            root: /srv/shop
            services:
              web:
                command: bin/web
            verify:
              ignore: [tmp/sessions/]
            """;

    @Test
    void verifyIgnoreSurvivesTheSnapshot() {
        BackstopConfig config = new ConfigLoader().parse(YAML, Path.of("backstop.yml"));

        ReleaseConfig stored = ReleaseConfig.fromJson(ReleaseConfig.of(config).toJson());

        assertThat(stored.verify().ignore()).containsExactly("tmp/sessions/");
    }

    @Test
    void aSnapshotStoredBeforeVerifyIgnoreExistedStillReadsWithoutIgnoreGlobs() {
        BackstopConfig config = new ConfigLoader().parse(YAML, Path.of("backstop.yml"));
        String json = ReleaseConfig.of(config).toJson();
        String older = json.replace(",\"ignore\":[\"tmp/sessions/\"]", "");

        ReleaseConfig stored = ReleaseConfig.fromJson(older);

        assertThat(older).isNotEqualTo(json).doesNotContain("ignore");
        assertThat(stored.verify().ignore()).isEmpty();
    }
}
