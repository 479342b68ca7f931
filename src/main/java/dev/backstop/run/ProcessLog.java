package dev.backstop.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * The captured stdout and stderr of one instance, for {@code backstop logs}: its last lines, and a
 * follower for {@code --follow}. Reads only; the process appends. Immutable and thread-safe.
 */
public final class ProcessLog {

    private static final int CHUNK = 8192;

    private final Path file;

    public ProcessLog(Path file) {
        this.file = file;
    }

    public Path file() {
        return file;
    }

    /** Up to {@code count} last complete or partial lines, oldest first; empty when there is no log yet. */
    public List<String> lastLines(int count) {
        if (count <= 0) {
            return List.of();
        }
        try (FileChannel channel = FileChannel.open(file)) {
            String tail = new String(readTail(channel, count), StandardCharsets.UTF_8);
            List<String> lines = tail.lines().toList();
            return lines.subList(Math.max(0, lines.size() - count), lines.size());
        } catch (NoSuchFileException none) {
            return List.of();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read log '" + file + "'", e);
        }
    }

    /** A follower that yields the lines appended from now on. */
    public LogFollower follow() {
        try {
            return new LogFollower(file, Files.exists(file) ? Files.size(file) : 0);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read log '" + file + "'", e);
        }
    }

    /** Reads backwards a chunk at a time until the bytes hold more than {@code count} line breaks. */
    private static byte[] readTail(FileChannel channel, int count) throws IOException {
        long start = channel.size();
        byte[] tail = new byte[0];
        while (start > 0 && newlines(tail) <= count) {
            int length = (int) Math.min(CHUNK, start);
            start -= length;
            byte[] joined = Arrays.copyOf(readAt(channel, start, length), length + tail.length);
            System.arraycopy(tail, 0, joined, length, tail.length);
            tail = joined;
        }
        return tail;
    }

    private static byte[] readAt(FileChannel channel, long offset, int length) throws IOException {
        ByteBuffer chunk = ByteBuffer.allocate(length);
        // read() may return fewer bytes than asked for; -1 means the file shrank under us.
        while (chunk.hasRemaining() && channel.read(chunk, offset + chunk.position()) >= 0) {
            Thread.onSpinWait();
        }
        return chunk.array();
    }

    private static int newlines(byte[] bytes) {
        int count = 0;
        for (byte b : bytes) {
            if (b == '\n') {
                count++;
            }
        }
        return count;
    }
}
