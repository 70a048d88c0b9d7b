package io.jmfs.metalogger;

import static org.assertj.core.api.Assertions.assertThat;

import io.jmfs.daemon.DaemonDefinition;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class MetaloggerMainTest {

    @Test
    void theDaemonIsNamedAndLocatedAsMooseFsIs() {
        DaemonDefinition definition = MetaloggerMain.definition();

        assertThat(definition.name()).isEqualTo("mfsmetalogger");
        assertThat(definition.lockFileName()).isEqualTo(".mfsmetalogger.lock");
        assertThat(definition.defaultConfigFile()).isEqualTo(Path.of("/etc/mfs/mfsmetalogger.cfg"));
        assertThat(definition.mainClass()).isEqualTo(MetaloggerMain.class);
        assertThat(definition.serviceFactory().get()).isInstanceOf(MetaloggerService.class);
    }
}
