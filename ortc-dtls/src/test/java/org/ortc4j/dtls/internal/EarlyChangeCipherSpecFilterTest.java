package org.ortc4j.dtls.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import org.junit.jupiter.api.Test;

class EarlyChangeCipherSpecFilterTest {

    /** One DTLS 1.2 record: type, version fefd, epoch, sequence 0, and the fragment. */
    private static byte[] record(int type, int epoch, byte... fragment) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(type);
        out.write(0xFE);
        out.write(0xFD);
        out.write(epoch >> 8);
        out.write(epoch);
        out.writeBytes(new byte[6]);
        out.write(fragment.length >> 8);
        out.write(fragment.length);
        out.writeBytes(fragment);
        return out.toByteArray();
    }

    private static byte[] datagram(byte[]... records) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] r : records) {
            out.writeBytes(r);
        }
        return out.toByteArray();
    }

    private static final byte[] CCS = record(20, 0, (byte) 1);
    private static final byte[] CERTIFICATE_VERIFY = record(22, 0, (byte) 15, (byte) 0, (byte) 0, (byte) 4, (byte) 1);
    private static final byte[] CLIENT_KEY_EXCHANGE = record(22, 0, (byte) 16, (byte) 0, (byte) 0, (byte) 4, (byte) 1);
    private static final byte[] FINISHED = record(22, 1, new byte[40]);

    @Test
    void aChangeCipherSpecBeforeAnyCertificateVerifyIsHeldBack() {
        EarlyChangeCipherSpecFilter filter = new EarlyChangeCipherSpecFilter();

        assertThat(filter.holdsEarlyChangeCipherSpec(datagram(CLIENT_KEY_EXCHANGE))).isFalse();
        assertThat(filter.holdsEarlyChangeCipherSpec(datagram(CCS, FINISHED))).isTrue();
        // The retransmitted flight, in order: the CertificateVerify comes first, then CCS passes.
        assertThat(filter.holdsEarlyChangeCipherSpec(datagram(CERTIFICATE_VERIFY, CCS, FINISHED))).isFalse();
        assertThat(filter.holdsEarlyChangeCipherSpec(datagram(CCS))).isFalse();
    }

    @Test
    void aChangeCipherSpecAheadOfTheCertificateVerifyInOneDatagramIsHeldBack() {
        EarlyChangeCipherSpecFilter filter = new EarlyChangeCipherSpecFilter();

        assertThat(filter.holdsEarlyChangeCipherSpec(datagram(CCS, CERTIFICATE_VERIFY))).isTrue();
        // ...but the CertificateVerify was seen, so the next CCS passes.
        assertThat(filter.holdsEarlyChangeCipherSpec(datagram(CCS))).isFalse();
    }

    @Test
    void recordsOfOtherEpochsAndTruncatedInputAreNotChangeCipherSpecs() {
        EarlyChangeCipherSpecFilter filter = new EarlyChangeCipherSpecFilter();

        assertThat(filter.holdsEarlyChangeCipherSpec(datagram(record(20, 1, (byte) 1)))).isFalse();
        assertThat(filter.holdsEarlyChangeCipherSpec(new byte[] {20, (byte) 0xFE})).isFalse();
        assertThat(filter.holdsEarlyChangeCipherSpec(new byte[0])).isFalse();
    }
}
