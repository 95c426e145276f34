package dev.switchboard.webrtc.ice;

import java.util.Objects;

/**
 * Splits and joins the USERNAME of ICE connectivity checks, {@code receiverUfrag:senderUfrag}
 * (RFC 8445 §7.2.2); stateless and thread-safe.
 *
 * <p>"Local" is from the point of view of the agent receiving the check, so a server sharing one
 * UDP port between many endpoints finds the endpoint by {@link #localUfrag(String)}.
 */
public final class IceUsername {

    private IceUsername() {
    }

    /** The USERNAME a sender puts in checks to {@code receiverUfrag}. */
    public static String of(String receiverUfrag, String senderUfrag) {
        Objects.requireNonNull(receiverUfrag, "receiverUfrag");
        Objects.requireNonNull(senderUfrag, "senderUfrag");
        return receiverUfrag + ':' + senderUfrag;
    }

    /** The part before the colon, or null unless {@code username} is two non-empty parts around exactly one colon. */
    public static String localUfrag(String username) {
        int colon = colon(username);
        return colon < 0 ? null : username.substring(0, colon);
    }

    /** The part after the colon, or null unless {@code username} is two non-empty parts around exactly one colon. */
    public static String remoteUfrag(String username) {
        int colon = colon(username);
        return colon < 0 ? null : username.substring(colon + 1);
    }

    // ice-chars exclude ':', so a second colon cannot belong to a real ufrag.
    private static int colon(String username) {
        if (username == null) {
            return -1;
        }
        int colon = username.indexOf(':');
        boolean wellFormed = colon > 0 && colon < username.length() - 1 && username.indexOf(':', colon + 1) < 0;
        return wellFormed ? colon : -1;
    }
}
