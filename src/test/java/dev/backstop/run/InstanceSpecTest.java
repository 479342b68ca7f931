package dev.backstop.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backstop.config.ServiceSpec;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class InstanceSpecTest {

    @Test
    void aReleaseYieldsOneSpecPerInstanceWithServiceEnvOverridingReleaseEnvAndPortsOnlyForWeb() {
        ServiceSpec web = new ServiceSpec(
                "web",
                "bin/puma",
                2,
                Map.of("THREADS", "5"),
                Optional.empty(),
                Optional.empty(),
                Duration.ofSeconds(3),
                Optional.empty(),
                ServiceSpec.DEFAULT_MIN_UPTIME);
        ServiceSpec worker = new ServiceSpec(
                "worker",
                "bin/jobs",
                1,
                Map.of("RAILS_ENV", "jobs"),
                Optional.empty(),
                Optional.empty(),
                Duration.ofSeconds(9),
                Optional.empty(),
                ServiceSpec.DEFAULT_MIN_UPTIME);

        List<InstanceSpec> specs = InstanceSpec.forRelease(
                "r1",
                Path.of("/srv/shop/releases/r1"),
                Map.of("RAILS_ENV", "production"),
                List.of(web, worker),
                new PortAllocator());

        assertThat(specs)
                .extracting(spec -> spec.key().toString())
                .containsExactly("web.1 of release r1", "web.2 of release r1", "worker.1 of release r1");
        assertThat(specs.get(0).port()).isPositive().isNotEqualTo(specs.get(1).port());
        assertThat(specs.get(2).port()).isZero();
        assertThat(specs.get(0).env()).containsEntry("RAILS_ENV", "production").containsEntry("THREADS", "5");
        assertThat(specs.get(2).env()).containsEntry("RAILS_ENV", "jobs");
        assertThat(specs.get(2).stopGrace()).isEqualTo(Duration.ofSeconds(9));
    }
}
