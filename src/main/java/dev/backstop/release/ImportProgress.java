package dev.backstop.release;

/**
 * Told how far an import has got, so a long import can show progress. Called on the importing
 * thread after each entry; implementations must be quick.
 */
@FunctionalInterface
public interface ImportProgress {

    /** Ignores all progress. */
    ImportProgress NONE = (bytesDone, entriesDone) -> {};

    /**
     * @param bytesDone file bytes unpacked so far
     * @param entriesDone bundle entries handled so far
     */
    void advanced(long bytesDone, long entriesDone);
}
