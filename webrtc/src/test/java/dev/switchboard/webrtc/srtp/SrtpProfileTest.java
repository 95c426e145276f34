package dev.switchboard.webrtc.srtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Tests {@link SrtpProfile} against RFC 5764 §4.1.2 and RFC 7714 §14.2; single-threaded. */
class SrtpProfileTest {

    @Test
    void idsAndLengthsAreTheRegisteredOnes() {
        assertThat(SrtpProfile.AES_CM_128_HMAC_SHA1_80.id()).isEqualTo(0x0001);
        assertThat(SrtpProfile.AEAD_AES_128_GCM.id()).isEqualTo(0x0007);
        assertThat(SrtpProfile.AES_CM_128_HMAC_SHA1_80.masterKeyLength()).isEqualTo(16);
        assertThat(SrtpProfile.AES_CM_128_HMAC_SHA1_80.masterSaltLength()).isEqualTo(14);
        assertThat(SrtpProfile.AEAD_AES_128_GCM.masterKeyLength()).isEqualTo(16);
        assertThat(SrtpProfile.AEAD_AES_128_GCM.masterSaltLength()).isEqualTo(12);
        assertThat(SrtpProfile.AES_CM_128_HMAC_SHA1_80.rtpOverhead()).isEqualTo(10);
        assertThat(SrtpProfile.AES_CM_128_HMAC_SHA1_80.rtcpOverhead()).isEqualTo(14);
        assertThat(SrtpProfile.AEAD_AES_128_GCM.rtpOverhead()).isEqualTo(16);
        assertThat(SrtpProfile.AEAD_AES_128_GCM.rtcpOverhead()).isEqualTo(20);
    }

    @Test
    void fromIdFindsEveryProfile() {
        for (SrtpProfile p : SrtpProfile.values()) {
            assertThat(SrtpProfile.fromId(p.id())).isSameAs(p);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {0x0000, 0x0002, 0x0005, 0x0006, 0x0008, 0xFFFF, -1})
    void unknownIdsAreRejected(int id) {
        assertThatThrownBy(() -> SrtpProfile.fromId(id)).isInstanceOf(IllegalArgumentException.class);
    }
}
