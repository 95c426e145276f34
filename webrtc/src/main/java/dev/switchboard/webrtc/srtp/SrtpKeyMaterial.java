package dev.switchboard.webrtc.srtp;

import java.util.Arrays;
import java.util.Objects;

/**
 * The SRTP master keys and salts of both DTLS roles, as RFC 5764 §4.2 splits the exporter output
 * {@code client_write_key | server_write_key | client_write_salt | server_write_salt}; immutable and
 * thread-safe, compared by content, never printed.
 */
public record SrtpKeyMaterial(
        SrtpProfile profile, byte[] clientKey, byte[] serverKey, byte[] clientSalt, byte[] serverSalt) {

    /** The RFC 5764 §4.2 exporter label to pass to the DTLS stack. */
    public static final String EXPORTER_LABEL = "EXTRACTOR-dtls_srtp";

    public SrtpKeyMaterial {
        Objects.requireNonNull(profile, "profile");
        clientKey = copyOfLength(clientKey, profile.masterKeyLength(), "clientKey");
        serverKey = copyOfLength(serverKey, profile.masterKeyLength(), "serverKey");
        clientSalt = copyOfLength(clientSalt, profile.masterSaltLength(), "clientSalt");
        serverSalt = copyOfLength(serverSalt, profile.masterSaltLength(), "serverSalt");
    }

    /** How many bytes to ask the DTLS exporter for: both keys and both salts. */
    public static int exporterLength(SrtpProfile profile) {
        return 2 * (profile.masterKeyLength() + profile.masterSaltLength());
    }

    /**
     * Splits the exporter output in RFC 5764 §4.2 order.
     *
     * @throws IllegalArgumentException if {@code exported} is not {@link #exporterLength} long
     */
    public static SrtpKeyMaterial fromExporter(SrtpProfile profile, byte[] exported) {
        Objects.requireNonNull(profile, "profile");
        Objects.requireNonNull(exported, "exported");
        if (exported.length != exporterLength(profile)) {
            throw new IllegalArgumentException(profile + " needs " + exporterLength(profile)
                    + " bytes of exporter output, got " + exported.length);
        }
        int k = profile.masterKeyLength();
        int s = profile.masterSaltLength();
        return new SrtpKeyMaterial(profile,
                Arrays.copyOfRange(exported, 0, k),
                Arrays.copyOfRange(exported, k, 2 * k),
                Arrays.copyOfRange(exported, 2 * k, 2 * k + s),
                Arrays.copyOfRange(exported, 2 * k + s, 2 * k + 2 * s));
    }

    @Override
    public byte[] clientKey() {
        return clientKey.clone();
    }

    @Override
    public byte[] serverKey() {
        return serverKey.clone();
    }

    @Override
    public byte[] clientSalt() {
        return clientSalt.clone();
    }

    @Override
    public byte[] serverSalt() {
        return serverSalt.clone();
    }

    /** The master key of the side whose packets {@code client} (or the server) writes. */
    byte[] writeKey(boolean client) {
        return client ? clientKey : serverKey;
    }

    /** The master salt that goes with {@link #writeKey}. */
    byte[] writeSalt(boolean client) {
        return client ? clientSalt : serverSalt;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SrtpKeyMaterial m
                && profile == m.profile
                && Arrays.equals(clientKey, m.clientKey)
                && Arrays.equals(serverKey, m.serverKey)
                && Arrays.equals(clientSalt, m.clientSalt)
                && Arrays.equals(serverSalt, m.serverSalt);
    }

    @Override
    public int hashCode() {
        int h = profile.hashCode();
        h = 31 * h + Arrays.hashCode(clientKey);
        h = 31 * h + Arrays.hashCode(serverKey);
        h = 31 * h + Arrays.hashCode(clientSalt);
        return 31 * h + Arrays.hashCode(serverSalt);
    }

    /** Names the profile only: key material must not reach logs. */
    @Override
    public String toString() {
        return "SrtpKeyMaterial[profile=" + profile + ", keys redacted]";
    }

    private static byte[] copyOfLength(byte[] value, int length, String name) {
        Objects.requireNonNull(value, name);
        if (value.length != length) {
            throw new IllegalArgumentException(name + " needs " + length + " bytes, got " + value.length);
        }
        return value.clone();
    }
}
