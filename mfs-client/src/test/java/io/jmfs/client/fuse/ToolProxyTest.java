package io.jmfs.client.fuse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jmfs.protocol.msg.client.ClientRequest;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class ToolProxyTest {

    @Test
    void aToolQueryIsForwardedUnderTheSessionsMsgidWithEverythingElseKept() {
        ClientRequest fromTool = new ClientRequest.Check(3, 1234, OptionalInt.of(7));
        ClientRequest forwarded = ToolProxy.withMsgid(fromTool, 99);
        assertThat(forwarded).isEqualTo(new ClientRequest.Check(99, 1234, OptionalInt.of(7)));
    }

    @Test
    void packetsWithoutMsgidAreNotForwarded() {
        ClientRequest noMsgid = new ClientRequest.SustainedInodes(java.util.List.of(1, 2));
        assertThatThrownBy(() -> ToolProxy.withMsgid(noMsgid, 5)).isInstanceOf(IllegalArgumentException.class);
    }
}
