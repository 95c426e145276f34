package dev.switchboard.api.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.PlainHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import dev.switchboard.api.support.TestApiProperties;
import dev.switchboard.api.web.ApiException;
import dev.switchboard.api.web.ErrorCode;
import dev.switchboard.contracts.rest.ParticipantRight;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Date;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Participant tokens are HS256 JWTs (RFC 7519) bound to one session and participant, with rights
 * and an expiry; anything else (other key, other algorithm, alg none, tampered claims, expired,
 * another issuer or audience, unknown rights, garbage) is refused with the right code.
 */
class ParticipantTokensTest {
  private static final String SECRET = "a-test-secret-that-is-long-enough-0123456789";
  private static final Instant T0 = Instant.parse("2026-11-24T10:00:00Z");
  private static final Set<ParticipantRight> BOTH = ParticipantRight.all();

  private final ParticipantTokens tokens = tokens(SECRET, T0);

  @Test
  void aTokenCarriesItsSessionParticipantRightsAndExpiry() throws Exception {
    IssuedToken issued = tokens.issue("s-1", "p-1", EnumSet.of(ParticipantRight.RECEIVE));

    assertThat(issued.expiresAt()).isEqualTo(T0.plus(Duration.ofMinutes(15)));
    SignedJWT jwt = SignedJWT.parse(issued.token());
    assertThat(jwt.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.HS256);
    JWTClaimsSet claims = jwt.getJWTClaimsSet();
    assertThat(claims.getSubject()).isEqualTo("p-1");
    assertThat(claims.getClaim("sid")).isEqualTo("s-1");
    assertThat(claims.getStringListClaim("rights")).containsExactly("receive");
    assertThat(claims.getIssuer()).isEqualTo("switchboard");
    assertThat(claims.getExpirationTime().toInstant()).isEqualTo(issued.expiresAt());
    assertThat(claims.getJWTID()).isNotBlank();

    ParticipantClaims verified = tokens.verify(issued.token());
    assertThat(verified).isEqualTo(new ParticipantClaims("s-1", "p-1", EnumSet.of(ParticipantRight.RECEIVE), issued.expiresAt()));
  }

  @Test
  void aTokenExpiresAfterItsLifetimeAndTheClockSkew() {
    String token = tokens.issue("s-1", "p-1", BOTH).token();
    Instant expiry = T0.plus(Duration.ofMinutes(15));

    assertThat(tokens(SECRET, expiry.plus(TestApiProperties.CLOCK_SKEW).minusSeconds(1)).verify(token).participantId()).isEqualTo("p-1");
    assertRefused(tokens(SECRET, expiry.plus(TestApiProperties.CLOCK_SKEW)), token, ErrorCode.TOKEN_EXPIRED);
    assertRefused(tokens(SECRET, expiry.plus(Duration.ofDays(365))), token, ErrorCode.TOKEN_EXPIRED);
  }

  @Test
  void aTokenFromTheFutureIsRefused() {
    String token = tokens(SECRET, T0.plus(Duration.ofMinutes(5))).issue("s-1", "p-1", BOTH).token();
    assertRefused(tokens, token, ErrorCode.TOKEN_INVALID);
  }

  @Test
  void anotherSecretDoesNotVerify() {
    String token = tokens(SECRET + "!", T0).issue("s-1", "p-1", BOTH).token();
    assertRefused(tokens, token, ErrorCode.TOKEN_INVALID);
  }

  @Test
  void unsignedAndOtherAlgorithmTokensAreRefused() throws Exception {
    JWTClaimsSet claims = validClaims().build();
    // alg "none": the classic JWT forgery.
    assertRefused(tokens, new PlainJWT(new PlainHeader(), claims).serialize(), ErrorCode.TOKEN_INVALID);
    // HS512 with the right secret is still not the algorithm we issue.
    SignedJWT hs512 = new SignedJWT(new JWSHeader(JWSAlgorithm.HS512), claims);
    hs512.sign(new MACSigner((SECRET + SECRET).getBytes(StandardCharsets.UTF_8)));
    assertRefused(tokens, hs512.serialize(), ErrorCode.TOKEN_INVALID);
    // The right signature over claims that are then swapped for another participant's.
    String genuine = sign(claims);
    String[] parts = genuine.split("\\.");
    String forgedClaims = Base64.getUrlEncoder().withoutPadding().encodeToString(
        validClaims().subject("p-2").build().toString().getBytes(StandardCharsets.UTF_8));
    assertRefused(tokens, parts[0] + "." + forgedClaims + "." + parts[2], ErrorCode.TOKEN_INVALID);
    assertThat(tokens.verify(genuine).participantId()).isEqualTo("p-1");
  }

  @Test
  void claimsThatAreMissingOrForeignAreRefused() throws Exception {
    assertRefused(tokens, sign(validClaims().issuer("someone-else").build()), ErrorCode.TOKEN_INVALID);
    assertRefused(tokens, sign(validClaims().audience("another-api").build()), ErrorCode.TOKEN_INVALID);
    assertRefused(tokens, sign(validClaims().expirationTime(null).build()), ErrorCode.TOKEN_INVALID);
    assertRefused(tokens, sign(validClaims().claim("sid", null).build()), ErrorCode.TOKEN_INVALID);
    assertRefused(tokens, sign(validClaims().claim("sid", 42).build()), ErrorCode.TOKEN_INVALID);
    assertRefused(tokens, sign(validClaims().subject(null).build()), ErrorCode.TOKEN_INVALID);
    assertRefused(tokens, sign(validClaims().claim("rights", List.of("publish", "admin")).build()), ErrorCode.TOKEN_INVALID);
    assertRefused(tokens, sign(validClaims().claim("rights", "publish").build()), ErrorCode.TOKEN_INVALID);
    assertThat(tokens.verify(sign(validClaims().claim("rights", List.of()).build())).rights()).isEmpty();
  }

  @Test
  void garbageIsRefusedNotThrown() {
    for (String garbage : new String[] {"", "x", "a.b", "a.b.c", "..", "eyJ.eyJ.", "x".repeat(ParticipantTokens.MAX_TOKEN_CHARS + 1)}) {
      assertRefused(tokens, garbage, ErrorCode.TOKEN_INVALID);
    }
    assertRefused(tokens, null, ErrorCode.TOKEN_INVALID);
  }

  private static JWTClaimsSet.Builder validClaims() {
    return new JWTClaimsSet.Builder().issuer("switchboard").audience("switchboard-api").subject("p-1").claim("sid", "s-1")
        .claim("rights", List.of("publish", "receive")).issueTime(Date.from(T0))
        .expirationTime(Date.from(T0.plus(Duration.ofMinutes(15))));
  }

  private static String sign(JWTClaimsSet claims) throws Exception {
    SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
    jwt.sign(new MACSigner(SECRET.getBytes(StandardCharsets.UTF_8)));
    return jwt.serialize();
  }

  private static void assertRefused(ParticipantTokens tokens, String token, ErrorCode code) {
    assertThatThrownBy(() -> tokens.verify(token)).as("token %s", token)
        .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code()).isEqualTo(code));
  }

  private static ParticipantTokens tokens(String secret, Instant now) {
    return new ParticipantTokens(TestApiProperties.with(secret, null, Duration.ofMinutes(15)), Clock.fixed(now, ZoneOffset.UTC));
  }
}
