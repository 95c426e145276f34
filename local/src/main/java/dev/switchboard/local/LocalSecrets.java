package dev.switchboard.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * The api's secrets for a run on one machine: each comes from its environment variable, else from
 * a file in the run's folder, else is generated (256 random bits) and kept there readable by the
 * owner only, so participant tokens and the printed application key survive a restart. Not
 * thread-safe; used while starting.
 */
public record LocalSecrets(String tokenSecret, String applicationKey) {
  private static final SecureRandom RANDOM = new SecureRandom();

  /** SWITCHBOARD_API_TOKEN_SECRET and SWITCHBOARD_API_APPLICATION_KEY, else the files token-secret and application-key in {@code dir}. */
  public static LocalSecrets in(Path dir) throws IOException {
    return new LocalSecrets(secret(dir, "SWITCHBOARD_API_TOKEN_SECRET", "token-secret"),
        secret(dir, "SWITCHBOARD_API_APPLICATION_KEY", "application-key"));
  }

  /** The api's command-line arguments that set both. */
  public java.util.List<String> apiArguments() {
    return java.util.List.of("--switchboard.api.token-secret=" + tokenSecret, "--switchboard.api.application-key=" + applicationKey);
  }

  private static String secret(Path dir, String env, String fileName) throws IOException {
    String fromEnv = System.getenv(env);
    if (fromEnv != null && !fromEnv.isBlank()) {
      return fromEnv.strip();
    }
    Path file = dir.resolve(fileName);
    if (Files.exists(file)) {
      return Files.readString(file).strip();
    }
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    String secret = HexFormat.of().formatHex(bytes);
    Files.createDirectories(dir);
    Files.writeString(file, secret);
    try {
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    } catch (UnsupportedOperationException e) {
      // Not a POSIX file system: the folder's own permissions apply.
    }
    return secret;
  }

  /** Keeps both secrets out of anything that prints this record. */
  @Override
  public String toString() {
    return "LocalSecrets[(hidden)]";
  }
}
