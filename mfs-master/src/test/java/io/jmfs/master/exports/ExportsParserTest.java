package io.jmfs.master.exports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ExportsParserTest {

    /** A fixed account list instead of the host's /etc/passwd. */
    static final UserDirectory USERS = new UserDirectory() {
        private final Map<String, User> byName = Map.of(
                "root", new User("root", 0, 0),
                "nobody", new User("nobody", 65534, 65534),
                "alice", new User("alice", 1000, 1000));

        @Override
        public Optional<User> userByName(String name) {
            return Optional.ofNullable(byName.get(name));
        }

        @Override
        public Optional<User> userById(int uid) {
            return byName.values().stream().filter(u -> u.uid() == uid).findFirst();
        }

        @Override
        public Optional<Integer> groupIdByName(String name) {
            return Optional.ofNullable(Map.of("staff", 50, "nogroup", 65534).get(name));
        }
    };

    static ExportRule single(String line) throws ExportsSyntaxException {
        ParsedExports parsed = new ExportsParser(USERS).parse("mfsexports.cfg", line);
        assertThat(parsed.rules().rules()).hasSize(1);
        return parsed.rules().rules().getFirst();
    }

    static ParsedExports parse(String content) throws ExportsSyntaxException {
        return new ExportsParser(USERS).parse("mfsexports.cfg", content);
    }

    @Nested
    class Defaults {
        @Test
        void a_line_without_options_is_read_only_with_root_mapped_to_999_and_no_limits() throws Exception {
            ExportRule r = single("* /");

            assertThat(r.readOnly()).isTrue();
            assertThat(r.rootUid()).isEqualTo(999);
            assertThat(r.rootGid()).isEqualTo(999);
            assertThat(r.mapAllUid()).isEqualTo(999);
            assertThat(r.mapAllGid()).isEqualTo(999);
            assertThat(r.minGoal()).isEqualTo(1);
            assertThat(r.maxGoal()).isEqualTo(9);
            assertThat(r.minTrashTime()).isZero();
            assertThat(r.maxTrashTime()).isEqualTo(4294967295L);
            assertThat(r.umask()).isZero();
            assertThat(r.disables()).isZero();
            assertThat(r.allDirs()).isFalse();
            assertThat(r.needsPassword()).isFalse();
            assertThat(r.rootRedefined()).isFalse();
        }

        @Test
        void the_meta_filesystem_keeps_root_unmapped_by_default() throws Exception {
            ExportRule r = single("* .");

            assertThat(r.meta()).isTrue();
            assertThat(r.path()).isEmpty();
            assertThat(r.rootUid()).isZero();
            assertThat(r.rootGid()).isZero();
        }

        @Test
        void a_DEFAULTS_line_changes_the_defaults_of_the_lines_after_it() throws Exception {
            ParsedExports p = parse("""
                    * /before
                    DEFAULTS rw,maxgoal=3
                    * /after
                    """);

            assertThat(p.rules().rules()).extracting(ExportRule::path).containsExactly("before", "after");
            assertThat(p.rules().rules().get(0).readOnly()).isTrue();
            assertThat(p.rules().rules().get(1).readOnly()).isFalse();
            assertThat(p.rules().rules().get(1).maxGoal()).isEqualTo(3);
        }
    }

    @Nested
    class Lines {
        @Test
        void comments_blank_lines_and_surrounding_blanks_are_ignored_and_line_numbers_kept() throws Exception {
            ParsedExports p = parse("# comment\n\n   \t\n  10.0.0.1\t /data/ \t rw , alldirs  \r\n");

            ExportRule r = p.rules().rules().getFirst();
            assertThat(r.line()).isEqualTo(4);
            assertThat(r.path()).isEqualTo("data");
            assertThat(r.readOnly()).isFalse();
            assertThat(r.allDirs()).isTrue();
            assertThat(p.warnings()).isEmpty();
        }

        @Test
        void slashes_around_the_path_do_not_matter() throws Exception {
            assertThat(single("* //a/b//").path()).isEqualTo("a/b");
            assertThat(single("* /").path()).isEmpty();
            assertThat(single("* a/b").path()).isEqualTo("a/b");
        }

        @Test
        void the_shipped_example_file_parses() throws Exception {
            ParsedExports p = parse("""
                    *                    /       ro
                    192.168.1.0/24       /       rw
                    192.168.1.0/24       /       rw,alldirs,maproot=0,password=passcode
                    10.0.0.0-10.0.0.5    /test   rw,maproot=nobody,password=test
                    10.1.0.0/255.255.0.0 /public rw,mapall=1000:1000
                    10.2.0.0/16          /       rw,alldirs,maproot=0,mintrashtime=2h30m,maxtrashtime=2w
                    192.168.1.0/24       /       rw,disable=unlink:rmdir:truncate
                    192.168.1.0/24       /       rw,disable=unlink,disable=rmdir,disable=truncate
                    """);

            assertThat(p.rules().rules()).hasSize(8);
            assertThat(p.warnings()).isEmpty();
            assertThat(p.rules().rules().get(6).disables()).isEqualTo(p.rules().rules().get(7).disables());
        }
    }

    @Nested
    class Addresses {
        @ParameterizedTest
        @CsvSource({
            "*,                          0.0.0.0,      255.255.255.255",
            "192.168.1.7,                192.168.1.7,  192.168.1.7",
            "192.168.1.77/24,            192.168.1.0,  192.168.1.255",
            "10.0.0.0/8,                 10.0.0.0,     10.255.255.255",
            "10.1.2.3/0,                 0.0.0.0,      255.255.255.255",
            "10.1.2.3/32,                10.1.2.3,     10.1.2.3",
            "10.1.0.0/255.255.0.0,       10.1.0.0,     10.1.255.255",
            "10.0.0.0-10.0.0.5,          10.0.0.0,     10.0.0.5",
        })
        void every_documented_form_is_understood(String spec, String from, String to) throws Exception {
            Ipv4Range range = single(spec + " /").addresses();

            assertThat(Ipv4Range.format(range.from())).isEqualTo(from);
            assertThat(Ipv4Range.format(range.to())).isEqualTo(to);
        }

        @ParameterizedTest
        @ValueSource(strings = {"10.0.0", "10.0.0.256", "10.0.0.1/33", "10.0.0.5-10.0.0.1", "host.example.com",
            "10.0.0.1/", "::1", "10.0.0.1-"})
        void anything_else_is_an_error_naming_the_line(String spec) {
            assertThatThrownBy(() -> parse("# first\n" + spec + " / rw\n"))
                    .isInstanceOf(ExportsSyntaxException.class)
                    .hasMessageStartingWith("mfsexports.cfg:2: bad address '" + spec + "'");
        }
    }

    @Nested
    class Options {
        @Test
        void ro_rw_readonly_and_readwrite_set_the_read_only_flag_last_one_wins() throws Exception {
            assertThat(single("* / rw").readOnly()).isFalse();
            assertThat(single("* / readwrite").readOnly()).isFalse();
            assertThat(single("* / rw,ro").readOnly()).isTrue();
            assertThat(single("* / rw,readonly").readOnly()).isTrue();
        }

        @Test
        void flag_options_set_their_session_flags() throws Exception {
            ExportRule r = single("* / dynamicip,ignoregid,admin");

            assertThat(r.sesflags()).isEqualTo(SessionFlags.READONLY | SessionFlags.DYNAMICIP
                    | SessionFlags.IGNOREGID | SessionFlags.ADMIN);
            assertThat(single("* / canchangequota").admin()).isTrue();
            assertThat(single("* / alldirs").allDirs()).isTrue();
        }

        @Test
        void maproot_takes_numbers_or_names_and_defaults_the_group_to_the_users_primary_group() throws Exception {
            assertThat(single("* / maproot=0:0")).extracting(ExportRule::rootUid, ExportRule::rootGid).containsExactly(0, 0);
            assertThat(single("* / maproot=1000")).extracting(ExportRule::rootUid, ExportRule::rootGid).containsExactly(1000, 1000);
            assertThat(single("* / maproot=nobody")).extracting(ExportRule::rootUid, ExportRule::rootGid).containsExactly(65534, 65534);
            assertThat(single("* / maproot=alice:staff")).extracting(ExportRule::rootUid, ExportRule::rootGid).containsExactly(1000, 50);
            assertThat(single("* / maproot=4294967295:7")).extracting(ExportRule::rootUid, ExportRule::rootGid).containsExactly(-1, 7);
            assertThat(single("* / maproot=0").rootRedefined()).isTrue();
        }

        @Test
        void mapall_maps_root_too_unless_maproot_is_given() throws Exception {
            ExportRule all = single("* / mapall=1000:1000");
            assertThat(all.sesflags() & SessionFlags.MAPALL).isNotZero();
            assertThat(all).extracting(ExportRule::mapAllUid, ExportRule::mapAllGid, ExportRule::rootUid, ExportRule::rootGid)
                    .containsExactly(1000, 1000, 1000, 1000);

            ExportRule both = single("* / mapall=1000:1000,maproot=0:0");
            assertThat(both).extracting(ExportRule::rootUid, ExportRule::rootGid).containsExactly(0, 0);
        }

        @ParameterizedTest
        @ValueSource(strings = {"maproot=nosuchuser", "maproot=0:nosuchgroup", "maproot=4242", "maproot=",
            "mapall=alice:", "maproot=99999999999"})
        void unknown_users_or_groups_and_malformed_ids_are_errors(String option) {
            assertThatThrownBy(() -> parse("* / " + option))
                    .isInstanceOf(ExportsSyntaxException.class)
                    .hasMessageStartingWith("mfsexports.cfg:1: ");
        }

        @Test
        void password_and_md5pass_store_the_same_digest() throws Exception {
            ExportRule plain = single("* / password=passcode");
            ExportRule hashed = single("* / md5pass=" + java.util.HexFormat.of().formatHex(PasswordDigest.md5("passcode".getBytes())));
            ExportRule upper = single("* / md5pass=" + java.util.HexFormat.of().withUpperCase().formatHex(PasswordDigest.md5("passcode".getBytes())));

            assertThat(plain.password()).isPresent().isEqualTo(hashed.password()).isEqualTo(upper.password());
        }

        @ParameterizedTest
        @ValueSource(strings = {"md5pass=abc", "md5pass=zz000000000000000000000000000000", "md5pass="})
        void md5pass_must_be_32_hex_digits(String option) {
            assertThatThrownBy(() -> parse("* / " + option)).hasMessageContaining("incorrect md5pass");
        }

        @Test
        void goal_limits_are_single_digits_with_min_not_above_max() throws Exception {
            assertThat(single("* / mingoal=2,maxgoal=5")).extracting(ExportRule::minGoal, ExportRule::maxGoal).containsExactly(2, 5);
            assertThatThrownBy(() -> parse("* / mingoal=0")).hasMessageContaining("incorrect mingoal");
            assertThatThrownBy(() -> parse("* / maxgoal=10")).hasMessageContaining("incorrect maxgoal");
            assertThatThrownBy(() -> parse("* / mingoal=5,maxgoal=3")).hasMessageContaining("mingoal (5) is above maxgoal (3)");
        }

        @ParameterizedTest
        @CsvSource({"86400, 86400", "2H, 7200", "4h30M, 16200", "12w, 7257600", "11d13h46m40s, 1000000",
            "48H, 172800", "0, 0", "4294967295, 4294967295"})
        void trash_times_take_seconds_or_units_from_weeks_down(String text, long seconds) throws Exception {
            assertThat(single("* / mintrashtime=" + text).minTrashTime()).isEqualTo(seconds);
        }

        @ParameterizedTest
        @ValueSource(strings = {"30m12h", "30m12", "50000d", "4294967296", "2x", "h", "1h1h", ""})
        void the_documented_wrong_trash_times_are_errors(String text) {
            assertThatThrownBy(() -> parse("* / maxtrashtime=" + text)).hasMessageContaining("incorrect maxtrashtime");
        }

        @Test
        void mintrashtime_above_maxtrashtime_is_an_error() {
            assertThatThrownBy(() -> parse("* / mintrashtime=2d,maxtrashtime=1d")).hasMessageContaining("above maxtrashtime");
        }

        @Test
        void umask_is_four_octal_digits() throws Exception {
            assertThat(single("* / umask=0022").umask()).isEqualTo(0022);
            assertThatThrownBy(() -> parse("* / umask=022")).hasMessageContaining("incorrect umask");
            assertThatThrownBy(() -> parse("* / umask=0089")).hasMessageContaining("incorrect umask");
        }

        @Test
        void minversion_is_encoded_as_clients_send_their_version() throws Exception {
            assertThat(single("* / minversion=3.0.117").minVersion()).isEqualTo(0x000300EA);
            assertThat(single("* / minversion=3").minVersion()).isEqualTo(0x00030000);
            assertThat(single("* / minversion=2.1").minVersion()).isEqualTo(0x00020100);
            assertThatThrownBy(() -> parse("* / minversion=3.x")).hasMessageContaining("incorrect minversion");
        }

        @Test
        void disable_takes_colon_lists_and_repeats() throws Exception {
            ExportRule r = single("* / disable=chown:chmod,disable=snapshot");

            assertThat(r.disables()).isEqualTo(DisabledOperation.CHOWN.mask() | DisabledOperation.CHMOD.mask()
                    | DisabledOperation.SNAPSHOT.mask());
            assertThat(DisabledOperation.SETFACL.mask()).isEqualTo(1 << 24);
        }

        @Test
        void unknown_options_and_disable_operations_are_warnings_with_their_line() throws Exception {
            ParsedExports p = parse("\n* / rw,fancy,disable=chown:teleport");

            assertThat(p.rules().rules()).hasSize(1);
            assertThat(p.rules().rules().getFirst().disables()).isEqualTo(DisabledOperation.CHOWN.mask());
            assertThat(p.warnings()).containsExactly(
                    "mfsexports.cfg:2: unknown option 'fancy' (ignored)",
                    "mfsexports.cfg:2: unknown disable operation 'teleport' (ignored)");
        }

        @Test
        void options_without_meaning_for_the_meta_filesystem_are_ignored_with_a_warning() throws Exception {
            ParsedExports p = parse("* . rw,alldirs,admin,maproot=1000:1000,mapall=1:1,ignoregid,disable=chown");
            ExportRule r = p.rules().rules().getFirst();

            assertThat(r.meta()).isTrue();
            assertThat(r.readOnly()).isFalse();
            assertThat(r.allDirs()).isFalse();
            assertThat(r.sesflags()).isZero();
            assertThat(r.rootUid()).isZero();
            assertThat(r.disables()).isZero();
            assertThat(p.warnings()).hasSize(6).allMatch(w -> w.contains("no effect on the meta filesystem"));
        }
    }

    @Test
    void a_file_with_bad_lines_is_refused_as_a_whole_listing_every_problem() {
        assertThatThrownBy(() -> parse("""
                * / rw
                10.0.0.1
                * / mingoal=x
                """))
                .isInstanceOfSatisfying(ExportsSyntaxException.class, e -> assertThat(e.problems()).containsExactly(
                        "mfsexports.cfg:2: incomplete definition: expected ADDRESS DIRECTORY [OPTIONS]",
                        "mfsexports.cfg:3: incorrect mingoal: a goal is a single digit 1..9, got 'x'"));
    }
}
