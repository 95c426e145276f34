package dev.switchboard.webrtc.ice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import java.net.InetAddress;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Tests {@link IceCandidate} parsing and formatting (RFC 8839 §5.1) and priorities (RFC 8445 §5.1.2); single-threaded. */
class IceCandidateTest {

    @ParameterizedTest
    @ValueSource(strings = {
        "candidate:2778944341 1 udp 2113937151 b69b975b-8938-46f2-a881-a9979d04a7e2.local 51335 typ host generation 0 network-cost 999",
        "candidate:2041251767 1 udp 1677729535 203.0.113.74 41248 typ srflx raddr 0.0.0.0 rport 0 generation 0 network-cost 999",
        "candidate:2517329053 1 tcp 1518280447 192.168.1.248 9 typ host tcptype active generation 0 network-id 1",
        "candidate:842163049 1 udp 1685987071 2001:db8::1 3478 typ srflx raddr :: rport 0",
        "candidate:3 1 UDP 41885695 198.51.100.7 61000 typ relay raddr 203.0.113.74 rport 41248",
        "candidate:0 1 UDP 2122252543 fd00::5 49152 typ host",
    })
    void browserCandidatesRoundTrip(String value) {
        IceCandidate c = IceCandidate.parse(value);
        assertThat(c.toSdpValue()).isEqualTo(value);
        assertThat(IceCandidate.parse("a=" + value)).isEqualTo(c);
        assertThat(IceCandidate.parse(value.substring("candidate:".length()))).isEqualTo(c);
    }

    @Test
    void parsesFieldsAndKeepsExtensionOrder() {
        IceCandidate c = IceCandidate.parse(
                "a=candidate:2041251767 1 udp 1677729535 203.0.113.74 41248 typ srflx raddr 0.0.0.0 rport 0 generation 0\r\n");
        assertThat(c.foundation()).isEqualTo("2041251767");
        assertThat(c.component()).isEqualTo(1);
        assertThat(c.transport()).isEqualTo("udp");
        assertThat(c.priority()).isEqualTo(1677729535L);
        assertThat(c.address()).isEqualTo("203.0.113.74");
        assertThat(c.port()).isEqualTo(41248);
        assertThat(c.type()).isEqualTo("srflx");
        assertThat(c.extensions()).containsExactly(entry("raddr", "0.0.0.0"), entry("rport", "0"),
                entry("generation", "0"));
    }

    @Test
    void hostCandidatePriorityFollowsRfc8445() {
        IceCandidate c = IceCandidate.host("1", InetAddress.ofLiteral("192.0.2.1"), 40000, 65535);
        assertThat(c.priority()).isEqualTo((1L << 24) * 126 + (1L << 8) * 65535 + 255).isEqualTo(2130706431L);
        assertThat(c.toSdpValue()).isEqualTo("candidate:1 1 udp 2130706431 192.0.2.1 40000 typ host");
        assertThat(IceCandidate.host("2", InetAddress.ofLiteral("192.0.2.1"), 1, 0).priority()).isEqualTo(2113929471L);
    }

    @Test
    void hostCandidateDropsIpv6ScopeId() throws Exception {
        InetAddress linkLocal = InetAddress.getByName("fe80::1%1");
        assertThat(IceCandidate.host("1", linkLocal, 1, 1).address()).isEqualTo("fe80:0:0:0:0:0:0:1");
        assertThatThrownBy(() -> IceCandidate.host("1", InetAddress.ofLiteral("192.0.2.1"), 1, 70000))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "", "candidate:", "garbage",
        "candidate:1 1 udp 2130706431 192.0.2.1 40000 host",
        "candidate:1 1 udp 2130706431 192.0.2.1 40000 type host",
        "candidate:1 0 udp 2130706431 192.0.2.1 40000 typ host",
        "candidate:1 1 udp -5 192.0.2.1 40000 typ host",
        "candidate:1 1 udp 99999999999 192.0.2.1 40000 typ host",
        "candidate:1 1 udp 2130706431 192.0.2.1 70000 typ host",
        "candidate:1 1 udp 2130706431 192.0.2.256 4 typ host",
        "candidate:1 1 udp 2130706431 1.2.3 4 typ host",
        "candidate:1 1 udp 2130706431 01.2.3.4 4 typ host",
        "candidate:1 1 udp 2130706431 ::g 4 typ host",
        "candidate:1 1 udp 2130706431 fe80::1%eth0 4 typ host",
        "candidate:1 1 udp 2130706431 bad_host!.local 4 typ host",
        "candidate:1 1 udp 2130706431 a..local 4 typ host",
        "candidate:fo-o 1 udp 2130706431 192.0.2.1 4 typ host",
        "candidate:1 1 udp 2130706431 192.0.2.1 4 typ host generation",
        "candidate:1 1 udp 2130706431 192.0.2.1 4 typ host a 1 a 2",
        "candidate:1 1 udp 2130706431 192.0.2.1 4 typ host\u0000",
        "candidate:123456789012345678901234567890123 1 udp 1 192.0.2.1 4 typ host",
    })
    void garbageIsRejectedWithIllegalArgumentException(String value) {
        assertThatThrownBy(() -> IceCandidate.parse(value)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageNotContaining("null");
    }

    @Test
    void nullAndHugeInputAreRejected() {
        assertThatThrownBy(() -> IceCandidate.parse(null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> IceCandidate.parse("candidate:1 " + "1 ".repeat(5000)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("longer");
    }

    @Test
    void extensionsAreImmutable() {
        IceCandidate c = new IceCandidate("1", 1, "udp", 1, "192.0.2.1", 1, "host",
                new java.util.HashMap<>(Map.of("generation", "0")));
        assertThatThrownBy(() -> c.extensions().put("x", "y")).isInstanceOf(UnsupportedOperationException.class);
    }
}
