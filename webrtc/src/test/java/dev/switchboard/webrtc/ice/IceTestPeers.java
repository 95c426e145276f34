package dev.switchboard.webrtc.ice;

import dev.switchboard.webrtc.stun.StunDecoder;
import dev.switchboard.webrtc.stun.StunMessage;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.Random;

/** Credentials, addresses and a responder shortcut shared by the ICE tests; not thread-safe (seeded Random). */
final class IceTestPeers {

    static final long PEER_PRIORITY = IceCandidate.priority(110, 65535, 1);

    final Random random;
    final IceCredentials server;
    final IceCredentials client;
    final InetSocketAddress clientAddress;

    IceTestPeers(long seed) {
        random = new Random(seed);
        server = new IceCredentials(IceChars.random(random, 8), IceChars.random(random, 24));
        client = new IceCredentials(IceChars.random(random, 8), IceChars.random(random, 24));
        clientAddress = address("198.51.100.7", 50000 + random.nextInt(10000));
    }

    IceControllingChecker checker(boolean useCandidate) {
        return new IceControllingChecker(client, server, PEER_PRIORITY, useCandidate, random);
    }

    BindingOutcome answer(byte[] request) {
        return answer(request, clientAddress);
    }

    BindingOutcome answer(byte[] request, InetSocketAddress from) {
        StunMessage msg = StunDecoder.decode(request, 0, request.length);
        return IceLiteResponder.respond(server, msg, request, 0, request.length, from);
    }

    static InetSocketAddress address(String ip, int port) {
        try {
            return new InetSocketAddress(InetAddress.getByName(ip), port);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
