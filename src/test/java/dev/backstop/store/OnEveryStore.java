package dev.backstop.store;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.TestTemplate;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs a test once on a fresh SQLite file and once on a fresh PostgreSQL database. The test (and
 * its {@code @BeforeEach} methods) may declare a {@link Store} parameter, and a
 * {@link dev.backstop.config.StoreLocation} parameter to open a second store at the same place.
 * See {@link TestStores}.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@TestTemplate
@ExtendWith(TestStores.class)
public @interface OnEveryStore {}
