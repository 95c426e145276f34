package dev.switchboard.api.auth;

/** Reads the credential of an {@code Authorization: Bearer <credential>} header (RFC 6750 section 2.1); stateless. */
public final class Bearer {
  private static final String SCHEME = "bearer ";

  private Bearer() {}

  /** The credential, or null when the header is absent, of another scheme or empty. */
  public static String credential(String header) {
    if (header == null || header.length() <= SCHEME.length()
        || !header.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
      return null;
    }
    String credential = header.substring(SCHEME.length()).strip();
    return credential.isEmpty() ? null : credential;
  }
}
