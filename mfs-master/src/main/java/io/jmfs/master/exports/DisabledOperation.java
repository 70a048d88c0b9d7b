package io.jmfs.master.exports;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * An operation an export can forbid with {@code disable=NAME[:NAME...]}. The bit positions are MooseFS's
 * ({@code DISABLE_BIT_*}); the mask travels in the registration reply and in {@code SESADD}.
 */
public enum DisabledOperation {
    CHOWN("chown"),
    CHMOD("chmod"),
    SYMLINK("symlink"),
    MKFIFO("mkfifo"),
    MKDEV("mkdev"),
    MKSOCK("mksock"),
    MKDIR("mkdir"),
    UNLINK("unlink"),
    RMDIR("rmdir"),
    RENAME("rename"),
    MOVE("move"),
    LINK("link"),
    CREATE("create"),
    READDIR("readdir"),
    READ("read"),
    WRITE("write"),
    TRUNCATE("truncate"),
    SETLENGTH("setlength"),
    APPENDCHUNKS("appendchunks"),
    SNAPSHOT("snapshot"),
    SETTRASH("settrash"),
    SETSCLASS("setsclass"),
    SETEATTR("seteattr"),
    SETXATTR("setxattr"),
    SETFACL("setfacl");

    private static final Map<String, DisabledOperation> BY_NAME =
            Arrays.stream(values()).collect(Collectors.toUnmodifiableMap(DisabledOperation::configName, Function.identity()));

    private final String configName;

    DisabledOperation(String configName) {
        this.configName = configName;
    }

    /** The name used in {@code mfsexports.cfg}. */
    public String configName() {
        return configName;
    }

    /** This operation's bit in a disables mask (the enum order is MooseFS's bit order). */
    public int mask() {
        return 1 << ordinal();
    }

    public boolean isIn(int disables) {
        return (disables & mask()) != 0;
    }

    /** The operation with this exact (case-sensitive, as in MooseFS) configuration name. */
    public static Optional<DisabledOperation> byConfigName(String name) {
        return Optional.ofNullable(BY_NAME.get(name));
    }
}
