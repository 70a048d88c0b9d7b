package io.jmfs.master.exports;

import static org.assertj.core.api.Assertions.assertThat;

import io.jmfs.protocol.MfsStatus;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Random;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class ExportRulesTest {
    static final int CLIENT_3_0_117 = 0x000300EA;
    static final int LAN_HOST = Ipv4Range.parseAddress("192.168.1.20");
    static final int OTHER_HOST = Ipv4Range.parseAddress("172.16.0.9");

    static ExportRules rules(String content) throws ExportsSyntaxException {
        return ExportsParserTest.parse(content).rules();
    }

    static ExportGrant granted(ExportDecision decision) {
        assertThat(decision).isInstanceOf(ExportDecision.Granted.class);
        return ((ExportDecision.Granted) decision).grant();
    }

    static MfsStatus refused(ExportDecision decision) {
        assertThat(decision).isInstanceOf(ExportDecision.Refused.class);
        return ((ExportDecision.Refused) decision).status();
    }

    @Nested
    class Addresses {
        @Test
        void a_client_outside_every_rule_is_refused_with_EACCES() throws Exception {
            ExportRules r = rules("192.168.1.0/24 / rw\n10.0.0.1-10.0.0.9 / rw");

            assertThat(refused(r.check(AccessRequest.forPath(OTHER_HOST, CLIENT_3_0_117, "/")))).isEqualTo(MfsStatus.EACCES);
            granted(r.check(AccessRequest.forPath(LAN_HOST, CLIENT_3_0_117, "/")));
            granted(r.check(AccessRequest.forPath(Ipv4Range.parseAddress("10.0.0.9"), CLIENT_3_0_117, "/")));
            refused(r.check(AccessRequest.forPath(Ipv4Range.parseAddress("10.0.0.10"), CLIENT_3_0_117, "/")));
        }

        @Test
        void star_matches_every_address_including_the_top_of_the_range() throws Exception {
            ExportRules r = rules("* / rw");

            granted(r.check(AccessRequest.forPath(0, CLIENT_3_0_117, "/")));
            granted(r.check(AccessRequest.forPath(-1, CLIENT_3_0_117, "/")));
        }

        @Test
        void no_rules_refuse_everyone() {
            assertThat(refused(ExportRules.none().check(AccessRequest.forPath(LAN_HOST, CLIENT_3_0_117, "/"))))
                    .isEqualTo(MfsStatus.EACCES);
        }
    }

    @Nested
    class Paths {
        @Test
        void without_alldirs_only_the_exported_directory_itself_may_be_mounted() throws Exception {
            ExportRules r = rules("* /data rw");

            granted(r.check(AccessRequest.forPath(LAN_HOST, CLIENT_3_0_117, "/data")));
            granted(r.check(AccessRequest.forPath(LAN_HOST, CLIENT_3_0_117, "/data/")));
            refused(r.check(AccessRequest.forPath(LAN_HOST, CLIENT_3_0_117, "/data/sub")));
            refused(r.check(AccessRequest.forPath(LAN_HOST, CLIENT_3_0_117, "/")));
        }

        @Test
        void alldirs_allows_subdirectories_but_not_siblings_sharing_a_prefix() throws Exception {
            ExportRules r = rules("* /data rw,alldirs");

            granted(r.check(AccessRequest.forPath(LAN_HOST, CLIENT_3_0_117, "/data/sub/deeper")));
            refused(r.check(AccessRequest.forPath(LAN_HOST, CLIENT_3_0_117, "/database")));
        }

        @Test
        void a_root_export_with_alldirs_allows_any_directory() throws Exception {
            granted(rules("* / alldirs").check(AccessRequest.forPath(LAN_HOST, CLIENT_3_0_117, "/x/y")));
            refused(rules("* /").check(AccessRequest.forPath(LAN_HOST, CLIENT_3_0_117, "/x/y")));
        }

        @Test
        void the_meta_filesystem_is_granted_only_by_meta_rules_and_paths_only_by_path_rules() throws Exception {
            ExportRules onlyPaths = rules("* / rw,alldirs");
            ExportRules onlyMeta = rules("* . rw");

            refused(onlyPaths.check(AccessRequest.forMeta(LAN_HOST, CLIENT_3_0_117)));
            refused(onlyMeta.check(AccessRequest.forPath(LAN_HOST, CLIENT_3_0_117, "/")));
            ExportGrant meta = granted(onlyMeta.check(AccessRequest.forMeta(LAN_HOST, CLIENT_3_0_117)));
            assertThat(meta.meta()).isTrue();
            assertThat(meta.readOnly()).isFalse();
            assertThat(meta).extracting(ExportGrant::rootUid, ExportGrant::rootGid, ExportGrant::mapAllUid, ExportGrant::mapAllGid)
                    .containsExactly(0, 0, 0, 0);
        }
    }

    @Nested
    class Choice {
        @Test
        void read_write_is_preferred_to_read_only_whatever_the_order() throws Exception {
            assertThat(granted(rules("* / ro\n* / rw").check(AccessRequest.forPath(LAN_HOST, CLIENT_3_0_117, "/"))).readOnly()).isFalse();
            assertThat(granted(rules("* / rw\n* / ro").check(AccessRequest.forPath(LAN_HOST, CLIENT_3_0_117, "/"))).readOnly()).isFalse();
        }

        @Test
        void an_unmapped_root_admin_password_or_longer_path_wins_over_an_earlier_rule() throws Exception {
            AccessRequest req = AccessRequest.forPath(LAN_HOST, CLIENT_3_0_117, "/a/b");
            assertThat(granted(rules("* / rw,alldirs\n* / rw,alldirs,maproot=0").check(req)).rootUid()).isZero();
            assertThat(granted(rules("* / rw,alldirs\n* / rw,alldirs,admin").check(req)).admin()).isTrue();
            assertThat(granted(rules("* / rw,alldirs,mingoal=1\n* /a rw,alldirs,mingoal=2").check(req)).minGoal()).isEqualTo(2);
            assertThat(granted(rules("* /a rw,alldirs,mingoal=2\n* / rw,alldirs,mingoal=1").check(req)).minGoal()).isEqualTo(2);
        }

        @Test
        void a_later_rule_better_in_any_respect_replaces_the_choice_even_if_worse_in_another() throws Exception {
            // MooseFS's order is not a ranking: a read-only rule with unmapped root replaces an earlier read-write one.
            ExportGrant g = granted(rules("* / rw\n* / ro,maproot=0").check(AccessRequest.forPath(LAN_HOST, CLIENT_3_0_117, "/")));

            assertThat(g.readOnly()).isTrue();
            assertThat(g.rootUid()).isZero();
        }

        @Test
        void clients_older_than_minversion_are_refused() throws Exception {
            ExportRules r = rules("* / rw,minversion=3.0.100");

            granted(r.check(AccessRequest.forPath(LAN_HOST, CLIENT_3_0_117, "/")));
            assertThat(refused(r.check(AccessRequest.forPath(LAN_HOST, ClientVersions.encode(3, 0, 99), "/"))))
                    .isEqualTo(MfsStatus.EACCES);
        }

        @Test
        void the_grant_carries_every_limit_of_the_rule_and_the_rules_checksum() throws Exception {
            ExportRules r = rules("* / rw,umask=0027,mapall=1000:50,maproot=0:0,mingoal=2,maxgoal=4,"
                    + "mintrashtime=1h,maxtrashtime=1d,disable=snapshot,dynamicip,ignoregid");
            ExportGrant g = granted(r.check(AccessRequest.forPath(LAN_HOST, CLIENT_3_0_117, "/")));

            assertThat(g).isEqualTo(new ExportGrant(r.checksum(), false,
                    SessionFlags.MAPALL | SessionFlags.DYNAMICIP | SessionFlags.IGNOREGID, 0027, 0, 0, 1000, 50,
                    2, 4, 3600, 86400, DisabledOperation.SNAPSHOT.mask()));
            assertThat(g.disabled(DisabledOperation.SNAPSHOT)).isTrue();
            assertThat(g.disabled(DisabledOperation.READ)).isFalse();
        }
    }

    @Nested
    class Passwords {
        final RegistrationChallenge challenge = RegistrationChallenge.random(new Random(7));

        /** What mfsmount computes: md5(random[0..15] + md5(password) + random[16..31]). */
        byte[] clientAnswer(String password, RegistrationChallenge c) throws Exception {
            byte[] rnd = c.bytes();
            MessageDigest md5 = MessageDigest.getInstance("MD5");
            byte[] passwordMd5 = md5.digest(password.getBytes(StandardCharsets.UTF_8));
            md5.update(rnd, 0, 16);
            md5.update(passwordMd5);
            md5.update(rnd, 16, 16);
            return md5.digest();
        }

        final AccessRequest noPassword = AccessRequest.forPath(LAN_HOST, CLIENT_3_0_117, "/");

        @Test
        void no_answer_is_refused_with_NOPASSWORD() throws Exception {
            assertThat(refused(rules("* / rw,password=secret").check(noPassword))).isEqualTo(MfsStatus.NOPASSWORD);
        }

        @Test
        void a_wrong_answer_is_refused_with_BADPASSWORD() throws Exception {
            ExportRules r = rules("* / rw,password=secret");

            assertThat(refused(r.check(noPassword.withPassword(challenge, clientAnswer("guess", challenge)))))
                    .isEqualTo(MfsStatus.BADPASSWORD);
        }

        @Test
        void the_right_answer_to_this_connections_challenge_is_accepted() throws Exception {
            ExportRules r = rules("* / rw,password=secret");

            granted(r.check(noPassword.withPassword(challenge, clientAnswer("secret", challenge))));
        }

        @Test
        void an_answer_to_another_challenge_is_refused() throws Exception {
            ExportRules r = rules("* / rw,password=secret");
            RegistrationChallenge other = RegistrationChallenge.random(new Random(8));

            assertThat(refused(r.check(noPassword.withPassword(other, clientAnswer("secret", challenge)))))
                    .isEqualTo(MfsStatus.BADPASSWORD);
        }

        @Test
        void md5pass_accepts_the_same_answer_as_the_plain_password() throws Exception {
            ExportRules r = rules("* / rw,md5pass=5ebe2294ecd0e0f08eab7690d2a6ee69"); // md5("secret")

            granted(r.check(noPassword.withPassword(challenge, clientAnswer("secret", challenge))));
        }

        @Test
        void an_answer_without_a_challenge_counts_as_no_password() throws Exception {
            ExportRules r = rules("* / rw,password=secret");
            RegistrationChallenge blank = RegistrationChallenge.of(new byte[32]);

            assertThat(refused(r.check(noPassword.withPassword(blank, clientAnswer("secret", blank)))))
                    .isEqualTo(MfsStatus.NOPASSWORD);
        }

        @Test
        void a_rule_without_password_still_admits_a_client_that_fails_another_rules_password() throws Exception {
            ExportRules r = rules("* / ro\n* / rw,password=secret");

            assertThat(granted(r.check(noPassword)).readOnly()).isTrue();
            assertThat(granted(r.check(noPassword.withPassword(challenge, clientAnswer("secret", challenge)))).readOnly()).isFalse();
        }

        @Test
        void random_challenges_are_never_blank() {
            assertThat(RegistrationChallenge.random().isBlank()).isFalse();
            assertThat(RegistrationChallenge.random().bytes()).hasSize(32);
        }
    }

    @Nested
    class Checksum {
        // Both expected values were read from SESADD lines of a real MooseFS 3.0.117 master given these files.
        @Test
        void equals_the_real_masters_for_the_reference_cluster_file() throws Exception {
            ExportRules r = rules("*  /  rw,alldirs,admin,maproot=0:0\n*  .  rw\n");

            assertThat(Long.toUnsignedString(r.checksum())).isEqualTo("18432386147808961246");
        }

        @Test
        void equals_the_real_masters_for_a_file_using_every_value() throws Exception {
            ExportRules r = rules("""
                    10.0.0.0/8 /data rw,alldirs,maproot=1000:100,mapall=2000:200,password=secret,umask=0022,mingoal=2,maxgoal=5,mintrashtime=1h,maxtrashtime=2d,disable=chown:snapshot,dynamicip,ignoregid
                    192.168.1.1-192.168.1.9 /a/b/c/ md5pass=5ebe2294ecd0e0f08eab7690d2a6ee69
                    DEFAULTS mapall=3000:300
                    127.0.0.1 / rw,admin
                    * . ro,mingoal=3
                    """);

            assertThat(Long.toUnsignedString(r.checksum())).isEqualTo("12809508087915555476");
        }

        @Test
        void does_not_depend_on_line_order_or_comments_but_on_every_value() throws Exception {
            long a = rules("* / rw\n10.0.0.0/8 /x ro").checksum();

            assertThat(rules("# hi\n10.0.0.0/8 /x ro\n\n* / rw").checksum()).isEqualTo(a);
            assertThat(rules("* / rw\n10.0.0.0/8 /y ro").checksum()).isNotEqualTo(a);
            assertThat(rules("* / rw,password=a").checksum()).isNotEqualTo(rules("* / rw,password=b").checksum());
        }
    }
}
