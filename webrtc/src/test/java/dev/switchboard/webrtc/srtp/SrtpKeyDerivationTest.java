package dev.switchboard.webrtc.srtp;

import static dev.switchboard.webrtc.srtp.SrtpFixtures.hex;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Tests {@link KeyDerivation} and {@link SessionKeys} against RFC 3711 Appendix B.3; single-threaded. */
class SrtpKeyDerivationTest {

    private static final byte[] MASTER_KEY = hex("E1F97A0D3E018BE0D64FA32C06DE4139");
    private static final byte[] MASTER_SALT = hex("0EC675AD498AFEEBB6960B3AABE6");

    @Test
    void appendixB3CipherKeySaltAndFullAuthKey() {
        assertThat(hex(KeyDerivation.prf(MASTER_KEY, MASTER_SALT, KeyDerivation.RTP_ENCRYPTION, 16)))
                .isEqualToIgnoringCase("C61E7A93744F39EE10734AFE3FF7A087");
        assertThat(hex(KeyDerivation.prf(MASTER_KEY, MASTER_SALT, KeyDerivation.RTP_SALT, 14)))
                .isEqualToIgnoringCase("30CBBC08863D8C85D49DB34A9AE1");
        // The RFC lists all 94 bytes (six AES blocks), which exercises the counter across blocks.
        assertThat(hex(KeyDerivation.prf(MASTER_KEY, MASTER_SALT, KeyDerivation.RTP_AUTHENTICATION, 94)))
                .isEqualToIgnoringCase("CEBE321F6FF7716B6FD4AB49AF256A15"
                        + "6D38BAA48F0A0ACF3C34E2359E6CDBCE"
                        + "E049646C43D9327AD175578EF7227098"
                        + "6371C10C9A369AC2F94A8C5FBCDDDC25"
                        + "6D6E919A48B610EF17C2041E47403576"
                        + "6B68642C59BBFC2F34DB60DBDFB2");
    }

    @Test
    void sessionKeysForAesCmUseTheRtpLabelsAndLengths() {
        SessionKeys rtp = SessionKeys.derive(SrtpProfile.AES_CM_128_HMAC_SHA1_80, MASTER_KEY, MASTER_SALT, false);

        assertThat(hex(rtp.encryptionKey())).isEqualToIgnoringCase("C61E7A93744F39EE10734AFE3FF7A087");
        assertThat(hex(rtp.authKey())).isEqualToIgnoringCase("CEBE321F6FF7716B6FD4AB49AF256A156D38BAA4");
        assertThat(hex(rtp.salt())).isEqualToIgnoringCase("30CBBC08863D8C85D49DB34A9AE1");
        assertThat(rtp.toString()).doesNotContainIgnoringCase("c61e");
    }

    @Test
    void srtcpKeysComeFromTheirOwnLabels() {
        SessionKeys rtp = SessionKeys.derive(SrtpProfile.AES_CM_128_HMAC_SHA1_80, MASTER_KEY, MASTER_SALT, false);
        SessionKeys rtcp = SessionKeys.derive(SrtpProfile.AES_CM_128_HMAC_SHA1_80, MASTER_KEY, MASTER_SALT, true);

        assertThat(rtcp.encryptionKey())
                .isEqualTo(KeyDerivation.prf(MASTER_KEY, MASTER_SALT, KeyDerivation.RTCP_ENCRYPTION, 16))
                .isNotEqualTo(rtp.encryptionKey());
        assertThat(rtcp.authKey())
                .isEqualTo(KeyDerivation.prf(MASTER_KEY, MASTER_SALT, KeyDerivation.RTCP_AUTHENTICATION, 20));
        assertThat(rtcp.salt()).isEqualTo(KeyDerivation.prf(MASTER_KEY, MASTER_SALT, KeyDerivation.RTCP_SALT, 14));
    }

    @Test
    void gcmSessionKeysHaveTwelveByteSaltsAndNoAuthKey() {
        byte[] salt12 = hex("0EC675AD498AFEEBB6960B3A");
        SessionKeys gcm = SessionKeys.derive(SrtpProfile.AEAD_AES_128_GCM, MASTER_KEY, salt12, false);

        assertThat(gcm.encryptionKey()).hasSize(16);
        assertThat(gcm.salt()).hasSize(12);
        assertThat(gcm.authKey()).isEmpty();
        // A 12-byte salt is the 14-byte one with its last two bytes zero (libsrtp's alignment); the
        // full-packet libsrtp known answers in SrtpGcmVectorsTest pin the same choice end to end.
        byte[] padded = hex("0EC675AD498AFEEBB6960B3A0000");
        assertThat(gcm.encryptionKey()).isEqualTo(KeyDerivation.prf(MASTER_KEY, padded, KeyDerivation.RTP_ENCRYPTION, 16));
    }
}
