package io.jmfs.master.exports;

import io.jmfs.protocol.MfsStatus;
import java.util.List;

/**
 * The export rules in force: an immutable, ordered list with MooseFS's matching and checksum.
 *
 * <p><b>Matching.</b> A rule is a candidate when the client address is in its range, the client version is at
 * least its {@code minversion}, it is a meta rule exactly when meta was asked for, its path covers the requested one
 * and, if it has a password, the client's answer is right. Among candidates the file is read top to bottom and a
 * later candidate replaces the current choice when it is better in <em>any</em> of: read-write over read-only, root
 * not remapped over remapped, admin over not, password-protected over not, longer path over shorter. (This is
 * MooseFS's order; it is not a ranking, so the order of lines can matter when two rules are better in different
 * ways.) With no candidate the refusal is {@code NOPASSWORD} or {@code BADPASSWORD} when some rule was passed over
 * only for its password, else {@code EACCES}.
 */
public final class ExportRules {
    private static final ExportRules NONE = new ExportRules(List.of());

    private final List<ExportRule> rules;
    private final long checksum;

    public ExportRules(List<ExportRule> rules) {
        this(rules, 0);
    }

    /**
     * @param checksumExtra added to the checksum: MooseFS also counts each {@code DEFAULTS} line as a rule (for
     *                      address 0.0.0.0 only, so it never matters for matching); the parser passes their share
     */
    ExportRules(List<ExportRule> rules, long checksumExtra) {
        this.rules = List.copyOf(rules);
        this.checksum = ExportsChecksum.of(this.rules) + checksumExtra;
    }

    /** No rules at all: every client is refused. */
    public static ExportRules none() {
        return NONE;
    }

    public List<ExportRule> rules() {
        return rules;
    }

    public boolean isEmpty() {
        return rules.isEmpty();
    }

    /**
     * MooseFS's checksum of the rules (sum over rules of {@code crc32 << 32 | murmur3}); written into
     * {@code SESADD} and used on reconnect to tell whether the rules a session was granted under still hold.
     */
    public long checksum() {
        return checksum;
    }

    /** Decides one registration attempt. */
    public ExportDecision check(AccessRequest request) {
        String path = request.normalizedPath();
        ExportRule chosen = null;
        boolean refusedForPassword = false;
        for (ExportRule rule : rules) {
            if (!rule.addresses().contains(request.peerAddress())
                    || Integer.compareUnsigned(request.clientVersion(), rule.minVersion()) < 0
                    || rule.meta() != request.meta()
                    || (!rule.meta() && !rule.coversPath(path))) {
                continue;
            }
            if (rule.needsPassword() && !passwordAccepted(rule.password().orElseThrow(), request)) {
                refusedForPassword = true;
                continue;
            }
            if (chosen == null || isPreferred(rule, chosen)) {
                chosen = rule;
            }
        }
        if (chosen == null) {
            if (refusedForPassword) {
                return new ExportDecision.Refused(request.hasPasswordAnswer() ? MfsStatus.BADPASSWORD : MfsStatus.NOPASSWORD);
            }
            return new ExportDecision.Refused(MfsStatus.EACCES);
        }
        return new ExportDecision.Granted(grantOf(chosen));
    }

    private static boolean passwordAccepted(PasswordDigest digest, AccessRequest request) {
        return request.hasPasswordAnswer()
                && digest.accepts(request.challenge().orElseThrow(), request.response().orElseThrow());
    }

    private static boolean isPreferred(ExportRule candidate, ExportRule current) {
        return (!candidate.readOnly() && current.readOnly())
                || (candidate.rootUid() == 0 && current.rootUid() != 0)
                || (candidate.admin() && !current.admin())
                || (candidate.needsPassword() && !current.needsPassword())
                || candidate.path().length() > current.path().length();
    }

    private ExportGrant grantOf(ExportRule rule) {
        if (rule.meta()) {
            return new ExportGrant(checksum, true, rule.sesflags(), rule.umask(), 0, 0, 0, 0,
                    rule.minGoal(), rule.maxGoal(), rule.minTrashTime(), rule.maxTrashTime(), rule.disables());
        }
        return new ExportGrant(checksum, false, rule.sesflags(), rule.umask(), rule.rootUid(), rule.rootGid(),
                rule.mapAllUid(), rule.mapAllGid(), rule.minGoal(), rule.maxGoal(), rule.minTrashTime(),
                rule.maxTrashTime(), rule.disables());
    }

    @Override
    public String toString() {
        return "ExportRules[" + rules.size() + " rules, checksum " + Long.toUnsignedString(checksum) + "]";
    }
}
