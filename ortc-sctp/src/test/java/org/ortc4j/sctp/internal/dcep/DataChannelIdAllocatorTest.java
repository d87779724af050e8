package org.ortc4j.sctp.internal.dcep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.ortc4j.dtls.RTCDtlsRole;

class DataChannelIdAllocatorTest {

    @Test
    void dtlsClientTakesEvenIdsLowestFirst() {
        // RFC 8832 §6: "If the side is acting as the DTLS client, it MUST choose an even stream identifier".
        DataChannelIdAllocator ids = new DataChannelIdAllocator(RTCDtlsRole.CLIENT, 1024);
        assertThat(ids.allocate()).hasValue(0);
        assertThat(ids.allocate()).hasValue(2);
        assertThat(ids.allocate()).hasValue(4);
        ids.release(2);
        assertThat(ids.allocate()).hasValue(2);
        assertThat(ids.allocate()).hasValue(6);
    }

    @Test
    void dtlsServerTakesOddIds() {
        // RFC 8832 §6: "if the side is acting as the DTLS server, it MUST choose an odd one."
        DataChannelIdAllocator ids = new DataChannelIdAllocator(RTCDtlsRole.SERVER, 1024);
        assertThat(ids.allocate()).hasValue(1);
        assertThat(ids.allocate()).hasValue(3);
        assertThat(ids.isOurs(3)).isTrue();
        assertThat(ids.isOurs(4)).isFalse();
    }

    @Test
    void reservedIdsAreSkipped() {
        DataChannelIdAllocator ids = new DataChannelIdAllocator(RTCDtlsRole.CLIENT, 16);
        assertThat(ids.reserve(0)).isTrue();
        assertThat(ids.reserve(0)).isFalse();
        assertThat(ids.reserve(5)).isTrue(); // the peer's odd id
        assertThat(ids.allocate()).hasValue(2);
        assertThat(ids.isInUse(5)).isTrue();
        assertThat(ids.reserve(16)).isFalse(); // beyond the negotiated stream count
        assertThat(ids.reserve(-1)).isFalse();
    }

    @Test
    void boundedByTheStreamCount() {
        DataChannelIdAllocator ids = new DataChannelIdAllocator(RTCDtlsRole.SERVER, 4); // ids 0..3
        assertThat(ids.allocate()).hasValue(1);
        assertThat(ids.allocate()).hasValue(3);
        assertThat(ids.allocate()).isEqualTo(OptionalInt.empty());
        DataChannelIdAllocator client = new DataChannelIdAllocator(RTCDtlsRole.CLIENT, 1);
        assertThat(client.allocate()).hasValue(0);
        assertThat(client.allocate()).isEmpty();
    }

    @Test
    void neverHandsOut65535() {
        DataChannelIdAllocator ids = new DataChannelIdAllocator(RTCDtlsRole.SERVER, 65535);
        int last = -1;
        for (OptionalInt id = ids.allocate(); id.isPresent(); id = ids.allocate()) {
            last = id.getAsInt();
        }
        assertThat(last).isEqualTo(65533);
        assertThat(ids.reserve(65534)).isTrue();
    }

    @Test
    void roleMustBeDecided() {
        assertThatThrownBy(() -> new DataChannelIdAllocator(RTCDtlsRole.AUTO, 10))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new DataChannelIdAllocator(RTCDtlsRole.CLIENT, 0))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
