package dev.switchboard.wrapper.session;

import static dev.switchboard.wrapper.session.SessionFields.BOUND_AT;
import static dev.switchboard.wrapper.session.SessionFields.EPOCH;
import static dev.switchboard.wrapper.session.SessionFields.EVERY_PARTICIPANT;
import static dev.switchboard.wrapper.session.SessionFields.ID;
import static dev.switchboard.wrapper.session.SessionFields.MEDIA_SERVER;
import static dev.switchboard.wrapper.session.SessionFields.PENDING_CANDIDATES;
import static dev.switchboard.wrapper.session.SessionFields.PIPELINE;
import static dev.switchboard.wrapper.session.SessionFields.PUBLISHER;
import static dev.switchboard.wrapper.session.SessionFields.RECEIVERS;
import static dev.switchboard.wrapper.session.SessionFields.RECOVERY;
import static dev.switchboard.wrapper.session.SessionFields.RECOVERY_AT;
import static dev.switchboard.wrapper.session.SessionFields.RECOVERY_BY;
import static dev.switchboard.wrapper.session.SessionFields.STATE;
import static dev.switchboard.wrapper.session.SessionFields.UPDATED_AT;
import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import dev.switchboard.wrapper.media.KurentoRef;
import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * Which media server and pipeline each session is bound to, as failover sees it: the sessions a
 * server holds (for the probe, a loss, a drain or discovery), the claim of a session's recovery
 * and its rebinding after a loss, compare-and-set on {@code epoch}. The participants and the life
 * cycle of a session are {@link SessionStore}'s. Every change is one conditional single-document
 * update; thread-safe.
 */
@Component
public class SessionBindings {
  private static final String COLLECTION = SessionDocuments.COLLECTION;

  private final MongoTemplate mongo;
  private final SessionDocuments documents;
  private final Clock clock;

  public SessionBindings(MongoTemplate mongo, Clock clock) {
    this.mongo = mongo;
    this.documents = new SessionDocuments(mongo);
    this.clock = clock;
  }

  /** ACTIVE sessions bound to {@code mediaServer} that have a pipeline there (what a probe checks). */
  public List<SessionRecord> findBoundTo(String mediaServer) {
    Query query = query(where(MEDIA_SERVER).is(mediaServer).and(STATE).is(SessionStates.ACTIVE)
        .and(PIPELINE).exists(true));
    return documents.find(query);
  }

  /**
   * The pipeline id of every ACTIVE session bound to {@code mediaServer}, by session id, reading
   * only those two fields: every instance runs this once a second per media server, so reading
   * and mapping whole session documents made MongoDB's and the wrapper's idle CPU grow with
   * sessions x instances (JFR of bench scale: 20 % of a wrapper's samples in the probe, 60 % in
   * driver and mapping code).
   */
  public Map<String, String> pipelinesBoundTo(String mediaServer) {
    Query query = query(where(MEDIA_SERVER).is(mediaServer).and(STATE).is(SessionStates.ACTIVE)
        .and(PIPELINE).exists(true));
    query.fields().include(ID).include(PIPELINE + ".id");
    Map<String, String> pipelines = new HashMap<>();
    for (Document document : mongo.find(query, Document.class, COLLECTION)) {
      Document pipeline = document.get(PIPELINE, Document.class);
      if (pipeline != null && pipeline.getString("id") != null) {
        pipelines.put(document.getString(ID), pipeline.getString("id"));
      }
    }
    return pipelines;
  }

  /**
   * {@link #findBoundTo(String)}, only sessions bound there before {@code boundBefore}: during an
   * outage this instance noticed at that time, a session bound later was placed by an instance
   * that saw the server healthy, and is left to that instance's view (a lagging reconnect here
   * must not move it again).
   */
  public List<SessionRecord> findBoundTo(String mediaServer, Instant boundBefore) {
    Query query = query(new Criteria().andOperator(
        where(MEDIA_SERVER).is(mediaServer).and(STATE).is(SessionStates.ACTIVE).and(PIPELINE).exists(true),
        new Criteria().orOperator(where(BOUND_AT).exists(false), where(BOUND_AT).lte(boundBefore))));
    return documents.find(query);
  }

  /** ACTIVE sessions whose binding was lost (no pipeline: no server could take them then). */
  public List<SessionRecord> findBindingLost() {
    Query query = query(where(STATE).is(SessionStates.ACTIVE).and(PIPELINE).exists(false));
    return documents.find(query);
  }

  /**
   * Claims the recovery of a session still bound to {@code lostServer} at {@code expectedEpoch}:
   * sets {@code recovery: {by, at}} unless another instance holds a marker newer than
   * {@code staleBefore}. Exactly one of several racing instances gets the document back.
   */
  public Optional<SessionRecord> claimRecovery(String sessionId, long expectedEpoch, String lostServer,
      String instanceId, Instant staleBefore) {
    Query query = query(new Criteria().andOperator(
        where(ID).is(sessionId).and(EPOCH).is(expectedEpoch).and(MEDIA_SERVER).is(lostServer)
            .and(STATE).is(SessionStates.ACTIVE),
        new Criteria().orOperator(where(RECOVERY).exists(false), where(RECOVERY + "." + RECOVERY_AT).lt(staleBefore))));
    Update update = new Update().set(RECOVERY, new Document(RECOVERY_BY, instanceId)
        .append(RECOVERY_AT, Date.from(clock.instant())));
    return documents.modify(query, update, true);
  }

  /**
   * Binds a session whose media server was lost to a new pipeline (or to none: {@code pipeline}
   * null records the binding as lost), compare-and-set on {@code epoch}, which grows by one. The
   * same update forgets every participant's endpoints and pending candidates (they died with the
   * old pipeline), removes the recovery marker and records the {@code notice} the move owes
   * (replacing an older move's unsent one: the newer notice supersedes it for the participants).
   * Empty when another instance won.
   */
  public Optional<SessionRecord> rebindAfterLoss(String sessionId, long expectedEpoch, String mediaServer,
      KurentoRef pipeline, LossNotice notice) {
    if (notice.epoch() != expectedEpoch + 1) {
      throw new IllegalArgumentException("The notice of the move to epoch " + (expectedEpoch + 1) + " says epoch "
          + notice.epoch());
    }
    Query query = query(where(ID).is(sessionId).and(EPOCH).is(expectedEpoch));
    Update update = new Update().set(MEDIA_SERVER, mediaServer)
        .inc(EPOCH, 1L)
        .unset(RECOVERY)
        .set(LossNotice.FIELD, notice.toDocument())
        .set(UPDATED_AT, clock.instant());
    if (pipeline == null) {
      update.unset(PIPELINE);
    } else {
      update.set(PIPELINE, pipeline).set(BOUND_AT, clock.instant());
    }
    update.unset(EVERY_PARTICIPANT + PUBLISHER)
        .set(EVERY_PARTICIPANT + RECEIVERS, List.of())
        .set(EVERY_PARTICIPANT + PENDING_CANDIDATES, List.of());
    return documents.modify(query, update, true);
  }

  /** Removes this instance's recovery marker (the recovery failed before it could rebind). */
  public void releaseRecovery(String sessionId, String instanceId) {
    mongo.updateFirst(query(where(ID).is(sessionId).and(RECOVERY + "." + RECOVERY_BY).is(instanceId)),
        new Update().unset(RECOVERY), COLLECTION);
  }
}
