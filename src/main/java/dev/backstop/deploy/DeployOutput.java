package dev.backstop.deploy;

import dev.backstop.run.FailureOutput;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * Which part of the release's process logs a deploy covers, so that {@code backstop logs --deploy N}
 * shows everything the release printed during that deploy (every service, the bake window
 * included) and nothing from before or after. The process logs are shared by every deploy of a
 * release, so the deploy records their sizes when it begins and when it ends, in
 * {@code <logs>/deploys/<N>/release-output.properties}. Thread-safe: one deploy writes its own file.
 */
public final class DeployOutput {

    static final String MARKS = "release-output.properties";
    private static final String RELEASE = "release";
    private static final String FROM = "from.";
    private static final String TO = "to.";

    /** How much of each process's output is searched for an exception: a long trace, not a day of access logs. */
    private static final int EXCEPTION_SEARCH_BYTES = 256 * 1024;

    private final Path logsDir;

    /** @param logsDir {@code <root>/logs} */
    public DeployOutput(Path logsDir) {
        this.logsDir = logsDir;
    }

    /** The output of one process during a deploy: bytes {@code from} (inclusive) to {@code to} of {@code file}. */
    public record Part(Path file, long from, long to) {

        /** The file name without {@code .log}: {@code web.1}. */
        public String instance() {
            String name = file.getFileName().toString();
            return name.substring(0, name.length() - ".log".length());
        }

        /**
         * The lines of at most the last {@code maxBytes} of this part; from the file's start when the
         * log was rotated (copied and truncated) meanwhile.
         */
        public List<String> lines(int maxBytes) {
            try (FileChannel channel = FileChannel.open(file)) {
                long size = channel.size();
                long start = from <= size ? from : 0;
                long end = Math.min(Math.max(to, start), size);
                start = Math.max(start, end - maxBytes);
                ByteBuffer bytes = ByteBuffer.allocate((int) (end - start));
                while (bytes.hasRemaining() && channel.read(bytes, start + bytes.position()) >= 0) {
                    Thread.onSpinWait();
                }
                return new String(bytes.array(), 0, bytes.position(), StandardCharsets.UTF_8)
                        .lines()
                        .toList();
            } catch (NoSuchFileException gone) {
                return List.of();
            } catch (IOException e) {
                throw new UncheckedIOException("Could not read log '" + file + "'", e);
            }
        }
    }

    /** Marks where the release's logs stand as deploy {@code deployId} begins; kept if already marked (a resumed deploy). */
    void begin(long deployId, String releaseId) {
        if (Files.exists(marks(deployId))) {
            return;
        }
        Properties marks = new Properties();
        marks.setProperty(RELEASE, releaseId);
        logs(releaseId).forEach(log -> marks.setProperty(FROM + log.getFileName(), Long.toString(size(log))));
        write(deployId, marks);
    }

    /** Marks where the release's logs stand as deploy {@code deployId} ends. */
    void end(long deployId) {
        Optional<Properties> marks = read(deployId);
        if (marks.isEmpty()) {
            return;
        }
        String releaseId = marks.get().getProperty(RELEASE);
        logs(releaseId).forEach(log -> marks.get().setProperty(TO + log.getFileName(), Long.toString(size(log))));
        write(deployId, marks.get());
    }

    /** What the release printed during deploy {@code deployId}, by process, in file-name order; empty when not recorded. */
    public List<Part> parts(long deployId) {
        Optional<Properties> marks = read(deployId);
        if (marks.isEmpty()) {
            return List.of();
        }
        List<Part> parts = new ArrayList<>();
        for (Path log : logs(marks.get().getProperty(RELEASE))) {
            String name = log.getFileName().toString();
            long from = Long.parseLong(marks.get().getProperty(FROM + name, "0"));
            long to = Long.parseLong(marks.get().getProperty(TO + name, Long.toString(size(log))));
            parts.add(new Part(log, from, to));
        }
        return parts;
    }

    /**
     * The exception the release's processes printed last during deploy {@code deployId}, as
     * "web.1 printed KeyError: 'db'", with that process's output noted to {@code progress}.
     */
    Optional<String> lastException(long deployId, DeployProgress progress) {
        for (Part part : parts(deployId)) {
            FailureOutput output = FailureOutput.of(part.lines(EXCEPTION_SEARCH_BYTES));
            if (output.trace().isPresent()) {
                progress.note("output of " + part.instance() + " during this deploy (all of it: backstop logs --deploy "
                        + deployId + "):\n" + String.join("\n", output.lines()));
                return Optional.of(
                        part.instance() + " printed " + output.trace().get().exception());
            }
        }
        return Optional.empty();
    }

    /** The release of deploy {@code deployId}, as recorded when it began. */
    public Optional<String> releaseOf(long deployId) {
        return read(deployId).map(marks -> marks.getProperty(RELEASE));
    }

    private List<Path> logs(String releaseId) {
        try (Stream<Path> files = Files.list(logsDir.resolve(releaseId))) {
            return files.filter(file -> file.getFileName().toString().endsWith(".log"))
                    .sorted()
                    .toList();
        } catch (NoSuchFileException none) {
            return List.of();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not list the logs of release '" + releaseId + "'", e);
        }
    }

    private Optional<Properties> read(long deployId) {
        Properties marks = new Properties();
        try (Reader reader = Files.newBufferedReader(marks(deployId))) {
            marks.load(reader);
            return Optional.of(marks);
        } catch (NoSuchFileException none) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read '" + marks(deployId) + "'", e);
        }
    }

    private void write(long deployId, Properties marks) {
        Path file = marks(deployId);
        try {
            Files.createDirectories(file.getParent());
            try (Writer writer = Files.newBufferedWriter(file)) {
                marks.store(
                        writer, "where the release's process logs stood when the deploy began (from) and ended (to)");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write '" + file + "'", e);
        }
    }

    private Path marks(long deployId) {
        return logsDir.resolve("deploys").resolve(Long.toString(deployId)).resolve(MARKS);
    }

    private static long size(Path log) {
        try {
            return Files.size(log);
        } catch (NoSuchFileException gone) {
            return 0;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read the size of '" + log + "'", e);
        }
    }
}
