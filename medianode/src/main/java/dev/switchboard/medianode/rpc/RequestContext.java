package dev.switchboard.medianode.rpc;

import dev.switchboard.medianode.control.Connection;
import dev.switchboard.medianode.session.Session;
import tools.jackson.databind.node.ObjectNode;

/**
 * One request as a method handler sees it: the socket it came on, the session it runs in (null
 * only under {@link SessionPolicy#OPTIONAL} or {@link SessionPolicy#MANUAL}) and its params
 * (never null). Immutable.
 */
public record RequestContext(Connection connection, Session session, ObjectNode params) {}
