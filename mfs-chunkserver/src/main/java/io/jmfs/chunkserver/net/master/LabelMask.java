package io.jmfs.chunkserver.net.master;

/** LABELS of mfschunkserver.cfg as CSTOMA_LABELS carries them: bit n set for label 'A'+n. */
public final class LabelMask {
    private LabelMask() {
    }

    /**
     * Parses letters separated by ',' or ';' (blanks ignored, case-insensitive).
     *
     * @throws IllegalArgumentException for anything else
     */
    public static int parse(String labels) {
        int mask = 0;
        for (String part : labels.split("[,;]")) {
            String l = part.strip();
            if (l.isEmpty()) {
                continue;
            }
            char c = Character.toUpperCase(l.charAt(0));
            if (l.length() != 1 || c < 'A' || c > 'Z') {
                throw new IllegalArgumentException("LABELS: '" + l + "' is not a label (A-Z)");
            }
            mask |= 1 << (c - 'A');
        }
        return mask;
    }
}
