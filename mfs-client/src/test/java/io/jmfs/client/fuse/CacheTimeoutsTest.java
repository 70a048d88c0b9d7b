package io.jmfs.client.fuse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jmfs.protocol.Attr;
import io.jmfs.protocol.NodeType;
import org.junit.jupiter.api.Test;

class CacheTimeoutsTest {
    private final CacheTimeouts timeouts = new CacheTimeouts(1.5, 0.25, 3.0);

    private static Attr attr(NodeType type, int flags) {
        return new Attr(flags, type, 0755, 0, 0, 1, 1, 1, 1, 0, 0);
    }

    @Test
    void aDirectoryNameIsKeptForTheDirectoryEntryTimeoutAndOtherNamesForTheEntryTimeout() {
        assertThat(timeouts.entryFor(attr(NodeType.DIRECTORY, 0))).isEqualTo(3.0);
        assertThat(timeouts.entryFor(attr(NodeType.FILE, 0))).isEqualTo(0.25);
        assertThat(timeouts.entryFor(attr(NodeType.SYMLINK, 0))).isEqualTo(0.25);
    }

    @Test
    void attributesOfEveryKindAreKeptForTheAttributeTimeout() {
        assertThat(timeouts.attrFor(attr(NodeType.DIRECTORY, 0))).isEqualTo(1.5);
        assertThat(timeouts.attrFor(attr(NodeType.FILE, Attr.FLAG_ALLOWDATACACHE))).isEqualTo(1.5);
    }

    @Test
    void theMastersNoCacheFlagsTurnCachingOffForThatNodeOnly() {
        Attr noAttrCache = attr(NodeType.DIRECTORY, Attr.FLAG_NOACACHE);
        assertThat(timeouts.attrFor(noAttrCache)).isZero();
        assertThat(timeouts.entryFor(noAttrCache)).isEqualTo(3.0);
        Attr noEntryCache = attr(NodeType.DIRECTORY, Attr.FLAG_NOECACHE);
        assertThat(timeouts.entryFor(noEntryCache)).isZero();
        assertThat(timeouts.attrFor(noEntryCache)).isEqualTo(1.5);
    }

    @Test
    void negativeOrUndefinedTimeoutsAreRefused() {
        assertThatThrownBy(() -> new CacheTimeouts(-1, 0, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new CacheTimeouts(0, Double.NaN, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new CacheTimeouts(0, 0, -0.5)).isInstanceOf(IllegalArgumentException.class);
    }
}
