package org.ortc4j.dtls;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.ortc4j.dtls.internal.DtlsRecordFraming;

/** RFC 6347 §4.1 record framing, checked before Bouncy Castle sees a datagram. */
class DtlsRecordFramingTest {

    private static byte[] record(int type, int epoch, int length) {
        byte[] r = new byte[13 + length];
        r[0] = (byte) type;
        r[1] = (byte) 0xFE;
        r[2] = (byte) 0xFD;
        r[3] = (byte) (epoch >> 8);
        r[4] = (byte) epoch;
        r[11] = (byte) (length >> 8);
        r[12] = (byte) length;
        return r;
    }

    private static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        byte[] out = new byte[n];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }

    @Test
    void wholeRecordsOfKnownTypesAreWellFormed() {
        assertThat(DtlsRecordFraming.isWellFormed(record(22, 0, 100))).isTrue();
        assertThat(DtlsRecordFraming.isWellFormed(record(23, 1, 40))).isTrue();
        // RFC 6347 §4.1.1: several records may share a datagram (ChangeCipherSpec + Finished).
        assertThat(DtlsRecordFraming.isWellFormed(concat(record(20, 0, 1), record(22, 1, 40)))).isTrue();
        // Epoch 0 records are plaintext: a one-byte change_cipher_spec is fine.
        assertThat(DtlsRecordFraming.isWellFormed(record(20, 0, 1))).isTrue();
    }

    @Test
    void junkTruncationAndTrailingBytesAreNot() {
        assertThat(DtlsRecordFraming.isWellFormed(new byte[] {25, 1, 2, 3})).isFalse();
        assertThat(DtlsRecordFraming.isWellFormed(new byte[0])).isFalse();
        assertThat(DtlsRecordFraming.isWellFormed((byte[]) null)).isFalse();
        byte[] truncated = record(22, 0, 100);
        assertThat(DtlsRecordFraming.isWellFormed(java.util.Arrays.copyOf(truncated, 50))).isFalse();
        assertThat(DtlsRecordFraming.isWellFormed(concat(record(22, 0, 10), new byte[] {22, 0}))).isFalse();
        byte[] tls = record(22, 0, 10);
        tls[1] = 3;   // a TLS, not DTLS, version
        assertThat(DtlsRecordFraming.isWellFormed(tls)).isFalse();
        assertThat(DtlsRecordFraming.isWellFormed(record(26, 0, 10))).isFalse();   // unknown content type
        assertThat(DtlsRecordFraming.isWellFormed(record(19, 0, 10))).isFalse();
    }

    @Test
    void protectedRecordsTooShortForTheCiphersNonceAndTagAreNot() {
        assertThat(DtlsRecordFraming.isWellFormed(record(23, 1, 15))).isFalse();
        assertThat(DtlsRecordFraming.isWellFormed(record(21, 1, 18))).isTrue();   // a ChaCha20 alert
        assertThat(DtlsRecordFraming.isWellFormed(Unpooled.wrappedBuffer(record(21, 1, 18)),
                DtlsRecordFraming.MIN_AES_GCM_FRAGMENT)).isFalse();
        assertThat(DtlsRecordFraming.isWellFormed(Unpooled.wrappedBuffer(record(21, 1, 26)),
                DtlsRecordFraming.MIN_AES_GCM_FRAGMENT)).isTrue();   // an AES-GCM alert: 8 + 2 + 16
    }

    @Test
    void aRecordLongerThanTheRfcAllowsIsNot() {
        assertThat(DtlsRecordFraming.isWellFormed(record(23, 1, DtlsRecordFraming.MAX_FRAGMENT_LENGTH))).isTrue();
        assertThat(DtlsRecordFraming.isWellFormed(record(23, 1, DtlsRecordFraming.MAX_FRAGMENT_LENGTH + 1))).isFalse();
    }

    @Test
    void randomBytesNeverThrow() {
        Random random = new Random(7);
        for (int i = 0; i < 20_000; i++) {
            byte[] junk = new byte[random.nextInt(64)];
            random.nextBytes(junk);
            if (junk.length > 0 && random.nextBoolean()) {
                junk[0] = (byte) (20 + random.nextInt(6));
            }
            DtlsRecordFraming.isWellFormed(junk);
        }
    }
}
