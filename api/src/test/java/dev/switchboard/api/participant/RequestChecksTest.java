package dev.switchboard.api.participant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.api.config.ApiProperties;
import dev.switchboard.api.support.ApiClient;
import dev.switchboard.api.web.ApiException;
import dev.switchboard.api.web.ErrorCode;
import dev.switchboard.contracts.rest.CandidateRequest;
import dev.switchboard.contracts.rest.JoinRequest;
import dev.switchboard.contracts.rest.ParticipantRight;
import java.util.List;
import dev.switchboard.contracts.rest.OfferRequest;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The edge checks of names, offers and candidates, one rule at a time. */
class RequestChecksTest {
  private final RequestChecks checks = new RequestChecks(new ApiProperties(ApiClient.TOKEN_SECRET,
      Duration.ofSeconds(30), 100, 4096, 1024, Duration.ofSeconds(5), Duration.ofSeconds(5), null,
      ApiClient.APPLICATION_KEY, Duration.ofMinutes(15), Duration.ofSeconds(30)));

  @Test
  void rightsDefaultToPublishAndReceiveAndRefuseNulls() {
    assertThat(checks.rights(new JoinRequest("Ada", null))).containsExactlyInAnyOrder(ParticipantRight.PUBLISH, ParticipantRight.RECEIVE);
    assertThat(checks.rights(new JoinRequest("Ada", List.of()))).isEmpty();
    assertThat(checks.rights(new JoinRequest("Ada", List.of(ParticipantRight.RECEIVE, ParticipantRight.RECEIVE))))
        .containsExactly(ParticipantRight.RECEIVE);
    assertRefused(() -> checks.rights(new JoinRequest("Ada", java.util.Arrays.asList(ParticipantRight.PUBLISH, null))),
        ErrorCode.INVALID_BODY);
  }

  @Test
  void namesAreTrimmedAndCountedInCharacters() {
    assertThat(checks.name(new JoinRequest("  Ada Lovelace \t", null))).isEqualTo("Ada Lovelace");
    assertThat(checks.name(new JoinRequest("😀".repeat(64), null))).hasSize(128);
    assertRefused(() -> checks.name(new JoinRequest("😀".repeat(65), null)), ErrorCode.INVALID_BODY);
    assertRefused(() -> checks.name(new JoinRequest("", null)), ErrorCode.INVALID_BODY);
    assertRefused(() -> checks.name(new JoinRequest("a\u0000b", null)), ErrorCode.INVALID_BODY);
  }

  @Test
  void offersNeedVersionZeroAndAMediaLineWithinTheLimit() {
    assertThatCode(() -> checks.offer(new OfferRequest("p-1", "v=0\nm=audio 9 RTP/AVP 0\n"))).doesNotThrowAnyException();
    assertThatCode(() -> checks.offer(new OfferRequest("p-1", "v=0\r\ns=-\r\nm=video 9 RTP/AVP 96\r\n"))).doesNotThrowAnyException();
    assertRefused(() -> checks.offer(new OfferRequest("p-1", "v=0\r\nc=IN IP4 0.0.0.0 m=audio\r\n")), ErrorCode.INVALID_SDP);
    assertRefused(() -> checks.offer(new OfferRequest("p-1", " v=0\r\nm=audio 9 RTP/AVP 0\r\n")), ErrorCode.INVALID_SDP);
    assertRefused(() -> checks.offer(new OfferRequest("p-1", "v=0\r\nm=audio 9 RTP/AVP 0\r\na=" + "é".repeat(600))),
        ErrorCode.INVALID_SDP); // 1200 bytes in UTF-8, over the 1024-byte limit
    assertRefused(() -> checks.offer(new OfferRequest("p 1", "v=0\r\nm=audio 9 RTP/AVP 0\r\n")), ErrorCode.INVALID_BODY);
  }

  @Test
  void anOfferIdIsOptionalAndShort() {
    String sdp = "v=0\r\nm=audio 9 RTP/AVP 0\r\n";
    assertThatCode(() -> checks.offer(new OfferRequest("p-1", sdp, "o-7f3a_9"))).doesNotThrowAnyException();
    assertThatCode(() -> checks.offer(new OfferRequest("p-1", sdp, null))).doesNotThrowAnyException();
    assertRefused(() -> checks.offer(new OfferRequest("p-1", sdp, "")), ErrorCode.INVALID_BODY);
    assertRefused(() -> checks.offer(new OfferRequest("p-1", sdp, "a".repeat(65))), ErrorCode.INVALID_BODY);
    assertRefused(() -> checks.offer(new OfferRequest("p-1", sdp, "o 1")), ErrorCode.INVALID_BODY);
  }

  @Test
  void candidatesAreOneCandidateLineOrEmpty() {
    assertThatCode(() -> checks.candidate(new CandidateRequest("p-1", "", null, 0))).doesNotThrowAnyException();
    assertThatCode(() -> checks.candidate(new CandidateRequest("p-1", "candidate:1 1 udp 1 192.0.2.1 9 typ host", "0", 1)))
        .doesNotThrowAnyException();
    assertRefused(() -> checks.candidate(new CandidateRequest("p-1", "candidate:1\u000b", "0", 0)), ErrorCode.INVALID_CANDIDATE);
    assertRefused(() -> checks.candidate(new CandidateRequest("p-1", "", "m".repeat(65), 0)), ErrorCode.INVALID_CANDIDATE);
    assertRefused(() -> checks.candidate(new CandidateRequest("p-1", "", "0", 65536)), ErrorCode.INVALID_CANDIDATE);
    assertRefused(() -> checks.candidate(new CandidateRequest(null, "", "0", 0)), ErrorCode.INVALID_BODY);
  }

  private static void assertRefused(Runnable check, ErrorCode code) {
    assertThatThrownBy(check::run).isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code()).isEqualTo(code));
  }
}
