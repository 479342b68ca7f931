package dev.backstop.release;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;

/** Builds .tar.gz and .zip bundles entry by entry, including ones no honest tool would make. */
final class TestBundle {

    /** The archive formats a test can build. */
    enum Format {
        TAR_GZ(".tar.gz"),
        ZIP(".zip");

        final String extension;

        Format(String extension) {
            this.extension = extension;
        }
    }

    private enum Kind {
        FILE,
        DIR,
        SYMLINK,
        HARDLINK,
        CHAR_DEVICE,
        FIFO
    }

    private record Entry(Kind kind, String name, int mode, byte[] content, String target) {}

    private final List<Entry> entries = new ArrayList<>();

    static TestBundle of() {
        return new TestBundle();
    }

    TestBundle file(String name, String content) {
        return file(name, content.getBytes(StandardCharsets.UTF_8), 0644);
    }

    TestBundle file(String name, String content, int mode) {
        return file(name, content.getBytes(StandardCharsets.UTF_8), mode);
    }

    TestBundle file(String name, byte[] content, int mode) {
        entries.add(new Entry(Kind.FILE, name, mode, content, null));
        return this;
    }

    TestBundle dir(String name) {
        entries.add(new Entry(Kind.DIR, name, 0755, null, null));
        return this;
    }

    TestBundle symlink(String name, String target) {
        entries.add(new Entry(Kind.SYMLINK, name, 0777, null, target));
        return this;
    }

    /** A tar hard link; zip has none. */
    TestBundle hardlink(String name, String target) {
        entries.add(new Entry(Kind.HARDLINK, name, 0644, null, target));
        return this;
    }

    TestBundle charDevice(String name) {
        entries.add(new Entry(Kind.CHAR_DEVICE, name, 0644, null, null));
        return this;
    }

    TestBundle fifo(String name) {
        entries.add(new Entry(Kind.FIFO, name, 0644, null, null));
        return this;
    }

    /** Writes the bundle as {@code directory/name<extension>} and returns its path. */
    Path write(Format format, Path directory, String name) throws IOException {
        Path bundle = directory.resolve(name + format.extension);
        if (format == Format.TAR_GZ) {
            writeTarGz(bundle);
        } else {
            writeZip(bundle);
        }
        return bundle;
    }

    private void writeTarGz(Path bundle) throws IOException {
        try (OutputStream file = Files.newOutputStream(bundle);
                TarArchiveOutputStream tar = new TarArchiveOutputStream(new GZIPOutputStream(file))) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            for (Entry entry : entries) {
                TarArchiveEntry header = new TarArchiveEntry(entry.name(), tarType(entry.kind()), true);
                header.setMode(entry.mode());
                if (entry.target() != null) {
                    header.setLinkName(entry.target());
                }
                if (entry.content() != null) {
                    header.setSize(entry.content().length);
                }
                tar.putArchiveEntry(header);
                if (entry.content() != null) {
                    tar.write(entry.content());
                }
                tar.closeArchiveEntry();
            }
        }
    }

    private static byte tarType(Kind kind) {
        return switch (kind) {
            case FILE -> TarConstants.LF_NORMAL;
            case DIR -> TarConstants.LF_DIR;
            case SYMLINK -> TarConstants.LF_SYMLINK;
            case HARDLINK -> TarConstants.LF_LINK;
            case CHAR_DEVICE -> TarConstants.LF_CHR;
            case FIFO -> TarConstants.LF_FIFO;
        };
    }

    private void writeZip(Path bundle) throws IOException {
        try (ZipArchiveOutputStream zip = new ZipArchiveOutputStream(bundle)) {
            for (Entry entry : entries) {
                String name =
                        entry.kind() == Kind.DIR && !entry.name().endsWith("/") ? entry.name() + "/" : entry.name();
                ZipArchiveEntry header = new ZipArchiveEntry(name);
                header.setUnixMode(zipType(entry.kind()) | entry.mode());
                zip.putArchiveEntry(header);
                byte[] content =
                        entry.target() != null ? entry.target().getBytes(StandardCharsets.UTF_8) : entry.content();
                if (content != null) {
                    zip.write(content);
                }
                zip.closeArchiveEntry();
            }
        }
    }

    private static int zipType(Kind kind) {
        return switch (kind) {
            case FILE -> 0100000;
            case DIR -> 0040000;
            case SYMLINK -> 0120000;
            case CHAR_DEVICE -> 0020000;
            case FIFO -> 0010000;
            case HARDLINK -> throw new IllegalArgumentException("zip bundles have no hard links");
        };
    }
}
