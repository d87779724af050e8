package org.ortc4j.media.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class OggPageTest {

    // RFC 3533 §6's CRC (polynomial 0x04c11db7, initial 0, no reflection, no final XOR) is the
    // CRC catalogue's CRC-32/CKSUM without its final inversion: check value 0x765E7680 for
    // "123456789", so ours must give ~0x765E7680.
    @Test
    void crcIsTheOggPolynomialWithoutReflection() {
        assertThat(OggPage.crc("123456789".getBytes(StandardCharsets.US_ASCII))).isEqualTo(~0x765E7680);
    }

    @Test
    void pagesRoundTrip() throws IOException {
        byte[] packet = new byte[510];
        packet[509] = 9;
        OggPage page = OggPage.ofPacket(OggPage.BEGIN_OF_STREAM, 1234, 77, 0, packet);
        // RFC 3533 §5: a packet of a multiple of 255 bytes ends with a 0-length segment.
        assertThat(page.lacing()).containsExactly(255, 255, 0);
        byte[] bytes = page.toBytes();
        OggPage read = OggPage.read(new StreamInput(new ByteArrayInputStream(bytes)));
        assertThat(read.granule()).isEqualTo(1234);
        assertThat(read.serial()).isEqualTo(77);
        assertThat(read.flags()).isEqualTo(OggPage.BEGIN_OF_STREAM);
        assertThat(read.body()).isEqualTo(packet);
    }

    @Test
    void opusTocGivesDurations() {
        // RFC 6716 §3.1: config 1 (SILK NB 20 ms), code 0 -> 960; config 16 (CELT 2.5 ms), code 1 -> 240;
        // code 3 with M = 3 frames of CELT 20 ms (config 31) -> 2880.
        assertThat(OpusToc.samples(new byte[] {0x08})).isEqualTo(960);
        assertThat(OpusToc.samples(new byte[] {(byte) 0x81})).isEqualTo(240);
        assertThat(OpusToc.samples(new byte[] {(byte) 0xFB, 0x03})).isEqualTo(2880);
        assertThat(OpusToc.samples(new byte[] {(byte) 0xFB})).isEqualTo(-1);
        assertThat(OpusToc.samples(new byte[0])).isEqualTo(-1);
    }
}
