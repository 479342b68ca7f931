package dev.backstop.release;

import dev.backstop.config.ImportLimits;

/**
 * Counts what a bundle really unpacks to, as it streams (archive headers may lie), and refuses it
 * once it passes the limits. Not thread-safe: one per import.
 */
final class ImportBudget {

    /** Below this many unpacked bytes the ratio is not checked, so tiny, very compressible bundles pass. */
    static final long RATIO_FLOOR_BYTES = 1L << 20;

    private static final String REMEDY = "make the bundle smaller or raise the import limits in backstop.yml";

    private final String bundle;
    private final long bundleBytes;
    private final ImportLimits limits;
    private final ImportProgress progress;
    private long entries;
    private long bytes;

    /** @param bundleBytes size of the compressed bundle file, or 0 when it is a directory (no ratio) */
    ImportBudget(String bundle, long bundleBytes, ImportLimits limits, ImportProgress progress) {
        this.bundle = bundle;
        this.bundleBytes = bundleBytes;
        this.limits = limits;
        this.progress = progress;
    }

    void countEntry(String name) {
        if (++entries > limits.maxFiles()) {
            throw new UnsafeBundleException(
                    bundle,
                    name,
                    "the bundle has more than " + limits.maxFiles() + " entries, the import limit for files",
                    REMEDY);
        }
    }

    void countBytes(String name, int count) {
        bytes += count;
        if (bytes > limits.maxBytes()) {
            throw new UnsafeBundleException(
                    bundle,
                    name,
                    "the bundle unpacks to more than " + limits.maxBytes() + " bytes, the import limit for size",
                    REMEDY);
        }
        if (bundleBytes > 0 && bytes > RATIO_FLOOR_BYTES && bytes > limits.maxRatio() * bundleBytes) {
            throw new UnsafeBundleException(
                    bundle,
                    name,
                    "the bundle unpacks to more than " + limits.maxRatio()
                            + " times its " + bundleBytes + " bytes, the import limit for compression ratio"
                            + " (a decompression bomb)",
                    REMEDY);
        }
    }

    void entryDone() {
        progress.advanced(bytes, entries);
    }

    long bytes() {
        return bytes;
    }
}
