package dev.switchboard.webrtc.sdp;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Turns untrusted text into a {@link SessionDescription}, enforcing the line structure of
 * RFC 8866 §5 and the {@link SdpLimits}; stateless and thread-safe.
 *
 * <p>Every check runs before the work it guards, so input is scanned once and nothing is allocated
 * beyond a copy of the accepted lines.
 */
final class SdpParser {

    private static final String SESSION_ONLY_TYPES = "vostrzuep";

    private SdpParser() {
    }

    static SessionDescription parse(String text, SdpLimits limits) {
        Objects.requireNonNull(limits, "limits");
        if (text == null) {
            throw new SdpParseException("no description", 0);
        }
        checkSize(text, limits.maxBytes());
        List<SdpLine> lines = splitLines(text, limits);
        return build(lines, limits);
    }

    private static void checkSize(String text, int maxBytes) {
        // UTF-8 never uses fewer bytes than UTF-16 chars, so this rejects most oversize input for free.
        if (text.length() > maxBytes) {
            throw new SdpParseException("longer than " + maxBytes + " bytes", 0);
        }
        long bytes = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                bytes += 1;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < text.length()
                    && Character.isLowSurrogate(text.charAt(i + 1))) {
                bytes += 4;
                i++;
            } else {
                bytes += 3;
            }
        }
        if (bytes > maxBytes) {
            throw new SdpParseException("longer than " + maxBytes + " bytes", 0);
        }
    }

    private static List<SdpLine> splitLines(String text, SdpLimits limits) {
        if (text.isEmpty()) {
            throw new SdpParseException("empty description", 0);
        }
        List<SdpLine> lines = new ArrayList<>();
        int start = 0;
        int number = 0;
        while (start < text.length()) {
            number++;
            if (number > limits.maxLines()) {
                throw new SdpParseException("more than " + limits.maxLines() + " lines", number);
            }
            int newline = text.indexOf('\n', start);
            int end = newline < 0 ? text.length() : newline;
            int contentEnd = newline >= 0 && end > start && text.charAt(end - 1) == '\r' ? end - 1 : end;
            if (contentEnd - start > limits.maxLineLength()) {
                throw new SdpParseException("longer than " + limits.maxLineLength() + " characters", number);
            }
            for (int i = start; i < contentEnd; i++) {
                char c = text.charAt(i);
                if (SdpGrammar.isForbiddenControl(c)) {
                    throw new SdpParseException(c == '\r' ? "CR without LF" : "control character 0x"
                            + Integer.toHexString(c), number);
                }
            }
            if (contentEnd - start < 2 || !isAsciiLetter(text.charAt(start)) || text.charAt(start + 1) != '=') {
                throw new SdpParseException("expected '<letter>=<value>', got '"
                        + Snippet.of(text.substring(start, Math.min(contentEnd, start + 40))) + "'", number);
            }
            lines.add(new SdpLine(text.charAt(start), text.substring(start + 2, contentEnd), number));
            start = newline < 0 ? text.length() : newline + 1;
        }
        return lines;
    }

    private static SessionDescription build(List<SdpLine> lines, SdpLimits limits) {
        SdpLine first = lines.getFirst();
        if (first.type() != 'v' || !first.value().equals("0")) {
            throw new SdpParseException("the first line must be v=0", first.number());
        }
        int i = 1;
        List<SdpLine> session = new ArrayList<>();
        session.add(first);
        int origins = 0;
        int names = 0;
        int timings = 0;
        for (; i < lines.size() && lines.get(i).type() != 'm'; i++) {
            SdpLine line = lines.get(i);
            switch (line.type()) {
                case 'v' -> throw new SdpParseException("v= may only be the first line", line.number());
                case 'o' -> origins = countOnce(origins, line);
                case 's' -> names = countOnce(names, line);
                case 't' -> timings++;
                case 'a' -> AttributeSyntax.checkSessionAttribute(Attribute.of(line));
                default -> {
                    // Checked below by type.
                }
            }
            SessionLineSyntax.check(line);
            session.add(line);
        }
        if (origins == 0 || names == 0 || timings == 0) {
            throw new SdpParseException("missing " + (origins == 0 ? "o=" : names == 0 ? "s=" : "t=")
                    + " line before the first m= line", i < lines.size() ? lines.get(i).number() : 0);
        }
        Direction sessionDirection = DirectionAttribute.find(session).orElse(Direction.SENDRECV);
        List<MediaDescription> media = new ArrayList<>();
        while (i < lines.size()) {
            SdpLine mLine = lines.get(i);
            if (media.size() == limits.maxMediaSections()) {
                throw new SdpParseException("more than " + limits.maxMediaSections() + " m= sections",
                        mLine.number());
            }
            MediaLine parsed = MediaLine.parse(mLine);
            List<SdpLine> section = new ArrayList<>();
            section.add(mLine);
            for (i++; i < lines.size() && lines.get(i).type() != 'm'; i++) {
                SdpLine line = lines.get(i);
                if (SESSION_ONLY_TYPES.indexOf(line.type()) >= 0) {
                    throw new SdpParseException(line.type() + "= is not allowed in a media section", line.number());
                }
                if (line.type() == 'a') {
                    AttributeSyntax.checkMediaAttribute(Attribute.of(line), parsed.isRtp());
                }
                SessionLineSyntax.check(line);
                section.add(line);
            }
            media.add(new MediaDescription(parsed, section, sessionDirection));
        }
        return new SessionDescription(session, media);
    }

    private static int countOnce(int count, SdpLine line) {
        if (count > 0) {
            throw new SdpParseException(line.type() + "= may appear only once", line.number());
        }
        return 1;
    }

    private static boolean isAsciiLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }
}
