package io.jmfs.master.sessions;

import static org.assertj.core.api.Assertions.assertThat;

import io.jmfs.master.exports.ExportRules;
import io.jmfs.master.exports.ExportsParser;
import io.jmfs.master.exports.Ipv4Range;
import io.jmfs.master.exports.RegistrationChallenge;
import io.jmfs.master.exports.UserDirectory;
import io.jmfs.master.fs.Credentials;
import io.jmfs.protocol.MfsStatus;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Random;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class SessionRegistryTest {
    static final int V3_0_117 = 0x000300EA;
    static final long META_ID = 0x6b012b2099ed3ea3L;
    static final long START = 1_795_000_000L;
    static final long SUSTAIN = 3600;
    static final int CLIENT = Ipv4Range.parseAddress("192.168.1.20");
    static final int OTHER_CLIENT = Ipv4Range.parseAddress("192.168.1.21");
    static final UserDirectory NO_USERS = new UserDirectory() {
        @Override
        public Optional<User> userByName(String name) {
            return Optional.empty();
        }

        @Override
        public Optional<User> userById(int uid) {
            return Optional.empty();
        }

        @Override
        public Optional<Integer> groupIdByName(String name) {
            return Optional.empty();
        }
    };

    /** A namespace with "/", "/home" (inode 2) and a file "/file" (inode 3). */
    static final RootResolver NAMESPACE = path -> switch (path.replaceAll("/+$", "")) {
        case "" -> RootLookup.found(1);
        case "/home" -> RootLookup.found(2);
        case "/file" -> RootLookup.failed(MfsStatus.ENOTDIR);
        default -> RootLookup.failed(MfsStatus.ENOENT);
    };

    static ExportRules rules(String content) throws Exception {
        return new ExportsParser(NO_USERS).parse("mfsexports.cfg", content).rules();
    }

    final SessionRegistry registry = new SessionRegistry(SUSTAIN, START);
    long now = START + 1000;

    Session mount(ExportRules rules, String path) {
        Registration r = registry.register(NewSessionRequest.mount(CLIENT, V3_0_117, "/mnt/mfs\0", path), rules,
                NAMESPACE, META_ID, now);
        assertThat(r.status()).isEqualTo(MfsStatus.OK);
        return r.session().orElseThrow();
    }

    Reconnection reconnect(Session s, int from, ExportRules rules) {
        return registry.reconnect(s.id(), OptionalLong.of(META_ID), V3_0_117, from, rules.checksum(), META_ID, now);
    }

    @Nested
    class NewSessions {
        @Test
        void ids_start_at_1_and_are_never_reused() throws Exception {
            ExportRules rules = rules("* / rw");
            Session first = mount(rules, "/");
            registry.close(first.id(), OptionalLong.of(META_ID), META_ID);
            registry.disconnect(first, now);
            assertThat(registry.expire(now)).hasSize(1);

            Session second = mount(rules, "/");

            assertThat(first.id()).isEqualTo(1);
            assertThat(second.id()).isEqualTo(2);
            assertThat(registry.nextSessionId()).isEqualTo(3);
        }

        @Test
        void a_new_session_is_connected_and_logged_as_SESADD_with_everything_resolved() throws Exception {
            ExportRules rules = rules("* / rw,alldirs,admin,maproot=0:0\n* . rw");
            Registration r = registry.register(NewSessionRequest.mount(CLIENT, V3_0_117, "/mnt/mfs\0", "/home"),
                    rules, NAMESPACE, META_ID, now);
            Session s = r.session().orElseThrow();

            assertThat(s.connected()).isTrue();
            assertThat(s.rootInode()).isEqualTo(2);
            assertThat(s.info()).isEqualTo("/mnt/mfs");
            assertThat(s.clientVersion()).isEqualTo(V3_0_117);
            assertThat(r.change()).containsInstanceOf(SessionChange.Added.class);
            assertThat(r.change().orElseThrow().changelogText()).isEqualTo("SESADD(#" + Long.toUnsignedString(rules.checksum())
                    + ",2,8,0000,0,0,999,999,1,9,0,4294967295,0x00000000,3232235796,/mnt/mfs):1");
        }

        @Test
        void the_session_records_match_a_real_master_for_the_same_exports() throws Exception {
            // Lines 4 and 6 of a real 3.0.117 master's changelog for this file (ids differ: ours start fresh).
            ExportRules rules = rules("""
                    10.0.0.0/8 /data rw,alldirs,maproot=1000:100,mapall=2000:200,password=secret,umask=0022
                    192.168.1.1-192.168.1.9 /a/b/c/ md5pass=5ebe2294ecd0e0f08eab7690d2a6ee69
                    DEFAULTS mapall=3000:300
                    127.0.0.1 / rw,admin
                    * . ro,mingoal=3
                    """);
            int localhost = Ipv4Range.parseAddress("127.0.0.1");

            Registration normal = registry.register(NewSessionRequest.mount(localhost, V3_0_117, "/mnt/x\0", "/"),
                    rules, NAMESPACE, META_ID, now);
            Registration meta = registry.register(NewSessionRequest.metaMount(localhost, V3_0_117, "/mnt/x\0"),
                    rules, NAMESPACE, META_ID, now);

            String csum = "#" + Long.toUnsignedString(rules.checksum());
            assertThat(normal.change().orElseThrow().changelogText())
                    .isEqualTo("SESADD(" + csum + ",1,24,0000,3000,300,3000,300,1,9,0,4294967295,0x00000000,2130706433,/mnt/x):1");
            assertThat(meta.change().orElseThrow().changelogText())
                    .isEqualTo("SESADD(" + csum + ",0,17,0000,0,0,0,0,3,9,0,4294967295,0x00000000,2130706433,/mnt/x):2");
            assertThat(meta.session().orElseThrow().meta()).isTrue();
        }

        @Test
        void refusals_by_the_exports_or_the_namespace_create_nothing() throws Exception {
            ExportRules rules = rules("10.0.0.0/8 / rw,alldirs\n* /home rw");

            assertThat(registry.register(NewSessionRequest.mount(CLIENT, V3_0_117, "", "/"), rules, NAMESPACE, META_ID, now).status())
                    .isEqualTo(MfsStatus.EACCES);
            ExportRules all = rules("* / rw,alldirs");
            assertThat(registry.register(NewSessionRequest.mount(CLIENT, V3_0_117, "", "/missing"), all, NAMESPACE, META_ID, now).status())
                    .isEqualTo(MfsStatus.ENOENT);
            assertThat(registry.register(NewSessionRequest.mount(CLIENT, V3_0_117, "", "/file"), all, NAMESPACE, META_ID, now).status())
                    .isEqualTo(MfsStatus.ENOTDIR);
            assertThat(registry.sessions()).isEmpty();
            assertThat(registry.nextSessionId()).isEqualTo(1);
        }

        @Test
        void a_password_protected_export_needs_the_right_answer_to_this_connections_challenge() throws Exception {
            ExportRules rules = rules("* / rw,password=secret");
            RegistrationChallenge challenge = RegistrationChallenge.random(new Random(1));
            NewSessionRequest plain = NewSessionRequest.mount(CLIENT, V3_0_117, "", "/");

            assertThat(registry.register(plain, rules, NAMESPACE, META_ID, now).status()).isEqualTo(MfsStatus.NOPASSWORD);
            assertThat(registry.register(plain.withPassword(challenge, answer("wrong", challenge)), rules, NAMESPACE, META_ID, now).status())
                    .isEqualTo(MfsStatus.BADPASSWORD);
            assertThat(registry.register(plain.withPassword(challenge, answer("secret", challenge)), rules, NAMESPACE, META_ID, now).status())
                    .isEqualTo(MfsStatus.OK);
        }

        @Test
        void re_registering_with_a_previous_session_id_takes_that_session_over_as_SESCHANGED() throws Exception {
            ExportRules old = rules("* / ro,alldirs");
            Session s = mount(old, "/");
            registry.disconnect(s, now);
            ExportRules reloaded = rules("* / rw,alldirs");

            Registration again = registry.register(NewSessionRequest.mount(CLIENT, V3_0_117, "/mnt/mfs", "/home")
                    .withPreviousSession(s.id(), META_ID), reloaded, NAMESPACE, META_ID, now);

            assertThat(again.session()).containsSame(s);
            assertThat(s.readOnly()).isFalse();
            assertThat(s.rootInode()).isEqualTo(2);
            assertThat(s.connected()).isTrue();
            assertThat(again.change().orElseThrow().changelogText()).startsWith("SESCHANGED(1,#" + Long.toUnsignedString(reloaded.checksum()) + ",2,0,");
        }

        @Test
        void a_previous_session_of_another_metadata_id_is_not_taken_over() throws Exception {
            ExportRules rules = rules("* / rw");
            Session s = mount(rules, "/");

            Registration again = registry.register(NewSessionRequest.mount(CLIENT, V3_0_117, "", "/")
                    .withPreviousSession(s.id(), META_ID + 1), rules, NAMESPACE, META_ID, now);

            assertThat(again.session().orElseThrow().id()).isNotEqualTo(s.id());
            assertThat(again.change()).containsInstanceOf(SessionChange.Added.class);
        }
    }

    @Nested
    class Reconnecting {
        @Test
        void within_the_sustain_time_the_session_survives_a_lost_connection() throws Exception {
            ExportRules rules = rules("* / rw");
            Session s = mount(rules, "/");
            assertThat(registry.disconnect(s, now)).contains(new SessionChange.Disconnected(s.id()));
            assertThat(s.disconnectedAt()).isEqualTo(now);
            s.markOpen(42);

            now += SUSTAIN;
            assertThat(registry.expire(now)).isEmpty();
            Reconnection r = reconnect(s, CLIENT, rules);

            assertThat(r.status()).isEqualTo(MfsStatus.OK);
            assertThat(r.session()).containsSame(s);
            assertThat(s.connected()).isTrue();
            assertThat(s.openFiles()).containsExactly(42);
        }

        @Test
        void after_the_sustain_time_the_session_is_gone_and_its_open_files_are_handed_back() throws Exception {
            ExportRules rules = rules("* / rw");
            Session s = mount(rules, "/");
            s.markOpen(42);
            s.markOpen(7);
            registry.disconnect(s, now);

            now += SUSTAIN + 1;
            assertThat(reconnect(s, CLIENT, rules).status()).isEqualTo(MfsStatus.BADSESSIONID);
            var expired = registry.expire(now);

            assertThat(expired).singleElement().satisfies(e -> {
                assertThat(e.sessionId()).isEqualTo(s.id());
                assertThat(e.openFiles()).containsExactly(7, 42);
                assertThat(e.change().changelogText()).isEqualTo("SESDEL(1)");
            });
            assertThat(registry.find(s.id())).isEmpty();
            assertThat(reconnect(s, CLIENT, rules).status()).isEqualTo(MfsStatus.BADSESSIONID);
        }

        @Test
        void a_connected_session_never_expires() throws Exception {
            Session s = mount(rules("* / rw"), "/");

            assertThat(registry.expire(now + 10 * SUSTAIN)).isEmpty();
            assertThat(s.connected()).isTrue();
        }

        @Test
        void unknown_ids_and_other_metadata_ids_are_BADSESSIONID() throws Exception {
            ExportRules rules = rules("* / rw");
            Session s = mount(rules, "/");
            registry.disconnect(s, now);

            assertThat(registry.reconnect(99, OptionalLong.of(META_ID), V3_0_117, CLIENT, rules.checksum(), META_ID, now).status())
                    .isEqualTo(MfsStatus.BADSESSIONID);
            assertThat(registry.reconnect(s.id(), OptionalLong.of(META_ID + 1), V3_0_117, CLIENT, rules.checksum(), META_ID, now).status())
                    .isEqualTo(MfsStatus.BADSESSIONID);
            assertThat(registry.reconnect(s.id(), OptionalLong.empty(), V3_0_117, CLIENT, rules.checksum(), META_ID, now).status())
                    .isEqualTo(MfsStatus.OK);
        }

        @Test
        void from_another_address_it_is_EPERM_unless_the_export_is_dynamicip() throws Exception {
            ExportRules fixed = rules("* / rw");
            Session s = mount(fixed, "/");
            registry.disconnect(s, now);
            assertThat(reconnect(s, OTHER_CLIENT, fixed).status()).isEqualTo(MfsStatus.EPERM);

            ExportRules dynamic = rules("* / rw,dynamicip");
            Session d = mount(dynamic, "/");
            registry.disconnect(d, now);
            assertThat(reconnect(d, OTHER_CLIENT, dynamic).status()).isEqualTo(MfsStatus.OK);
            assertThat(d.connectedFrom()).isEqualTo(OTHER_CLIENT);
        }

        @Test
        void after_the_exports_changed_it_is_EPERM_so_the_client_registers_again() throws Exception {
            ExportRules before = rules("* / rw");
            Session s = mount(before, "/");
            registry.disconnect(s, now);

            assertThat(reconnect(s, CLIENT, rules("* / ro")).status()).isEqualTo(MfsStatus.EPERM);
            assertThat(registry.find(s.id())).isPresent();
        }
    }

    @Nested
    class Reload {
        @Test
        void new_rules_apply_to_new_sessions_only() throws Exception {
            Session before = mount(rules("* / rw"), "/");
            ExportRules reloaded = rules("* / ro");

            Session after = mount(reloaded, "/");

            assertThat(before.readOnly()).isFalse();
            assertThat(before.checkWritable()).isEqualTo(MfsStatus.OK);
            assertThat(after.readOnly()).isTrue();
            assertThat(after.checkWritable()).isEqualTo(MfsStatus.EROFS);
            assertThat(registry.connectedUnderOtherExports(reloaded.checksum())).containsExactly(before);
        }

        @Test
        void a_client_no_longer_covered_is_refused_when_it_registers_again() throws Exception {
            Session s = mount(rules("* / rw"), "/");
            registry.disconnect(s, now);
            ExportRules reloaded = rules("10.0.0.0/8 / rw");

            Registration again = registry.register(NewSessionRequest.mount(CLIENT, V3_0_117, "", "/")
                    .withPreviousSession(s.id(), META_ID), reloaded, NAMESPACE, META_ID, now);

            assertThat(again.status()).isEqualTo(MfsStatus.EACCES);
            assertThat(s.readOnly()).isFalse();
        }
    }

    @Nested
    class Closing {
        @Test
        void a_closed_session_goes_at_the_first_expiry_step_after_its_connection_is_gone() throws Exception {
            Session s = mount(rules("* / rw"), "/");

            assertThat(registry.close(s.id(), OptionalLong.of(META_ID), META_ID)).isEqualTo(MfsStatus.OK);
            assertThat(registry.expire(now)).isEmpty();
            registry.disconnect(s, now);

            assertThat(registry.expire(now)).extracting(ExpiredSession::sessionId).containsExactly(s.id());
        }

        @Test
        void closing_with_another_metadata_id_is_BADSESSIONID_and_keeps_the_session() throws Exception {
            Session s = mount(rules("* / rw"), "/");

            assertThat(registry.close(s.id(), OptionalLong.of(META_ID + 1), META_ID)).isEqualTo(MfsStatus.BADSESSIONID);
            registry.disconnect(s, now);
            assertThat(registry.expire(now)).isEmpty();
        }

        @Test
        void nothing_expires_in_the_first_two_minutes_after_start_so_clients_can_come_back() throws Exception {
            now = START + 10;
            Session s = mount(rules("* / rw"), "/");
            registry.close(s.id(), OptionalLong.empty(), META_ID);
            registry.disconnect(s, now);

            assertThat(registry.expire(START + SessionRegistry.STARTUP_GRACE_SECONDS - 1)).isEmpty();
            assertThat(registry.expire(START + SessionRegistry.STARTUP_GRACE_SECONDS)).hasSize(1);
        }
    }

    @Nested
    class Replay {
        @Test
        void replaying_the_logged_changes_rebuilds_the_same_sessions() throws Exception {
            ExportRules rules = rules("* / rw,alldirs\n* . ro");
            var log = new java.util.ArrayList<SessionChange>();
            log.add(registry.register(NewSessionRequest.mount(CLIENT, V3_0_117, "a", "/home"), rules, NAMESPACE, META_ID, now).change().orElseThrow());
            Session meta = registry.register(NewSessionRequest.metaMount(CLIENT, V3_0_117, "b"), rules, NAMESPACE, META_ID, now).session().orElseThrow();
            log.add(new SessionChange.Added(2, meta.grant(), 0, CLIENT, "b"));
            log.add(registry.disconnect(meta, now + 5).orElseThrow());

            SessionRegistry replayed = new SessionRegistry(SUSTAIN, START);
            for (SessionChange c : log) {
                assertThat(replayed.apply(c, now + 5)).isEqualTo(MfsStatus.OK);
            }

            assertThat(replayed.nextSessionId()).isEqualTo(3);
            assertThat(replayed.find(1).orElseThrow().rootInode()).isEqualTo(2);
            assertThat(replayed.find(1).orElseThrow().grant()).isEqualTo(registry.find(1).orElseThrow().grant());
            assertThat(replayed.find(2).orElseThrow().disconnectedAt()).isEqualTo(now + 5);
            assertThat(replayed.apply(new SessionChange.Deleted(2), now)).isEqualTo(MfsStatus.OK);
            assertThat(replayed.apply(new SessionChange.Deleted(2), now)).isEqualTo(MfsStatus.BADSESSIONID);
        }

        @Test
        void an_added_session_out_of_id_order_is_a_mismatch() throws Exception {
            ExportRules rules = rules("* / rw");
            Session s = mount(rules, "/");

            assertThat(new SessionRegistry(SUSTAIN, START).apply(new SessionChange.Added(5, s.grant(), 1, CLIENT, ""), now))
                    .isEqualTo(MfsStatus.MISMATCH);
        }
    }

    @Nested
    class Restart {
        @Test
        void stored_sessions_come_back_disconnected_and_their_clients_can_reconnect() throws Exception {
            ExportRules rules = rules("* / rw");
            Session connected = mount(rules, "/");
            Session idle = mount(rules, "/");
            Session closed = mount(rules, "/");
            registry.disconnect(idle, now);
            registry.close(closed.id(), OptionalLong.empty(), META_ID);
            connected.countOperation(3);
            var stored = registry.toStore();

            long restartedAt = now + 60;
            SessionRegistry restarted = new SessionRegistry(SUSTAIN, restartedAt);
            restarted.restore(registry.nextSessionId(), stored);

            assertThat(stored).extracting(StoredSession::id).containsExactly(connected.id(), idle.id());
            assertThat(restarted.nextSessionId()).isEqualTo(4);
            assertThat(restarted.find(connected.id()).orElseThrow().connected()).isFalse();
            assertThat(restarted.find(connected.id()).orElseThrow().currentHourOperations()[3]).isEqualTo(1);
            assertThat(restarted.reconnect(connected.id(), OptionalLong.of(META_ID), V3_0_117, CLIENT, rules.checksum(),
                    META_ID, restartedAt + 5).status()).isEqualTo(MfsStatus.OK);
        }

        @Test
        void sessions_stored_while_connected_expire_after_the_startup_grace_unless_reclaimed() throws Exception {
            Session s = mount(rules("* / rw"), "/");
            long restartedAt = now + 60;
            SessionRegistry restarted = new SessionRegistry(SUSTAIN, restartedAt);
            restarted.restore(registry.nextSessionId(), registry.toStore());

            assertThat(restarted.expire(restartedAt + SessionRegistry.STARTUP_GRACE_SECONDS - 1)).isEmpty();
            assertThat(restarted.expire(restartedAt + SessionRegistry.STARTUP_GRACE_SECONDS))
                    .extracting(ExpiredSession::sessionId).containsExactly(s.id());
        }
    }

    @Nested
    class Requests {
        @Test
        void maproot_maps_root_and_its_primary_group_only() throws Exception {
            Session s = mount(rules("* / rw"), "/");

            assertThat(s.map(0, 0, 10)).isEqualTo(Credentials.of(999, 999, 10));
            assertThat(s.map(1000, 100)).isEqualTo(Credentials.of(1000, 100));
            assertThat(mount(rules("* / rw,maproot=0:0"), "/").map(0, 0)).isEqualTo(Credentials.ROOT);
        }

        @Test
        void mapall_maps_every_other_user() throws Exception {
            Session s = mount(rules("* / rw,mapall=2000:200,maproot=1:1"), "/");

            assertThat(s.map(1000, 100, 5)).isEqualTo(Credentials.of(2000, 200, 5));
            assertThat(s.map(0, 0)).isEqualTo(Credentials.of(1, 1));
        }

        @Test
        void a_read_only_session_cannot_change_anything() throws Exception {
            Session ro = mount(rules("* / ro"), "/");

            assertThat(ro.readOnly()).isTrue();
            assertThat(ro.checkWritable()).isEqualTo(MfsStatus.EROFS);
            assertThat(ro.effectiveSesflags() & 0x01).isEqualTo(1);
        }

        @Test
        void goal_and_trash_time_limits_follow_the_set_mode() throws Exception {
            Session s = mount(rules("* / rw,mingoal=2,maxgoal=4,mintrashtime=1h,maxtrashtime=1d"), "/");

            assertThat(s.checkGoal(Session.LimitMode.SET, 3)).isEqualTo(MfsStatus.OK);
            assertThat(s.checkGoal(Session.LimitMode.SET, 5)).isEqualTo(MfsStatus.EPERM);
            assertThat(s.checkGoal(Session.LimitMode.SET, 1)).isEqualTo(MfsStatus.EPERM);
            assertThat(s.checkGoal(Session.LimitMode.INCREASE, 1)).isEqualTo(MfsStatus.OK);
            assertThat(s.checkGoal(Session.LimitMode.DECREASE, 5)).isEqualTo(MfsStatus.OK);
            assertThat(s.checkGoal(Session.LimitMode.DECREASE, 1)).isEqualTo(MfsStatus.EPERM);
            assertThat(s.checkTrashTime(Session.LimitMode.SET, 60)).isEqualTo(MfsStatus.EPERM);
            assertThat(s.checkTrashTime(Session.LimitMode.EXCHANGE, 7200)).isEqualTo(MfsStatus.OK);
            assertThat(s.checkTrashTime(Session.LimitMode.INCREASE, 2 * 86400)).isEqualTo(MfsStatus.EPERM);
        }

        @Test
        void clients_from_1_7_32_see_the_attribute_bit() throws Exception {
            Session s = mount(rules("* / rw,admin"), "/");

            assertThat(s.effectiveSesflags()).isEqualTo(0x08 | 0x40);
        }
    }

    /** What mfsmount sends: md5(random[0..15] + md5(password) + random[16..31]). */
    static byte[] answer(String password, RegistrationChallenge challenge) throws Exception {
        byte[] rnd = challenge.bytes();
        MessageDigest md5 = MessageDigest.getInstance("MD5");
        byte[] pw = md5.digest(password.getBytes(StandardCharsets.UTF_8));
        md5.update(rnd, 0, 16);
        md5.update(pw);
        md5.update(rnd, 16, 16);
        return md5.digest();
    }

    @Test
    void sustain_time_is_clamped_to_a_minute_and_a_week() {
        assertThat(SessionRegistry.clampSustain(5)).isEqualTo(60);
        assertThat(SessionRegistry.clampSustain(86400)).isEqualTo(86400);
        assertThat(SessionRegistry.clampSustain(30 * 86400L)).isEqualTo(7 * 86400);
        assertThat(new SessionRegistry(SessionRegistry.DEFAULT_SUSTAIN_SECONDS, 0).sustainSeconds()).isEqualTo(86400);
    }

    @Test
    void info_is_escaped_like_names_in_the_changelog() throws Exception {
        ExportRules rules = rules("* / rw");
        Registration r = registry.register(NewSessionRequest.mount(CLIENT, V3_0_117, "a,b (c) 100%\u00e9\n", "/"),
                rules, NAMESPACE, META_ID, now);

        assertThat(r.change().orElseThrow().changelogText()).endsWith(",a%2Cb %28c%29 100%25%E9%0A):1");
    }

    @Nested
    class Logging {
        @Test
        void registrationAndLastDisconnectionAreRecordedAsMooseFsLinesAndReplayToTheSameSessions() throws Exception {
            java.util.List<SessionChange> recorded = new java.util.ArrayList<>();
            registry.recordChangesTo(recorded::add);
            ExportRules rules = rules("* / rw");

            Session s = mount(rules, "/");
            registry.disconnect(s, now);

            assertThat(recorded).hasSize(2);
            assertThat(recorded.get(0)).isInstanceOf(SessionChange.Added.class);
            assertThat(recorded.get(0).changelogText()).startsWith("SESADD(#").endsWith("):" + s.id());
            assertThat(recorded.get(1).changelogText()).isEqualTo("SESDISCONNECTED(" + s.id() + ")");
            SessionRegistry replayed = new SessionRegistry(SUSTAIN, START);
            for (SessionChange c : recorded) {
                SessionChange parsed = SessionChangelog.parse(c.changelogText()).orElseThrow();
                assertThat(replayed.apply(parsed, now)).isEqualTo(MfsStatus.OK);
            }
            assertThat(replayed.find(s.id())).isPresent();
        }

        @Test
        void expiryLeavesSesdelToTheCallerWhichReleasesTheOpenFilesFirst() throws Exception {
            java.util.List<SessionChange> recorded = new java.util.ArrayList<>();
            registry.recordChangesTo(recorded::add);
            Session s = mount(rules("* / rw"), "/");
            registry.close(s.id(), OptionalLong.of(META_ID), META_ID);
            registry.disconnect(s, now);
            recorded.clear();

            var expired = registry.expire(now);

            assertThat(expired).hasSize(1);
            assertThat(expired.get(0).change()).isEqualTo(new SessionChange.Deleted(s.id()));
            assertThat(recorded).isEmpty();
        }
    }
}
