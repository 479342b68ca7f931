package dev.backstop.release;

import dev.backstop.config.ImportLimits;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Locale;

/**
 * Entry point of bench/import/run.sh: stages and commits one bundle into a releases directory and
 * prints the seconds that took (JVM start not included) on stdout, the split on stderr. Not a test; lives here to stay out of the jar.
 */
public final class ImportBench {

    private ImportBench() {}

    public static void main(String[] args) {
        Path bundle = Path.of(args[0]);
        Path releases = Path.of(args[1]);
        long start = System.nanoTime();
        BundleImporter importer = new BundleImporter(
                releases, releases.resolveSibling("shared"), List.of(), ImportLimits.DEFAULT, Clock.systemUTC());
        StagedRelease staged = importer.stage(bundle, "bench", ImportProgress.NONE);
        long staging = System.nanoTime();
        staged.commit();
        long end = System.nanoTime();
        System.out.printf(Locale.ROOT, "%.3f%n", (end - start) / 1e9);
        System.err.printf(Locale.ROOT, "stage %.3f s, commit %.3f s%n", (staging - start) / 1e9, (end - staging) / 1e9);
    }
}
