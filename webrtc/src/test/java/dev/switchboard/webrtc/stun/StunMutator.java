package dev.switchboard.webrtc.stun;

import dev.switchboard.webrtc.bytes.BigEndian;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Damages valid STUN messages the ways networks and attackers do, for the fuzz tests of both
 * packages; stateless, the caller's {@link Random} is the only source of choices.
 */
public final class StunMutator {

    /** One way of damaging a message. */
    private interface Mutation {
        byte[] apply(byte[] m, Random random);
    }

    private static final List<Mutation> MUTATIONS = List.of(
            StunMutator::flipBits,
            StunMutator::randomByte,
            StunMutator::truncate,
            StunMutator::corruptHeaderLength,
            StunMutator::corruptAttributeLength,
            StunMutator::insertBytes,
            StunMutator::duplicateTail,
            StunMutator::randomBody);

    private StunMutator() {
    }

    /** One to three mutations of {@code seed}; half the time the header length is fixed up afterwards. */
    public static byte[] mutate(byte[] seed, Random random) {
        byte[] m = seed.clone();
        for (int r = 1 + random.nextInt(3); r > 0; r--) {
            m = MUTATIONS.get(random.nextInt(MUTATIONS.size())).apply(m, random);
        }
        // A consistent header length gets the damage past the framing checks into the attributes.
        if (random.nextBoolean() && m.length >= StunMessage.HEADER_LENGTH && m.length - 20 <= 0xFFFF) {
            BigEndian.put16(m, 2, m.length - StunMessage.HEADER_LENGTH);
        }
        return m;
    }

    private static byte[] flipBits(byte[] m, Random random) {
        if (m.length > 0) {
            for (int n = 1 + random.nextInt(4); n > 0; n--) {
                m[random.nextInt(m.length)] ^= (byte) (1 << random.nextInt(8));
            }
        }
        return m;
    }

    private static byte[] randomByte(byte[] m, Random random) {
        if (m.length > 0) {
            m[random.nextInt(m.length)] = (byte) random.nextInt(256);
        }
        return m;
    }

    private static byte[] truncate(byte[] m, Random random) {
        return Arrays.copyOf(m, random.nextInt(m.length + 1));
    }

    private static byte[] corruptHeaderLength(byte[] m, Random random) {
        if (m.length >= 4) {
            int v = switch (random.nextInt(4)) {
                case 0 -> 0xFFFF;
                case 1 -> 0xFFFC;
                case 2 -> Math.max(0, m.length - 20 + 4 * (random.nextInt(5) - 2));
                default -> random.nextInt(0x10000);
            };
            BigEndian.put16(m, 2, v);
        }
        return m;
    }

    // Walks to a random attribute and gives it a hostile length.
    private static byte[] corruptAttributeLength(byte[] m, Random random) {
        int at = StunMessage.HEADER_LENGTH;
        int steps = random.nextInt(6);
        while (steps-- > 0 && at + 4 <= m.length) {
            int next = at + 4 + ((BigEndian.u16(m, at + 2) + 3) & ~3);
            if (next + 4 > m.length) {
                break;
            }
            at = next;
        }
        if (at + 4 <= m.length) {
            int v = switch (random.nextInt(3)) {
                case 0 -> 0xFFFF;
                case 1 -> m.length - at - 4 + random.nextInt(9) - 4;
                default -> random.nextInt(0x10000);
            };
            BigEndian.put16(m, at + 2, Math.max(0, Math.min(0xFFFF, v)));
        }
        return m;
    }

    private static byte[] insertBytes(byte[] m, Random random) {
        int at = random.nextInt(m.length + 1);
        byte[] junk = new byte[4 * (1 + random.nextInt(4))];
        random.nextBytes(junk);
        byte[] out = new byte[m.length + junk.length];
        System.arraycopy(m, 0, out, 0, at);
        System.arraycopy(junk, 0, out, at, junk.length);
        System.arraycopy(m, at, out, at + junk.length, m.length - at);
        return out;
    }

    private static byte[] duplicateTail(byte[] m, Random random) {
        if (m.length <= StunMessage.HEADER_LENGTH) {
            return m;
        }
        int from = StunMessage.HEADER_LENGTH + 4 * random.nextInt((m.length - StunMessage.HEADER_LENGTH + 3) / 4);
        from = Math.min(from, m.length);
        byte[] out = Arrays.copyOf(m, m.length + (m.length - from));
        System.arraycopy(m, from, out, m.length, m.length - from);
        return out;
    }

    // Keeps a valid header and fills the body with noise, to reach attribute parsing directly.
    private static byte[] randomBody(byte[] m, Random random) {
        byte[] out = new byte[StunMessage.HEADER_LENGTH + 4 * random.nextInt(40)];
        System.arraycopy(m, 0, out, 0, Math.min(m.length, StunMessage.HEADER_LENGTH));
        byte[] body = new byte[out.length - StunMessage.HEADER_LENGTH];
        random.nextBytes(body);
        System.arraycopy(body, 0, out, StunMessage.HEADER_LENGTH, body.length);
        return out;
    }
}
