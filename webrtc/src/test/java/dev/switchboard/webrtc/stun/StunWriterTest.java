package dev.switchboard.webrtc.stun;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Round-trips {@link StunWriter} output through {@link StunDecoder} and {@link StunIntegrity}; single-threaded. */
class StunWriterTest {

    private static final Random RANDOM = new Random(0x57_0B_11L);

    @Test
    void requestAttributesRoundTrip() {
        for (int i = 0; i < 50; i++) {
            byte[] txId = randomTxId();
            long priority = RANDOM.nextLong() >>> 32;
            long tieBreaker = RANDOM.nextLong();
            String username = "u" + i + ":peer" + RANDOM.nextInt(1000);
            byte[] key = StunIntegrity.shortTermKey("pw" + RANDOM.nextInt());

            byte[] m = StunWriter.request(txId).username(username).priority(priority).iceControlling(tieBreaker)
                    .useCandidate().build(key, true);
            StunMessage msg = StunDecoder.decode(m, 0, m.length);

            assertThat(msg.isBinding(StunClass.REQUEST)).isTrue();
            assertThat(msg.transactionId()).isEqualTo(txId);
            assertThat(msg.username()).isEqualTo(username);
            assertThat(msg.priority()).isEqualTo(priority);
            assertThat(msg.iceControlling()).isEqualTo(tieBreaker);
            assertThat(msg.iceControlled()).isNull();
            assertThat(msg.useCandidate()).isTrue();
            assertThat(msg.hasMessageIntegrity()).isTrue();
            assertThat(msg.hasFingerprint()).isTrue();
            assertThat(m.length % 4).isZero();
            assertThat(StunIntegrity.verifyMessageIntegrity(m, 0, m.length, key)).isTrue();
            assertThat(StunIntegrity.verifyFingerprint(m, 0, m.length)).isTrue();
        }
    }

    @Test
    void mappedAddressesOfBothFamiliesRoundTrip() throws Exception {
        for (String ip : List.of("0.0.0.0", "10.1.2.3", "255.255.255.255", "::1", "2001:db8::42",
                "fe80::1:2:3:4", "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff")) {
            for (int port : new int[] {0, 1, 3478, 0x2112, 65535}) {
                byte[] txId = randomTxId();
                InetSocketAddress address = new InetSocketAddress(InetAddress.getByName(ip), port);
                byte[] m = StunWriter.response(txId).xorMappedAddress(address).build(null, false);
                assertThat(StunDecoder.decode(m, 0, m.length).xorMappedAddress()).as("%s port %d", ip, port)
                        .isEqualTo(address);
            }
        }
    }

    @Test
    void errorResponsesCarryCodeReasonAndUnknownAttributes() {
        byte[] txId = randomTxId();
        byte[] m = StunWriter.errorResponse(txId, StunErrorCode.UNKNOWN_ATTRIBUTE, "Unknown Attribute")
                .unknownAttributes(List.of(0x0042, 0x7777)).build(null, true);
        StunMessage msg = StunDecoder.decode(m, 0, m.length);

        assertThat(msg.isBinding(StunClass.ERROR_RESPONSE)).isTrue();
        assertThat(msg.errorCode()).isEqualTo(StunErrorCode.UNKNOWN_ATTRIBUTE);
        assertThat(msg.errorReason()).isEqualTo("Unknown Attribute");
        assertThat(msg.attribute(StunAttributeType.UNKNOWN_ATTRIBUTES).copyValue(m)).containsExactly(0, 0x42, 0x77, 0x77);
        assertThat(msg.hasMessageIntegrity()).isFalse();
        assertThat(StunIntegrity.verifyFingerprint(m, 0, m.length)).isTrue();
    }

    @Test
    void fingerprintWithoutIntegrityAndNeitherAreValid() {
        byte[] txId = randomTxId();
        byte[] fpOnly = StunWriter.indication(txId).build(null, true);
        byte[] bare = StunWriter.indication(txId).build(null, false);

        assertThat(bare).hasSize(StunMessage.HEADER_LENGTH);
        assertThat(StunDecoder.decode(bare, 0, bare.length).attributes()).isEmpty();
        assertThat(StunIntegrity.verifyFingerprint(fpOnly, 0, fpOnly.length)).isTrue();
        assertThat(StunIntegrity.verifyFingerprint(bare, 0, bare.length)).isFalse();
        assertThat(StunIntegrity.verifyMessageIntegrity(fpOnly, 0, fpOnly.length, new byte[] {1})).isFalse();
    }

    @Test
    void fingerprintMustBeLastToVerify() {
        byte[] m = StunWriter.indication(randomTxId()).build(null, true);
        // A correct CRC that is followed by another attribute is not a FINGERPRINT per RFC 8489 §14.7.
        byte[] longer = java.util.Arrays.copyOf(m, m.length + 4);
        longer[3] = (byte) (longer.length - StunMessage.HEADER_LENGTH);
        longer[m.length] = (byte) 0x80;
        longer[m.length + 1] = 0x22;
        assertThat(StunIntegrity.verifyFingerprint(longer, 0, longer.length)).isFalse();
    }

    @Test
    void badArgumentsAreRefused() throws Exception {
        assertThatThrownBy(() -> StunWriter.request(new byte[11])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> StunWriter.errorResponse(randomTxId(), 299, "x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> StunWriter.errorResponse(randomTxId(), 700, "x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> StunWriter.request(randomTxId()).priority(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> StunWriter.request(randomTxId()).priority(1L << 32)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> StunWriter.request(randomTxId()).software("x".repeat(128)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> StunWriter.request(randomTxId()).username("x".repeat(509)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> StunWriter.response(randomTxId())
                .xorMappedAddress(InetSocketAddress.createUnresolved("example.org", 1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> StunWriter.request(randomTxId()).build(new byte[0], false))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> StunWriter.request(randomTxId()).attribute(0x8000, new byte[0xFFF0])
                .attribute(0x8001, new byte[16]).build(null, false)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void writerKeepsItsOwnCopyOfTheTransactionId() {
        byte[] txId = randomTxId();
        StunWriter w = StunWriter.request(txId);
        byte[] expected = txId.clone();
        txId[0] ^= 1;
        byte[] m = w.build(null, false);
        assertThat(StunDecoder.decode(m, 0, m.length).transactionId()).isEqualTo(expected);
    }

    private static byte[] randomTxId() {
        byte[] id = new byte[StunMessage.TRANSACTION_ID_LENGTH];
        RANDOM.nextBytes(id);
        return id;
    }
}
