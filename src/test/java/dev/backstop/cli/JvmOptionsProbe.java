package dev.backstop.cli;

import java.lang.management.ManagementFactory;

/** Main class of the jar LauncherOptionsTest hands to bin/backstop: prints the JVM's options, one a line. */
public final class JvmOptionsProbe {

    private JvmOptionsProbe() {}

    public static void main(String[] args) {
        ManagementFactory.getRuntimeMXBean().getInputArguments().forEach(System.out::println);
    }
}
