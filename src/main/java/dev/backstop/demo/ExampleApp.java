package dev.backstop.demo;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Enumeration;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * The demo shop shipped inside Backstop's jar ({@code examples/shop}: four versions and a
 * backstop.yml), copied out to a directory so it can be imported and run like a user's app.
 * Jar entries carry no file modes, so the scripts under {@code bin/} are made executable here.
 */
public final class ExampleApp {

    private static final String PREFIX = "examples/shop/";

    private ExampleApp() {}

    /** Copies the example app into {@code target} and returns {@code target}. */
    public static Path extractTo(Path target) {
        try {
            Path codeSource = Path.of(ExampleApp.class
                    .getProtectionDomain()
                    .getCodeSource()
                    .getLocation()
                    .toURI());
            if (Files.isDirectory(codeSource)) {
                copyTree(codeSource.resolve(PREFIX), target);
            } else {
                copyFromJar(codeSource, target);
            }
            markScriptsExecutable(target);
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot locate Backstop's own jar", e);
        }
    }

    private static void copyFromJar(Path jar, Path target) throws IOException {
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            Enumeration<? extends ZipEntry> entries = zip.entries();
            while (entries.hasMoreElements()) {
                ZipEntry entry = entries.nextElement();
                if (!entry.getName().startsWith(PREFIX) || entry.isDirectory()) {
                    continue;
                }
                Path destination = target.resolve(entry.getName().substring(PREFIX.length()))
                        .normalize();
                Files.createDirectories(destination.getParent());
                try (InputStream in = zip.getInputStream(entry)) {
                    Files.copy(in, destination, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    private static void copyTree(Path source, Path target) throws IOException {
        try (Stream<Path> paths = Files.walk(source)) {
            for (Path path : (Iterable<Path>) paths::iterator) {
                Path destination = target.resolve(source.relativize(path).toString());
                if (Files.isDirectory(path)) {
                    Files.createDirectories(destination);
                } else {
                    Files.copy(path, destination, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    private static void markScriptsExecutable(Path target) throws IOException {
        try (Stream<Path> paths = Files.walk(target)) {
            for (Path path : (Iterable<Path>) paths::iterator) {
                if (Files.isRegularFile(path)
                        && path.getParent().getFileName().toString().equals("bin")) {
                    path.toFile().setExecutable(true, false);
                }
            }
        }
    }
}
