package dev.backstop.proxy;

import java.util.ArrayDeque;
import java.util.Deque;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * What a test started, closed after it in reverse order (the proxy before its upstreams).
 * Register with {@code @RegisterExtension final TestResources resources = new TestResources();}.
 */
final class TestResources implements AfterEachCallback {

    private final Deque<AutoCloseable> started = new ArrayDeque<>();

    <T extends AutoCloseable> T keep(T resource) {
        started.push(resource);
        return resource;
    }

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        AutoCloseable resource;
        while ((resource = started.poll()) != null) {
            resource.close();
        }
    }
}
