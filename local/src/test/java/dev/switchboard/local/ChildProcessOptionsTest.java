package dev.switchboard.local;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ChildProcessOptionsTest {
  @AfterEach
  void clear() {
    System.clearProperty("switchboard.cluster.jvm-options");
    System.clearProperty("switchboard.cluster.jvm-options.wrapper");
  }

  @Test
  void noPropertiesAddNothing() {
    assertThat(ChildProcess.extraJvmOptions("wrapper-1")).isEmpty();
  }

  @Test
  void commonThenRoleOptionsWithTheProcessName() {
    System.setProperty("switchboard.cluster.jvm-options", " -Xmx1g  -XX:TieredStopAtLevel=4 ");
    System.setProperty("switchboard.cluster.jvm-options.wrapper", "-XX:StartFlightRecording=filename=/tmp/{name}.jfr");
    assertThat(ChildProcess.extraJvmOptions("wrapper-2"))
        .containsExactly("-Xmx1g", "-XX:TieredStopAtLevel=4", "-XX:StartFlightRecording=filename=/tmp/wrapper-2.jfr");
    assertThat(ChildProcess.extraJvmOptions("api-1")).containsExactly("-Xmx1g", "-XX:TieredStopAtLevel=4");
  }
}
