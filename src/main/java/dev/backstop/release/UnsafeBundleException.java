package dev.backstop.release;

import dev.backstop.BadInputException;

/**
 * A bundle holds an entry Backstop refuses to unpack (path traversal, a link leaving the release,
 * a device file, too many files or bytes, ...). Nothing was left behind. Immutable, thread-safe.
 */
public final class UnsafeBundleException extends BadInputException {

    private final String entry;

    public UnsafeBundleException(String bundle, String entry, String reason) {
        this(bundle, entry, reason, "rebuild the bundle without it");
    }

    /** @param remedy what the user should do next, when it is not to rebuild the bundle without the entry */
    public UnsafeBundleException(String bundle, String entry, String reason, String remedy) {
        super("bundle '" + bundle + "' refused at entry '" + entry + "': " + reason + "; nothing was imported, "
                + remedy + ".");
        this.entry = entry;
    }

    /** The offending entry as it was named in the bundle. */
    public String entry() {
        return entry;
    }
}
