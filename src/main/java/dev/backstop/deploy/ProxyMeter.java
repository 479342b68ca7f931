package dev.backstop.deploy;

import dev.backstop.proxy.MetricsSnapshot;
import dev.backstop.proxy.ProxyControlClient;
import dev.backstop.proxy.Route;
import dev.backstop.verify.TrafficMeter;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The requests of one release as the proxy counts them, and those of the warm standby beside it (the
 * previous release: the baseline of the sequential test). Thread-safe.
 */
record ProxyMeter(Supplier<ProxyControlClient> proxy, String releaseId) implements TrafficMeter {

    @Override
    public Optional<MetricsSnapshot> snapshot() {
        return Optional.ofNullable(proxy.get().metrics().releases().get(releaseId));
    }

    @Override
    public Optional<MetricsSnapshot> baseline() {
        ProxyControlClient control = proxy.get();
        return control.routes()
                .standbyRoute()
                .map(Route::releaseId)
                .filter(standby -> !standby.equals(releaseId))
                .flatMap(standby ->
                        Optional.ofNullable(control.metrics().releases().get(standby)));
    }
}
