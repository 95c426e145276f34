package dev.switchboard.wrapper.session;

import dev.switchboard.contracts.Topology;
import java.util.List;
import java.util.Optional;
import org.bson.Document;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

/**
 * How the session stores read and change whole session documents: untyped queries against the
 * collection, results read through the mapping converter (whose custom conversions turn stored
 * references into Kurento proxies). Thread-safe.
 */
final class SessionDocuments {
  static final String COLLECTION = Topology.SESSIONS_COLLECTION;

  private final MongoTemplate mongo;

  SessionDocuments(MongoTemplate mongo) {
    this.mongo = mongo;
  }

  /** One atomic find-and-modify; the document before or after the change, empty if none matched. */
  Optional<SessionRecord> modify(Query query, Update update, boolean returnNew) {
    Document document = mongo.findAndModify(query, update,
        FindAndModifyOptions.options().returnNew(returnNew), Document.class, COLLECTION);
    return Optional.ofNullable(document).map(this::record);
  }

  List<SessionRecord> find(Query query) {
    return mongo.find(query, Document.class, COLLECTION).stream().map(this::record).toList();
  }

  SessionRecord record(Document document) {
    return mongo.getConverter().read(SessionRecord.class, document);
  }
}
