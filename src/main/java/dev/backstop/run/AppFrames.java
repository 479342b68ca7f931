package dev.backstop.run;

import java.util.List;

/**
 * Tells a stack frame in the app's own code from one in a framework, a vendored library or the
 * runtime, by the markers those leave in a frame's path or class name. Stateless.
 */
final class AppFrames {

    /** Paths of installed libraries and runtimes: gems, site-packages, node_modules, vendor, the interpreters. */
    private static final List<String> LIBRARY_PATHS = List.of(
            "/gems/",
            "/vendor/",
            "/lib/ruby/",
            "<internal:",
            "site-packages/",
            "dist-packages/",
            "/lib/python",
            "<frozen",
            "node_modules/",
            "node:",
            "(internal/",
            "/usr/local/go/",
            "/usr/lib/go",
            "/pkg/mod/",
            "/usr/share/php");

    /** Class-name prefixes of the JDK, Kotlin's runtime and the usual Java frameworks and servers. */
    private static final List<String> LIBRARY_CLASSES = List.of(
            "java.",
            "javax.",
            "jakarta.",
            "jdk.",
            "sun.",
            "com.sun.",
            "kotlin.",
            "kotlinx.",
            "org.springframework.",
            "org.apache.",
            "org.eclipse.",
            "org.hibernate.",
            "io.netty.",
            "io.micronaut.",
            "io.quarkus.",
            "io.ktor.",
            "com.fasterxml.",
            "org.slf4j.",
            "ch.qos.");

    private AppFrames() {}

    /** Whether a Ruby, Python, Node, Go or PHP frame line points into the app's own files. */
    static boolean isAppPath(String frame) {
        return LIBRARY_PATHS.stream().noneMatch(frame::contains);
    }

    /** Whether a Java or Kotlin frame ({@code at com.shop.Boot.main(Boot.java:4)}) is the app's own. */
    static boolean isAppClass(String frame) {
        String located = frame.strip().substring("at ".length());
        String method = located.substring(0, Math.max(0, located.indexOf('(')));
        // "java.base/java.lang.Thread.run(...)", "app//com.shop.Boot.main(...)": a loader or module comes first
        String qualified = method.substring(method.lastIndexOf('/') + 1);
        return LIBRARY_CLASSES.stream().noneMatch(qualified::startsWith);
    }
}
