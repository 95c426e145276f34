package dev.switchboard.webrtc.ice;

import java.net.Inet6Address;
import java.net.InetAddress;

/**
 * Syntax checks for the {@code connection-address} of an ICE candidate (RFC 8839 §5.1): an IPv4
 * or IPv6 literal or a host name such as an mDNS {@code <uuid>.local}; stateless and thread-safe.
 *
 * <p>Nothing here resolves names: parsing remote input must never trigger a DNS lookup.
 */
final class CandidateAddress {

    private static final int MAX_NAME_LENGTH = 253;
    private static final int MAX_LABEL_LENGTH = 63;
    private static final int MAX_IPV6_LENGTH = 45;

    private CandidateAddress() {
    }

    /** Throws {@link IllegalArgumentException} naming the problem unless {@code address} is acceptable. */
    static void check(String address) {
        if (address.isEmpty()) {
            throw new IllegalArgumentException("candidate address is empty");
        }
        if (address.indexOf(':') >= 0) {
            checkIpv6(address);
        } else if (isDigitsAndDots(address)) {
            checkIpv4(address);
        } else {
            checkHostName(address);
        }
    }

    /** The textual form used in SDP: no IPv6 scope id, which is meaningful only on this host. */
    static String format(InetAddress address) {
        String text = address.getHostAddress();
        int percent = text.indexOf('%');
        return percent < 0 ? text : text.substring(0, percent);
    }

    private static boolean isDigitsAndDots(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c != '.' && (c < '0' || c > '9')) {
                return false;
            }
        }
        return true;
    }

    private static void checkIpv4(String address) {
        String[] parts = address.split("\\.", -1);
        if (parts.length != 4) {
            throw new IllegalArgumentException("bad IPv4 address: " + address);
        }
        for (String part : parts) {
            if (part.isEmpty() || part.length() > 3 || Integer.parseInt(part) > 255
                    || (part.length() > 1 && part.charAt(0) == '0')) {
                throw new IllegalArgumentException("bad IPv4 address: " + address);
            }
        }
    }

    private static void checkIpv6(String address) {
        if (address.length() > MAX_IPV6_LENGTH) {
            throw new IllegalArgumentException("bad IPv6 address: too long");
        }
        for (int i = 0; i < address.length(); i++) {
            char c = address.charAt(i);
            boolean ok = c == ':' || c == '.' || Character.digit(c, 16) >= 0;
            if (!ok) {
                throw new IllegalArgumentException("bad IPv6 address: " + address);
            }
        }
        try {
            Inet6Address.ofLiteral(address);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("bad IPv6 address: " + address, e);
        }
    }

    private static void checkHostName(String name) {
        if (name.length() > MAX_NAME_LENGTH) {
            throw new IllegalArgumentException("host name longer than " + MAX_NAME_LENGTH);
        }
        int labelStart = 0;
        for (int i = 0; i <= name.length(); i++) {
            if (i == name.length() || name.charAt(i) == '.') {
                int labelLength = i - labelStart;
                if (labelLength == 0 || labelLength > MAX_LABEL_LENGTH) {
                    throw new IllegalArgumentException("bad host name: " + name);
                }
                labelStart = i + 1;
                continue;
            }
            char c = name.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '_';
            if (!ok) {
                throw new IllegalArgumentException("bad character in candidate address: " + name);
            }
        }
    }
}
