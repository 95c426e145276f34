package dev.switchboard.webrtc.srtp;

import static dev.switchboard.webrtc.srtp.SrtpFixtures.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Tests the per-direction SSRC bound of {@link SrtpSession}; single-threaded. */
class SrtpSsrcLimitTest {

    @ParameterizedTest
    @EnumSource(SrtpProfile.class)
    void theSixtyFifthSsrcIsRefusedInEachDirectionUntilOneIsForgotten(SrtpProfile profile) {
        Random random = new Random(30);
        SrtpKeyMaterial keys = SrtpFixtures.keys(profile, random);
        SrtpSession sender = SrtpSession.create(keys, true, 100);
        SrtpSession receiver = SrtpSession.create(keys, false);
        byte[][] sealed = new byte[65][];
        for (int i = 0; i < 65; i++) {
            sealed[i] = run(sender::protectRtp, SrtpFixtures.rtp(1, 1000 + i, 0, 0, 10, false, random)).bytes();
        }

        for (int i = 0; i < 64; i++) {
            assertThat(run(receiver::unprotectRtp, sealed[i]).result()).isPositive();
        }
        assertThat(run(receiver::unprotectRtp, sealed[64]).result()).isEqualTo(SrtpResult.TOO_MANY_SSRCS);
        assertThat(receiver.forgetInboundSsrc(1003)).isTrue();
        assertThat(receiver.forgetInboundSsrc(1003)).isFalse();
        assertThat(run(receiver::unprotectRtp, sealed[64]).result()).isPositive();

        SrtpSession smallSender = SrtpSession.create(keys, true, 2);
        assertThat(run(smallSender::protectRtp, SrtpFixtures.rtp(1, 1, 0, 0, 10, false, random)).result()).isPositive();
        assertThat(run(smallSender::protectRtcp, SrtpFixtures.rtcp(2, 8, random)).result()).isPositive();
        assertThat(run(smallSender::protectRtp, SrtpFixtures.rtp(1, 2, 0, 0, 10, false, random)).result()).isPositive();
        assertThat(run(smallSender::protectRtp, SrtpFixtures.rtp(1, 3, 0, 0, 10, false, random)).result())
                .isEqualTo(SrtpResult.TOO_MANY_SSRCS);
        assertThat(smallSender.forgetOutboundSsrc(1)).isTrue();
        assertThat(run(smallSender::protectRtp, SrtpFixtures.rtp(1, 3, 0, 0, 10, false, random)).result()).isPositive();
    }

    @ParameterizedTest
    @EnumSource(SrtpProfile.class)
    void forgedPacketsFromNewSsrcsTakeNoSlot(SrtpProfile profile) {
        Random random = new Random(31);
        SrtpKeyMaterial keys = SrtpFixtures.keys(profile, random);
        SrtpSession receiver = SrtpSession.create(keys, false, 1);
        for (int ssrc = 0; ssrc < 10; ssrc++) {
            byte[] forged = SrtpFixtures.rtp(1, ssrc, 0, 0, 10 + profile.rtpOverhead(), false, random);
            assertThat(run(receiver::unprotectRtp, forged).result()).isEqualTo(SrtpResult.AUTH_FAILED);
        }
        byte[] genuine = run(SrtpSession.create(keys, true)::protectRtp, SrtpFixtures.rtp(1, 42, 0, 0, 10, false, random)).bytes();

        assertThat(run(receiver::unprotectRtp, genuine).result()).isPositive();
    }

    @Test
    void aBoundBelowOneIsRejected() {
        SrtpKeyMaterial keys = SrtpFixtures.keys(SrtpProfile.AES_CM_128_HMAC_SHA1_80, new Random(32));
        assertThatThrownBy(() -> SrtpSession.create(keys, true, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
