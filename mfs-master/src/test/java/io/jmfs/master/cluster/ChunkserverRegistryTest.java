package io.jmfs.master.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChunkserverRegistryTest {
    private static final int LOOPBACK = 0x7F00_0001;
    private final List<CsdbChange> log = new ArrayList<>();
    private final ChunkserverRegistry registry = new ChunkserverRegistry(log::add);

    @Test
    void serversOnOneLoopbackAddressAreToldApartByPort() {
        ChunkserverInfo a = registry.connect(LOOPBACK, 9422, 0, 1, 100);
        ChunkserverInfo b = registry.connect(LOOPBACK, 9522, 0, 1, 100);
        assertThat(a.csid()).isEqualTo(1);
        assertThat(b.csid()).isEqualTo(2);
        assertThat(log).containsExactly(new CsdbChange(100, CsdbChange.Op.ADD, LOOPBACK, 9422, 1),
                new CsdbChange(100, CsdbChange.Op.ADD, LOOPBACK, 9522, 2));
    }

    @Test
    void aServerGetsItsCsidBackWhenItReconnects() {
        ChunkserverInfo a = registry.connect(LOOPBACK, 9422, 0, 1, 100);
        registry.disconnect(a.csid(), 110);
        assertThat(registry.allServersConnected()).isFalse();

        ChunkserverInfo again = registry.connect(LOOPBACK, 9422, 0, 1, 120);
        assertThat(again).isSameAs(a);
        assertThat(again.connected()).isTrue();
        assertThat(log).hasSize(1);
    }

    @Test
    void aKnownCsidFromANewAddressKeepsItsIdAndMoves() {
        ChunkserverInfo a = registry.connect(LOOPBACK, 9422, 0, 1, 100);
        registry.disconnect(a.csid(), 110);

        ChunkserverInfo moved = registry.connect(LOOPBACK, 9999, a.csid(), 1, 120);
        assertThat(moved.csid()).isEqualTo(a.csid());
        assertThat(moved.port()).isEqualTo(9999);
        assertThat(log).last().isEqualTo(new CsdbChange(120, CsdbChange.Op.NEW_IP_PORT, LOOPBACK, 9999, 1));
    }

    @Test
    void aCsidInUseByAnotherConnectedServerIsNotHandedOut() {
        registry.connect(LOOPBACK, 9422, 0, 1, 100);
        ChunkserverInfo b = registry.connect(LOOPBACK, 9423, 1, 1, 100);
        assertThat(b.csid()).isEqualTo(2);
    }

    @Test
    void replayOfTheLogRebuildsTheSameServers() {
        ChunkserverInfo a = registry.connect(LOOPBACK, 9422, 0, 1, 100);
        registry.connect(LOOPBACK, 9423, 0, 1, 100);
        registry.setMaintenance(LOOPBACK, 9423, true, 105);
        registry.disconnect(a.csid(), 110);
        registry.connect(LOOPBACK, 9500, a.csid(), 1, 120);

        ChunkserverRegistry replayed = new ChunkserverRegistry(c -> { });
        log.forEach(replayed::apply);
        assertThat(replayed.get(1).port()).isEqualTo(9500);
        assertThat(replayed.get(2).inMaintenance()).isTrue();
        assertThat(replayed.get(2).connected()).as("sessions are not persistent").isFalse();
    }

    @Test
    void undergoalReplicationWaitsWhileOnlyMaintainedServersAreMissing() {
        ChunkserverInfo a = registry.connect(LOOPBACK, 9422, 0, 1, 100);
        ChunkserverInfo b = registry.connect(LOOPBACK, 9423, 0, 1, 100);
        registry.setMaintenance(LOOPBACK, 9422, true, 100);
        registry.disconnect(a.csid(), 110);
        assertThat(registry.replicationOfUndergoalAllowed()).isFalse();
        registry.disconnect(b.csid(), 110);
        assertThat(registry.replicationOfUndergoalAllowed()).isTrue();
    }

    @Test
    void aGracefullyStoppedServerIsInTemporaryMaintenanceUntilItIsBack() {
        ChunkserverInfo a = registry.connect(LOOPBACK, 9422, 0, 1, 100);
        registry.gracefulStop(a.csid(), 200);
        registry.disconnect(a.csid(), 200);
        assertThat(a.maintenanceMode()).isEqualTo(MaintenanceMode.TEMPORARY);
        assertThat(a.maintenanceEnd()).isEqualTo(2000);
        assertThat(registry.replicationOfUndergoalAllowed()).isFalse();

        registry.endExpiredMaintenance(300);
        assertThat(a.inMaintenance()).as("still away").isTrue();
        registry.connect(LOOPBACK, 9422, a.csid(), 1, 400);
        registry.endExpiredMaintenance(400);
        assertThat(a.inMaintenance()).isFalse();
        assertThat(log).extracting(CsdbChange::op).containsExactly(CsdbChange.Op.ADD,
                CsdbChange.Op.MAINTENANCE_TEMPORARY, CsdbChange.Op.MAINTENANCE_OFF);
    }

    @Test
    void temporaryMaintenanceOfAServerThatStaysAwayEndsAfterItsTimeout() {
        ChunkserverInfo a = registry.connect(LOOPBACK, 9422, 0, 1, 100);
        registry.gracefulStop(a.csid(), 200);
        registry.disconnect(a.csid(), 200);
        registry.endExpiredMaintenance(2000);
        assertThat(a.inMaintenance()).isTrue();
        registry.endExpiredMaintenance(2001);
        assertThat(a.inMaintenance()).isFalse();
        assertThat(registry.replicationOfUndergoalAllowed()).isTrue();
    }

    @Test
    void maintenanceSetByTheAdministratorLastsForeverByDefault() {
        registry.connect(LOOPBACK, 9422, 0, 1, 100);
        assertThat(registry.setMaintenance(LOOPBACK, 9422, true, 100)).isTrue();
        registry.endExpiredMaintenance(1_000_000);
        assertThat(registry.get(1).maintenanceMode()).isEqualTo(MaintenanceMode.ON);
        assertThat(registry.setMaintenance(LOOPBACK, 9999, true, 100)).isFalse();
    }
}
