package dev.backstop.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Follows a process log like {@code tail -f}: each call returns the complete lines appended since
 * the last one. It reopens the file each time and starts over when the file shrank, so rotation by
 * copytruncate does not lose it (lines written and rotated away between two polls are skipped).
 * Not thread-safe: one follower per reader.
 */
public final class LogFollower {

    /** Bounds memory when a follower falls far behind; the rest comes with the next poll. */
    private static final int MAX_READ = 1 << 20;

    private final Path file;
    private final Deque<String> pending = new ArrayDeque<>();
    private long position;

    LogFollower(Path file, long position) {
        this.file = file;
        this.position = position;
    }

    /** The complete lines appended since the last call; a line still being written waits for its break. */
    public List<String> poll() {
        List<String> lines = new ArrayList<>(pending);
        pending.clear();
        lines.addAll(readAppended());
        return List.copyOf(lines);
    }

    /** The next line, polling every {@code pollEvery}; blocks until one is appended. */
    public String take(Duration pollEvery) throws InterruptedException {
        while (pending.isEmpty()) {
            pending.addAll(readAppended());
            if (pending.isEmpty()) {
                Thread.sleep(pollEvery.toMillis());
            }
        }
        return pending.removeFirst();
    }

    private List<String> readAppended() {
        try (FileChannel channel = FileChannel.open(file)) {
            long size = channel.size();
            if (size < position) {
                position = 0;
            }
            ByteBuffer appended = ByteBuffer.allocate((int) Math.min(size - position, MAX_READ));
            channel.read(appended, position);
            return completeLines(
                    appended.array(), appended.position(), !appended.hasRemaining() && appended.limit() == MAX_READ);
        } catch (NoSuchFileException notYet) {
            return List.of();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read log '" + file + "'", e);
        }
    }

    /** Up to the last line break; a read filled by one endless line is passed on as it is rather than stalling. */
    private List<String> completeLines(byte[] bytes, int length, boolean filledByOneRead) {
        int end = length;
        while (end > 0 && bytes[end - 1] != '\n') {
            end--;
        }
        if (end == 0 && filledByOneRead) {
            end = length;
        }
        position += end;
        return new String(bytes, 0, end, StandardCharsets.UTF_8).lines().toList();
    }
}
