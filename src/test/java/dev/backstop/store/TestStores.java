package dev.backstop.store;

import dev.backstop.config.StoreLocation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.Extension;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestTemplateInvocationContext;
import org.junit.jupiter.api.extension.TestTemplateInvocationContextProvider;

/**
 * Stores for tests. {@link OnEveryStore} uses this extension to run a test on SQLite and on
 * PostgreSQL, injecting a fresh migrated {@link Store} (and its {@link StoreLocation}) and closing
 * and deleting it afterwards. Tests that need just one store call {@link #sqlite(Path)} with a
 * {@code @TempDir}, or {@link TestDatabase#create()} for PostgreSQL. Stateless, thread-safe.
 */
public final class TestStores implements TestTemplateInvocationContextProvider {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(TestStores.class);

    /** A fresh store in {@code directory}; opening it again on the same directory reaches the same file. */
    public static Store sqlite(Path directory) {
        return Store.open(StoreLocation.sqliteIn(directory));
    }

    @Override
    public boolean supportsTestTemplate(ExtensionContext context) {
        return context.getRequiredTestMethod().isAnnotationPresent(OnEveryStore.class);
    }

    @Override
    public Stream<TestTemplateInvocationContext> provideTestTemplateInvocationContexts(ExtensionContext context) {
        return Stream.of(invocation(Kind.SQLITE), invocation(Kind.POSTGRESQL));
    }

    private enum Kind {
        SQLITE,
        POSTGRESQL
    }

    private static TestTemplateInvocationContext invocation(Kind kind) {
        return new TestTemplateInvocationContext() {
            @Override
            public String getDisplayName(int invocationIndex) {
                return kind == Kind.SQLITE ? "sqlite" : "postgresql";
            }

            @Override
            public List<Extension> getAdditionalExtensions() {
                return List.of(new OpenedStore(kind));
            }
        };
    }

    /** The store of one invocation: opened before each test (so a skip is a skip), closed after. */
    private static final class OpenedStore implements BeforeEachCallback, ParameterResolver {

        private final Kind kind;

        OpenedStore(Kind kind) {
            this.kind = kind;
        }

        @Override
        public void beforeEach(ExtensionContext context) throws IOException {
            OpenStore opened = kind == Kind.SQLITE ? openSqlite() : openPostgres();
            context.getStore(NAMESPACE).put(OpenStore.class, opened);
        }

        @Override
        public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
            Class<?> type = parameter.getParameter().getType();
            return type == Store.class || type == StoreLocation.class;
        }

        @Override
        public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
            OpenStore opened = context.getStore(NAMESPACE).get(OpenStore.class, OpenStore.class);
            return parameter.getParameter().getType() == Store.class ? opened.store() : opened.location();
        }

        private static OpenStore openSqlite() throws IOException {
            Path directory = Files.createTempDirectory("backstop-store-");
            StoreLocation location = StoreLocation.sqliteIn(directory);
            return new OpenStore(Store.open(location), location, () -> deleteRecursively(directory));
        }

        private static OpenStore openPostgres() {
            TestDatabase database = TestDatabase.create();
            try {
                return new OpenStore(Store.open(database.location()), database.location(), database::close);
            } catch (RuntimeException e) {
                database.close();
                throw e;
            }
        }
    }

    /** JUnit closes stored AutoCloseables when the test ends: the store first, then its files or database. */
    private record OpenStore(Store store, StoreLocation location, Runnable cleanUp) implements AutoCloseable {
        @Override
        public void close() {
            try {
                store.close();
            } finally {
                cleanUp.run();
            }
        }
    }

    private static void deleteRecursively(Path directory) {
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
