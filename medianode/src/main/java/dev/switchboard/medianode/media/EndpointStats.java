package dev.switchboard.medianode.media;

/**
 * A snapshot of one endpoint's media counters, taken on the media thread; immutable.
 *
 * @param connected          whether DTLS is done and SRTP flows
 * @param packetsReceived    RTP packets received, audio and video
 * @param packetsSent        RTP packets forwarded to the peer, audio and video
 * @param keyframeRequests   PLIs sent to this endpoint's peer as a publisher
 */
public record EndpointStats(boolean connected, long packetsReceived, long packetsSent, long keyframeRequests) {}
