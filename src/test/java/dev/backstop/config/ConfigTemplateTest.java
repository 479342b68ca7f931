package dev.backstop.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.backstop.BackstopException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigTemplateTest {

    @TempDir
    Path dir;

    @Test
    void theWrittenTemplateLoadsWithoutProblems() {
        Path file = new ConfigTemplate().writeTo(dir.resolve("shop"), "shop");

        BackstopConfig config = new ConfigLoader().load(file);

        assertThat(file).isEqualTo(dir.resolve("shop/backstop.yml").toAbsolutePath());
        assertThat(config.app()).isEqualTo("shop");
        assertThat(config.root()).isEqualTo(dir.resolve("shop").toAbsolutePath().normalize());
        assertThat(config.web().orElseThrow().command()).contains("$PORT");
    }

    @Test
    void theTemplateShowsExactlyTheDefaults() throws Exception {
        Path root = dir.resolve("my app: with odd \"characters\"");
        Path fromTemplate = Files.writeString(dir.resolve("template.yml"), new ConfigTemplate().render("shop", root));
        Path minimal = ConfigFiles.write(
                dir, "app: shop\nroot: '" + root + "'\nservices:\n  web: { command: \"bin/web --port $PORT\" }\n");

        BackstopConfig templated = new ConfigLoader().load(fromTemplate);
        BackstopConfig defaults = new ConfigLoader().load(minimal);

        assertThat(templated).usingRecursiveComparison().ignoringFields("file").isEqualTo(defaults);
    }

    @Test
    void theTemplateMentionsEveryKeyTheLoaderKnows() {
        String template = new ConfigTemplate().render("shop", dir);

        List<String> keys = Stream.of(
                        ConfigReader.KEYS,
                        ServicesReader.KEYS,
                        ServicesReader.HEALTH_KEYS,
                        ChecksReader.KEYS,
                        ChecksReader.HOOK_KEYS,
                        VerifyReader.KEYS,
                        VerifyReader.PROBE_KEYS,
                        TuningReader.MAINTENANCE_KEYS,
                        TuningReader.SUPERVISION_KEYS,
                        TuningReader.PROXY_KEYS,
                        TuningReader.IMPORT_KEYS,
                        WatchReader.ALERT_KEYS,
                        MigrateReader.KEYS,
                        List.of("overlap"))
                .flatMap(List::stream)
                .toList();
        assertThat(keys).allSatisfy(key -> assertThat(template).containsPattern("\\b" + key + ":"));
    }

    @Test
    void writingNeverOverwritesAnExistingFile() throws Exception {
        Path existing = Files.writeString(dir.resolve("backstop.yml"), "app: mine\n");

        assertThatThrownBy(() -> new ConfigTemplate().writeTo(dir, "shop"))
                .isInstanceOf(ConfigExistsException.class)
                .hasMessage("\"" + existing.toAbsolutePath()
                        + "\" already exists; edit it, or move it away to write a fresh one.")
                .extracting(thrown -> ((BackstopException) thrown).exitCode())
                .isEqualTo(BackstopException.BAD_INPUT);
        assertThat(existing).hasContent("app: mine");
    }

    @Test
    void anInvalidAppNameIsRefusedBeforeAnythingIsWritten() {
        assertThatThrownBy(() -> new ConfigTemplate().writeTo(dir, "My Shop"))
                .isInstanceOf(MalformedValueException.class)
                .hasMessageStartingWith("\"My Shop\" is not an app name");
        assertThat(dir.resolve("backstop.yml")).doesNotExist();
    }

    @Test
    void anAppNameIsMadeFromADirectoryName() {
        assertThat(ConfigTemplate.appNameFor(Path.of("/srv/My Shop.com"))).isEqualTo("my-shop-com");
        assertThat(ConfigTemplate.appNameFor(Path.of("/srv/_shop_"))).isEqualTo("shop_");
        assertThat(ConfigTemplate.appNameFor(Path.of("/"))).isEqualTo("app");
    }
}
