package dev.switchboard.webrtc.stun;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Tests {@link StunDecoder}'s RFC 8489 §5 framing and §14 attribute checks on bad input; single-threaded. */
class StunDecoderTest {

    private static final byte[] TX_ID = Rfc5769Vectors.hex(Rfc5769Vectors.TRANSACTION_ID);

    @Test
    void looksLikeStunFollowsRfc7983AndTheCookie() {
        byte[] m = Rfc5769Vectors.REQUEST;
        assertThat(StunDecoder.looksLikeStun(m, 0, m.length)).isTrue();
        assertThat(StunDecoder.looksLikeStun(m, 0, StunMessage.HEADER_LENGTH)).isTrue();
        assertThat(StunDecoder.looksLikeStun(m, 0, StunMessage.HEADER_LENGTH - 1)).isFalse();

        for (int first : new int[] {4, 20, 63, 64, 127, 128, 191, 255}) {
            byte[] other = m.clone();
            other[0] = (byte) first;
            assertThat(StunDecoder.looksLikeStun(other, 0, other.length)).as("first byte %d", first).isFalse();
        }
        byte[] badCookie = m.clone();
        badCookie[5] ^= 1;
        assertThat(StunDecoder.looksLikeStun(badCookie, 0, badCookie.length)).isFalse();
    }

    @Test
    void everyTruncationIsRejected() {
        byte[] m = Rfc5769Vectors.REQUEST;
        for (int len = 0; len < m.length; len++) {
            int n = len;
            assertThatThrownBy(() -> StunDecoder.decode(m, 0, n)).as("length %d", n)
                    .isInstanceOf(StunParseException.class).hasMessageStartingWith("STUN: ");
        }
    }

    @Test
    void headerProblemsAreNamed() {
        byte[] m = Rfc5769Vectors.IPV4_RESPONSE;
        assertThatThrownBy(() -> decode(withByte(m, 0, 0x41))).hasMessageContaining("most significant bits");
        assertThatThrownBy(() -> decode(withByte(m, 4, 0x22))).hasMessageContaining("magic cookie");
        assertThatThrownBy(() -> decode(withByte(m, 3, m[3] + 1))).hasMessageContaining("not a multiple of 4");
        assertThatThrownBy(() -> decode(withByte(m, 3, m[3] + 4))).hasMessageContaining("does not match");
        assertThatThrownBy(() -> decode(Arrays.copyOf(m, m.length + 4))).hasMessageContaining("does not match");
        assertThatThrownBy(() -> decode(new byte[19])).hasMessageContaining("shorter than the 20-byte header");
    }

    @Test
    void attributeOverrunningTheMessageIsRejected() {
        byte[] m = StunWriter.request(TX_ID).software("abcd").build(null, false);
        // SOFTWARE's length field sits at bytes 22..23; 0xFFFF claims far more than the datagram.
        assertThatThrownBy(() -> decode(withByte(withByte(m, 22, 0xFF), 23, 0xFF)))
                .isInstanceOf(StunParseException.class).hasMessageContaining("overruns");
        assertThatThrownBy(() -> decode(withByte(m, 23, 5))).hasMessageContaining("overruns");
    }

    @Test
    void tooManyAttributesAreRejected() {
        StunWriter w = StunWriter.indication(TX_ID);
        for (int i = 0; i <= StunDecoder.MAX_ATTRIBUTES; i++) {
            w.attribute(0xC100 + i, new byte[0]);
        }
        byte[] m = w.build(null, false);
        assertThatThrownBy(() -> decode(m)).hasMessageContaining("more than " + StunDecoder.MAX_ATTRIBUTES);

        StunWriter atLimit = StunWriter.indication(TX_ID);
        for (int i = 0; i < StunDecoder.MAX_ATTRIBUTES; i++) {
            atLimit.attribute(0xC100 + i, new byte[0]);
        }
        assertThat(decode(atLimit.build(null, false)).attributes()).hasSize(StunDecoder.MAX_ATTRIBUTES);
    }

    @Test
    void knownAttributesWithWrongLengthsAreRejected() {
        assertThatThrownBy(() -> decode(raw(StunAttributeType.PRIORITY, 3))).hasMessageContaining("PRIORITY");
        assertThatThrownBy(() -> decode(raw(StunAttributeType.ICE_CONTROLLING, 4))).hasMessageContaining("ICE-CONTROLLING");
        assertThatThrownBy(() -> decode(raw(StunAttributeType.ICE_CONTROLLED, 9))).hasMessageContaining("ICE-CONTROLLED");
        assertThatThrownBy(() -> decode(raw(StunAttributeType.USE_CANDIDATE, 1))).hasMessageContaining("USE-CANDIDATE");
        assertThatThrownBy(() -> decode(raw(StunAttributeType.MESSAGE_INTEGRITY, 19))).hasMessageContaining("MESSAGE-INTEGRITY");
        assertThatThrownBy(() -> decode(raw(StunAttributeType.FINGERPRINT, 8))).hasMessageContaining("FINGERPRINT");
        assertThatThrownBy(() -> decode(raw(StunAttributeType.ERROR_CODE, 3))).hasMessageContaining("ERROR-CODE");
        assertThatThrownBy(() -> decode(raw(StunAttributeType.XOR_MAPPED_ADDRESS, 12))).hasMessageContaining("XOR-MAPPED-ADDRESS");
        assertThatThrownBy(() -> decode(raw(StunAttributeType.USERNAME, StunDecoder.MAX_USERNAME_BYTES + 1)))
                .hasMessageContaining("USERNAME");
    }

    @Test
    void xorMappedAddressFamilyMustMatchLength() {
        byte[] value = new byte[8];
        value[1] = 0x02;
        assertThatThrownBy(() -> decode(StunWriter.response(TX_ID).attribute(StunAttributeType.XOR_MAPPED_ADDRESS, value)
                .build(null, false))).hasMessageContaining("family 2");
        value[1] = 0x07;
        assertThatThrownBy(() -> decode(StunWriter.response(TX_ID).attribute(StunAttributeType.XOR_MAPPED_ADDRESS, value)
                .build(null, false))).hasMessageContaining("family 7");
    }

    @Test
    void errorCodeOutsideTheRfcRangeIsRejected() {
        byte[] value = {0, 0, 2, 0};
        assertThatThrownBy(() -> decode(StunWriter.response(TX_ID).attribute(StunAttributeType.ERROR_CODE, value)
                .build(null, false))).hasMessageContaining("outside 300..699");
        byte[] number = {0, 0, 4, 100};
        assertThatThrownBy(() -> decode(StunWriter.response(TX_ID).attribute(StunAttributeType.ERROR_CODE, number)
                .build(null, false))).hasMessageContaining("outside 300..699");
    }

    @Test
    void nothingMayFollowFingerprint() {
        byte[] m = StunWriter.request(TX_ID).attribute(StunAttributeType.FINGERPRINT, new byte[4])
                .attribute(StunAttributeType.SOFTWARE, new byte[4]).build(null, false);
        assertThatThrownBy(() -> decode(m)).hasMessageContaining("after FINGERPRINT");
    }

    @Test
    void attributesAfterMessageIntegrityDoNotCount() {
        byte[] key = StunIntegrity.shortTermKey("secret");
        byte[] signed = StunWriter.request(TX_ID).username("a:b").build(key, false);
        // Append PRIORITY and USE-CANDIDATE behind MESSAGE-INTEGRITY, as an attacker could.
        byte[] tail = StunWriter.request(TX_ID).priority(7).useCandidate().build(null, false);
        byte[] m = Arrays.copyOf(signed, signed.length + tail.length - StunMessage.HEADER_LENGTH);
        System.arraycopy(tail, StunMessage.HEADER_LENGTH, m, signed.length, tail.length - StunMessage.HEADER_LENGTH);
        m[3] = (byte) (m.length - StunMessage.HEADER_LENGTH);

        StunMessage msg = decode(m);
        assertThat(msg.priority()).isNull();
        assertThat(msg.useCandidate()).isFalse();
        assertThat(msg.attributes()).extracting(StunAttribute::type)
                .containsExactly(StunAttributeType.USERNAME, StunAttributeType.MESSAGE_INTEGRITY);
        // The HMAC covers only what precedes it, so the message still verifies.
        assertThat(StunIntegrity.verifyMessageIntegrity(m, 0, m.length, key)).isTrue();
    }

    @Test
    void firstOccurrenceOfARepeatedAttributeWins() {
        StunMessage msg = decode(StunWriter.request(TX_ID).username("first:x").username("second:y")
                .priority(1).priority(2).build(null, false));
        assertThat(msg.username()).isEqualTo("first:x");
        assertThat(msg.priority()).isEqualTo(1L);
    }

    @Test
    void unknownComprehensionRequiredAttributesAreListedNotRejected() {
        StunMessage msg = decode(StunWriter.request(TX_ID).attribute(0x7777, new byte[2])
                .attribute(0xC057, new byte[4]).attribute(0x0042, new byte[0]).build(null, false));
        assertThat(msg.unknownComprehensionRequired()).containsExactly(0x7777, 0x0042);
        assertThat(msg.attributes()).hasSize(3);
    }

    @Test
    void typeBitsSplitIntoMethodAndClass() {
        for (StunClass c : StunClass.values()) {
            for (int method : new int[] {0, 1, 0x0F, 0x10, 0x7F, 0x80, 0xABC, StunMessageType.MAX_METHOD}) {
                int type = StunMessageType.compose(method, c);
                assertThat(type).isBetween(0, 0x3FFF);
                assertThat(StunMessageType.method(type)).isEqualTo(method);
                assertThat(StunMessageType.messageClass(type)).isEqualTo(c);
            }
        }
        assertThat(StunMessageType.compose(StunMessage.METHOD_BINDING, StunClass.REQUEST)).isEqualTo(0x0001);
        assertThat(StunMessageType.compose(StunMessage.METHOD_BINDING, StunClass.INDICATION)).isEqualTo(0x0011);
        assertThat(StunMessageType.compose(StunMessage.METHOD_BINDING, StunClass.SUCCESS_RESPONSE)).isEqualTo(0x0101);
        assertThat(StunMessageType.compose(StunMessage.METHOD_BINDING, StunClass.ERROR_RESPONSE)).isEqualTo(0x0111);
    }

    @Test
    void boundsOutsideTheBufferAreACallerError() {
        byte[] m = Rfc5769Vectors.REQUEST;
        assertThatThrownBy(() -> StunDecoder.decode(m, 1, m.length)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> StunDecoder.looksLikeStun(m, -1, 20)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    private static StunMessage decode(byte[] m) {
        return StunDecoder.decode(m, 0, m.length);
    }

    private static byte[] withByte(byte[] m, int index, int value) {
        byte[] copy = m.clone();
        copy[index] = (byte) value;
        return copy;
    }

    private static byte[] raw(int type, int length) {
        return StunWriter.request(TX_ID).attribute(type, new byte[length]).build(null, false);
    }
}
