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
import static dev.switchboard.wrapper.session.SessionFields.SDP_MID;
import static dev.switchboard.wrapper.session.SessionFields.SDP_MLINE_INDEX;
import static dev.switchboard.wrapper.session.SessionFields.STATE;
import static dev.switchboard.wrapper.session.SessionFields.TARGET;
import static dev.switchboard.wrapper.session.SessionFields.THE_PARTICIPANT;
import static dev.switchboard.wrapper.session.SessionFields.UPDATED_AT;
import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import dev.switchboard.wrapper.media.KurentoRef;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.bson.Document;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * Reads and changes session documents: their life cycle, participants, endpoints and pending
 * candidates (the media-server binding that failover moves is {@link SessionBindings}'s). Every
 * change is a single-document partial update
 * ({@code $set}, {@code $push}, {@code $pull}, {@code $[p]} array filters) whose query carries
 * its precondition, so that concurrent wrappers never lose each other's writes; thread-safe.
 *
 * <p>Queries and updates run untyped against the collection (field names exactly as written,
 * values still converted, e.g. {@link KurentoRef}); results are read through the mapping
 * converter, whose custom conversions turn stored references into Kurento proxies.
 */
@Component
public class SessionStore {
  private static final String COLLECTION = SessionDocuments.COLLECTION;

  private final MongoTemplate mongo;
  private final SessionDocuments documents;
  private final Clock clock;

  public SessionStore(MongoTemplate mongo, Clock clock) {
    this.mongo = mongo;
    this.documents = new SessionDocuments(mongo);
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
        .map(documents::record);
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
    return mongo.find(query, Document.class, COLLECTION).stream().map(documents::record).toList();
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

  /** The records of {@code sessionIds} (those that still exist). */
  public List<SessionRecord> findRecords(Collection<String> sessionIds) {
    if (sessionIds.isEmpty()) {
      return List.of();
    }
    return mongo.find(query(where(ID).in(sessionIds)), Document.class, COLLECTION).stream().map(documents::record).toList();
  }

  // ---- helpers

  private Update closing() {
    return new Update().set(STATE, SessionStates.CLOSING).set(UPDATED_AT, clock.instant());
  }

  private Optional<SessionRecord> modify(Query query, Update update, boolean returnNew) {
    return documents.modify(query, update, returnNew);
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
