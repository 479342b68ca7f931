package dev.backstop.release;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Reads a source stream (here: inflating gzip) on its own thread, a few chunks ahead of the
 * consumer, so inflating overlaps hashing and writing the way {@code gzip -d | tar x} overlaps them
 * in two processes. Not thread-safe for consumers: one thread reads it; {@link #close()} stops the
 * reader thread and waits for it.
 */
final class ReadAheadInputStream extends InputStream {

    private static final int CHUNK_SIZE = 256 * 1024;
    private static final int CHUNKS_AHEAD = 8;

    /** A chunk of data, the end of the source, or its failure. */
    private record Chunk(byte[] bytes, int length, IOException failure) {
        static final Chunk END = new Chunk(new byte[0], -1, null);
    }

    private final BlockingQueue<Chunk> chunks = new ArrayBlockingQueue<>(CHUNKS_AHEAD);
    /** Buffers handed back by the consumer: reusing them spares allocating and zeroing 200 MB. */
    private final BlockingQueue<byte[]> spare = new ArrayBlockingQueue<>(CHUNKS_AHEAD + 2);

    private final Thread reader;
    private Chunk current = new Chunk(new byte[0], 0, null);
    private int position;

    ReadAheadInputStream(InputStream source, String threadName) {
        reader = new Thread(() -> pump(source), threadName);
        reader.setDaemon(true);
        reader.start();
    }

    @Override
    public int read() throws IOException {
        return nextChunk() ? current.bytes()[position++] & 0xff : -1;
    }

    @Override
    public int read(byte[] target, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        if (!nextChunk()) {
            return -1;
        }
        int count = Math.min(length, current.length() - position);
        System.arraycopy(current.bytes(), position, target, offset, count);
        position += count;
        return count;
    }

    /** Stops the reader thread (it may be blocked handing over a chunk nobody will take) and waits for it. */
    @Override
    public void close() throws IOException {
        reader.interrupt();
        try {
            reader.join();
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while closing the bundle reader");
        }
    }

    /** Makes {@code current} hold unread bytes; false at the end of the source. */
    private boolean nextChunk() throws IOException {
        while (current != Chunk.END && position == current.length()) {
            if (current.length() > 0) {
                spare.offer(current.bytes());
            }
            try {
                current = chunks.take();
                position = 0;
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while reading the bundle");
            }
            if (current.failure() != null) {
                throw new IOException(current.failure().getMessage(), current.failure());
            }
        }
        return current != Chunk.END;
    }

    private void pump(InputStream source) {
        try (source) {
            for (; ; ) {
                byte[] bytes = spare.poll();
                bytes = bytes != null ? bytes : new byte[CHUNK_SIZE];
                int length = source.readNBytes(bytes, 0, CHUNK_SIZE);
                if (length == 0) {
                    chunks.put(Chunk.END);
                    return;
                }
                chunks.put(new Chunk(bytes, length, null));
            }
        } catch (IOException failure) {
            hand(new Chunk(new byte[0], 0, failure));
        } catch (InterruptedException closed) {
            Thread.currentThread().interrupt();
        }
    }

    private void hand(Chunk failure) {
        try {
            chunks.put(failure);
        } catch (InterruptedException closed) {
            Thread.currentThread().interrupt();
        }
    }
}
