package io.jmfs.client.fuse;

import static org.assertj.core.api.Assertions.assertThat;

import io.jmfs.client.fuse.MfsFilesystem.AttrChange;
import io.jmfs.protocol.msg.client.NamespaceRequest.SetAttr;
import org.junit.jupiter.api.Test;

class AttrChangeTest {

    @Test
    void chmodSendsOnlyThePermissionBits() {
        AttrChange c = AttrChange.of(AttrChange.SET_MODE, 0100644 | 04000, 0, 0, 0, 0, 0);
        assertThat(c.masterMask()).isEqualTo(SetAttr.SET_MODE);
        assertThat(c.newMode()).isEqualTo(04644);
        assertThat(c.size()).isFalse();
    }

    @Test
    void chownSetsUidAndGidTogether() {
        AttrChange c = AttrChange.of(AttrChange.SET_UID | AttrChange.SET_GID, 0, 1234, 5678, 0, 0, 0);
        assertThat(c.masterMask()).isEqualTo(SetAttr.SET_UID | SetAttr.SET_GID);
        assertThat(c.newUid()).isEqualTo(1234);
        assertThat(c.newGid()).isEqualTo(5678);
    }

    @Test
    void timesToNowUseTheMastersClockAndExplicitTimesAreSent() {
        AttrChange touch = AttrChange.of(AttrChange.SET_ATIME | AttrChange.SET_ATIME_NOW | AttrChange.SET_MTIME
                | AttrChange.SET_MTIME_NOW, 0, 0, 0, 0, 0, 0);
        assertThat(touch.masterMask()).isEqualTo(SetAttr.SET_ATIME_NOW | SetAttr.SET_MTIME_NOW);
        AttrChange utimes = AttrChange.of(AttrChange.SET_ATIME | AttrChange.SET_MTIME, 0, 0, 0, 0, 100, 200);
        assertThat(utimes.masterMask()).isEqualTo(SetAttr.SET_ATIME | SetAttr.SET_MTIME);
        assertThat(utimes.newAtime()).isEqualTo(100);
        assertThat(utimes.newMtime()).isEqualTo(200);
    }

    @Test
    void aTruncateIsNotPartOfTheSetattrMask() {
        AttrChange c = AttrChange.of(AttrChange.SET_SIZE, 0, 0, 0, 4096, 0, 0);
        assertThat(c.size()).isTrue();
        assertThat(c.newSize()).isEqualTo(4096);
        assertThat(c.masterMask()).isZero();
    }
}
