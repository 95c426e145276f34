package dev.switchboard.webrtc.sdp;

import dev.switchboard.webrtc.dtls.Fingerprint;
import dev.switchboard.webrtc.ice.IceCredentials;
import java.util.List;
import java.util.Optional;

/**
 * The remote ICE credentials, DTLS fingerprint and setup role that apply to one m-section, where a
 * media-level attribute overrides the session-level one (RFC 8839 §5.4, RFC 8122 §5,
 * RFC 4145 §4); immutable and thread-safe.
 */
record RemoteTransport(IceCredentials ice, Fingerprint fingerprint, String setup) {

    /** RFC 4145 §4: without a=setup the endpoint is active. */
    private static final String DEFAULT_SETUP = "active";

    /**
     * Reads the transport of {@code media}.
     *
     * @throws SdpNegotiationException when credentials or a usable fingerprint are missing
     */
    static RemoteTransport of(SessionDescription session, MediaDescription media, String where) {
        String ufrag = pick(session, media, "ice-ufrag").orElseThrow(
                () -> new SdpNegotiationException(where + " has no a=ice-ufrag"));
        String pwd = pick(session, media, "ice-pwd").orElseThrow(
                () -> new SdpNegotiationException(where + " has no a=ice-pwd"));
        IceCredentials ice;
        try {
            ice = new IceCredentials(ufrag, pwd);
        } catch (IllegalArgumentException e) {
            throw new SdpNegotiationException(where + ": bad ICE credentials: " + e.getMessage());
        }
        if (!ice.meetsRfcMinimumLengths()) {
            throw new SdpNegotiationException(where + ": ICE ufrag/pwd shorter than RFC 8839 allows");
        }
        String setup = pick(session, media, "setup").orElse(DEFAULT_SETUP);
        if (!setup.equals("active") && !setup.equals("passive") && !setup.equals("actpass")) {
            throw new SdpNegotiationException(where + ": unsupported a=setup:" + Snippet.of(setup));
        }
        return new RemoteTransport(ice, fingerprint(session, media, where), setup);
    }

    private static Fingerprint fingerprint(SessionDescription session, MediaDescription media, String where) {
        List<String> values = media.attributes("fingerprint");
        if (values.isEmpty()) {
            values = session.attributes("fingerprint");
        }
        // RFC 8122 §5 allows several; the first one we can check is enough.
        for (String value : values) {
            try {
                return Fingerprint.parse(value);
            } catch (IllegalArgumentException e) {
                // An unsupported hash function or a mangled value; try the next one.
            }
        }
        throw new SdpNegotiationException(where + " has no usable a=fingerprint");
    }

    private static Optional<String> pick(SessionDescription session, MediaDescription media, String name) {
        Optional<String> local = media.attribute(name);
        return local.isPresent() ? local : session.attribute(name);
    }
}
