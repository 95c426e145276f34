package dev.switchboard.webrtc.dtls;

import dev.switchboard.webrtc.srtp.SrtpProfile;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.StringJoiner;
import org.bouncycastle.tls.TlsUtils;
import org.bouncycastle.tls.UseSRTPData;

/**
 * The {@code use_srtp} negotiation of RFC 5764 §4.1.1: what a client offers, what a server picks
 * and whether a server's pick is acceptable; stateless and thread-safe.
 */
final class UseSrtp {

    private UseSrtp() {
    }

    /** The client's offer, in its order of preference and without an MKI, which our SRTP never carries. */
    static UseSRTPData offer(List<SrtpProfile> profiles) {
        return new UseSRTPData(profiles.stream().mapToInt(SrtpProfile::id).toArray(), TlsUtils.EMPTY_BYTES);
    }

    /** The server's answer: exactly one profile and, again, no MKI. */
    static UseSRTPData answer(SrtpProfile profile) {
        return new UseSRTPData(new int[] {profile.id()}, TlsUtils.EMPTY_BYTES);
    }

    /**
     * The first profile in the server's {@code preference} that the client offered; the server's
     * order wins so that we, not each browser, decide between GCM and AES-CM.
     */
    static Optional<SrtpProfile> choose(UseSRTPData offered, List<SrtpProfile> preference) {
        for (SrtpProfile profile : preference) {
            for (int id : offered.getProtectionProfiles()) {
                if (id == profile.id()) {
                    return Optional.of(profile);
                }
            }
        }
        return Optional.empty();
    }

    /**
     * The server's pick if it is a single profile we offered; RFC 5764 §4.1.1 forbids anything
     * else.
     */
    static Optional<SrtpProfile> accept(UseSRTPData answer, List<SrtpProfile> offered) {
        int[] ids = answer.getProtectionProfiles();
        if (ids.length != 1) {
            return Optional.empty();
        }
        return SrtpProfile.byId(ids[0]).filter(offered::contains);
    }

    /** The offered profile values in hex, as RFC 5764 and packet captures write them. */
    static String describe(UseSRTPData data) {
        StringJoiner text = new StringJoiner(", ", "[", "]");
        for (int id : data.getProtectionProfiles()) {
            text.add(String.format(Locale.ROOT, "0x%04x", id));
        }
        return text.toString();
    }
}
