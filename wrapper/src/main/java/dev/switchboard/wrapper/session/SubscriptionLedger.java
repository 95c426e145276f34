package dev.switchboard.wrapper.session;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import dev.switchboard.wrapper.config.WrapperProperties;
import dev.switchboard.wrapper.media.WatchedEndpoint;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/**
 * Each instance's endpoint subscriptions and heartbeat, in its own document of
 * {@code wrapper_state} (next to its change-stream position), so that when an instance dies
 * another one can claim the document and subscribe to those endpoints again; thread-safe (every
 * write is one partial, conditional update).
 *
 * <p>Fields: {@code heartbeatAt}, {@code subscriptions[{sessionId, participantId, target,
 * endpointId}]}, and while a takeover runs {@code claimedBy}/{@code claimedAt}.
 */
@Component
public class SubscriptionLedger {
  static final String SUBSCRIPTIONS = "subscriptions";
  static final String HEARTBEAT_AT = "heartbeatAt";
  static final String CLAIMED_BY = "claimedBy";
  static final String CLAIMED_AT = "claimedAt";

  /** A dead instance's document as found: its id and the heartbeat it stopped at. */
  public record Stale(String instanceId, Date heartbeatAt) {}

  private final MongoTemplate mongo;
  private final Clock clock;
  private final String instanceId;

  public SubscriptionLedger(MongoTemplate mongo, Clock clock, WrapperProperties properties) {
    this.mongo = mongo;
    this.clock = clock;
    this.instanceId = properties.instanceId();
  }

  public String instanceId() {
    return instanceId;
  }

  /** Adds the entry to this instance's document; a second record of the same entry changes nothing. */
  public void record(WatchedEndpoint endpoint) {
    collection().updateOne(Filters.eq("_id", instanceId), Updates.addToSet(SUBSCRIPTIONS, entry(endpoint)),
        new UpdateOptions().upsert(true));
  }

  public void forget(String endpointId) {
    collection().updateOne(Filters.eq("_id", instanceId),
        Updates.pull(SUBSCRIPTIONS, Filters.eq("endpointId", endpointId)));
  }

  /** Drops one entry of this instance (a restart found its endpoint gone). */
  public void forgetEntry(WatchedEndpoint endpoint) {
    collection().updateOne(Filters.eq("_id", instanceId), Updates.pull(SUBSCRIPTIONS, entry(endpoint)));
  }

  public void forgetSession(String sessionId) {
    collection().updateOne(Filters.eq("_id", instanceId),
        Updates.pull(SUBSCRIPTIONS, Filters.eq("sessionId", sessionId)));
  }

  /** Marks this instance alive now. */
  public void heartbeat() {
    collection().updateOne(Filters.eq("_id", instanceId), Updates.set(HEARTBEAT_AT, Date.from(clock.instant())),
        new UpdateOptions().upsert(true));
  }

  /**
   * Marks this instance as gone at once (a graceful stop): the survivors' next scan takes its
   * subscriptions over, instead of waiting for the heartbeat timeout.
   */
  public void resign() {
    collection().updateOne(Filters.eq("_id", instanceId), Updates.set(HEARTBEAT_AT, new Date(0)));
  }

  /** This instance's own entries, unless another instance has claimed its document (it took them over). */
  public List<WatchedEndpoint> ownUnclaimed() {
    Document own = collection().find(Filters.and(Filters.eq("_id", instanceId), Filters.exists(CLAIMED_BY, false)))
        .first();
    return own == null ? List.of() : entries(own);
  }

  /** Other instances whose heartbeat is older than {@code cutoff}. */
  public List<Stale> staleBefore(Instant cutoff) {
    List<Stale> stale = new ArrayList<>();
    for (Document state : collection().find(Filters.and(Filters.ne("_id", instanceId),
        Filters.lt(HEARTBEAT_AT, Date.from(cutoff))))) {
      stale.add(new Stale(state.getString("_id"), state.getDate(HEARTBEAT_AT)));
    }
    return stale;
  }

  /**
   * Compare-and-set: claims the dead instance's document if its heartbeat is still the one seen
   * and nobody holds a claim younger than {@code claimCutoff} (a claimer that died mid-takeover
   * leaves a claim that ages out). Returns its entries when this instance won, else null.
   */
  public List<WatchedEndpoint> claim(Stale stale, Instant claimCutoff) {
    Bson free = Filters.or(Filters.exists(CLAIMED_BY, false), Filters.lt(CLAIMED_AT, Date.from(claimCutoff)));
    Document claimed = collection().findOneAndUpdate(
        Filters.and(Filters.eq("_id", stale.instanceId()), Filters.eq(HEARTBEAT_AT, stale.heartbeatAt()), free),
        Updates.combine(Updates.set(CLAIMED_BY, instanceId), Updates.set(CLAIMED_AT, Date.from(clock.instant()))));
    return claimed == null ? null : entries(claimed);
  }

  /**
   * Removes the taken-over instance's document, or only its takeover fields when it still holds a
   * change-stream position (a restart with the same id resumes from there).
   */
  public void release(String deadInstanceId) {
    Bson ours = Filters.and(Filters.eq("_id", deadInstanceId), Filters.eq(CLAIMED_BY, instanceId));
    if (collection().deleteOne(Filters.and(ours, Filters.exists(ResumeTokenStore.TOKEN, false))).getDeletedCount() == 0) {
      collection().updateOne(ours, Updates.combine(Updates.unset(SUBSCRIPTIONS), Updates.unset(HEARTBEAT_AT),
          Updates.unset(CLAIMED_BY), Updates.unset(CLAIMED_AT)));
    }
  }

  private static Document entry(WatchedEndpoint endpoint) {
    return new Document("sessionId", endpoint.sessionId()).append("participantId", endpoint.participantId())
        .append("target", endpoint.target()).append("endpointId", endpoint.endpointId());
  }

  private static List<WatchedEndpoint> entries(Document state) {
    List<Document> raw = state.getList(SUBSCRIPTIONS, Document.class, List.of());
    return raw.stream().map(d -> new WatchedEndpoint(d.getString("sessionId"), d.getString("participantId"),
        d.getString("target"), d.getString("endpointId"))).toList();
  }

  private MongoCollection<Document> collection() {
    return mongo.getDb().getCollection(ResumeTokenStore.COLLECTION);
  }
}
