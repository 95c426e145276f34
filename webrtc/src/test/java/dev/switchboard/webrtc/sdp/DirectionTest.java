package dev.switchboard.webrtc.sdp;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Tests {@link Direction}, the RFC 3264 §6.1 direction complement; single-threaded. */
class DirectionTest {

    @Test
    void reverseSwapsSendAndReceive() {
        assertThat(Direction.SENDRECV.reverse()).isEqualTo(Direction.SENDRECV);
        assertThat(Direction.SENDONLY.reverse()).isEqualTo(Direction.RECVONLY);
        assertThat(Direction.RECVONLY.reverse()).isEqualTo(Direction.SENDONLY);
        assertThat(Direction.INACTIVE.reverse()).isEqualTo(Direction.INACTIVE);
    }

    @ParameterizedTest
    @EnumSource(Direction.class)
    void capabilitiesNamesAndNarrowingAgree(Direction d) {
        assertThat(Direction.of(d.sends(), d.receives())).isEqualTo(d);
        assertThat(Direction.fromAttributeName(d.attributeName())).contains(d);
        assertThat(d.reverse().reverse()).isEqualTo(d);
        assertThat(d.narrow(true, true)).isEqualTo(d);
        assertThat(d.narrow(false, false)).isEqualTo(Direction.INACTIVE);
        assertThat(d.narrow(false, true).sends()).isFalse();
        assertThat(d.narrow(true, false).receives()).isFalse();
    }

    @Test
    void unknownNamesAreEmpty() {
        assertThat(Direction.fromAttributeName("SENDRECV")).isEmpty();
        assertThat(Direction.fromAttributeName("mid")).isEmpty();
    }
}
