package dev.switchboard.wrapper.session;

import static dev.switchboard.wrapper.session.SessionFields.BOUND_AT;
import static dev.switchboard.wrapper.session.SessionFields.CANDIDATE;
import static dev.switchboard.wrapper.session.SessionFields.CREATED_AT;
import static dev.switchboard.wrapper.session.SessionFields.ENDPOINT;
import static dev.switchboard.wrapper.session.SessionFields.EPOCH;
import static dev.switchboard.wrapper.session.SessionFields.EVERY_PARTICIPANT;
import static dev.switchboard.wrapper.session.SessionFields.ID;
import static dev.switchboard.wrapper.session.SessionFields.JOINED_AT;
import static dev.switchboard.wrapper.session.SessionFields.MEDIA_SERVER;
import static dev.switchboard.wrapper.session.SessionFields.P;
import static dev.switchboard.wrapper.session.SessionFields.PARTICIPANTS;
import static dev.switchboard.wrapper.session.SessionFields.PARTICIPANT_ID;
import static dev.switchboard.wrapper.session.SessionFields.PARTICIPANT_NAME;
import static dev.switchboard.wrapper.session.SessionFields.PENDING_CANDIDATES;
import static dev.switchboard.wrapper.session.SessionFields.PIPELINE;
import static dev.switchboard.wrapper.session.SessionFields.PUBLISHER;
import static dev.switchboard.wrapper.session.SessionFields.RECEIVERS;
import static dev.switchboard.wrapper.session.SessionFields.RECOVERY;
import static dev.switchboard.wrapper.session.SessionFields.RECOVERY_AT;
import static dev.switchboard.wrapper.session.SessionFields.RECOVERY_BY;
import static dev.switchboard.wrapper.session.SessionFields.SDP_MID;
import static dev.switchboard.wrapper.session.SessionFields.SDP_MLINE_INDEX;
import static dev.switchboard.wrapper.session.SessionFields.STATE;
import static dev.switchboard.wrapper.session.SessionFields.TARGET;
import static dev.switchboard.wrapper.session.SessionFields.THE_PARTICIPANT;
import static dev.switchboard.wrapper.session.SessionFields.UPDATED_AT;
import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import dev.switchboard.contracts.Topology;
import dev.switchboard.wrapper.media.KurentoRef;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bson.Document;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * Reads and changes session documents, every change a single-document partial update
 * ({@code $set}, {@code $push}, {@code $pull}, {@code $[p]} array filters) whose query carries
 * its precondition, so that concurrent wrappers never lose each other's writes; thread-safe.
 *
 * <p>Queries and updates run untyped against the collection (field names exactly as written,
 * values still converted, e.g. {@link KurentoRef}); results are read through the mapping
 * converter, whose custom conversions turn stored references into Kurento proxies.
 */
@Component
public class SessionStore {
  private static final String COLLECTION = Topology.SESSIONS_COLLECTION;

  private final MongoTemplate mongo;
  private final Clock clock;

  public SessionStore(MongoTemplate mongo, Clock clock) {
    this.mongo = mongo;
    this.clock = clock;
  }

  // ---- reads

  public boolean exists(String sessionId) {
    return mongo.exists(byId(sessionId), COLLECTION);
  }

  public List<String> allSessionIds() {
    List<String> ids = new ArrayList<>();
    mongo.getCollection(COLLECTION).find().projection(new Document(ID, 1))
        .forEach(document -> ids.add(document.get(ID).toString()));
    return ids;
  }

  /** The session with references only: works even when its media server is unreachable. */
  public Optional<SessionRecord> findRecord(String sessionId) {
    return Optional.ofNullable(mongo.findOne(byId(sessionId), Document.class, COLLECTION))
        .map(this::record);
  }

  /** The session with Kurento proxies on its media server. */
  public Optional<LiveSession> findLive(String sessionId) {
    return Optional.ofNullable(mongo.findOne(byId(sessionId), Document.class, COLLECTION))
        .map(document -> mongo.getConverter().read(LiveSession.class, document));
  }

  /** Sessions that may be ended: empty and untouched since {@code cutoff}, or stuck closing. */
  public List<SessionRecord> findEndable(Instant cutoff) {
    Query query = query(new Criteria().orOperator(
            where(STATE).is(SessionStates.ACTIVE).and(PARTICIPANTS).size(0),
            where(STATE).is(SessionStates.CLOSING))
        .and(UPDATED_AT).lt(cutoff));
    return mongo.find(query, Document.class, COLLECTION).stream().map(this::record).toList();
  }

  // ---- create and delete

  /**
   * Inserts a new ACTIVE session at epoch 1; false if it already exists (the same create
   * command handled twice), in which case the caller releases the pipeline it made.
   */
  public boolean insertNew(String sessionId, String mediaServer, KurentoRef pipeline) {
    Date now = Date.from(clock.instant());
    Document session = new Document(ID, sessionId)
        .append(STATE, SessionStates.ACTIVE)
        .append(EPOCH, 1L)
        .append(MEDIA_SERVER, mediaServer)
        .append(PIPELINE, mongo.getConverter().convertToMongoType(pipeline))
        .append(PARTICIPANTS, List.of())
        .append(CREATED_AT, now)
        .append(UPDATED_AT, now)
        .append(BOUND_AT, now);
    try {
      mongo.insert(session, COLLECTION);
      return true;
    } catch (DuplicateKeyException e) {
      return false;
    }
  }

  /** Deletes a session this wrapper has claimed (state CLOSING); the change stream does the rest. */
  public boolean deleteClosing(String sessionId) {
    return mongo.remove(query(where(ID).is(sessionId).and(STATE).is(SessionStates.CLOSING)), COLLECTION)
        .getDeletedCount() == 1;
  }

  // ---- participants

  /**
   * Adds a participant unless it is already there or the session is not ACTIVE. Returns the
   * document after the change, or empty when nothing changed.
   */
  public Optional<SessionRecord> addParticipant(String sessionId, String participantId, String name,
      int maxParticipants) {
    Instant now = clock.instant();
    // "participants.<max-1> does not exist": fewer than max already, checked in the same update.
    Query query = query(where(ID).is(sessionId).and(STATE).is(SessionStates.ACTIVE)
        .and(PARTICIPANTS + "." + PARTICIPANT_ID).ne(participantId)
        .and(PARTICIPANTS + "." + (maxParticipants - 1)).exists(false));
    Document participant = new Document(PARTICIPANT_ID, participantId)
        .append(PARTICIPANT_NAME, name)
        .append(JOINED_AT, Date.from(now))
        .append(RECEIVERS, List.of())
        .append(PENDING_CANDIDATES, List.of());
    Update update = new Update().push(PARTICIPANTS, participant).set(UPDATED_AT, now);
    return modify(query, update, true);
  }

  /** Removes a participant; returns the document as it was just before (empty: no session). */
  public Optional<SessionRecord> pullParticipant(String sessionId, String participantId) {
    Update update = new Update().pull(PARTICIPANTS, new Document(PARTICIPANT_ID, participantId))
        .set(UPDATED_AT, clock.instant());
    return modify(byId(sessionId), update, false);
  }

  /**
   * Removes every receiver of {@code target}'s media from all participants; returns the document
   * as it was just before, so the caller releases exactly the endpoints it removed.
   */
  public Optional<SessionRecord> pullReceiversOf(String sessionId, String target) {
    Update update = new Update().pull(EVERY_PARTICIPANT + RECEIVERS, new Document(TARGET, target))
        .set(UPDATED_AT, clock.instant());
    return modify(byId(sessionId), update, false);
  }

  // ---- endpoints

  /** Stores the participant's publisher endpoint unless one is already stored; true if stored. */
  public boolean setPublisherIfAbsent(String sessionId, String participantId, KurentoRef endpoint) {
    Query query = query(where(ID).is(sessionId)
        .and(PARTICIPANTS).elemMatch(where(PARTICIPANT_ID).is(participantId).and(PUBLISHER).exists(false)));
    Update update = new Update().set(THE_PARTICIPANT + PUBLISHER, endpoint).set(UPDATED_AT, clock.instant())
        .filterArray(where(P + "." + PARTICIPANT_ID).is(participantId));
    return mongo.updateFirst(query, update, COLLECTION).getModifiedCount() == 1;
  }

  /**
   * Stores the participant's receiver of {@code target}'s media unless one is already stored
   * or {@code target} has left; true if stored.
   */
  public boolean addReceiverIfAbsent(String sessionId, String participantId, String target, KurentoRef endpoint) {
    Query query = query(new Criteria().andOperator(
        where(ID).is(sessionId),
        where(PARTICIPANTS).elemMatch(where(PARTICIPANT_ID).is(participantId).and(RECEIVERS + "." + TARGET).ne(target)),
        where(PARTICIPANTS + "." + PARTICIPANT_ID).is(target)));
    Document receiver = new Document(TARGET, target).append(ENDPOINT, mongo.getConverter().convertToMongoType(endpoint));
    Update update = new Update().push(THE_PARTICIPANT + RECEIVERS, receiver).set(UPDATED_AT, clock.instant())
        .filterArray(where(P + "." + PARTICIPANT_ID).is(participantId));
    return mongo.updateFirst(query, update, COLLECTION).getModifiedCount() == 1;
  }

  /**
   * Stores the participant's publisher endpoint unless one is already stored or the session has
   * moved off {@code pipelineId} meanwhile (a rebind after a media-server loss): an endpoint of an
   * old pipeline must never be stored. True if stored.
   */
  public boolean setPublisherIfAbsent(String sessionId, String pipelineId, String participantId, KurentoRef endpoint) {
    Query query = query(where(ID).is(sessionId).and(PIPELINE + ".id").is(pipelineId)
        .and(PARTICIPANTS).elemMatch(where(PARTICIPANT_ID).is(participantId).and(PUBLISHER).exists(false)));
    Update update = new Update().set(THE_PARTICIPANT + PUBLISHER, endpoint).set(UPDATED_AT, clock.instant())
        .filterArray(where(P + "." + PARTICIPANT_ID).is(participantId));
    return mongo.updateFirst(query, update, COLLECTION).getModifiedCount() == 1;
  }

  /** {@link #addReceiverIfAbsent(String, String, String, KurentoRef)}, only while the session is on {@code pipelineId}. */
  public boolean addReceiverIfAbsent(String sessionId, String pipelineId, String participantId, String target,
      KurentoRef endpoint) {
    Query query = query(new Criteria().andOperator(
        where(ID).is(sessionId),
        where(PIPELINE + ".id").is(pipelineId),
        where(PARTICIPANTS).elemMatch(where(PARTICIPANT_ID).is(participantId).and(RECEIVERS + "." + TARGET).ne(target)),
        where(PARTICIPANTS + "." + PARTICIPANT_ID).is(target)));
    Document receiver = new Document(TARGET, target).append(ENDPOINT, mongo.getConverter().convertToMongoType(endpoint));
    Update update = new Update().push(THE_PARTICIPANT + RECEIVERS, receiver).set(UPDATED_AT, clock.instant())
        .filterArray(where(P + "." + PARTICIPANT_ID).is(participantId));
    return mongo.updateFirst(query, update, COLLECTION).getModifiedCount() == 1;
  }

  /** Forgets the participant's publisher if it is still {@code endpointId}; true if forgotten. */
  public boolean removePublisher(String sessionId, String participantId, String endpointId) {
    Query query = query(where(ID).is(sessionId)
        .and(PARTICIPANTS).elemMatch(where(PARTICIPANT_ID).is(participantId).and(PUBLISHER + ".id").is(endpointId)));
    Update update = new Update().unset(THE_PARTICIPANT + PUBLISHER).set(UPDATED_AT, clock.instant())
        .filterArray(where(P + "." + PARTICIPANT_ID).is(participantId));
    return mongo.updateFirst(query, update, COLLECTION).getModifiedCount() == 1;
  }

  /** Forgets the participant's receiver of {@code target} if it is still {@code endpointId}. */
  public boolean removeReceiver(String sessionId, String participantId, String target, String endpointId) {
    Update update = new Update()
        .pull(THE_PARTICIPANT + RECEIVERS, new Document(TARGET, target).append(ENDPOINT + ".id", endpointId))
        .set(UPDATED_AT, clock.instant())
        .filterArray(where(P + "." + PARTICIPANT_ID).is(participantId));
    return mongo.updateFirst(byId(sessionId), update, COLLECTION).getModifiedCount() == 1;
  }

  // ---- pending candidates

  /** Keeps a candidate whose endpoint does not exist yet ({@code $addToSet}: a redelivery adds nothing). */
  public boolean addPendingCandidate(String sessionId, String participantId, PendingCandidate candidate) {
    Query query = query(where(ID).is(sessionId).and(PARTICIPANTS + "." + PARTICIPANT_ID).is(participantId));
    Update update = new Update().addToSet(THE_PARTICIPANT + PENDING_CANDIDATES, candidateDocument(candidate))
        .set(UPDATED_AT, clock.instant())
        .filterArray(where(P + "." + PARTICIPANT_ID).is(participantId));
    return mongo.updateFirst(query, update, COLLECTION).getMatchedCount() == 1;
  }

  /** Drops pending candidates of one connection that have been applied. */
  public void removePendingCandidates(String sessionId, String participantId, String target,
      Collection<String> candidates) {
    if (candidates.isEmpty()) {
      return;
    }
    Document applied = new Document(TARGET, target).append(CANDIDATE, new Document("$in", List.copyOf(candidates)));
    Update update = new Update().pull(THE_PARTICIPANT + PENDING_CANDIDATES, applied)
        .set(UPDATED_AT, clock.instant())
        .filterArray(where(P + "." + PARTICIPANT_ID).is(participantId));
    mongo.updateFirst(byId(sessionId), update, COLLECTION);
  }

  // ---- ending

  /**
   * Claims an ACTIVE session that has nobody in it for ending (state CLOSING). Only one caller
   * wins; a join that lands first makes the claim fail.
   */
  public Optional<SessionRecord> claimIfEmpty(String sessionId) {
    Query query = query(where(ID).is(sessionId).and(STATE).is(SessionStates.ACTIVE).and(PARTICIPANTS).size(0));
    return modify(query, closing(), true);
  }

  /**
   * Claims a session seen by the idle sweep, compare-and-set on the state and {@code updatedAt}
   * it was seen with: any change since (a join, another wrapper's claim) makes it fail.
   */
  public Optional<SessionRecord> claimIdle(SessionRecord seen) {
    Query query = query(where(ID).is(seen.id()).and(STATE).is(seen.state())
        .and(UPDATED_AT).is(seen.updatedAt()).and(PARTICIPANTS).size(0));
    return modify(query, closing(), true);
  }

  // ---- media-server binding

  /**
   * Moves the session to another media server and pipeline, compare-and-set on {@code epoch}:
   * of several wrappers rebinding at once exactly one wins and the epoch grows by one.
   */
  public Optional<SessionRecord> rebind(String sessionId, long expectedEpoch, String mediaServer, KurentoRef pipeline) {
    Query query = query(where(ID).is(sessionId).and(EPOCH).is(expectedEpoch));
    Update update = new Update().set(MEDIA_SERVER, mediaServer).set(PIPELINE, pipeline)
        .inc(EPOCH, 1L).set(UPDATED_AT, clock.instant()).set(BOUND_AT, clock.instant());
    return modify(query, update, true);
  }

  /** ACTIVE sessions bound to {@code mediaServer} that have a pipeline there (what a probe checks). */
  public List<SessionRecord> findBoundTo(String mediaServer) {
    Query query = query(where(MEDIA_SERVER).is(mediaServer).and(STATE).is(SessionStates.ACTIVE)
        .and(PIPELINE).exists(true));
    return mongo.find(query, Document.class, COLLECTION).stream().map(this::record).toList();
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

  /** The records of {@code sessionIds} (those that still exist). */
  public List<SessionRecord> findRecords(Collection<String> sessionIds) {
    if (sessionIds.isEmpty()) {
      return List.of();
    }
    return mongo.find(query(where(ID).in(sessionIds)), Document.class, COLLECTION).stream().map(this::record).toList();
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
    return mongo.find(query, Document.class, COLLECTION).stream().map(this::record).toList();
  }

  /** ACTIVE sessions whose binding was lost (no pipeline: no server could take them then). */
  public List<SessionRecord> findBindingLost() {
    Query query = query(where(STATE).is(SessionStates.ACTIVE).and(PIPELINE).exists(false));
    return mongo.find(query, Document.class, COLLECTION).stream().map(this::record).toList();
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
        .append(RECOVERY_AT, java.util.Date.from(clock.instant())));
    return modify(query, update, true);
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
    return modify(query, update, true);
  }

  /** Removes this instance's recovery marker (the recovery failed before it could rebind). */
  public void releaseRecovery(String sessionId, String instanceId) {
    mongo.updateFirst(query(where(ID).is(sessionId).and(RECOVERY + "." + RECOVERY_BY).is(instanceId)),
        new Update().unset(RECOVERY), COLLECTION);
  }

  // ---- helpers


  private Update closing() {
    return new Update().set(STATE, SessionStates.CLOSING).set(UPDATED_AT, clock.instant());
  }

  private Optional<SessionRecord> modify(Query query, Update update, boolean returnNew) {
    Document document = mongo.findAndModify(query, update,
        FindAndModifyOptions.options().returnNew(returnNew), Document.class, COLLECTION);
    return Optional.ofNullable(document).map(this::record);
  }

  private SessionRecord record(Document document) {
    return mongo.getConverter().read(SessionRecord.class, document);
  }

  private static Query byId(String sessionId) {
    return query(where(ID).is(sessionId));
  }

  private static Document candidateDocument(PendingCandidate candidate) {
    return new Document(TARGET, candidate.target())
        .append(CANDIDATE, candidate.candidate())
        .append(SDP_MID, candidate.sdpMid())
        .append(SDP_MLINE_INDEX, candidate.sdpMLineIndex());
  }
}
