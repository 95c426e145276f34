package dev.switchboard.webrtc.sdp;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * One parsed media section, from its m= line up to the next (RFC 8866 §5.14); immutable and
 * thread-safe.
 *
 * <p>All lines are kept for {@link SessionDescription#format()}; the accessors are views that the
 * parser has already checked, so they never throw.
 */
public final class MediaDescription {

    private final MediaLine mLine;
    private final List<SdpLine> lines;
    private final List<Attribute> attributes;
    private final Direction direction;
    private final List<RtpCodec> codecs;

    MediaDescription(MediaLine mLine, List<SdpLine> lines, Direction sessionDirection) {
        this.mLine = mLine;
        this.lines = List.copyOf(lines);
        List<Attribute> attrs = new ArrayList<>();
        for (SdpLine line : this.lines) {
            if (line.type() == 'a') {
                attrs.add(Attribute.of(line));
            }
        }
        this.attributes = List.copyOf(attrs);
        this.direction = DirectionAttribute.find(this.lines).orElse(sessionDirection);
        this.codecs = mLine.isRtp() ? CodecTable.build(mLine.formats(), attributes) : List.of();
    }

    public MediaKind kind() {
        return MediaKind.of(mLine.media());
    }

    /** The media token as written, e.g. {@code audio}. */
    public String media() {
        return mLine.media();
    }

    public int port() {
        return mLine.port();
    }

    /** The {@code /<number of ports>} suffix of the port field, 1 when absent. */
    public int portCount() {
        return mLine.portCount();
    }

    public String proto() {
        return mLine.proto();
    }

    /** Payload types for RTP sections, format tokens such as {@code webrtc-datachannel} otherwise. */
    public List<String> formats() {
        return mLine.formats();
    }

    /** Whether {@link #proto()} is an RTP profile such as {@code UDP/TLS/RTP/SAVPF}. */
    public boolean isRtp() {
        return mLine.isRtp();
    }

    /** The values of the media-level {@code a=name:value} lines, "" for flag attributes. */
    public List<String> attributes(String name) {
        return attributes.stream().filter(a -> a.name().equals(name)).map(Attribute::value).toList();
    }

    public Optional<String> attribute(String name) {
        return attributes.stream().filter(a -> a.name().equals(name)).map(Attribute::value).findFirst();
    }

    public boolean hasAttribute(String name) {
        return attributes.stream().anyMatch(a -> a.name().equals(name));
    }

    /** The {@code a=mid} value, or null when the section has none. */
    public String mid() {
        return attribute("mid").orElse(null);
    }

    /** The media-level direction, else the session-level one, else sendrecv (RFC 8866 §6.7). */
    public Direction direction() {
        return direction;
    }

    /** The payload formats with an rtpmap, in m= line order; empty for non-RTP sections. */
    public List<RtpCodec> codecs() {
        return codecs;
    }

    /** The {@code a=extmap} entries with a usable id (1..255), in order, ignoring their direction. */
    public List<HeaderExtension> extensions() {
        List<HeaderExtension> result = new ArrayList<>();
        for (Attribute a : attributes) {
            if (a.name().equals("extmap")) {
                Extmap e = Extmap.parseOrNull(a.value());
                if (e.id() <= 255) {
                    result.add(new HeaderExtension(e.id(), e.uri()));
                }
            }
        }
        return List.copyOf(result);
    }

    /** The distinct SSRC ids named by {@code a=ssrc} lines, in order. */
    public List<Long> ssrcs() {
        Set<Long> ids = new LinkedHashSet<>();
        for (Attribute a : attributes) {
            if (a.name().equals("ssrc")) {
                ids.add(SsrcAttribute.parseOrNull(a.value()).ssrc());
            }
        }
        return List.copyOf(ids);
    }

    /** Every line of the section as {@code x=value}, starting with the m= line. */
    public List<String> lines() {
        return lines.stream().map(SdpLine::text).toList();
    }

    List<Attribute> attributeList() {
        return attributes;
    }

    List<SdpLine> sdpLines() {
        return lines;
    }
}
