package dev.switchboard.loadtest.failover;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.model.Filters;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;

/**
 * Reads where each session lives ({@code sessions.mediaServer} and its binding {@code epoch}) from
 * the cluster's MongoDB: the api's session view does not say, and the store is what the wrappers'
 * recovery compares and sets. Thread-safe (the driver's client is).
 */
final class SessionBindings implements AutoCloseable {
  /** A session's binding: the medianode's name as the cluster knows it, and the epoch. */
  record Binding(String server, long epoch) {}

  private final MongoClient client;

  SessionBindings(String mongoUri) {
    this.client = MongoClients.create(mongoUri);
  }

  /** The binding of each session; a session without a document is left out. */
  Map<String, Binding> read(List<String> sessionIds) {
    Map<String, Binding> bindings = new LinkedHashMap<>();
    for (String sid : sessionIds) {
      Document d = client.getDatabase("switchboard").getCollection("sessions").find(Filters.eq("_id", sid)).first();
      if (d != null && d.getString("mediaServer") != null) {
        bindings.put(sid, new Binding(d.getString("mediaServer"), ((Number) d.get("epoch")).longValue()));
      }
    }
    return bindings;
  }

  @Override
  public void close() {
    client.close();
  }
}
