package io.jmfs.master.exports;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * A {@link UserDirectory} reading passwd- and group-format files. Java has no {@code getpwnam}, so accounts that
 * exist only in other name services (LDAP, sssd) are not found; give such ids as numbers. The files are read on
 * every lookup: lookups happen only while parsing the exports file, and a reload then sees current accounts.
 */
public final class EtcFilesUserDirectory implements UserDirectory {
    private final Path passwd;
    private final Path group;

    public EtcFilesUserDirectory(Path passwd, Path group) {
        this.passwd = passwd;
        this.group = group;
    }

    public static EtcFilesUserDirectory system() {
        return new EtcFilesUserDirectory(Path.of("/etc/passwd"), Path.of("/etc/group"));
    }

    @Override
    public Optional<User> userByName(String name) {
        return findUser(u -> u.name().equals(name));
    }

    @Override
    public Optional<User> userById(int uid) {
        return findUser(u -> u.uid() == uid);
    }

    @Override
    public Optional<Integer> groupIdByName(String name) {
        for (String line : lines(group)) {
            String[] f = line.split(":", -1);
            if (f.length >= 3 && f[0].equals(name)) {
                Optional<Integer> gid = parseId(f[2]);
                if (gid.isPresent()) {
                    return gid;
                }
            }
        }
        return Optional.empty();
    }

    private Optional<User> findUser(Predicate<User> wanted) {
        for (String line : lines(passwd)) {
            String[] f = line.split(":", -1);
            if (f.length < 4) {
                continue;
            }
            Optional<Integer> uid = parseId(f[2]);
            Optional<Integer> gid = parseId(f[3]);
            if (uid.isPresent() && gid.isPresent()) {
                User user = new User(f[0], uid.get(), gid.get());
                if (wanted.test(user)) {
                    return Optional.of(user);
                }
            }
        }
        return Optional.empty();
    }

    private static Optional<Integer> parseId(String text) {
        try {
            long v = Long.parseLong(text);
            return v >= 0 && v <= 0xFFFF_FFFFL ? Optional.of((int) v) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static List<String> lines(Path file) {
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return List.of();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
