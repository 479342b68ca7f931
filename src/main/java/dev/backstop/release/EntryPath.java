package dev.backstop.release;

import java.util.ArrayList;
import java.util.List;

/**
 * A bundle entry's name reduced to a safe relative path: no '..', not absolute, not inside the
 * reserved {@code .backstop/} directory. Immutable, thread-safe.
 *
 * @param relative '/'-separated; empty for the release root itself
 */
record EntryPath(String relative) {

    /** Directory inside every release that belongs to Backstop, never to the bundle. */
    static final String RESERVED = ".backstop";

    /** The safe path of a raw entry name, or an {@link UnsafeBundleException} naming it. */
    static EntryPath parse(String raw, String bundle) {
        String problem = problemWith(raw);
        if (problem != null) {
            throw new UnsafeBundleException(bundle, raw, problem);
        }
        List<String> components = components(raw);
        if (!components.isEmpty() && components.get(0).equals(RESERVED)) {
            throw new UnsafeBundleException(
                    bundle,
                    raw,
                    "it lies in the directory '" + RESERVED + "/' that Backstop reserves for its manifest");
        }
        return new EntryPath(String.join("/", components));
    }

    /** Non-empty, non-'.' components of a '/'-separated name. */
    static List<String> components(String name) {
        List<String> components = new ArrayList<>();
        for (String component : name.split("/")) {
            if (!component.isEmpty() && !component.equals(".")) {
                components.add(component);
            }
        }
        return components;
    }

    static String problemWith(String raw) {
        if (raw.indexOf('\0') >= 0) {
            return "its name contains a NUL character";
        }
        if (raw.startsWith("/")) {
            return "it is an absolute path, expected a path relative to the bundle root";
        }
        if (components(raw).contains("..")) {
            return "its path climbs out of the release with '..'";
        }
        return null;
    }

    boolean isRoot() {
        return relative.isEmpty();
    }

    /** The parent's path, empty for top-level entries. */
    String parent() {
        int slash = relative.lastIndexOf('/');
        return slash < 0 ? "" : relative.substring(0, slash);
    }

    @Override
    public String toString() {
        return relative;
    }
}
