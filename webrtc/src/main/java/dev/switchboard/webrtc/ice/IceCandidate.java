package dev.switchboard.webrtc.ice;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One ICE candidate in the {@code candidate-attribute} syntax of RFC 8839 §5.1, with priorities
 * computed as in RFC 8445 §5.1.2.1; immutable and thread-safe.
 *
 * <p>{@link #extensions()} keeps the trailing name/value pairs ({@code raddr}, {@code generation},
 * {@code tcptype}, ...) in their original order.
 */
public record IceCandidate(String foundation, int component, String transport, long priority,
                           String address, int port, String type, Map<String, String> extensions) {

    /** Type preference RFC 8445 §5.1.2.2 recommends for host candidates. */
    public static final int HOST_TYPE_PREFERENCE = 126;

    private static final int MAX_FOUNDATION_LENGTH = 32;
    private static final int MAX_COMPONENT = 256;
    private static final long MAX_PRIORITY = 0xFFFF_FFFFL;
    private static final int MAX_PORT = 0xFFFF;
    private static final int MAX_LOCAL_PREFERENCE = 0xFFFF;
    // Chrome's candidates stay below 300 characters; the cap bounds the work on hostile input.
    private static final int MAX_INPUT_LENGTH = 4096;
    private static final int MAX_EXTENSION_TOKEN_LENGTH = 256;

    public IceCandidate {
        Objects.requireNonNull(foundation, "foundation");
        Objects.requireNonNull(transport, "transport");
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(extensions, "extensions");
        if (foundation.isEmpty() || foundation.length() > MAX_FOUNDATION_LENGTH
                || !IceChars.allIceChars(foundation)) {
            throw new IllegalArgumentException("foundation must be 1 to 32 ice-chars: " + foundation);
        }
        if (component < 1 || component > MAX_COMPONENT) {
            throw new IllegalArgumentException("component out of range 1..256: " + component);
        }
        checkToken("transport", transport);
        if (priority < 0 || priority > MAX_PRIORITY) {
            throw new IllegalArgumentException("priority out of range: " + priority);
        }
        CandidateAddress.check(address);
        if (port < 0 || port > MAX_PORT) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
        checkToken("type", type);
        Map<String, String> copy = new LinkedHashMap<>();
        extensions.forEach((k, v) -> {
            checkExtensionToken(k);
            checkExtensionToken(v);
            copy.put(k, v);
        });
        extensions = Collections.unmodifiableMap(copy);
    }

    /**
     * Parses {@code a=candidate:...}, {@code candidate:...} or the bare value.
     *
     * @throws IllegalArgumentException naming the problem; never any other exception
     */
    public static IceCandidate parse(String value) {
        if (value == null) {
            throw new IllegalArgumentException("candidate is null");
        }
        if (value.length() > MAX_INPUT_LENGTH) {
            throw new IllegalArgumentException("candidate longer than " + MAX_INPUT_LENGTH + " characters");
        }
        String text = value.strip();
        if (text.startsWith("a=")) {
            text = text.substring(2);
        }
        if (text.startsWith("candidate:")) {
            text = text.substring("candidate:".length());
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c == 0x7F) {
                throw new IllegalArgumentException("control character in candidate");
            }
        }
        List<String> tokens = splitOnSpaces(text);
        if (tokens.size() < 8) {
            throw new IllegalArgumentException("candidate needs at least 8 fields, got " + tokens.size());
        }
        if (!tokens.get(6).equals("typ")) {
            throw new IllegalArgumentException("expected 'typ' as the 7th field, got '" + tokens.get(6) + "'");
        }
        if (tokens.size() % 2 != 0) {
            throw new IllegalArgumentException("candidate extensions must come in name/value pairs");
        }
        Map<String, String> extensions = new LinkedHashMap<>();
        for (int i = 8; i < tokens.size(); i += 2) {
            if (extensions.putIfAbsent(tokens.get(i), tokens.get(i + 1)) != null) {
                throw new IllegalArgumentException("duplicate candidate extension: " + tokens.get(i));
            }
        }
        return new IceCandidate(tokens.get(0), (int) number("component", tokens.get(1), MAX_COMPONENT),
                tokens.get(2), number("priority", tokens.get(3), MAX_PRIORITY), tokens.get(4),
                (int) number("port", tokens.get(5), MAX_PORT), tokens.get(7), extensions);
    }

    /**
     * A UDP host candidate for component 1 with the RFC 8445 §5.1.2.1 priority
     * {@code 2^24 * 126 + 2^8 * localPreference + (256 - 1)}.
     */
    public static IceCandidate host(String foundation, InetAddress address, int port, int localPreference) {
        Objects.requireNonNull(address, "address");
        if (localPreference < 0 || localPreference > MAX_LOCAL_PREFERENCE) {
            throw new IllegalArgumentException("local preference out of range 0..65535: " + localPreference);
        }
        int component = 1;
        return new IceCandidate(foundation, component, "udp",
                priority(HOST_TYPE_PREFERENCE, localPreference, component),
                CandidateAddress.format(address), port, "host", Map.of());
    }

    /** RFC 8445 §5.1.2.1 priority formula. */
    public static long priority(int typePreference, int localPreference, int component) {
        return ((long) typePreference << 24) + ((long) localPreference << 8) + (256 - component);
    }

    /** {@code candidate:<foundation> <component> ... typ <type> [name value]...}, without {@code a=}. */
    public String toSdpValue() {
        StringBuilder sb = new StringBuilder("candidate:").append(foundation).append(' ')
                .append(component).append(' ').append(transport).append(' ').append(priority)
                .append(' ').append(address).append(' ').append(port).append(" typ ").append(type);
        extensions.forEach((k, v) -> sb.append(' ').append(k).append(' ').append(v));
        return sb.toString();
    }

    private static List<String> splitOnSpaces(String text) {
        List<String> tokens = new ArrayList<>();
        int start = -1;
        for (int i = 0; i <= text.length(); i++) {
            boolean space = i == text.length() || text.charAt(i) == ' ' || text.charAt(i) == '\t';
            if (space && start >= 0) {
                tokens.add(text.substring(start, i));
                start = -1;
            } else if (!space && start < 0) {
                start = i;
            }
        }
        return tokens;
    }

    private static long number(String what, String token, long max) {
        if (token.isEmpty() || token.length() > 10) {
            throw new IllegalArgumentException(what + " is not a number in range: " + token);
        }
        long n = 0;
        for (int i = 0; i < token.length(); i++) {
            char c = token.charAt(i);
            if (c < '0' || c > '9') {
                throw new IllegalArgumentException(what + " is not a number: " + token);
            }
            n = n * 10 + (c - '0');
        }
        if (n > max) {
            throw new IllegalArgumentException(what + " out of range: " + token);
        }
        return n;
    }

    private static void checkToken(String what, String token) {
        if (token.isEmpty() || token.length() > MAX_EXTENSION_TOKEN_LENGTH) {
            throw new IllegalArgumentException(what + " must be 1 to 256 characters");
        }
        for (int i = 0; i < token.length(); i++) {
            char c = token.charAt(i);
            if (c <= 0x20 || c >= 0x7F) {
                throw new IllegalArgumentException(what + " contains a space or non-ASCII character: " + token);
            }
        }
    }

    private static void checkExtensionToken(String token) {
        Objects.requireNonNull(token, "candidate extension");
        checkToken("candidate extension", token);
    }
}
