package dev.switchboard.webrtc.stun;

import static dev.switchboard.webrtc.stun.Rfc5769Vectors.hex;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/**
 * Decodes, verifies and re-encodes the sample messages of RFC 5769 §2; single-threaded.
 */
class StunRfc5769VectorsTest {

    private static final byte[] KEY = StunIntegrity.shortTermKey(Rfc5769Vectors.PASSWORD);
    private static final byte[] TX_ID = hex(Rfc5769Vectors.TRANSACTION_ID);

    @Test
    void sampleRequestDecodesAndVerifies() {
        byte[] m = Rfc5769Vectors.REQUEST;
        StunMessage msg = StunDecoder.decode(m, 0, m.length);

        assertThat(msg.messageClass()).isEqualTo(StunClass.REQUEST);
        assertThat(msg.method()).isEqualTo(StunMessage.METHOD_BINDING);
        assertThat(msg.transactionId()).isEqualTo(TX_ID);
        assertThat(msg.software()).isEqualTo(Rfc5769Vectors.REQUEST_SOFTWARE);
        assertThat(msg.username()).isEqualTo(Rfc5769Vectors.USERNAME);
        assertThat(msg.priority()).isEqualTo(0x6e0001ffL);
        assertThat(msg.iceControlled()).isEqualTo(0x932ff9b151263b36L);
        assertThat(msg.iceControlling()).isNull();
        assertThat(msg.useCandidate()).isFalse();
        assertThat(msg.hasMessageIntegrity()).isTrue();
        assertThat(msg.hasFingerprint()).isTrue();
        assertThat(msg.unknownComprehensionRequired()).isEmpty();
        assertThat(msg.attributes()).extracting(StunAttribute::type).containsExactly(
                StunAttributeType.SOFTWARE, StunAttributeType.PRIORITY, StunAttributeType.ICE_CONTROLLED,
                StunAttributeType.USERNAME, StunAttributeType.MESSAGE_INTEGRITY, StunAttributeType.FINGERPRINT);

        assertThat(StunIntegrity.verifyMessageIntegrity(m, 0, m.length, KEY)).isTrue();
        assertThat(StunIntegrity.verifyFingerprint(m, 0, m.length)).isTrue();
    }

    @Test
    void ipv4ResponseDecodesAndVerifies() throws Exception {
        checkResponse(Rfc5769Vectors.IPV4_RESPONSE, Rfc5769Vectors.MAPPED_IPV4);
    }

    @Test
    void ipv6ResponseDecodesAndVerifies() throws Exception {
        checkResponse(Rfc5769Vectors.IPV6_RESPONSE, Rfc5769Vectors.MAPPED_IPV6);
    }

    @Test
    void sampleRequestIsReproducedByteForByte() {
        byte[] built = StunWriter.request(TX_ID)
                .paddingByte(0x20)
                .software(Rfc5769Vectors.REQUEST_SOFTWARE)
                .priority(0x6e0001ffL)
                .iceControlled(0x932ff9b151263b36L)
                .username(Rfc5769Vectors.USERNAME)
                .build(KEY, true);
        assertThat(HexFormat.of().formatHex(built)).isEqualTo(HexFormat.of().formatHex(Rfc5769Vectors.REQUEST));
    }

    @Test
    void ipv4ResponseIsReproducedByteForByte() throws Exception {
        assertThat(rebuildResponse(Rfc5769Vectors.MAPPED_IPV4)).isEqualTo(Rfc5769Vectors.IPV4_RESPONSE);
    }

    @Test
    void ipv6ResponseIsReproducedByteForByte() throws Exception {
        assertThat(rebuildResponse(Rfc5769Vectors.MAPPED_IPV6)).isEqualTo(Rfc5769Vectors.IPV6_RESPONSE);
    }

    @Test
    void paddingContentDoesNotChangeWhatIsDecoded() throws Exception {
        InetSocketAddress mapped = new InetSocketAddress(InetAddress.getByName(Rfc5769Vectors.MAPPED_IPV4),
                Rfc5769Vectors.MAPPED_PORT);
        byte[] zeroPadded = StunWriter.response(TX_ID).software(Rfc5769Vectors.RESPONSE_SOFTWARE)
                .xorMappedAddress(mapped).build(KEY, true);
        StunMessage msg = StunDecoder.decode(zeroPadded, 0, zeroPadded.length);

        assertThat(zeroPadded).isNotEqualTo(Rfc5769Vectors.IPV4_RESPONSE).hasSameSizeAs(Rfc5769Vectors.IPV4_RESPONSE);
        assertThat(msg.software()).isEqualTo(Rfc5769Vectors.RESPONSE_SOFTWARE);
        assertThat(msg.xorMappedAddress()).isEqualTo(mapped);
        assertThat(StunIntegrity.verifyMessageIntegrity(zeroPadded, 0, zeroPadded.length, KEY)).isTrue();
        assertThat(StunIntegrity.verifyFingerprint(zeroPadded, 0, zeroPadded.length)).isTrue();
    }

    @Test
    void everyVectorFailsVerificationAfterAnyBodyByteChanges() {
        for (byte[] vector : new byte[][] {Rfc5769Vectors.REQUEST, Rfc5769Vectors.IPV4_RESPONSE,
                Rfc5769Vectors.IPV6_RESPONSE}) {
            int integrityEnd = vector.length - 8;
            for (int i = 0; i < integrityEnd; i++) {
                byte[] copy = vector.clone();
                copy[i] ^= 0x01;
                assertThat(StunIntegrity.verifyMessageIntegrity(copy, 0, copy.length, KEY)).as("byte %d", i).isFalse();
                assertThat(StunIntegrity.verifyFingerprint(copy, 0, copy.length)).as("byte %d", i).isFalse();
            }
        }
    }

    @Test
    void wrongPasswordDoesNotVerify() {
        byte[] m = Rfc5769Vectors.REQUEST;
        byte[] otherKey = StunIntegrity.shortTermKey(Rfc5769Vectors.PASSWORD + "x");
        assertThat(StunIntegrity.verifyMessageIntegrity(m, 0, m.length, otherKey)).isFalse();
    }

    @Test
    void vectorsVerifyAtAnOffsetInsideALargerBuffer() {
        byte[] m = Rfc5769Vectors.IPV6_RESPONSE;
        byte[] big = new byte[m.length + 37];
        System.arraycopy(m, 0, big, 13, m.length);
        StunMessage msg = StunDecoder.decode(big, 13, m.length);

        assertThat(msg.xorMappedAddress().getPort()).isEqualTo(Rfc5769Vectors.MAPPED_PORT);
        assertThat(msg.attribute(StunAttributeType.SOFTWARE).copyValue(big))
                .isEqualTo(Rfc5769Vectors.RESPONSE_SOFTWARE.getBytes(StandardCharsets.UTF_8));
        assertThat(StunIntegrity.verifyMessageIntegrity(big, 13, m.length, KEY)).isTrue();
        assertThat(StunIntegrity.verifyFingerprint(big, 13, m.length)).isTrue();
    }

    @Test
    void longTermRequestVerifiesWithTheMd5Key() throws Exception {
        byte[] m = Rfc5769Vectors.LONG_TERM_REQUEST;
        StunMessage msg = StunDecoder.decode(m, 0, m.length);
        // RFC 8489 §9.2.2: key = MD5(username ":" realm ":" password).
        byte[] key = MessageDigest.getInstance("MD5").digest((Rfc5769Vectors.LONG_TERM_USERNAME + ":"
                + Rfc5769Vectors.LONG_TERM_REALM + ":" + Rfc5769Vectors.LONG_TERM_PASSWORD)
                .getBytes(StandardCharsets.UTF_8));

        assertThat(msg.username()).isEqualTo(Rfc5769Vectors.LONG_TERM_USERNAME);
        assertThat(new String(msg.attribute(StunAttributeType.NONCE).copyValue(m), StandardCharsets.UTF_8))
                .isEqualTo(Rfc5769Vectors.LONG_TERM_NONCE);
        assertThat(new String(msg.attribute(StunAttributeType.REALM).copyValue(m), StandardCharsets.UTF_8))
                .isEqualTo(Rfc5769Vectors.LONG_TERM_REALM);
        assertThat(msg.hasFingerprint()).isFalse();
        assertThat(StunIntegrity.verifyMessageIntegrity(m, 0, m.length, key)).isTrue();
        assertThat(StunIntegrity.verifyFingerprint(m, 0, m.length)).isFalse();
    }

    private static void checkResponse(byte[] m, String mappedIp) throws Exception {
        StunMessage msg = StunDecoder.decode(m, 0, m.length);

        assertThat(msg.isBinding(StunClass.SUCCESS_RESPONSE)).isTrue();
        assertThat(msg.type()).isEqualTo(0x0101);
        assertThat(msg.hasTransactionId(TX_ID)).isTrue();
        assertThat(msg.software()).isEqualTo(Rfc5769Vectors.RESPONSE_SOFTWARE);
        assertThat(msg.xorMappedAddress()).isEqualTo(
                new InetSocketAddress(InetAddress.getByName(mappedIp), Rfc5769Vectors.MAPPED_PORT));
        assertThat(msg.username()).isNull();
        assertThat(msg.priority()).isNull();
        assertThat(StunIntegrity.verifyMessageIntegrity(m, 0, m.length, KEY)).isTrue();
        assertThat(StunIntegrity.verifyFingerprint(m, 0, m.length)).isTrue();
    }

    private static byte[] rebuildResponse(String mappedIp) throws Exception {
        InetSocketAddress mapped = new InetSocketAddress(InetAddress.getByName(mappedIp), Rfc5769Vectors.MAPPED_PORT);
        return StunWriter.response(TX_ID)
                .paddingByte(0x20)
                .software(Rfc5769Vectors.RESPONSE_SOFTWARE)
                .xorMappedAddress(mapped)
                .build(KEY, true);
    }
}
