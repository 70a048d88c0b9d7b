package io.jmfs.daemon.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {

    static final ConfigKey<Integer> PORT = ConfigKey.of("TEST_LISTEN_PORT", "9419", ValueParsers.port(), "a port");
    static final ConfigKey<String> HOST = ConfigKey.of("TEST_LISTEN_HOST", "*", ValueParsers.host(), "a host");
    static final ConfigKey<String> LABEL = ConfigKey.of("TEST_LABEL", "", ValueParsers.text(), "free text");
    static final ConfigSchema SCHEMA = ConfigSchema.withCommonKeys(List.of(PORT, HOST, LABEL));

    @TempDir
    Path dir;
    final List<String> warnings = new ArrayList<>();
    final ConfigLoader loader = new ConfigLoader(SCHEMA, warnings::add);

    Config load(String... lines) throws IOException, ConfigException {
        Path file = dir.resolve("test.cfg");
        Files.write(file, List.of(lines));
        return loader.load(file);
    }

    @Test
    void keysNotInTheFileHaveMooseFsDefaults() throws Exception {
        Config config = load("# only comments", "");

        assertThat(config.get(PORT)).isEqualTo(9419);
        assertThat(config.get(CommonKeys.DATA_PATH)).isEqualTo(Path.of("/var/lib/mfs"));
        assertThat(config.get(CommonKeys.WORKING_USER)).isEqualTo("mfs");
        assertThat(config.get(CommonKeys.FILE_UMASK)).isEqualTo(027);
        assertThat(config.isDefined(PORT)).isFalse();
        assertThat(warnings).isEmpty();
    }

    @Test
    void blanksAroundNameEqualsAndValueAreIgnored() throws Exception {
        Config config = load("TEST_LISTEN_PORT=9500", "\t TEST_LISTEN_HOST \t=\t 127.0.0.1   ", "DATA_PATH = /srv/mfs ");

        assertThat(config.get(PORT)).isEqualTo(9500);
        assertThat(config.get(HOST)).isEqualTo("127.0.0.1");
        assertThat(config.get(CommonKeys.DATA_PATH)).isEqualTo(Path.of("/srv/mfs"));
        assertThat(config.isDefined(PORT)).isTrue();
    }

    @Test
    void onlyLinesStartingWithHashAreComments() throws Exception {
        // As in MooseFS, a '#' after a value is part of the value, and an indented '#' line is no comment.
        Config config = load("# TEST_LISTEN_PORT = 1", "TEST_LABEL = a # b", "  # indented");

        assertThat(config.get(PORT)).isEqualTo(9419);
        assertThat(config.get(LABEL)).isEqualTo("a # b");
        assertThat(warnings).singleElement().asString().contains("test.cfg:3").contains("bad definition");
    }

    @Test
    void theLastDefinitionOfAKeyWins() throws Exception {
        assertThat(load("TEST_LISTEN_PORT = 1000", "TEST_LISTEN_PORT = 2000").get(PORT)).isEqualTo(2000);
    }

    @Test
    void windowsLineEndsAreAccepted() throws Exception {
        Path file = dir.resolve("crlf.cfg");
        Files.writeString(file, "TEST_LISTEN_PORT = 9600\r\nTEST_LABEL = x\r\n");

        Config config = loader.load(file);

        assertThat(config.get(PORT)).isEqualTo(9600);
        assertThat(config.get(LABEL)).isEqualTo("x");
    }

    @Test
    void aBadValueIsRefusedNamingFileLineAndKey() {
        assertThatThrownBy(() -> load("# comment", "TEST_LISTEN_HOST = 127.0.0.1", "TEST_LISTEN_PORT = 70000"))
                .isInstanceOfSatisfying(ConfigException.class, e -> {
                    assertThat(e.file()).isEqualTo(dir.resolve("test.cfg"));
                    assertThat(e.line()).isEqualTo(3);
                    assertThat(e.key()).isEqualTo("TEST_LISTEN_PORT");
                    assertThat(e.getMessage())
                            .startsWith(dir.resolve("test.cfg") + ":3: TEST_LISTEN_PORT: ")
                            .contains("70000");
                });
    }

    @Test
    void aValueThatIsNotEntirelyANumberIsRefused() {
        // MooseFS would silently read "10s" as 10 and "abc" as 0.
        assertThatThrownBy(() -> load("TEST_LISTEN_PORT = 10s"))
                .isInstanceOf(ConfigException.class).hasMessageContaining(":1: TEST_LISTEN_PORT: '10s'");
    }

    @Test
    void anUnknownKeyIsWarnedAboutNamingItsLineAndOtherwiseIgnored() throws Exception {
        Config config = load("TEST_LISTEN_PORT = 9700", "NOT_A_KEY = 1");

        assertThat(config.get(PORT)).isEqualTo(9700);
        assertThat(warnings).singleElement().asString()
                .isEqualTo(dir.resolve("test.cfg") + ":2: unknown key NOT_A_KEY (ignored)");
    }

    @Test
    void aMissingFileIsAnErrorNamingIt() {
        assertThatThrownBy(() -> loader.load(dir.resolve("absent.cfg")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("absent.cfg").hasMessageContaining("not found");
    }

    @Test
    void aKeyOfAnotherSchemaCannotBeRead() throws Exception {
        Config config = load();
        ConfigKey<Integer> foreign = ConfigKey.of("FOREIGN", "1", ValueParsers.integer(0, 9), "not in the schema");

        assertThatThrownBy(() -> config.get(foreign)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void defaultsNeedNoFile() {
        Config config = Config.defaults(SCHEMA);

        assertThat(config.get(HOST)).isEqualTo("*");
        assertThat(config.source()).isEmpty();
    }

    @Test
    void aSchemaRefusesTheSameNameTwice() {
        ConfigKey<Integer> again = ConfigKey.of("TEST_LISTEN_PORT", "1", ValueParsers.port(), "duplicate");

        assertThatThrownBy(() -> ConfigSchema.withCommonKeys(List.of(PORT, again)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("TEST_LISTEN_PORT");
    }

    @Test
    void aKeyWithAnInvalidDefaultCannotBeDeclared() {
        assertThatThrownBy(() -> ConfigKey.of("BAD_DEFAULT", "x", ValueParsers.port(), "broken"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("BAD_DEFAULT");
    }
}
