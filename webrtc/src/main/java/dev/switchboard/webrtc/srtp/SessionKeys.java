package dev.switchboard.webrtc.srtp;

/**
 * The session encryption key, authentication key and salt of one direction and packet kind (RFC
 * 3711 §4.3; RFC 7714 §11 needs no authentication key, so it is empty there); immutable by
 * convention, thread-safe, never printed.
 */
record SessionKeys(byte[] encryptionKey, byte[] authKey, byte[] salt) {

    /** Derives the SRTP ({@code rtcp} false) or SRTCP session keys from one master key and salt. */
    static SessionKeys derive(SrtpProfile profile, byte[] masterKey, byte[] masterSalt, boolean rtcp) {
        int encryption = rtcp ? KeyDerivation.RTCP_ENCRYPTION : KeyDerivation.RTP_ENCRYPTION;
        int auth = rtcp ? KeyDerivation.RTCP_AUTHENTICATION : KeyDerivation.RTP_AUTHENTICATION;
        int salt = rtcp ? KeyDerivation.RTCP_SALT : KeyDerivation.RTP_SALT;
        return new SessionKeys(
                KeyDerivation.prf(masterKey, masterSalt, encryption, profile.masterKeyLength()),
                KeyDerivation.prf(masterKey, masterSalt, auth, profile.authKeyLength()),
                KeyDerivation.prf(masterKey, masterSalt, salt, profile.masterSaltLength()));
    }

    @Override
    public String toString() {
        return "SessionKeys[redacted]";
    }
}
