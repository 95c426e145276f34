package dev.switchboard.loadtest.scale;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import java.util.LinkedHashMap;
import java.util.Map;
import org.bson.RawBsonDocument;

/**
 * Documents and data size per collection of the cluster's MongoDB. The size is the sum of the
 * documents' BSON lengths, read in full (a few MB at 10,000 sessions), so it means the same on
 * mongo-java-server as on MongoDB (no storage overhead or indexes). Stateless.
 */
final class MongoProbe {
  /** One collection: documents and their total BSON size. */
  record Collection(long documents, long bytes) {}

  private MongoProbe() {
  }

  static Map<String, Collection> read(String uri) {
    Map<String, Collection> result = new LinkedHashMap<>();
    try (MongoClient client = MongoClients.create(uri)) {
      String name = uri.substring(uri.lastIndexOf('/') + 1);
      MongoDatabase db = client.getDatabase(name.isEmpty() ? "switchboard" : name);
      for (String collection : db.listCollectionNames()) {
        MongoCollection<RawBsonDocument> c = db.getCollection(collection, RawBsonDocument.class);
        long documents = 0;
        long bytes = 0;
        for (RawBsonDocument d : c.find()) {
          documents++;
          bytes += d.getByteBuffer().remaining();
        }
        result.put(collection, new Collection(documents, bytes));
      }
    }
    return result;
  }
}
