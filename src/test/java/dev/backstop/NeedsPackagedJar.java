package dev.backstop;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;

/**
 * Marks a test that runs {@code bin/backstop} on the real {@code target/backstop.jar}, which
 * {@code mvn package} builds after the test phase. The build runs these tests in the
 * integration-test phase (surefire's "packaged" execution in pom.xml), once the jar exists; run
 * alone before a package, they skip with a message saying so.
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Tag("packaged")
public @interface NeedsPackagedJar {}
