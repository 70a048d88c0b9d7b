package io.jmfs.master.chunks;

/**
 * Chunk health for monitoring (mfscli -SIC): two 11x11 matrices of chunk counts by goal (row; 0 = unused chunk,
 * 10 = ten or more) and valid copies (column, capped at 10), one counting all valid copies and one only those on
 * regular disks; plus the totals of missing (no valid copy), endangered (one valid copy, goal above one) and
 * undergoal chunks, counted on all valid copies.
 */
public record ChunkCounts(long[][] allCopies, long[][] regularCopies, long missing, long endangered,
                          long undergoal) {
    public static final int SIZE = 11;

    static ChunkCounts of(Iterable<Chunk> chunks) {
        long[][] all = new long[SIZE][SIZE];
        long[][] regular = new long[SIZE][SIZE];
        long missing = 0;
        long endangered = 0;
        long undergoal = 0;
        for (Chunk chunk : chunks) {
            int goal = chunk.fileCount == 0 ? 0 : Math.min(chunk.goal, SIZE - 1);
            int allValid = chunk.allValidCopies();
            all[goal][Math.min(allValid, SIZE - 1)]++;
            regular[goal][Math.min(chunk.regularValidCopies(), SIZE - 1)]++;
            if (goal > 0) {
                if (allValid == 0) {
                    missing++;
                } else if (allValid < chunk.goal) {
                    undergoal++;
                    if (allValid == 1) {
                        endangered++;
                    }
                }
            }
        }
        return new ChunkCounts(all, regular, missing, endangered, undergoal);
    }

    /** Chunks of this goal with this many valid copies (both capped at 10). */
    public long count(int goal, int validCopies) {
        return allCopies[Math.min(goal, SIZE - 1)][Math.min(validCopies, SIZE - 1)];
    }
}
