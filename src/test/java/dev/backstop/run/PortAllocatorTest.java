package dev.backstop.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PortAllocatorTest {

    @Test
    void handedOutPortsAreDistinctAndBindableOnLoopback() throws IOException {
        PortAllocator ports = new PortAllocator();
        Set<Integer> seen = new HashSet<>();

        for (int i = 0; i < 20; i++) {
            seen.add(ports.next());
        }

        assertThat(seen).hasSize(20);
        int port = seen.iterator().next();
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            assertThat(socket.getLocalPort()).isEqualTo(port);
        }
    }
}
