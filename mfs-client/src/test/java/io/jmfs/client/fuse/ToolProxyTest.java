package io.jmfs.client.fuse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jmfs.protocol.msg.client.ClientRequest;
import io.jmfs.protocol.msg.client.SessionRequest;
import io.jmfs.protocol.msg.client.ToolRequest;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class ToolProxyTest {

    @Test
    void aToolQueryIsForwardedUnderTheSessionsMsgidWithEverythingElseKept() {
        ClientRequest fromTool = new ToolRequest.Check(3, 1234, OptionalInt.of(7));
        ClientRequest forwarded = ToolProxy.withMsgid(fromTool, 99);
        assertThat(forwarded).isEqualTo(new ToolRequest.Check(99, 1234, OptionalInt.of(7)));
    }

    @Test
    void packetsWithoutMsgidAreNotForwarded() {
        ClientRequest noMsgid = new SessionRequest.SustainedInodes(java.util.List.of(1, 2));
        assertThatThrownBy(() -> ToolProxy.withMsgid(noMsgid, 5)).isInstanceOf(IllegalArgumentException.class);
    }
}
