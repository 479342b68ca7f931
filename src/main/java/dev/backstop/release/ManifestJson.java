package dev.backstop.release;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Reads and writes {@code .backstop/manifest.json}. Thread-safe: the mapper is configured once. */
final class ManifestJson {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .build();

    private ManifestJson() {
    }

    static void write(Manifest manifest, Path releaseDir) throws IOException {
        Path file = releaseDir.resolve(Manifest.RELATIVE_PATH);
        Files.createDirectories(file.getParent());
        try (OutputStream out = Files.newOutputStream(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                LinkOption.NOFOLLOW_LINKS)) {
            MAPPER.writeValue(out, manifest);
        }
        Files.setPosixFilePermissions(file, FileMode.toPermissions(0444));
    }

    static Manifest read(Path releaseDir) throws IOException {
        return MAPPER.readValue(releaseDir.resolve(Manifest.RELATIVE_PATH).toFile(), Manifest.class);
    }
}
