package dev.switchboard.webrtc.sdp;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * An immutable parsed session description (RFC 8866 §5) that keeps every line, so
 * {@link #format()} reproduces the input with CRLF line ends; thread-safe.
 */
public final class SessionDescription {

    private final List<SdpLine> sessionLines;
    private final List<Attribute> attributes;
    private final List<MediaDescription> media;

    SessionDescription(List<SdpLine> sessionLines, List<MediaDescription> media) {
        this.sessionLines = List.copyOf(sessionLines);
        this.media = List.copyOf(media);
        List<Attribute> attrs = new ArrayList<>();
        for (SdpLine line : this.sessionLines) {
            if (line.type() == 'a') {
                attrs.add(Attribute.of(line));
            }
        }
        this.attributes = List.copyOf(attrs);
    }

    /** Parses with {@link SdpLimits#defaults()}. */
    public static SessionDescription parse(String text) {
        return parse(text, SdpLimits.defaults());
    }

    /**
     * Parses untrusted text strictly: lines end in CRLF or LF, v=0 comes first, o=, s= and t= are
     * present, m= lines and the attributes negotiation reads are well formed.
     *
     * @throws SdpParseException for anything else, naming the line where possible; never any other
     *         exception
     */
    public static SessionDescription parse(String text, SdpLimits limits) {
        return SdpParser.parse(text, limits);
    }

    /** The description with CRLF after every line. */
    public String format() {
        StringBuilder sb = new StringBuilder();
        for (SdpLine line : sessionLines) {
            sb.append(line.text()).append("\r\n");
        }
        for (MediaDescription m : media) {
            for (SdpLine line : m.sdpLines()) {
                sb.append(line.text()).append("\r\n");
            }
        }
        return sb.toString();
    }

    public List<MediaDescription> media() {
        return media;
    }

    /** The values of the session-level {@code a=name:value} lines, "" for flag attributes. */
    public List<String> attributes(String name) {
        return attributes.stream().filter(a -> a.name().equals(name)).map(Attribute::value).toList();
    }

    public Optional<String> attribute(String name) {
        return attributes.stream().filter(a -> a.name().equals(name)).map(Attribute::value).findFirst();
    }

    public boolean hasAttribute(String name) {
        return attributes.stream().anyMatch(a -> a.name().equals(name));
    }

    /** The o= value. */
    public String origin() {
        return sessionLines.stream().filter(l -> l.type() == 'o').findFirst().orElseThrow().value();
    }

    /** The mids of the first {@code a=group:BUNDLE} (RFC 8843 §7), empty when there is none. */
    public List<String> bundleGroup() {
        for (String group : attributes("group")) {
            List<String> fields = SdpGrammar.fields(group);
            if (fields.getFirst().equals("BUNDLE")) {
                return List.copyOf(fields.subList(1, fields.size()));
            }
        }
        return List.of();
    }

    /** Every session-level line as {@code x=value}. */
    public List<String> lines() {
        return sessionLines.stream().map(SdpLine::text).toList();
    }

    @Override
    public String toString() {
        return format();
    }
}
