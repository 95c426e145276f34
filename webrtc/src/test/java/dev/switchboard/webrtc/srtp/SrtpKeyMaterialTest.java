package dev.switchboard.webrtc.srtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Tests {@link SrtpKeyMaterial}'s RFC 5764 §4.2 split; single-threaded. */
class SrtpKeyMaterialTest {

    @ParameterizedTest
    @EnumSource(SrtpProfile.class)
    void exporterOutputSplitsClientKeyServerKeyClientSaltServerSalt(SrtpProfile profile) {
        int k = profile.masterKeyLength();
        int s = profile.masterSaltLength();
        byte[] exported = new byte[SrtpKeyMaterial.exporterLength(profile)];
        for (int i = 0; i < exported.length; i++) {
            exported[i] = (byte) (i + 1);
        }

        SrtpKeyMaterial m = SrtpKeyMaterial.fromExporter(profile, exported);

        assertThat(exported).hasSize(2 * (k + s));
        assertThat(m.profile()).isSameAs(profile);
        assertThat(m.clientKey()).isEqualTo(Arrays.copyOfRange(exported, 0, k));
        assertThat(m.serverKey()).isEqualTo(Arrays.copyOfRange(exported, k, 2 * k));
        assertThat(m.clientSalt()).isEqualTo(Arrays.copyOfRange(exported, 2 * k, 2 * k + s));
        assertThat(m.serverSalt()).isEqualTo(Arrays.copyOfRange(exported, 2 * k + s, exported.length));
    }

    @ParameterizedTest
    @EnumSource(SrtpProfile.class)
    void otherLengthsAreRejected(SrtpProfile profile) {
        int length = SrtpKeyMaterial.exporterLength(profile);
        for (int wrong : new int[] {0, length - 1, length + 1}) {
            assertThatThrownBy(() -> SrtpKeyMaterial.fromExporter(profile, new byte[wrong]))
                    .isInstanceOf(IllegalArgumentException.class);
        }
        byte[] key = new byte[profile.masterKeyLength()];
        byte[] shortSalt = new byte[profile.masterSaltLength() - 1];
        assertThatThrownBy(() -> new SrtpKeyMaterial(profile, key, key, shortSalt, shortSalt))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @EnumSource(SrtpProfile.class)
    void copiesDefensivelyComparesByContentAndHidesKeys(SrtpProfile profile) {
        byte[] exported = new byte[SrtpKeyMaterial.exporterLength(profile)];
        Arrays.fill(exported, (byte) 0x5A);
        SrtpKeyMaterial m = SrtpKeyMaterial.fromExporter(profile, exported);

        exported[0] ^= 1;
        m.clientKey()[0] ^= 1;

        SrtpKeyMaterial same = SrtpKeyMaterial.fromExporter(profile, filled(exported.length));
        assertThat(m).isEqualTo(same).hasSameHashCodeAs(same);
        assertThat(m.clientKey()[0]).isEqualTo((byte) 0x5A);
        assertThat(m.toString()).doesNotContain("5a", "5A", "90").contains(profile.name());
    }

    private static byte[] filled(int length) {
        byte[] b = new byte[length];
        Arrays.fill(b, (byte) 0x5A);
        return b;
    }
}
