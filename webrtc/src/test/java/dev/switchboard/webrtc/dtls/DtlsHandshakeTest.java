package dev.switchboard.webrtc.dtls;

import dev.switchboard.webrtc.srtp.SrtpProfile;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.webrtc.dtls.DtlsHandshakeException.Reason;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Tests {@link DtlsHandshake} end to end (RFC 5763 §5, RFC 5764 §4): a server and a client, each
 * on its own virtual thread, over a {@link TransportPair}; every wait is bounded.
 */
class DtlsHandshakeTest {

    private static final Duration HANDSHAKE_TIMEOUT = Duration.ofSeconds(10);
    /** Longer than any handshake here may take, so a hang fails the test instead of the build. */
    private static final long BOUND_MILLIS = 20_000;
    private static final List<SrtpProfile> BOTH = SrtpProfile.DEFAULT_PREFERENCE;
    private static final List<SrtpProfile> AES_CM_ONLY = List.of(SrtpProfile.AES_CM_128_HMAC_SHA1_80);
    private static final List<SrtpProfile> GCM_ONLY = List.of(SrtpProfile.AEAD_AES_128_GCM);

    private final Clock clock = Clock.systemUTC();
    private final DtlsHandshake handshake = new DtlsHandshake(clock);
    private final DtlsCertificate serverCert = DtlsCertificate.generateEcdsaP256(clock);
    private final DtlsCertificate clientCert = DtlsCertificate.generateEcdsaP256(clock);
    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();

    @AfterEach
    void stopThreads() {
        // Interrupts anything a failed assertion left waiting, instead of close() waiting for it.
        threads.shutdownNow();
    }

    @Test
    void bothSidesAgreeOnGcmKeysAndEachOthersCertificate() throws Exception {
        TransportPair link = new TransportPair();
        Future<DtlsResult> server = start(DtlsRole.SERVER, serverCert, clientCert.fingerprint(), link.server, BOTH);
        Future<DtlsResult> client = start(DtlsRole.CLIENT, clientCert, serverCert.fingerprint(), link.client, BOTH);

        DtlsResult s = server.get(BOUND_MILLIS, TimeUnit.MILLISECONDS);
        DtlsResult c = client.get(BOUND_MILLIS, TimeUnit.MILLISECONDS);

        assertThat(s.srtpProfileId()).isEqualTo(c.srtpProfileId()).isEqualTo(0x0007);
        assertThat(s.keyingMaterial()).hasSize(56).isEqualTo(c.keyingMaterial());
        assertThat(s.remoteCertificateDer()).isEqualTo(clientCert.encoded());
        assertThat(c.remoteCertificateDer()).isEqualTo(serverCert.encoded());
        assertThat(s.srtpKeyMaterial()).isEqualTo(c.srtpKeyMaterial());
        assertThat(s.srtpKeyMaterial().serverSalt()).hasSize(12);
        assertThat(c.srtpKeyMaterial().clientKey()).hasSize(16).isNotEqualTo(c.srtpKeyMaterial().serverKey());
        assertThat(s.handshakeDuration()).isPositive().isLessThan(HANDSHAKE_TIMEOUT);

        // The DTLS connection stays usable for application data (data channels, RFC 8261).
        byte[] hello = "hello".getBytes(StandardCharsets.US_ASCII);
        c.transport().send(hello, 0, hello.length);
        byte[] buf = new byte[s.transport().getReceiveLimit()];
        int received = s.transport().receive(buf, 0, buf.length, (int) BOUND_MILLIS);
        assertThat(received).isEqualTo(hello.length);
        assertThat(new String(buf, 0, received, StandardCharsets.US_ASCII)).isEqualTo("hello");
    }

    @ParameterizedTest(name = "server accepts {0}, client offers {1} -> {2}")
    @CsvSource({
        "GCM CM, CM,     CM",
        "GCM CM, CM GCM, GCM",
        "CM GCM, GCM CM, CM",
        "GCM,    GCM CM, GCM",
    })
    void theServerPicksItsFavouriteAmongTheClientsOffer(String accepted, String offered, String expected)
            throws Exception {
        TransportPair link = new TransportPair();
        Future<DtlsResult> server =
                start(DtlsRole.SERVER, serverCert, clientCert.fingerprint(), link.server, profiles(accepted));
        Future<DtlsResult> client =
                start(DtlsRole.CLIENT, clientCert, serverCert.fingerprint(), link.client, profiles(offered));

        DtlsResult s = server.get(BOUND_MILLIS, TimeUnit.MILLISECONDS);
        DtlsResult c = client.get(BOUND_MILLIS, TimeUnit.MILLISECONDS);

        SrtpProfile want = profiles(expected).getFirst();
        assertThat(s.srtpProfile()).isEqualTo(c.srtpProfile()).isEqualTo(want);
        assertThat(s.keyingMaterial()).hasSize(want.keyingMaterialLength()).isEqualTo(c.keyingMaterial());
        assertThat(want.keyingMaterialLength()).isEqualTo(want == SrtpProfile.AEAD_AES_128_GCM ? 56 : 60);
    }

    @Test
    void noCommonProfileFailsBothSides() throws Exception {
        TransportPair link = new TransportPair();
        Future<DtlsResult> server =
                start(DtlsRole.SERVER, serverCert, clientCert.fingerprint(), link.server, AES_CM_ONLY);
        Future<DtlsResult> client = start(DtlsRole.CLIENT, clientCert, serverCert.fingerprint(), link.client, GCM_ONLY);

        DtlsHandshakeException s = failureOf(server);
        assertThat(s.reason()).isEqualTo(Reason.NO_COMMON_SRTP_PROFILE);
        assertThat(s).hasMessageContaining("no common SRTP profile").hasMessageContaining("0x0007");
        DtlsHandshakeException c = failureOf(client);
        assertThat(c.reason()).isEqualTo(Reason.ALERT_RECEIVED);
        assertThat(c).hasMessageContaining("handshake_failure");
    }

    @Test
    void theServerRejectsAClientWhoseCertificateIsNotTheFingerprintedOne() throws Exception {
        DtlsCertificate impostor = DtlsCertificate.generateEcdsaP256(clock);
        TransportPair link = new TransportPair();
        Future<DtlsResult> server = start(DtlsRole.SERVER, serverCert, clientCert.fingerprint(), link.server, BOTH);
        Future<DtlsResult> client = start(DtlsRole.CLIENT, impostor, serverCert.fingerprint(), link.client, BOTH);

        DtlsHandshakeException s = failureOf(server);
        assertThat(s.reason()).isEqualTo(Reason.FINGERPRINT_MISMATCH);
        assertThat(s).hasMessageContaining("fingerprint " + clientCert.fingerprint().toSdpValue())
                .hasMessageContaining(impostor.fingerprint().toSdpValue());
        DtlsHandshakeException c = failureOf(client);
        assertThat(c.reason()).isEqualTo(Reason.ALERT_RECEIVED);
        assertThat(c).hasMessageContaining("bad_certificate");
    }

    @Test
    void theClientRejectsAServerWhoseCertificateIsNotTheFingerprintedOne() throws Exception {
        DtlsCertificate impostor = DtlsCertificate.generateEcdsaP256(clock);
        TransportPair link = new TransportPair();
        Future<DtlsResult> server = start(DtlsRole.SERVER, impostor, clientCert.fingerprint(), link.server, BOTH);
        Future<DtlsResult> client = start(DtlsRole.CLIENT, clientCert, serverCert.fingerprint(), link.client, BOTH);

        DtlsHandshakeException c = failureOf(client);
        assertThat(c.reason()).isEqualTo(Reason.FINGERPRINT_MISMATCH);
        assertThat(c).hasMessageContaining("fingerprint " + serverCert.fingerprint().toSdpValue());
        DtlsHandshakeException s = failureOf(server);
        assertThat(s.reason()).isEqualTo(Reason.ALERT_RECEIVED);
        assertThat(s).hasMessageContaining("bad_certificate");
    }

    @ParameterizedTest
    @CsvSource({"SERVER", "CLIENT"})
    void aSilentPeerTimesOutWithinTheTimeout(DtlsRole role) {
        Duration timeout = Duration.ofMillis(1500);
        DtlsPacketTransport nowhere = new DtlsPacketTransport((buf, off, len) -> { });
        long start = System.nanoTime();

        assertThatThrownBy(() -> handshake.run(role, serverCert, clientCert.fingerprint(), nowhere, BOTH, timeout))
                .isInstanceOfSatisfying(DtlsHandshakeException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.TIMEOUT))
                .hasMessageContaining("within " + timeout);
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        // BouncyCastle times out on the wall clock in whole milliseconds, hence the small allowance below.
        assertThat(took).isGreaterThan(timeout.minusMillis(50)).isLessThan(timeout.plusSeconds(2));
    }

    @Test
    void closingTheTransportAbortsAWaitingHandshakePromptly() throws Exception {
        DtlsPacketTransport transport = new DtlsPacketTransport((buf, off, len) -> { });
        Future<DtlsResult> server = start(DtlsRole.SERVER, serverCert, clientCert.fingerprint(), transport, BOTH);

        transport.close();

        assertThat(failureOf(server).reason()).isEqualTo(Reason.CLOSED);
    }

    @Test
    void garbageAmongTheClientsDatagramsIsDiscarded() throws Exception {
        Random random = new Random(5764);
        TransportPair link = new TransportPair((datagram, server) -> {
            for (byte[] junk : garbage(random)) {
                server.offer(junk, 0, junk.length);
            }
            server.offer(datagram, 0, datagram.length);
        });
        Future<DtlsResult> server = start(DtlsRole.SERVER, serverCert, clientCert.fingerprint(), link.server, BOTH);
        Future<DtlsResult> client = start(DtlsRole.CLIENT, clientCert, serverCert.fingerprint(), link.client, BOTH);

        DtlsResult s = server.get(BOUND_MILLIS, TimeUnit.MILLISECONDS);
        DtlsResult c = client.get(BOUND_MILLIS, TimeUnit.MILLISECONDS);
        assertThat(s.keyingMaterial()).isEqualTo(c.keyingMaterial());
        assertThat(s.remoteCertificateDer()).isEqualTo(clientCert.encoded());
        assertThat(link.server.droppedDatagrams()).isZero();
    }

    /**
     * Plaintext handshake records are unauthenticated in epoch 0, so forged ones can push the
     * replay window past the real sequence numbers or claim message numbers; the handshake may
     * then stall, but it must end within its timeout with nothing worse than a {@link
     * DtlsHandshakeException}.
     */
    @Test
    void forgedPlaintextHandshakeRecordsEndTheHandshakeCleanlyAtWorst() throws Exception {
        Random random = new Random(8827);
        Duration timeout = Duration.ofSeconds(2);
        TransportPair link = new TransportPair((datagram, server) -> {
            byte[] forged = plaintextHandshakeRecord(random, 64 + random.nextInt(64));
            server.offer(forged, 0, forged.length);
            server.offer(datagram, 0, datagram.length);
        });
        Future<DtlsResult> server = threads.submit(() -> handshake.run(
                DtlsRole.SERVER, serverCert, clientCert.fingerprint(), link.server, BOTH, timeout));
        Future<DtlsResult> client = threads.submit(() -> handshake.run(
                DtlsRole.CLIENT, clientCert, serverCert.fingerprint(), link.client, BOTH, timeout));

        for (Future<DtlsResult> side : List.of(server, client)) {
            try {
                assertThat(side.get(BOUND_MILLIS, TimeUnit.MILLISECONDS).keyingMaterial()).hasSize(56);
            } catch (ExecutionException e) {
                assertThat(e.getCause()).isInstanceOf(DtlsHandshakeException.class);
            }
        }
    }

    @Test
    void argumentsAreChecked() {
        DtlsPacketTransport transport = new DtlsPacketTransport((buf, off, len) -> { });
        assertThatThrownBy(() -> handshake.run(DtlsRole.SERVER, serverCert, clientCert.fingerprint(), transport,
                List.of(), HANDSHAKE_TIMEOUT)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> handshake.run(DtlsRole.SERVER, serverCert, clientCert.fingerprint(), transport,
                BOTH, Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
    }

    /**
     * What a media thread's demultiplexer (RFC 7983) would still pass on as DTLS but a DTLS
     * stack must discard (RFC 6347 §4.1.2.7): noise, an empty datagram, a record shorter than its
     * length field, one with a version that is not DTLS, and forged ciphertext in epoch 1.
     */
    private static List<byte[]> garbage(Random random) {
        byte[] noise = new byte[1 + random.nextInt(300)];
        random.nextBytes(noise);
        noise[0] = (byte) (20 + random.nextInt(44));

        byte[] truncated = plaintextHandshakeRecord(random, random.nextInt(8));
        truncated = Arrays.copyOf(truncated, truncated.length - 1);

        byte[] notDtls = plaintextHandshakeRecord(random, random.nextInt(8));
        notDtls[1] = 3;
        notDtls[2] = 3;

        byte[] forgedCiphertext = plaintextHandshakeRecord(random, random.nextInt(64));
        forgedCiphertext[4] = 1; // epoch 1: encrypted, so it fails authentication
        return List.of(noise, new byte[0], truncated, notDtls, forgedCiphertext);
    }

    /** A well-formed DTLS 1.2 handshake record header in epoch 0 around a random body. */
    private static byte[] plaintextHandshakeRecord(Random random, int sequenceNumber) {
        byte[] body = new byte[1 + random.nextInt(100)];
        random.nextBytes(body);
        byte[] record = new byte[13 + body.length];
        record[0] = 22; // handshake
        record[1] = (byte) 0xfe;
        record[2] = (byte) 0xfd;
        record[10] = (byte) sequenceNumber;
        record[11] = (byte) (body.length >> 8);
        record[12] = (byte) body.length;
        System.arraycopy(body, 0, record, 13, body.length);
        return record;
    }

    private static List<SrtpProfile> profiles(String names) {
        return Arrays.stream(names.trim().split("\\s+"))
                .map(name -> name.equals("CM") ? SrtpProfile.AES_CM_128_HMAC_SHA1_80 : SrtpProfile.AEAD_AES_128_GCM)
                .toList();
    }

    private Future<DtlsResult> start(DtlsRole role, DtlsCertificate local, Fingerprint remote,
            DtlsPacketTransport transport, List<SrtpProfile> profiles) {
        return threads.submit(() -> handshake.run(role, local, remote, transport, profiles, HANDSHAKE_TIMEOUT));
    }

    private static DtlsHandshakeException failureOf(Future<DtlsResult> handshake) throws Exception {
        try {
            DtlsResult unexpected = handshake.get(BOUND_MILLIS, TimeUnit.MILLISECONDS);
            throw new AssertionError("handshake succeeded: " + unexpected);
        } catch (ExecutionException e) {
            assertThat(e.getCause()).isInstanceOf(DtlsHandshakeException.class);
            return (DtlsHandshakeException) e.getCause();
        }
    }
}
