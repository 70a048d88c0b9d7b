package io.jmfs.client.cache;

import static org.assertj.core.api.Assertions.assertThat;

import io.jmfs.protocol.Attr;
import io.jmfs.protocol.NodeType;
import io.jmfs.protocol.msg.client.SessionRequest.Amtime;
import org.junit.jupiter.api.Test;

class PendingTimesTest {
    private static final int FILE = 7;
    private final PendingTimes times = new PendingTimes();

    private static Attr fileWithMtime(int mtime) {
        return new Attr(0, NodeType.FILE, 0644, 0, 0, 100, mtime, 100, 1, 10, 0);
    }

    @Test
    void aWriteShowsItsTimeInTheClientsAnswersBeforeTheMasterKnowsIt() {
        times.modified(FILE, 2000);

        assertThat(times.apply(FILE, fileWithMtime(1000)).mtime()).isEqualTo(2000);
        assertThat(times.apply(FILE, fileWithMtime(3000)).mtime()).as("a later time at the master stands")
                .isEqualTo(3000);
        assertThat(times.apply(8, fileWithMtime(1000)).mtime()).as("other files are left alone").isEqualTo(1000);
    }

    @Test
    void writesAreSentOnceABatchAndThenForgottenARoundLater() {
        times.modified(FILE, 2000);
        times.modified(FILE, 2001);
        times.modified(8, 2000);

        assertThat(times.takeUnsent()).containsExactlyInAnyOrder(new Amtime(FILE, 0, 2001), new Amtime(8, 0, 2000));
        assertThat(times.apply(FILE, fileWithMtime(1000)).mtime())
                .as("kept for answers that left the master before it had the time").isEqualTo(2001);
        assertThat(times.takeUnsent()).as("nothing is sent twice").isEmpty();
        assertThat(times.apply(FILE, fileWithMtime(1000)).mtime()).isEqualTo(1000);
    }

    @Test
    void aWriteAfterSendingIsSentInTheNextRound() {
        times.modified(FILE, 2000);
        times.takeUnsent();
        times.modified(FILE, 2005);

        assertThat(times.takeUnsent()).containsExactly(new Amtime(FILE, 0, 2005));
    }

    @Test
    void settingTheTimeExplicitlyCancelsWhatWasPending() {
        times.modified(FILE, 2000);
        times.mtimeSet(FILE);

        assertThat(times.takeUnsent()).isEmpty();
        assertThat(times.apply(FILE, fileWithMtime(1500)).mtime()).isEqualTo(1500);
    }

    @Test
    void timesCompareAsUnsignedSecondsAsTheWireCarriesThem() {
        times.modified(FILE, 0x8000_0000); // 2038 and later: negative as a Java int

        assertThat(times.apply(FILE, fileWithMtime(2000)).mtime()).isEqualTo(0x8000_0000);
    }
}
