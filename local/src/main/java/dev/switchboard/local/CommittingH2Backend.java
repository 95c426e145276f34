package dev.switchboard.local;

import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.bson.Document;
import io.netty.channel.Channel;

/**
 * The embedded MongoDB's H2 backend, committing its file after every command, so that a process
 * killed with SIGKILL loses no write it had acknowledged, as a journaled MongoDB. H2 alone commits
 * about once a second, and the services rely on acknowledged writes: a poll's acknowledged seq
 * that went back in time would remove unread messages. Thread-safe, as H2's store is; a commit
 * with nothing to write returns at once.
 */
final class CommittingH2Backend extends H2Backend {
  CommittingH2Backend(String fileName) {
    super(fileName);
  }

  @Override
  public Document handleCommand(Channel channel, String databaseName, String command, Document query) {
    Document result = super.handleCommand(channel, databaseName, command, query);
    commit();
    return result;
  }
}
