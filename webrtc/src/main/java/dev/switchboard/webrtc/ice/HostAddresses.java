package dev.switchboard.webrtc.ice;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Finds the addresses to offer as host candidates (RFC 8445 §5.1.1.1); stateless and thread-safe.
 *
 * <p>Link-local addresses are left out because a browser on another machine cannot reach them
 * without a scope id, which SDP cannot carry.
 */
public final class HostAddresses {

    private HostAddresses() {
    }

    /** Up, non-loopback, non-link-local IPv4 and IPv6 addresses of this host; if there is none, the loopback addresses. */
    public static List<InetAddress> discover() {
        List<InetAddress> found = new ArrayList<>();
        List<InetAddress> loopback = new ArrayList<>();
        try {
            for (NetworkInterface nic : NetworkInterface.networkInterfaces().toList()) {
                if (!nic.isUp()) {
                    continue;
                }
                for (InetAddress address : nic.inetAddresses().toList()) {
                    if (address.isLoopbackAddress()) {
                        loopback.add(address);
                    } else if (usable(address)) {
                        found.add(address);
                    }
                }
            }
        } catch (SocketException e) {
            // An unreadable interface table leaves only the loopback fallback below.
            found.clear();
        }
        List<InetAddress> result = found.isEmpty() ? loopback : found;
        if (result.isEmpty()) {
            result.add(InetAddress.getLoopbackAddress());
        }
        // IPv4 first, so callers that take only the first address get the most widely reachable family.
        result.sort(Comparator.comparing((InetAddress a) -> a instanceof Inet4Address ? 0 : 1));
        return List.copyOf(result);
    }

    private static boolean usable(InetAddress address) {
        return !address.isLinkLocalAddress() && !address.isAnyLocalAddress() && !address.isMulticastAddress();
    }
}
