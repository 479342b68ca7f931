package dev.backstop.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Locale;

/**
 * The commented {@code backstop.yml} that {@code backstop init} writes: every key with its default
 * and what it is for, and a web service to adapt. It loads as is. Stateless and thread-safe.
 */
public final class ConfigTemplate {

    public static final String FILE_NAME = "backstop.yml";
    private static final String RESOURCE = "/backstop.yml.template";

    /** The template for app {@code app} (validated like {@code app:}) living in {@code root}. */
    public String render(String app, Path root) {
        ValueSyntax.appName(app);
        return template()
                .replace("{{app}}", app)
                .replace("{{root}}", quoted(root))
                .replace("{{data}}", quoted(root.resolve(ConfigReader.DEFAULT_DATA)));
    }

    /**
     * Writes the template to {@code dir/backstop.yml}, with {@code dir} as the app's root, and
     * returns the file. Never overwrites: an existing file is a {@link ConfigExistsException}.
     */
    public Path writeTo(Path dir, String app) {
        Path root = dir.toAbsolutePath().normalize();
        Path file = root.resolve(FILE_NAME);
        String text = render(app, root);
        try {
            Files.createDirectories(root);
            // 0600 from the first byte: the file is where env: secrets are written by hand.
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            Files.writeString(file, text, StandardOpenOption.WRITE);
        } catch (FileAlreadyExistsException exists) {
            throw new ConfigExistsException(file);
        } catch (IOException unwritable) {
            throw new UnwritableConfigException(file, unwritable);
        }
        return file;
    }

    /** An app name made from a directory name, for {@code init} without one: {@code My Shop} becomes {@code my-shop}. */
    public static String appNameFor(Path dir) {
        Path name = dir.toAbsolutePath().normalize().getFileName();
        String cleaned = (name == null ? "" : name.toString())
                .toLowerCase(Locale.ROOT)
                .replaceAll("[^a-z0-9_-]+", "-")
                .replaceAll("^[-_]+|-+$", "");
        cleaned = cleaned.length() > 63 ? cleaned.substring(0, 63) : cleaned;
        return cleaned.isEmpty() ? "app" : cleaned;
    }

    /** Paths may hold spaces, colons or a leading ~ that YAML would misread, so they are always quoted. */
    private static String quoted(Path path) {
        return "\"" + path.toString().replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private static String template() {
        try (InputStream in = ConfigTemplate.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the classpath; the build is broken");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException unreadable) {
            throw new UncheckedIOException("cannot read " + RESOURCE, unreadable);
        }
    }
}
