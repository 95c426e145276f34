package dev.switchboard.webrtc.rtcp;

/**
 * One packet of an RTCP compound packet (RFC 3550 §6.1), decoded; implementations are immutable
 * records and thread-safe.
 */
public sealed interface RtcpPacket permits SenderReport, ReceiverReport, SourceDescription, Bye, GenericNack,
        PictureLossIndication, FullIntraRequest, Remb, Unknown {

    /** The packet type octet, one of {@link RtcpPacketType}'s constants for the known kinds. */
    int packetType();
}
