package dev.switchboard.wrapper.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.contracts.bus.AddIceCandidate;
import dev.switchboard.contracts.bus.DrainMediaServer;
import dev.switchboard.contracts.bus.ProcessOffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** Reading commands as the api writes them, and refusing what is not one. */
class CommandReaderTest {
  private final CommandReader reader = new CommandReader(JsonMapper.builder().build());

  @Test
  void readsACommandByItsType() {
    String json = """
        {"type":"processOffer","commandId":"c-3","sessionId":"s-1","participantId":"p-1","target":"p-2",
         "sdp":"v=0\\r\\n","issuedAt":"2026-01-01T10:00:02Z"}""";

    assertThat(reader.read(bytes(json)))
        .isEqualTo(new ProcessOffer("c-3", "s-1", "p-1", "p-2", "v=0\r\n", Instant.parse("2026-01-01T10:00:02Z")));
  }

  @Test
  void anEmptyCandidateIsAValidEndOfCandidates() {
    String json = """
        {"type":"addIceCandidate","commandId":"c-4","sessionId":"s-1","participantId":"p-1","target":"p-1",
         "candidate":"","sdpMid":"0","sdpMLineIndex":0,"issuedAt":"2026-01-01T10:00:03Z"}""";

    assertThat(reader.read(bytes(json))).isInstanceOf(AddIceCandidate.class);
  }

  @Test
  void somethingThatIsNotJsonIsMalformedAndNamesNobody() {
    assertThatThrownBy(() -> reader.read(bytes("not json")))
        .isInstanceOfSatisfying(MalformedCommandException.class, e -> assertThat(e.participantId()).isNull());
  }

  @Test
  void anUnknownTypeIsMalformedButItsSenderCanStillBeTold() {
    String json = """
        {"type":"dance","commandId":"c-9","sessionId":"s-1","participantId":"p-1"}""";

    assertThatThrownBy(() -> reader.read(bytes(json))).isInstanceOfSatisfying(MalformedCommandException.class, e -> {
      assertThat(e.sessionId()).isEqualTo("s-1");
      assertThat(e.participantId()).isEqualTo("p-1");
    });
  }

  @Test
  void invalidIdsAreMalformed() {
    String json = """
        {"type":"leaveSession","commandId":"c-5","sessionId":"s 1/../x","participantId":"p-1"}""";

    assertThatThrownBy(() -> reader.read(bytes(json))).isInstanceOf(MalformedCommandException.class)
        .hasMessageContaining("sessionId");
  }

  @Test
  void aMediaServerCommandHasNoSessionButMustNameAValidServer() {
    String json = """
        {"type":"drainMediaServer","commandId":"c-6","mediaServer":"medianode-2","moveSessions":true,
         "issuedAt":"2026-01-01T10:00:05Z"}""";
    String invalid = """
        {"type":"undrainMediaServer","commandId":"c-7","mediaServer":"../x y","issuedAt":"2026-01-01T10:00:06Z"}""";

    assertThat(reader.read(bytes(json)))
        .isEqualTo(new DrainMediaServer("c-6", "medianode-2", true, Instant.parse("2026-01-01T10:00:05Z")));
    assertThatThrownBy(() -> reader.read(bytes(invalid))).isInstanceOf(MalformedCommandException.class)
        .hasMessageContaining("mediaServer");
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
