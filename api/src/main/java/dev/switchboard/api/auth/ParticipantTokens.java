package dev.switchboard.api.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.switchboard.api.config.ApiProperties;
import dev.switchboard.api.web.ApiException;
import dev.switchboard.api.web.ErrorCode;
import dev.switchboard.contracts.rest.ParticipantRight;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Issues and verifies participant tokens: JWTs (RFC 7519) signed with HMAC-SHA256 (RFC 7518
 * section 3.2) under {@code switchboard.api.token-secret}, bound to one session ({@code sid}) and
 * participant ({@code sub}), carrying its rights and expiring after {@code token-ttl}. Only HS256
 * is accepted, so a token with {@code alg: none} or another algorithm is refused before any key is
 * used. Thread-safe: the signer and verifier are immutable, time comes from the injected clock.
 */
@Component
public class ParticipantTokens {
  static final String ISSUER = "switchboard";
  static final String AUDIENCE = "switchboard-api";
  /** Far above a real token (about 400 characters); a longer one is refused before it is parsed. */
  static final int MAX_TOKEN_CHARS = 4096;

  private final MACSigner signer;
  private final MACVerifier verifier;
  private final Duration ttl;
  /** Tolerated difference between the clocks of the api instances that issue and check a token. */
  private final Duration clockSkew;
  private final Clock clock;

  public ParticipantTokens(ApiProperties properties, Clock clock) {
    byte[] secret = properties.tokenSecret().getBytes(StandardCharsets.UTF_8);
    try {
      this.signer = new MACSigner(secret);
      this.verifier = new MACVerifier(secret);
    } catch (JOSEException e) {
      throw new IllegalStateException("switchboard.api.token-secret cannot key HMAC-SHA256: " + e.getMessage(), e);
    }
    this.ttl = properties.tokenTtl();
    this.clockSkew = properties.tokenClockSkew();
    this.clock = clock;
  }

  public IssuedToken issue(String sessionId, String participantId, Set<ParticipantRight> rights) {
    // Whole seconds: JWT's NumericDate, and what the client is told.
    Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
    Instant expiresAt = now.plus(ttl);
    JWTClaimsSet claims = new JWTClaimsSet.Builder()
        .issuer(ISSUER)
        .audience(AUDIENCE)
        .subject(participantId)
        .claim("sid", sessionId)
        .claim("rights", rights.stream().sorted().map(ParticipantRight::wireName).toList())
        .issueTime(Date.from(now))
        .expirationTime(Date.from(expiresAt))
        .jwtID(UUID.randomUUID().toString())
        .build();
    SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).type(JOSEObjectType.JWT).build(), claims);
    try {
      jwt.sign(signer);
    } catch (JOSEException e) {
      throw new IllegalStateException("Could not sign a participant token", e);
    }
    return new IssuedToken(jwt.serialize(), expiresAt);
  }

  /**
   * The claims of a token this api (or another instance with the same secret) issued and that has
   * not expired; otherwise throws TOKEN_EXPIRED (401: get a new one) or TOKEN_INVALID (403).
   */
  public ParticipantClaims verify(String token) {
    if (token == null || token.length() > MAX_TOKEN_CHARS) {
      throw invalid("The token is not a participant token");
    }
    JWTClaimsSet claims;
    try {
      SignedJWT jwt = SignedJWT.parse(token);
      if (!JWSAlgorithm.HS256.equals(jwt.getHeader().getAlgorithm()) || jwt.getHeader().getCriticalParams() != null) {
        throw invalid("The token is not signed with HS256");
      }
      if (!jwt.verify(verifier)) {
        throw invalid("The token's signature is not valid");
      }
      claims = jwt.getJWTClaimsSet();
    } catch (ParseException | JOSEException | IllegalStateException e) {
      // IllegalStateException: nimbus refuses to verify a JWS in an unexpected state.
      throw invalid("The token is not a participant token");
    }
    if (!ISSUER.equals(claims.getIssuer()) || claims.getAudience() == null || !claims.getAudience().contains(AUDIENCE)) {
      throw invalid("The token was not issued for this api");
    }
    Date expiration = claims.getExpirationTime();
    if (expiration == null) {
      throw invalid("The token has no expiry");
    }
    Instant now = clock.instant();
    if (!now.isBefore(expiration.toInstant().plus(clockSkew))) {
      throw new ApiException(ErrorCode.TOKEN_EXPIRED,
          "The token expired; refresh tokens before they expire, or join again");
    }
    Date issued = claims.getIssueTime();
    if (issued != null && issued.toInstant().isAfter(now.plus(clockSkew))) {
      throw invalid("The token is issued in the future");
    }
    Object sessionId = claims.getClaim("sid");
    String participantId = claims.getSubject();
    if (!(sessionId instanceof String sid) || participantId == null) {
      throw invalid("The token names no session or participant");
    }
    return new ParticipantClaims(sid, participantId, rights(claims.getClaim("rights")), expiration.toInstant());
  }

  private static Set<ParticipantRight> rights(Object claim) {
    if (!(claim instanceof List<?> names)) {
      throw invalid("The token carries no rights");
    }
    Set<ParticipantRight> rights = EnumSet.noneOf(ParticipantRight.class);
    for (Object name : names) {
      ParticipantRight right = null;
      for (ParticipantRight candidate : ParticipantRight.values()) {
        if (candidate.wireName().equals(name)) {
          right = candidate;
        }
      }
      if (right == null) {
        throw invalid("The token carries an unknown right");
      }
      rights.add(right);
    }
    return rights;
  }

  private static ApiException invalid(String message) {
    return new ApiException(ErrorCode.TOKEN_INVALID, message);
  }
}
