package dev.switchboard.wrapper.session;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import dev.switchboard.contracts.Topology;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.bson.Document;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * The outbox side of {@link LossNotice}s in session documents (the move itself writes them, in
 * {@link SessionStore#rebindAfterLoss}): which are due, claiming one for a while, and removing
 * one once sent. Every write is conditional on the notice's epoch, so a newer move's notice is
 * never touched by an older one's sender. Thread-safe.
 */
@Component
public class LossNoticeStore {
  /** At most this many due notices are read per pass; the rest wait for the next one. */
  static final int BATCH = 100;
  private static final String COLLECTION = Topology.SESSIONS_COLLECTION;
  private static final String EPOCH = LossNotice.FIELD + "." + LossNotice.EPOCH;
  private static final String RETRY_AT = LossNotice.FIELD + "." + LossNotice.RETRY_AT;

  /** A session id with the notice it owes. */
  public record Due(String sessionId, LossNotice notice) {}

  private final MongoTemplate mongo;

  public LossNoticeStore(MongoTemplate mongo) {
    this.mongo = mongo;
  }

  /** Notices of active sessions whose retry time has come, oldest first (an ended session's are moot). */
  public List<Due> findDue(Instant now) {
    Query query = query(where(RETRY_AT).lte(Date.from(now)).and(SessionFields.STATE).is(SessionStates.ACTIVE))
        .with(Sort.by(RETRY_AT)).limit(BATCH);
    query.fields().include(SessionFields.ID, LossNotice.FIELD);
    return mongo.find(query, Document.class, COLLECTION).stream()
        .map(document -> new Due(document.getString(SessionFields.ID),
            LossNotice.fromDocument(document.get(LossNotice.FIELD, Document.class))))
        .toList();
  }

  /**
   * Claims {@code seen} until {@code until} (compare-and-set on its retry time): of several
   * instances that found it due, one gets true.
   */
  public boolean claim(String sessionId, LossNotice seen, Instant until) {
    Query query = query(where(SessionFields.ID).is(sessionId).and(EPOCH).is(seen.epoch())
        .and(RETRY_AT).is(Date.from(seen.retryAt())));
    return mongo.updateFirst(query, new Update().set(RETRY_AT, Date.from(until)), COLLECTION).getModifiedCount() == 1;
  }

  /** Removes the notice of the move to {@code epoch}, if it is still the session's notice. */
  public void sent(String sessionId, long epoch) {
    mongo.updateFirst(query(where(SessionFields.ID).is(sessionId).and(EPOCH).is(epoch)),
        new Update().unset(LossNotice.FIELD), COLLECTION);
  }
}
