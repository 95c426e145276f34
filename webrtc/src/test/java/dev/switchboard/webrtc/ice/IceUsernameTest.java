package dev.switchboard.webrtc.ice;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Tests {@link IceUsername} against RFC 8445 §7.2.2's {@code receiver:sender} form; single-threaded. */
class IceUsernameTest {

    @Test
    void splitsWhatOfJoins() {
        for (int i = 0; i < 20; i++) {
            IceCredentials receiver = IceCredentials.random();
            IceCredentials sender = IceCredentials.random();
            String username = IceUsername.of(receiver.ufrag(), sender.ufrag());
            assertThat(IceUsername.localUfrag(username)).isEqualTo(receiver.ufrag());
            assertThat(IceUsername.remoteUfrag(username)).isEqualTo(sender.ufrag());
        }
    }

    @Test
    void malformedUsernamesGiveNull() {
        for (String bad : new String[] {null, "", ":", "abc", ":abc", "abc:", "a:b:c", "a::b"}) {
            assertThat(IceUsername.localUfrag(bad)).as("%s", bad).isNull();
            assertThat(IceUsername.remoteUfrag(bad)).as("%s", bad).isNull();
        }
    }
}
