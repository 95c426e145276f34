package dev.switchboard.webrtc.ice;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Tests {@link HostAddresses} host-candidate address discovery (RFC 8445 §5.1.1.1); single-threaded. */
class HostAddressesTest {

    @Test
    void returnsUsableAddressesOrOnlyLoopback() {
        List<InetAddress> addresses = HostAddresses.discover();
        assertThat(addresses).isNotEmpty().doesNotHaveDuplicates();
        assertThat(addresses).noneMatch(InetAddress::isLinkLocalAddress).noneMatch(InetAddress::isAnyLocalAddress);
        boolean anyLoopback = addresses.stream().anyMatch(InetAddress::isLoopbackAddress);
        if (anyLoopback) {
            assertThat(addresses).allMatch(InetAddress::isLoopbackAddress);
        }
        int firstV6 = addresses.stream().filter(a -> !(a instanceof Inet4Address)).findFirst()
                .map(addresses::indexOf).orElse(addresses.size());
        assertThat(addresses.subList(firstV6, addresses.size())).noneMatch(a -> a instanceof Inet4Address);
    }
}
