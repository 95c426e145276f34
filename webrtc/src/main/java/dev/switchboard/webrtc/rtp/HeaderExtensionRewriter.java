package dev.switchboard.webrtc.rtp;

import java.util.Arrays;
import java.util.Objects;

/**
 * Renumbers RFC 8285 header extension elements in place from the sender's negotiated ids to a
 * receiver's and blanks the elements the receiver did not negotiate (RFC 8285 §4.1.2, §4.2, §4.3);
 * immutable after construction and thread-safe, the caller owning the packet buffer.
 *
 * <h2>How dropped elements are neutralized</h2>
 * A dropped element, its id byte(s) included, is overwritten with zero bytes. RFC 8285 §4.1.2
 * defines a zero byte as padding in both forms and allows padding between elements, so an element
 * of L bytes becomes L padding bytes that every receiver skips; no byte moves, the extension length
 * word stays right and SRTP re-protection covers the same range. The alternatives are worse:
 * <ul>
 *   <li>Renaming the element to an id the receiver did not negotiate relies on an id being free
 *       (all 14 one-byte ids may be taken) and on the receiver's table staying as we think; a
 *       later renegotiation could give that id a meaning.</li>
 *   <li>ID 15 cannot be used: RFC 8285 §4.2 makes it stop parsing, hiding the elements after it.</li>
 *   <li>Compacting the block shifts the payload, a copy per packet on the hot path, to save a
 *       few bytes.</li>
 * </ul>
 * Zeroing also handles what cannot be trusted: from a one-byte ID 15, a one-byte ID 0 with a
 * non-zero length or an element running past the block, the rest of the block is zeroed, so the
 * sender's unmapped ids never reach the receiver. In the one-byte form a new id above 14 cannot be
 * written and the element is dropped. A block whose profile is not RFC 8285's is left untouched.
 */
public final class HeaderExtensionRewriter {

    private static final int MAX_ONE_BYTE_ID = 14;

    private final byte[] idMap = new byte[256];

    /**
     * @param idMap entry {@code i} (read unsigned) is the new id for old id {@code i}; 0, or an
     *     index past the array's end, drops the element. Non-zero new ids must be distinct, since
     *     two elements with one id would be ambiguous to the receiver. The array is copied.
     */
    public HeaderExtensionRewriter(byte[] idMap) {
        Objects.requireNonNull(idMap, "idMap");
        if (idMap.length > 256) {
            throw new IllegalArgumentException("idMap has more than 256 entries: " + idMap.length);
        }
        boolean[] used = new boolean[256];
        for (int oldId = 0; oldId < idMap.length; oldId++) {
            int newId = idMap[oldId] & 0xFF;
            if (newId == 0) {
                continue;
            }
            if (oldId == 0) {
                throw new IllegalArgumentException("id 0 is padding and cannot be mapped");
            }
            if (used[newId]) {
                throw new IllegalArgumentException("two old ids map to new id " + newId);
            }
            used[newId] = true;
        }
        System.arraycopy(idMap, 0, this.idMap, 0, idMap.length);
    }

    /**
     * Rewrites the extension block of the packet {@code header} last parsed, in its buffer.
     *
     * @return the number of elements kept, 0 when the packet has no extension, or -1 when the
     *     profile is neither RFC 8285 form and the block was left as it was
     */
    public int rewrite(RtpHeader header) {
        int profile = header.extensionProfile();
        if (profile < 0) {
            return 0;
        }
        int idBytes = ExtensionElements.idBytes(profile);
        if (idBytes == 0) {
            return -1;
        }
        byte[] buf = header.buffer();
        int pos = header.extensionOffset();
        int end = pos + header.extensionLength();
        int kept = 0;
        while (true) {
            long element = ExtensionElements.next(buf, pos, end, idBytes);
            if (element < 0) {
                Arrays.fill(buf, ExtensionElements.stop(element), end, (byte) 0);
                return kept;
            }
            int dataOffset = ExtensionElements.dataOffset(element);
            int dataLength = ExtensionElements.dataLength(element);
            int idOffset = dataOffset - idBytes;
            int newId = idMap[ExtensionElements.id(element)] & 0xFF;
            if (newId == 0 || (idBytes == 1 && newId > MAX_ONE_BYTE_ID)) {
                Arrays.fill(buf, idOffset, dataOffset + dataLength, (byte) 0);
            } else {
                buf[idOffset] = (byte) (idBytes == 1 ? newId << 4 | (dataLength - 1) : newId);
                kept++;
            }
            pos = dataOffset + dataLength;
        }
    }
}
