package dev.switchboard.webrtc.ice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Tests {@link IceCredentials} against RFC 8839 §5.4; single-threaded. */
class IceCredentialsTest {

    @Test
    void randomCredentialsMeetTheRfcAndDiffer() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            IceCredentials c = IceCredentials.random();
            assertThat(c.ufrag()).hasSize(8).matches("[A-Za-z0-9+/]+");
            assertThat(c.pwd()).hasSize(24).matches("[A-Za-z0-9+/]+");
            assertThat(c.meetsRfcMinimumLengths()).isTrue();
            assertThat(seen.add(c.ufrag() + c.pwd())).isTrue();
        }
    }

    @Test
    void rejectsCharactersThatCouldBreakSdpLines() {
        assertThatThrownBy(() -> new IceCredentials("ab cd", "x".repeat(22))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new IceCredentials("abcd", "x\r\na=evil")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new IceCredentials("", "x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new IceCredentials("a".repeat(257), "x")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shortValuesAreRepresentableButFlagged() {
        IceCredentials c = new IceCredentials("abc", "short");
        assertThat(c.meetsRfcMinimumLengths()).isFalse();
        assertThat(c.toString()).doesNotContain("short");
    }
}
