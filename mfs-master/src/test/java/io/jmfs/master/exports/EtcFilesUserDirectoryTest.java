package io.jmfs.master.exports;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EtcFilesUserDirectoryTest {
    @TempDir
    Path dir;

    @Test
    void users_and_groups_are_read_from_passwd_and_group_files() throws Exception {
        Path passwd = Files.writeString(dir.resolve("passwd"), """
                root:x:0:0:root:/root:/bin/bash
                broken line
                nobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin
                mfs:x:4294967294:50::/:/bin/false
                """);
        Path group = Files.writeString(dir.resolve("group"), "root:x:0:\nstaff:x:50:alice\n");
        UserDirectory users = new EtcFilesUserDirectory(passwd, group);

        assertThat(users.userByName("nobody")).contains(new UserDirectory.User("nobody", 65534, 65534));
        assertThat(users.userById(0)).map(UserDirectory.User::name).contains("root");
        assertThat(users.userByName("mfs")).map(UserDirectory.User::uid).contains(-2);
        assertThat(users.userByName("alice")).isEmpty();
        assertThat(users.groupIdByName("staff")).contains(50);
        assertThat(users.groupIdByName("wheel")).isEmpty();
    }

    @Test
    void missing_files_know_nobody() {
        UserDirectory users = new EtcFilesUserDirectory(dir.resolve("none"), dir.resolve("none2"));

        assertThat(users.userByName("root")).isEmpty();
        assertThat(users.groupIdByName("root")).isEmpty();
    }
}
