package dev.backstop.release;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Reads and writes {@code .backstop/manifest.json}. Writing streams the JSON by hand: for a
 * one-shot import, setting up data binding costs more than writing 20,000 entries. Thread-safe.
 */
final class ManifestJson {

    private static final JsonFactory FACTORY = new JsonFactory();

    /** Built on first read only: an import never needs it. */
    private static final class Binding {
        static final ObjectMapper MAPPER = JsonMapper.builder()
                .addModule(new JavaTimeModule())
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .build();
    }

    private ManifestJson() {}

    static void write(Manifest manifest, Path releaseDir) throws IOException {
        Path file = releaseDir.resolve(Manifest.RELATIVE_PATH);
        Files.createDirectories(file.getParent());
        try (OutputStream out = Files.newOutputStream(
                        file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
                JsonGenerator json =
                        FACTORY.createGenerator(out, JsonEncoding.UTF8).useDefaultPrettyPrinter()) {
            writeManifest(json, manifest);
        }
        Files.setPosixFilePermissions(file, FileMode.toPermissions(0444));
    }

    private static void writeManifest(JsonGenerator json, Manifest manifest) throws IOException {
        json.writeStartObject();
        json.writeStringField("version", manifest.version());
        json.writeStringField("treeDigest", manifest.treeDigest());
        json.writeNumberField("sizeBytes", manifest.sizeBytes());
        json.writeNumberField("fileCount", manifest.fileCount());
        json.writeStringField("source", manifest.source());
        json.writeStringField("importedAt", manifest.importedAt().toString());
        json.writeStringField("importedBy", manifest.importedBy());
        json.writeArrayFieldStart("entries");
        for (ManifestEntry entry : manifest.entries()) {
            writeEntry(json, entry);
        }
        json.writeEndArray();
        json.writeArrayFieldStart("sharedLinks");
        for (SharedLink link : manifest.sharedLinks()) {
            json.writeStartObject();
            json.writeStringField("path", link.path());
            json.writeStringField("target", link.target());
            json.writeEndObject();
        }
        json.writeEndArray();
        json.writeEndObject();
    }

    private static void writeEntry(JsonGenerator json, ManifestEntry entry) throws IOException {
        json.writeStartObject();
        json.writeStringField("path", entry.path());
        json.writeStringField("kind", entry.kind().name());
        json.writeNumberField("mode", entry.mode());
        json.writeNumberField("size", entry.size());
        if (entry.sha256() != null) {
            json.writeStringField("sha256", entry.sha256());
        }
        if (entry.target() != null) {
            json.writeStringField("target", entry.target());
        }
        json.writeEndObject();
    }

    static Manifest read(Path releaseDir) throws IOException {
        return Binding.MAPPER.readValue(
                releaseDir.resolve(Manifest.RELATIVE_PATH).toFile(), Manifest.class);
    }
}
