package dev.backstop.config;

/**
 * What a bundle may unpack to before it is refused as absurd or malicious.
 *
 * @param maxRatio unpacked bytes per bundle byte that signal a decompression bomb
 */
public record ImportLimits(long maxFiles, long maxBytes, double maxRatio) {

    public static final ImportLimits DEFAULT = new ImportLimits(500_000, 10L << 30, 200.0);
}
