package dev.switchboard.api.poll;

import dev.switchboard.api.web.ApiException;
import dev.switchboard.api.web.ErrorCode;
import dev.switchboard.contracts.Topology;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * The api-owned {@code polls} collection: per participant, the highest seq the client
 * acknowledged and the lease that lets one poll at a time, across all api instances, touch the
 * participant's queue. Stateless and thread-safe: every change is one atomic single-document
 * update, conditional on the lease.
 *
 * <pre>{ _id: pid, acked: long, leaseOwner: string | absent, leaseUntil: date }</pre>
 */
@Component
public class PollLeases {
  private static final Logger log = LoggerFactory.getLogger(PollLeases.class);

  static final String COLLECTION = "polls";
  static final String ID = "_id";
  static final String ACKED = "acked";
  static final String LEASE_OWNER = "leaseOwner";
  static final String LEASE_UNTIL = "leaseUntil";

  /**
   * A document nobody polled for this long is deleted (TTL index on {@code leaseUntil}, which a
   * released lease sets to the release time). Longer than the user queue's expiry, so the
   * numbering state never goes away before the messages it numbers.
   */
  static final Duration EXPIRY = Topology.USER_QUEUE_EXPIRY.multipliedBy(6);

  private final MongoTemplate mongo;

  public PollLeases(MongoTemplate mongo) {
    this.mongo = mongo;
    createExpiryIndex();
  }

  /**
   * Takes the participant's lease until {@code until} if nobody holds an unexpired one (creating
   * the document at acked 0 on the first poll) and returns the acknowledged seq; 409 otherwise.
   */
  public long acquire(String participantId, String owner, Instant now, Instant until) {
    Query free = Query.query(Criteria.where(ID).is(participantId)
        .orOperator(Criteria.where(LEASE_UNTIL).exists(false), Criteria.where(LEASE_UNTIL).lte(Date.from(now))));
    Update take = new Update()
        .set(LEASE_OWNER, owner)
        .set(LEASE_UNTIL, Date.from(until))
        .setOnInsert(ACKED, 0L);
    Document taken;
    try {
      taken = mongo.findAndModify(free, take, FindAndModifyOptions.options().upsert(true).returnNew(true),
          Document.class, COLLECTION);
    } catch (DuplicateKeyException e) {
      // The document exists but the lease is held: the upsert tried to insert a second one.
      throw inProgress();
    }
    if (taken == null || !owner.equals(taken.getString(LEASE_OWNER))) {
      throw inProgress();
    }
    return taken.get(ACKED) instanceof Number acked ? acked.longValue() : 0;
  }

  /** Records that the client acknowledged everything up to {@code acked}, only while this poll holds the lease. */
  public boolean advance(String participantId, String owner, long acked, Instant now) {
    Query ours = Query.query(Criteria.where(ID).is(participantId).and(LEASE_OWNER).is(owner).and(LEASE_UNTIL).gt(Date.from(now)));
    return mongo.updateFirst(ours, new Update().set(ACKED, acked), COLLECTION).getMatchedCount() == 1;
  }

  /**
   * Pushes the lease's end to {@code until} while this poll still holds it (a waiting poll, now
   * and then); false when it was lost (it expired and another poll may have taken it).
   */
  public boolean renew(String participantId, String owner, Instant now, Instant until) {
    Query ours = Query.query(Criteria.where(ID).is(participantId).and(LEASE_OWNER).is(owner).and(LEASE_UNTIL).gt(Date.from(now)));
    return mongo.updateFirst(ours, new Update().set(LEASE_UNTIL, Date.from(until)), COLLECTION).getMatchedCount() == 1;
  }

  /** Ends the lease if it is still ours; the next poll may start at once. */
  public void release(String participantId, String owner, Instant now) {
    Query ours = Query.query(Criteria.where(ID).is(participantId).and(LEASE_OWNER).is(owner));
    mongo.updateFirst(ours, new Update().set(LEASE_UNTIL, Date.from(now)).unset(LEASE_OWNER), COLLECTION);
  }

  static ApiException inProgress() {
    return new ApiException(ErrorCode.POLL_IN_PROGRESS,
        "Another poll of this participant is in progress; poll one at a time");
  }

  private void createExpiryIndex() {
    try {
      mongo.indexOps(COLLECTION).createIndex(new Index().on(LEASE_UNTIL, Sort.Direction.ASC).expire(EXPIRY));
    } catch (RuntimeException e) {
      // Only clean-up depends on it; polls are correct without it.
      log.warn("Could not create the TTL index of '{}': {}", COLLECTION, e.toString());
    }
  }
}
