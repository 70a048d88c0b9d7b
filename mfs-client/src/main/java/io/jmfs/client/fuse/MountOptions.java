package io.jmfs.client.fuse;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * mfsmount's command line: {@code mfsmount MOUNTPOINT [-f] [-d] [-H HOST] [-P PORT] [-S SUBFOLDER] [-p]
 * [-o opt[,opt...]]}. The {@code mfs*} -o options are ours (mfsmaster, mfsport, mfssubfolder, mfspassword,
 * mfsattrcacheto, mfsentrycacheto, mfsdirentrycacheto, mfsxattrcacheto); every other -o option goes to FUSE (allow_other, ro, ...).
 *
 * @param askPassword -p: read the password from the terminal
 * @param fuseOptions -o options for libfuse, in order
 */
record MountOptions(Path mountpoint, String host, int port, String subfolder, Optional<String> password,
                    boolean askPassword, boolean foreground, boolean debug, double attrCacheTimeout,
                    double entryCacheTimeout, double direntryCacheTimeout, double xattrCacheTimeout,
                    List<String> fuseOptions,
                    List<String> ignored) {

    static final String USAGE = """
            usage: mfsmount mountpoint [-f] [-d] [-H HOST] [-P PORT] [-S PATH] [-p] [-o opt[,opt...]]
              -H HOST            master host (default: mfsmaster), same as -o mfsmaster=HOST
              -P PORT            master client port (default: 9421), same as -o mfsport=PORT
              -S PATH            exported subfolder to mount (default: /), same as -o mfssubfolder=PATH
              -p                 ask for the export password
              -f                 stay in the foreground
              -d                 debug output (implies -f)
              -o mfspassword=PASS      export password
              -o mfsattrcacheto=SEC    attribute cache timeout (default: 1.0)
              -o mfsentrycacheto=SEC   entry cache timeout (default: 0.0)
              -o mfsdirentrycacheto=SEC  directory entry cache timeout (default: 1.0)
              -o mfsxattrcacheto=SEC   extended attribute cache timeout (default: 30.0)
              other -o options are FUSE mount options (allow_other, ro, default_permissions, ...)
            """;

    /** A command line mfsmount would refuse. */
    static final class UsageException extends Exception {
        UsageException(String message) {
            super(message);
        }
    }

    static MountOptions parse(String... given) throws UsageException {
        String[] args = unglued(given);
        Path mountpoint = null;
        String host = "mfsmaster";
        int port = 9421;
        String subfolder = "/";
        String password = null;
        boolean ask = false;
        boolean foreground = false;
        boolean debug = false;
        double attr = 1.0;
        double entry = 0.0;
        double direntry = 1.0;
        double xattr = 30.0;
        List<String> fuse = new ArrayList<>();
        List<String> ignored = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "-f" -> foreground = true;
                case "-d" -> {
                    debug = true;
                    foreground = true;
                }
                case "-p" -> ask = true;
                case "-H", "-P", "-S", "-o" -> {
                    if (i + 1 >= args.length) {
                        throw new UsageException("option " + a + " needs a value");
                    }
                    String v = args[++i];
                    switch (a) {
                        case "-H" -> host = v;
                        case "-P" -> port = port(v);
                        case "-S" -> subfolder = v;
                        default -> {
                            for (String opt : v.split(",")) {
                                if (opt.isEmpty()) {
                                    continue;
                                }
                                int eq = opt.indexOf('=');
                                String key = eq < 0 ? opt : opt.substring(0, eq);
                                String val = eq < 0 ? "" : opt.substring(eq + 1);
                                switch (key) {
                                    case "mfsmaster" -> host = val;
                                    case "mfsport" -> port = port(val);
                                    case "mfssubfolder" -> subfolder = val;
                                    case "mfspassword" -> password = val;
                                    case "mfsattrcacheto" -> attr = seconds(key, val);
                                    case "mfsentrycacheto" -> entry = seconds(key, val);
                                    case "mfsdirentrycacheto" -> direntry = seconds(key, val);
                                    case "mfsxattrcacheto" -> xattr = seconds(key, val);
                                    case "mfsdebug" -> debug = true;
                                    default -> {
                                        if (key.startsWith("mfs")) {
                                            ignored.add(opt);
                                        } else {
                                            fuse.add(opt);
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
                default -> {
                    if (a.startsWith("-")) {
                        throw new UsageException("unknown option " + a);
                    }
                    if (mountpoint != null) {
                        throw new UsageException("more than one mountpoint: " + mountpoint + " and " + a);
                    }
                    mountpoint = Path.of(a);
                }
            }
        }
        if (mountpoint == null) {
            throw new UsageException("no mountpoint given");
        }
        if (host.isBlank()) {
            throw new UsageException("empty master host");
        }
        if (!subfolder.startsWith("/")) {
            subfolder = "/" + subfolder;
        }
        return new MountOptions(mountpoint, host, port, subfolder, Optional.ofNullable(password), ask, foreground,
                debug, attr, entry, direntry, xattr, List.copyOf(fuse), List.copyOf(ignored));
    }

    /** Splits the glued forms "-oX", "-HX", "-PX", "-SX" into option and value. */
    private static String[] unglued(String[] args) {
        List<String> out = new ArrayList<>();
        for (String a : args) {
            if (a.length() > 2 && a.charAt(0) == '-' && "oHPS".indexOf(a.charAt(1)) >= 0) {
                out.add(a.substring(0, 2));
                out.add(a.substring(2));
            } else {
                out.add(a);
            }
        }
        return out.toArray(String[]::new);
    }

    private static int port(String v) throws UsageException {
        try {
            int p = Integer.parseInt(v);
            if (p < 1 || p > 0xFFFF) {
                throw new UsageException("port out of range: " + v);
            }
            return p;
        } catch (NumberFormatException e) {
            throw new UsageException("not a port number: " + v);
        }
    }

    private static double seconds(String key, String v) throws UsageException {
        try {
            double d = Double.parseDouble(v);
            if (d < 0 || Double.isNaN(d)) {
                throw new UsageException(key + " must be >= 0: " + v);
            }
            return d;
        } catch (NumberFormatException e) {
            throw new UsageException(key + ": not a number: " + v);
        }
    }

    /**
     * The libfuse argument vector: program name, our fsname and subtype as mfsmount shows them, allow_other for
     * root (as mfsmount adds it, so that every user sees the mount), the user's FUSE options, and -d.
     */
    List<String> fuseArgs(boolean root) {
        List<String> opts = new ArrayList<>();
        opts.add("fsname=mfs#" + host + ":" + port);
        opts.add("subtype=mfs");
        if (root && fuseOptions.stream().noneMatch(o -> o.equals("allow_other") || o.equals("allow_root"))) {
            opts.add("allow_other");
        }
        opts.addAll(fuseOptions);
        List<String> out = new ArrayList<>(List.of("mfsmount", "-o", String.join(",", opts)));
        if (debug) {
            out.add("-d");
        }
        return out;
    }
}
