package dev.switchboard.wrapper.config;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The wrapper's settings under {@code switchboard.wrapper} (defaults documented in
 * application.yaml); immutable once bound, so any thread may read it.
 *
 * @param mediaServers the configured (static) media servers, each {@code id=uri}; may be empty only
 *     when discovery ({@link DiscoveryProperties}) finds the servers
 * @param instanceId names this instance (resume token, logs); blank means hostname + random
 * @param commandAttempts deliveries of a failing command before it is dead-lettered
 * @param commandRetryBackoff pause before a failed command is put back, times its attempt number
 * @param idleSessionTimeout a session without participants for this long is ended
 * @param idleSweepInterval how often the idle sessions are looked for
 * @param changeStreamPollInterval pause after an empty change-stream poll
 * @param resumeTokenSaveInterval how often the change-stream position is saved while idle
 * @param listenerConcurrency consumers per queue (the wrapper queue and each session queue) on this
 *     instance; each is a RabbitMQ channel
 * @param sessionsPerConnection session queues consumed over one RabbitMQ connection before another
 *     connection is opened; times {@code listenerConcurrency} it must stay below the channel limit
 *     per connection (2047 by default)
 * @param mediaServerProbeTimeout how long a media server may take to report its memory use
 * @param mediaServerRetryInterval least time between two connection attempts to a server that is down
 * @param queueDeleteDelay wait between a session's end and the deletion of its queue and exchange
 * @param connectionLossGrace how long an endpoint may report its connection lost (disconnected, ICE
 *     failed, a publisher's incoming media stopped) before its participant gets ConnectionFailed
 * @param rejoinLimitPerMinute renegotiations (new offers replacing a negotiated endpoint) allowed per
 *     connection (participant and target) in any sliding minute, across all instances; beyond it offers get REJOIN_LIMIT
 * @param heartbeatInterval how often this instance marks itself alive in {@code wrapper_state}
 * @param heartbeatTimeout an instance whose heartbeat is older than this is dead and its endpoint
 *     subscriptions are taken over
 * @param takeoverScanInterval how often dead instances are looked for
 * @param workQueueConcurrency consumers of the shared {@code wrapper} work queue on this instance
 *     (session creation, drain): one queue, so more consumers cost a few channels; with one, each
 *     creation (placement probe, pipeline, insert) waited for the one before and capped new
 *     sessions at a few per second per instance (bench signalling)
 */
@Validated
@ConfigurationProperties("switchboard.wrapper")
public record WrapperProperties(
    @DefaultValue("local=ws://127.0.0.1:8888/kurento") @NotNull List<@Valid @NotNull MediaServerSpec> mediaServers,
    String instanceId,
    @DefaultValue("3") @Min(1) @Max(50) int commandAttempts,
    @DefaultValue("200ms") @NotNull Duration commandRetryBackoff,
    @DefaultValue("5m") @NotNull Duration idleSessionTimeout,
    @DefaultValue("30s") @NotNull Duration idleSweepInterval,
    @DefaultValue("100ms") @NotNull Duration changeStreamPollInterval,
    @DefaultValue("10s") @NotNull Duration resumeTokenSaveInterval,
    @DefaultValue("1") @Min(1) @Max(64) int listenerConcurrency,
    @DefaultValue("500") @Min(1) @Max(65535) int sessionsPerConnection,
    @DefaultValue("2s") @NotNull Duration mediaServerProbeTimeout,
    @DefaultValue("10s") @NotNull Duration mediaServerRetryInterval,
    @DefaultValue("2s") @NotNull Duration queueDeleteDelay,
    @DefaultValue("4s") @NotNull Duration connectionLossGrace,
    @DefaultValue("6") @Min(1) @Max(1000) int rejoinLimitPerMinute,
    @DefaultValue("1s") @NotNull Duration heartbeatInterval,
    @DefaultValue("5s") @NotNull Duration heartbeatTimeout,
    @DefaultValue("2s") @NotNull Duration takeoverScanInterval,
    @DefaultValue("8") @Min(1) @Max(256) int workQueueConcurrency) {

  public WrapperProperties {
    if (instanceId == null || instanceId.isBlank()) {
      instanceId = InstanceIds.generate();
    }
    if (mediaServers != null) {
      Set<String> seen = new HashSet<>();
      for (MediaServerSpec server : mediaServers) {
        if (server != null && !seen.add(server.id())) {
          throw new IllegalArgumentException("media server id '" + server.id() + "' is configured twice");
        }
      }
      mediaServers = List.copyOf(mediaServers);
    }
  }

  /**
   * One media server of the pool: {@code id} is what session documents store, {@code uri} its
   * Kurento JSON-RPC WebSocket.
   */
  public record MediaServerSpec(
      @NotBlank @Pattern(regexp = "[A-Za-z0-9_.-]{1,64}") String id,
      @NotBlank @Pattern(regexp = "wss?://.+") String uri) {}
}
