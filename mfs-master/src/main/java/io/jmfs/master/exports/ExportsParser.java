package io.jmfs.master.exports;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Reads {@code mfsexports.cfg}. Grammar (one rule per line; {@code #} starts a comment line; blank lines ignored):
 * <pre>
 *   line     = ADDRESS WS DIRECTORY [WS OPTIONS]  |  "DEFAULTS" WS OPTIONS
 *   ADDRESS  = "*" | a.b.c.d | a.b.c.d/bits | a.b.c.d/m.m.m.m | a.b.c.d-e.f.g.h
 *   DIRECTORY= "." (the meta filesystem) | a path, leading and trailing "/" ignored ("/" = the root)
 *   OPTIONS  = option *("," option)        spaces and tabs around each option are ignored
 * </pre>
 * Options (MooseFS's): {@code ro readonly rw readwrite alldirs dynamicip ignoregid admin canchangequota
 * maproot=U[:G] mapall=U[:G] password=P md5pass=HEX minversion=V mingoal=N maxgoal=N mintrashtime=T
 * maxtrashtime=T umask=0OOO disable=OP[:OP...]}. Defaults: {@code ro, maproot=999:999, mingoal=1, maxgoal=9,
 * mintrashtime=0, maxtrashtime=4294967295, umask=0000}; a {@code DEFAULTS} line replaces them for the lines after
 * it. On the meta filesystem the options alldirs, ignoregid, admin, maproot, mapall and disable have no effect and
 * draw a warning; its root is not remapped (0:0) unless a {@code DEFAULTS} maproot says otherwise.
 *
 * <p>Unknown options and unknown {@code disable} operations are warnings (MooseFS ignores them too); anything else
 * wrong is an error and the whole file is refused ({@link ExportsSyntaxException}, every problem with its line).
 */
public final class ExportsParser {
    private static final String DEFAULTS = "DEFAULTS";

    private final UserDirectory users;

    public ExportsParser(UserDirectory users) {
        this.users = users;
    }

    public ParsedExports parse(Path file) throws IOException, ExportsSyntaxException {
        return parse(file.toString(), Files.readString(file, StandardCharsets.UTF_8));
    }

    /** Parses {@code content}; {@code sourceName} prefixes every message ({@code name:line: ...}). */
    public ParsedExports parse(String sourceName, String content) throws ExportsSyntaxException {
        List<ExportRule> rules = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        RuleDraft defaults = new RuleDraft();
        long defaultsChecksum = 0;
        String[] lines = content.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            int lineNumber = i + 1;
            LineContext ctx = new LineContext(sourceName + ":" + lineNumber + ": ", warnings);
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            try {
                String[] head = splitFirst(line);
                if (head[1].isEmpty()) {
                    throw new IllegalArgumentException("incomplete definition: expected ADDRESS DIRECTORY [OPTIONS]");
                }
                if (head[0].toUpperCase(Locale.ROOT).equals(DEFAULTS)) {
                    RuleDraft draft = defaults.copy();
                    applyOptions(head[1], draft, ctx);
                    draft.finishMapping();
                    draft.checkLimits();
                    defaults = draft;
                    defaultsChecksum += defaultsLineChecksum(draft, lineNumber);
                } else {
                    rules.add(parseRule(head[0], head[1], defaults.copy(), ctx).toRule(lineNumber));
                }
            } catch (IllegalArgumentException e) {
                errors.add(ctx.prefix + e.getMessage());
            }
        }
        if (!errors.isEmpty()) {
            throw new ExportsSyntaxException(errors);
        }
        return new ParsedExports(new ExportRules(rules, defaultsChecksum), warnings);
    }

    /** MooseFS keeps a DEFAULTS line as a rule for 0.0.0.0 and the root; only its checksum share matters. */
    private static long defaultsLineChecksum(RuleDraft defaults, int lineNumber) {
        RuleDraft asRule = defaults.copy();
        asRule.addresses = new Ipv4Range(0, 0);
        asRule.meta = false;
        asRule.path = "";
        return ExportsChecksum.of(asRule.toRule(lineNumber));
    }

    private RuleDraft parseRule(String address, String rest, RuleDraft draft, LineContext ctx) {
        try {
            draft.addresses = Ipv4Range.parse(address);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("bad address '" + address + "' (" + e.getMessage()
                    + "); expected *, a.b.c.d, a.b.c.d/bits, a.b.c.d/m.m.m.m or a.b.c.d-e.f.g.h");
        }
        String[] dirAndOptions = splitFirst(rest);
        if (dirAndOptions[0].equals(".")) {
            draft.meta = true;
            draft.path = "";
            if (!draft.rootRedefined) {
                draft.rootUid = 0;
                draft.rootGid = 0;
            }
        } else {
            draft.path = AccessRequest.stripSlashes(dirAndOptions[0]);
        }
        if (!dirAndOptions[1].isEmpty()) {
            applyOptions(dirAndOptions[1], draft, ctx);
        }
        draft.finishMapping();
        draft.checkLimits();
        return draft;
    }

    private void applyOptions(String options, RuleDraft d, LineContext ctx) {
        for (String raw : options.split(",", -1)) {
            String option = raw.strip();
            int eq = option.indexOf('=');
            String name = eq < 0 ? option : option.substring(0, eq + 1);
            String value = eq < 0 ? "" : option.substring(eq + 1);
            switch (name) {
                case "ro", "readonly" -> d.sesflags |= SessionFlags.READONLY;
                case "rw", "readwrite" -> d.sesflags &= ~SessionFlags.READONLY;
                case "dynamicip" -> d.sesflags |= SessionFlags.DYNAMICIP;
                case "ignoregid" -> {
                    if (notForMeta(d, option, ctx)) {
                        d.sesflags |= SessionFlags.IGNOREGID;
                    }
                }
                case "alldirs" -> {
                    if (notForMeta(d, option, ctx)) {
                        d.allDirs = true;
                    }
                }
                case "admin", "canchangequota" -> {
                    if (notForMeta(d, option, ctx)) {
                        d.sesflags |= SessionFlags.ADMIN;
                    }
                }
                case "disable=" -> {
                    if (notForMeta(d, option, ctx)) {
                        d.disables |= disables(value, ctx);
                    }
                }
                case "maproot=" -> {
                    if (notForMeta(d, option, ctx)) {
                        int[] ids = userAndGroup(value, "maproot");
                        d.rootUid = ids[0];
                        d.rootGid = ids[1];
                        d.rootRedefined = true;
                    }
                }
                case "mapall=" -> {
                    if (notForMeta(d, option, ctx)) {
                        int[] ids = userAndGroup(value, "mapall");
                        d.mapAllUid = ids[0];
                        d.mapAllGid = ids[1];
                        d.sesflags |= SessionFlags.MAPALL;
                    }
                }
                case "password=" -> d.password = Optional.of(PasswordDigest.ofPassword(value));
                case "md5pass=" -> d.password = Optional.of(wrap("md5pass", () -> PasswordDigest.ofHex(value)));
                case "minversion=" -> d.minVersion = wrap("minversion", () -> OptionValues.version(value));
                case "mingoal=" -> d.minGoal = wrap("mingoal", () -> OptionValues.goal(value));
                case "maxgoal=" -> d.maxGoal = wrap("maxgoal", () -> OptionValues.goal(value));
                case "mintrashtime=" -> d.minTrashTime = wrap("mintrashtime", () -> OptionValues.duration(value));
                case "maxtrashtime=" -> d.maxTrashTime = wrap("maxtrashtime", () -> OptionValues.duration(value));
                case "umask=" -> d.umask = wrap("umask", () -> OptionValues.umask(value));
                default -> ctx.warn("unknown option '" + option + "' (ignored)");
            }
        }
    }

    private static boolean notForMeta(RuleDraft d, String option, LineContext ctx) {
        if (d.meta) {
            ctx.warn("option '" + option + "' has no effect on the meta filesystem (ignored)");
            return false;
        }
        return true;
    }

    private static int disables(String value, LineContext ctx) {
        int mask = 0;
        for (String raw : value.split(":", -1)) {
            String op = raw.strip();
            Optional<DisabledOperation> known = DisabledOperation.byConfigName(op);
            if (known.isPresent()) {
                mask |= known.get().mask();
            } else {
                ctx.warn("unknown disable operation '" + op + "' (ignored)");
            }
        }
        return mask;
    }

    /** {@code USER[:GROUP]}, each a number or a name; without GROUP, the user's primary group. */
    private int[] userAndGroup(String value, String option) {
        int colon = value.indexOf(':');
        String userPart = colon < 0 ? value : value.substring(0, colon);
        Optional<String> groupPart = colon < 0 ? Optional.empty() : Optional.of(value.substring(colon + 1));
        if (userPart.isEmpty() || groupPart.filter(String::isEmpty).isPresent()) {
            throw new IllegalArgumentException(option + "=" + value + ": expected USER[:GROUP]");
        }
        Optional<Integer> gid = groupPart.map(g -> groupId(g, option));
        OptionalLong numericUid = wrap(option, () -> OptionValues.numericId(userPart));
        if (numericUid.isPresent()) {
            int uid = (int) numericUid.getAsLong();
            if (gid.isPresent()) {
                return new int[] {uid, gid.get()};
            }
            UserDirectory.User user = users.userById(uid).orElseThrow(() -> new IllegalArgumentException(
                    option + "=" + value + ": no group given and no user with uid " + userPart + " to take it from"));
            return new int[] {uid, user.primaryGid()};
        }
        UserDirectory.User user = users.userByName(userPart)
                .orElseThrow(() -> new IllegalArgumentException(option + "=" + value + ": no user named '" + userPart + "'"));
        return new int[] {user.uid(), gid.orElse(user.primaryGid())};
    }

    private int groupId(String group, String option) {
        OptionalLong numeric = wrap(option, () -> OptionValues.numericId(group));
        if (numeric.isPresent()) {
            return (int) numeric.getAsLong();
        }
        return users.groupIdByName(group)
                .orElseThrow(() -> new IllegalArgumentException(option + ": no group named '" + group + "'"));
    }

    private static <T> T wrap(String option, java.util.function.Supplier<T> parse) {
        try {
            return parse.get();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("incorrect " + option + ": " + e.getMessage());
        }
    }

    /** Splits at the first run of blanks: {first token, rest with leading blanks removed}. */
    private static String[] splitFirst(String s) {
        int i = 0;
        while (i < s.length() && s.charAt(i) != ' ' && s.charAt(i) != '\t') {
            i++;
        }
        return new String[] {s.substring(0, i), s.substring(i).strip()};
    }

    private record LineContext(String prefix, List<String> warnings) {
        void warn(String message) {
            warnings.add(prefix + message);
        }
    }
}
