package dev.switchboard.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TopologyTest {
  @Test
  void namesFollowTheDesign() {
    assertThat(Topology.sessionQueue("abc")).isEqualTo("session.abc");
    assertThat(Topology.sessionExchange("abc")).isEqualTo("session.abc.events");
    assertThat(Topology.userQueue("p-1")).isEqualTo("user.p-1");
  }

  @Test
  void idsThatCouldEscapeTheirNameAreRefused() {
    for (String bad : new String[] {"", "a.b", "a/b", "a b", "#", "x".repeat(65), null}) {
      assertThat(Topology.isValidId(bad)).as(String.valueOf(bad)).isFalse();
      assertThatThrownBy(() -> Topology.userQueue(bad)).isInstanceOf(IllegalArgumentException.class);
    }
  }
}
