package dev.backstop.release;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;

/**
 * Decides, without touching the disk, whether a symlink in a tree leads outside it: the target is
 * resolved against the link's directory component by component, following other links of the tree
 * as the kernel would, so a chain like {@code b -> a/..}, {@code a -> ..} is caught. Stateless.
 */
final class LinkResolver {

    /** The kernel's own limit on links followed in one lookup. */
    private static final int MAX_HOPS = 40;

    /** Where a link leads. */
    enum Outcome {
        INSIDE,
        OUTSIDE,
        LOOP
    }

    private LinkResolver() {}

    /**
     * @param links every symlink of the tree: relative path to its target
     */
    static Outcome resolve(String linkPath, Map<String, String> links) {
        Deque<String> resolved = new ArrayDeque<>(EntryPath.components(parentOf(linkPath)));
        Deque<String> pending = new ArrayDeque<>();
        int hops = 0;
        String target = links.get(linkPath);
        while (target != null) {
            if (target.startsWith("/")) {
                return Outcome.OUTSIDE;
            }
            if (++hops > MAX_HOPS) {
                return Outcome.LOOP;
            }
            pushFront(pending, EntryPath.components(target));
            target = null;
            while (target == null && !pending.isEmpty()) {
                String component = pending.pollFirst();
                if (component.equals("..")) {
                    if (resolved.pollLast() == null) {
                        return Outcome.OUTSIDE;
                    }
                } else {
                    resolved.addLast(component);
                    target = links.get(String.join("/", resolved));
                    if (target != null) {
                        resolved.pollLast();
                    }
                }
            }
        }
        return Outcome.INSIDE;
    }

    private static void pushFront(Deque<String> pending, List<String> components) {
        for (int index = components.size() - 1; index >= 0; index--) {
            pending.addFirst(components.get(index));
        }
    }

    private static String parentOf(String path) {
        int slash = path.lastIndexOf('/');
        return slash < 0 ? "" : path.substring(0, slash);
    }
}
