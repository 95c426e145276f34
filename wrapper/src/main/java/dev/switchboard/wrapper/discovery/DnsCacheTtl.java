package dev.switchboard.wrapper.discovery;

import java.security.Security;

/**
 * Lowers the JVM's positive DNS cache (30 s by default) to one second, unless the operator set
 * one ({@code networkaddress.cache.ttl} in java.security or {@code -Dsun.net.inetaddr.ttl}). The
 * JVM reads the policy once, at its first name lookup, so this must run before any lookup: first
 * thing in {@code main}. Stateless.
 */
public final class DnsCacheTtl {
  static final String SECURITY_PROPERTY = "networkaddress.cache.ttl";
  static final String SYSTEM_PROPERTY = "sun.net.inetaddr.ttl";
  static final String SECONDS = "1";

  private DnsCacheTtl() {}

  /** Sets the one-second default; true if it did, false when a policy was configured already. */
  public static boolean applyDefault() {
    if (Security.getProperty(SECURITY_PROPERTY) != null || System.getProperty(SYSTEM_PROPERTY) != null) {
      return false;
    }
    Security.setProperty(SECURITY_PROPERTY, SECONDS);
    return true;
  }
}
