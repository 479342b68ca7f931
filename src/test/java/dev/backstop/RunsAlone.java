package dev.backstop;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;

/**
 * Marks a test class whose assertions depend on the machine not being busy with other tests: it
 * judges a release by its p99 latency or its error ratio under load, or times a restart under load.
 * The build runs these classes after all the others, one at a time in a single JVM (surefire's
 * "alone" execution in pom.xml), so that other test classes' processes never eat into their budget.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Tag("alone")
public @interface RunsAlone {}
