package dev.switchboard.api.session;

import dev.switchboard.contracts.SessionDocument;
import dev.switchboard.contracts.Topology;
import dev.switchboard.contracts.rest.ParticipantView;
import dev.switchboard.contracts.rest.SessionView;
import java.util.List;
import java.util.Optional;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/**
 * Reads who is in a session from the wrapper-owned {@code sessions} collection, fetching only the
 * fields the api may read (a projection); read-only, stateless and thread-safe.
 */
@Component
public class SessionReader {
  private static final String PARTICIPANT_ID = SessionDocument.PARTICIPANTS + "." + SessionDocument.PARTICIPANT_ID;
  private static final String PARTICIPANT_NAME = SessionDocument.PARTICIPANTS + "." + SessionDocument.PARTICIPANT_NAME;

  private final MongoTemplate mongo;

  public SessionReader(MongoTemplate mongo) {
    this.mongo = mongo;
  }

  public Optional<SessionView> find(String sessionId) {
    Query query = Query.query(Criteria.where(SessionDocument.ID).is(sessionId));
    query.fields().include(SessionDocument.STATE, PARTICIPANT_ID, PARTICIPANT_NAME);
    Document document = mongo.findOne(query, Document.class, Topology.SESSIONS_COLLECTION);
    if (document == null) {
      return Optional.empty();
    }
    List<ParticipantView> participants = document.getList(SessionDocument.PARTICIPANTS, Document.class, List.of()).stream()
        .map(p -> new ParticipantView(p.getString(SessionDocument.PARTICIPANT_ID), p.getString(SessionDocument.PARTICIPANT_NAME)))
        .toList();
    return Optional.of(new SessionView(sessionId, document.getString(SessionDocument.STATE), participants));
  }
}
