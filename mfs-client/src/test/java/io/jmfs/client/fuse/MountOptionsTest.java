package io.jmfs.client.fuse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MountOptionsTest {

    @Test
    void defaultsAreMfsmountsOwn() throws Exception {
        MountOptions o = MountOptions.parse("/mnt/mfs");
        assertThat(o.mountpoint()).isEqualTo(Path.of("/mnt/mfs"));
        assertThat(o.host()).isEqualTo("mfsmaster");
        assertThat(o.port()).isEqualTo(9421);
        assertThat(o.subfolder()).isEqualTo("/");
        assertThat(o.password()).isEmpty();
        assertThat(o.foreground()).isFalse();
        assertThat(o.attrCacheTimeout()).isEqualTo(1.0);
        assertThat(o.entryCacheTimeout()).isEqualTo(0.0);
        assertThat(o.direntryCacheTimeout()).isEqualTo(1.0);
        assertThat(o.xattrCacheTimeout()).isEqualTo(30.0);
    }

    @Test
    void theCacheTimeoutsAreSetByTheirMfsOptions() throws Exception {
        MountOptions o = MountOptions.parse("/mnt", "-o",
                "mfsattrcacheto=0,mfsentrycacheto=2,mfsdirentrycacheto=7.5,mfsxattrcacheto=0.25");
        assertThat(o.attrCacheTimeout()).isZero();
        assertThat(o.entryCacheTimeout()).isEqualTo(2.0);
        assertThat(o.direntryCacheTimeout()).isEqualTo(7.5);
        assertThat(o.xattrCacheTimeout()).isEqualTo(0.25);
        assertThat(o.fuseOptions()).isEmpty();
        assertThat(o.ignored()).isEmpty();
    }

    @Test
    void shortOptionsSetMasterPortAndSubfolderWhereverTheMountpointIs() throws Exception {
        MountOptions o = MountOptions.parse("-H", "198.18.0.1", "/mnt", "-P", "9521", "-S", "exports/a", "-f");
        assertThat(o.host()).isEqualTo("198.18.0.1");
        assertThat(o.port()).isEqualTo(9521);
        assertThat(o.subfolder()).isEqualTo("/exports/a");
        assertThat(o.foreground()).isTrue();
        assertThat(o.mountpoint()).isEqualTo(Path.of("/mnt"));
    }

    @Test
    void mfsDashOOptionsAreOursAndTheRestGoToFuse() throws Exception {
        MountOptions o = MountOptions.parse("/mnt", "-o",
                "mfsmaster=m1,mfsport=9000,mfssubfolder=/x,mfspassword=secret,ro,allow_other",
                "-omfsattrcacheto=2.5,mfsentrycacheto=0.5,default_permissions");
        assertThat(o.host()).isEqualTo("m1");
        assertThat(o.port()).isEqualTo(9000);
        assertThat(o.subfolder()).isEqualTo("/x");
        assertThat(o.password()).isEqualTo(Optional.of("secret"));
        assertThat(o.attrCacheTimeout()).isEqualTo(2.5);
        assertThat(o.entryCacheTimeout()).isEqualTo(0.5);
        assertThat(o.fuseOptions()).containsExactly("ro", "allow_other", "default_permissions");
    }

    @Test
    void unknownMfsOptionsAreReportedAsIgnoredNotPassedToFuse() throws Exception {
        MountOptions o = MountOptions.parse("/mnt", "-o", "mfscachemode=AUTO,noatime");
        assertThat(o.ignored()).containsExactly("mfscachemode=AUTO");
        assertThat(o.fuseOptions()).containsExactly("noatime");
    }

    @Test
    void debugImpliesForegroundAndPassesDashDToFuse() throws Exception {
        MountOptions o = MountOptions.parse("/mnt", "-d", "-H", "m");
        assertThat(o.foreground()).isTrue();
        assertThat(o.fuseArgs(false)).containsExactly("mfsmount", "-o", "fsname=mfs#m:9421,subtype=mfs", "-d");
    }

    @Test
    void rootMountsAllowOtherUsersAsMfsmountDoesUnlessTold() throws Exception {
        assertThat(MountOptions.parse("/mnt", "-H", "m").fuseArgs(true))
                .containsExactly("mfsmount", "-o", "fsname=mfs#m:9421,subtype=mfs,allow_other");
        assertThat(MountOptions.parse("/mnt", "-H", "m", "-o", "allow_root").fuseArgs(true))
                .containsExactly("mfsmount", "-o", "fsname=mfs#m:9421,subtype=mfs,allow_root");
    }

    @Test
    void badCommandLinesAreRefusedWithTheReason() {
        assertThatThrownBy(() -> MountOptions.parse()).hasMessageContaining("no mountpoint");
        assertThatThrownBy(() -> MountOptions.parse("/a", "/b")).hasMessageContaining("more than one mountpoint");
        assertThatThrownBy(() -> MountOptions.parse("/a", "-P", "70000")).hasMessageContaining("out of range");
        assertThatThrownBy(() -> MountOptions.parse("/a", "-P", "x")).hasMessageContaining("not a port");
        assertThatThrownBy(() -> MountOptions.parse("/a", "-H")).hasMessageContaining("needs a value");
        assertThatThrownBy(() -> MountOptions.parse("/a", "-x")).hasMessageContaining("unknown option -x");
        assertThatThrownBy(() -> MountOptions.parse("/a", "-o", "mfsattrcacheto=-1"))
                .hasMessageContaining(">= 0");
    }
}
