package io.jmfs.master.exports;

/**
 * The {@code sesflags} bits a master grants a session ({@code SESFLAG_*} of MooseFS's MFSCommunication.h). They go
 * to the client in the registration reply and into {@code SESADD}, so the values are part of the wire.
 */
public final class SessionFlags {
    /** The session may not change anything. */
    public static final int READONLY = 0x01;
    /** The session may reconnect from any address ({@code dynamicip}). */
    public static final int DYNAMICIP = 0x02;
    /** Group permissions are not checked by the master ({@code ignoregid}). */
    public static final int IGNOREGID = 0x04;
    /** Administrative rights: quotas and storage classes ({@code admin}). */
    public static final int ADMIN = 0x08;
    /** Every non-root user is mapped to the {@code mapall} user and group. */
    public static final int MAPALL = 0x10;
    /** Set by the master (never by a rule) for clients that understand the newer attribute record (>= 1.7.32). */
    public static final int ATTRBIT = 0x40;

    private SessionFlags() {
    }

    public static boolean has(int sesflags, int flag) {
        return (sesflags & flag) != 0;
    }
}
