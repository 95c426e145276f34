package dev.switchboard.wrapper.session;

import dev.switchboard.contracts.SessionDocument;

/**
 * Field names and update paths of a {@code sessions} document beyond those the api shares
 * (contracts {@link SessionDocument}); constants only.
 */
final class SessionFields {
  static final String ID = SessionDocument.ID;
  static final String STATE = SessionDocument.STATE;
  static final String EPOCH = SessionDocument.EPOCH;
  static final String MEDIA_SERVER = SessionDocument.MEDIA_SERVER;
  static final String PIPELINE = SessionDocument.PIPELINE;
  static final String PARTICIPANTS = SessionDocument.PARTICIPANTS;
  static final String CREATED_AT = "createdAt";
  static final String UPDATED_AT = "updatedAt";
  /** Who is recovering the session after a media-server loss: {@code {by: instanceId, at}}. */
  static final String RECOVERY = "recovery";
  /** When the session was last bound to a pipeline (created or rebound). */
  static final String BOUND_AT = "boundAt";
  static final String RECOVERY_BY = "by";
  static final String RECOVERY_AT = "at";

  static final String PARTICIPANT_ID = SessionDocument.PARTICIPANT_ID;
  static final String PARTICIPANT_NAME = SessionDocument.PARTICIPANT_NAME;
  static final String JOINED_AT = "joinedAt";
  static final String PUBLISHER = "publisher";
  static final String RECEIVERS = "receivers";
  static final String PENDING_CANDIDATES = "pendingCandidates";
  static final String TARGET = "target";
  static final String ENDPOINT = "endpoint";
  static final String CANDIDATE = "candidate";
  static final String SDP_MID = "sdpMid";
  static final String SDP_MLINE_INDEX = "sdpMLineIndex";

  /** The array-filter identifier of "the participant this update is about". */
  static final String P = "p";
  static final String THE_PARTICIPANT = PARTICIPANTS + ".$[" + P + "].";
  static final String EVERY_PARTICIPANT = PARTICIPANTS + ".$[].";

  private SessionFields() {}
}
