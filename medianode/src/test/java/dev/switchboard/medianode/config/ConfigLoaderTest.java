package dev.switchboard.medianode.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {

  @Test
  void defaults_matchKms() {
    MediaNodeConfig c = ConfigLoader.load(new String[0], Map.of());
    assertThat(c.url()).isEqualTo("ws://127.0.0.1:8888/kurento");
    assertThat(c.gcPeriod()).isEqualTo(Duration.ofSeconds(240));
    assertThat(c.udpPort()).isEqualTo(40000);
    assertThat(c.maxMessageBytes()).isEqualTo(1_000_000);
    assertThat(c.announcedAddresses()).isEmpty();
  }

  @Test
  void environmentIsRead_andFlagsWin() {
    MediaNodeConfig c = ConfigLoader.load(new String[] {"--port", "9999", "--path=/media"},
        Map.of("MEDIANODE_PORT", "7777", "MEDIANODE_ANNOUNCED_IP", "203.0.113.5, 10.0.0.2", "MEDIANODE_HOST", "0.0.0.0"));
    assertThat(c.port()).isEqualTo(9999);
    assertThat(c.path()).isEqualTo("media");
    assertThat(c.host()).isEqualTo("0.0.0.0");
    assertThat(c.announcedAddresses()).containsExactly("203.0.113.5", "10.0.0.2");
  }

  @Test
  void everyProblemIsReportedAtOnce() {
    assertThatThrownBy(() -> ConfigLoader.load(new String[] {"--port", "99999", "--nope", "1", "--udp-port", "x"},
        Map.of("MEDIANODE_ANNOUNCED_IP", "example.com")))
        .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems()).hasSize(4)
            .anySatisfy(p -> assertThat(p).contains("port: 99999"))
            .anySatisfy(p -> assertThat(p).contains("--nope"))
            .anySatisfy(p -> assertThat(p).contains("udp-port"))
            .anySatisfy(p -> assertThat(p).contains("example.com")));
  }

  @Test
  void theSecretComesFromTheEnvironmentOrAFileAndIsNeverPrinted(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("secret");
    Files.writeString(file, "from-a-file-0123456789\n");

    MediaNodeConfig fromEnv = ConfigLoader.load(new String[0], Map.of("MEDIANODE_SECRET", "from-the-env-0123456789"));
    MediaNodeConfig fromFile = ConfigLoader.load(new String[] {"--secret-file", file.toString()}, Map.of());

    assertThat(fromEnv.secret()).isEqualTo("from-the-env-0123456789");
    assertThat(fromFile.secret()).isEqualTo("from-a-file-0123456789");
    assertThat(fromFile.requiresSecret()).isTrue();
    assertThat(fromFile.toString()).doesNotContain("from-a-file").contains("secret=(set)");
    assertThat(ConfigLoader.load(new String[0], Map.of()).requiresSecret()).isFalse();
  }

  @Test
  void aShortUnsafeOrDoubleSecretIsRefusedWithoutEchoingIt(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("secret");
    Files.writeString(file, "from-a-file-0123456789");
    for (String[] args : new String[][] {{"--secret", "short"}, {"--secret", "has spaces in it 0123456789"},
        {"--secret", "amp&ersand-0123456789"}, {"--secret", "both-given-0123456789", "--secret-file", file.toString()},
        {"--secret-file", dir.resolve("missing").toString()}}) {
      assertThatThrownBy(() -> ConfigLoader.load(args, Map.of())).isInstanceOfSatisfying(ConfigException.class,
          e -> assertThat(String.join(" ", e.problems())).contains("secret").doesNotContain("0123456789"));
    }
  }

  @Test
  void help_listsEveryFlagAndVariable() {
    String help = ConfigLoader.help();
    for (Setting s : ConfigLoader.SETTINGS) {
      assertThat(help).contains(s.flagName()).contains(s.env());
    }
  }
}
