package dev.switchboard.contracts;

/**
 * Field names of a {@code sessions} document. The wrapper owns and writes the document; the api
 * only reads {@link #ID}, {@link #STATE} and the participants' {@link #PARTICIPANT_ID} and
 * {@link #PARTICIPANT_NAME}. Shape:
 *
 * <pre>
 * { _id: sid, state: "ACTIVE", epoch: 1, createdAt, updatedAt,
 *   mediaServer: "ms-1",                          the pool member the session lives on
 *   pipeline: { server: "ms-1", id: "..._kurento.MediaPipeline" },
 *   participants: [ { id, name, joinedAt,
 *                     publisher: { server, id } | absent,
 *                     receivers: [ { target, endpoint: { server, id } } ],
 *                     pendingCandidates: [ { target, candidate, sdpMid, sdpMLineIndex } ] } ] }
 * </pre>
 */
public final class SessionDocument {
  public static final String ID = "_id";
  public static final String STATE = "state";
  public static final String EPOCH = "epoch";
  public static final String MEDIA_SERVER = "mediaServer";
  public static final String PIPELINE = "pipeline";
  public static final String PARTICIPANTS = "participants";
  public static final String PARTICIPANT_ID = "id";
  public static final String PARTICIPANT_NAME = "name";

  /** Values of {@link #STATE}. */
  public static final String STATE_ACTIVE = "ACTIVE";

  private SessionDocument() {}
}
