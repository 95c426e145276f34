package dev.switchboard.webrtc.sdp;

import dev.switchboard.webrtc.dtls.DtlsCertificate;
import dev.switchboard.webrtc.ice.IceCandidate;
import dev.switchboard.webrtc.ice.IceCredentials;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;

/**
 * Test fixtures shared with other modules through the test-jar: browser offers under
 * {@code sdp/synthetic/} and {@code sdp/chromium/} on the classpath (RFC 8866 text) and ready-made
 * options; stateless and thread-safe.
 */
public final class SdpFixtures {

    /** Hand-written Chrome- and Firefox-style offers. */
    public static final String SYNTHETIC = "synthetic";
    /** Offers captured from a real Chromium; the folder may be absent. */
    public static final String CHROMIUM = "chromium";

    private static final DtlsCertificate CERTIFICATE = DtlsCertificate.generateEcdsaP256(Clock.systemUTC());

    private SdpFixtures() {
    }

    /** Every {@code *.sdp} under {@code sdp/synthetic/} and {@code sdp/chromium/}, as "folder/name.sdp". */
    public static List<String> offerNames() {
        List<String> names = new ArrayList<>();
        for (String folder : List.of(SYNTHETIC, CHROMIUM)) {
            names.addAll(list(folder));
        }
        return names;
    }

    /** A fixture's text, e.g. {@code read("synthetic/chrome-sendrecv.sdp")}. */
    public static String read(String name) {
        try (InputStream in = SdpFixtures.class.getClassLoader().getResourceAsStream("sdp/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture sdp/" + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static SessionDescription parse(String name) {
        return SessionDescription.parse(read(name));
    }

    /** One self-signed certificate per test JVM: generating keys is the slow part of these tests. */
    public static DtlsCertificate certificate() {
        return CERTIFICATE;
    }

    public static List<IceCandidate> candidates() {
        return List.of(
                IceCandidate.host("1", InetAddress.ofLiteral("192.0.2.10"), 40000, 65535),
                IceCandidate.host("2", InetAddress.ofLiteral("2001:db8::10"), 40000, 65534));
    }

    public static AnswerOptions answerOptions(boolean mayReceive, boolean maySend, boolean useDataChannels, long seed) {
        return new AnswerOptions(new IceCredentials("sfuUfrag", "sfuPasswordSfuPassword24"),
                CERTIFICATE.fingerprint(), candidates(), mayReceive, maySend, useDataChannels, 0, 0,
                "switchboard-cname", "switchboard-stream", new SplittableRandom(seed));
    }

    public static AnswerOptions answerOptions() {
        return answerOptions(true, true, true, 1);
    }

    public static OfferOptions offerOptions(boolean audio, boolean video, boolean mayReceive, boolean maySend,
                                            long seed) {
        return new OfferOptions(new IceCredentials("offerUfr", "offerPasswordOfferPass24"),
                CERTIFICATE.fingerprint(), candidates(), audio, video, mayReceive, maySend, 0, 0,
                "offer-cname", "offer-stream", new SplittableRandom(seed));
    }

    private static List<String> list(String folder) {
        URL url = SdpFixtures.class.getClassLoader().getResource("sdp/" + folder);
        if (url == null) {
            return List.of();
        }
        try {
            if (url.getProtocol().equals("jar")) {
                try (FileSystem jar = FileSystems.newFileSystem(url.toURI(), Map.of())) {
                    return names(folder, jar.getPath("sdp", folder));
                }
            }
            return names(folder, Path.of(url.toURI()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> names(String folder, Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".sdp")).sorted()
                    .map(n -> folder + "/" + n).toList();
        }
    }
}
