package dev.switchboard.webrtc.stun;

/**
 * The ERROR-CODE values this stack sends, with RFC 8489 §14.8's and RFC 8445 §16.1's reason
 * phrases; stateless and thread-safe.
 */
public final class StunErrorCode {

    public static final int BAD_REQUEST = 400;
    public static final int UNAUTHORIZED = 401;
    public static final int UNKNOWN_ATTRIBUTE = 420;
    public static final int ROLE_CONFLICT = 487;
    public static final int SERVER_ERROR = 500;

    private StunErrorCode() {
    }

    /** The recommended reason phrase for {@code code}, or "Error" for codes without one here. */
    public static String reasonPhrase(int code) {
        return switch (code) {
            case BAD_REQUEST -> "Bad Request";
            case UNAUTHORIZED -> "Unauthorized";
            case UNKNOWN_ATTRIBUTE -> "Unknown Attribute";
            case ROLE_CONFLICT -> "Role Conflict";
            case SERVER_ERROR -> "Server Error";
            default -> "Error";
        };
    }
}
