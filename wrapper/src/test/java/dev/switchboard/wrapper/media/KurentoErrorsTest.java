package dev.switchboard.wrapper.media;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.wrapper.testing.FakeMediaServer;
import org.junit.jupiter.api.Test;

/** Which media-server errors mean what. */
class KurentoErrorsTest {
  @Test
  void classifiesSdpErrors() {
    assertThat(KurentoErrors.isInvalidSdp(FakeMediaServer.error(40201, "SDP_PARSE_ERROR"))).isTrue();
    assertThat(KurentoErrors.isInvalidSdp(FakeMediaServer.error(40205, "PROCESS_OFFER_ERROR"))).isTrue();
    assertThat(KurentoErrors.isInvalidSdp(FakeMediaServer.error(40208, "ALREADY_NEGOTIATED"))).isFalse();
    assertThat(KurentoErrors.isInvalidSdp(FakeMediaServer.error(40101, "MEDIA_OBJECT_NOT_FOUND"))).isFalse();
    assertThat(KurentoErrors.isInvalidSdp(new IllegalStateException("not from the server"))).isFalse();
  }

  @Test
  void findsTheServerErrorInTheCauseChain() {
    RuntimeException wrapped = new RuntimeException("wrapped", FakeMediaServer.error(40208, "ALREADY_NEGOTIATED"));

    assertThat(KurentoErrors.isAlreadyNegotiated(wrapped)).isTrue();
    assertThat(KurentoErrors.isNotNegotiated(FakeMediaServer.error(40203, "NO_REMOTE_SDP"))).isTrue();
  }
}
