package io.jmfs.master.cluster;

/**
 * A persistent change to the chunkserver database, the changelog's
 * {@code CSDBOP(op,ip,port,arg)} line (op 0 add, 1 delete, 2 new ip/port, 3 new id, 4/5 maintenance on/off,
 * 6 temporary maintenance). {@code arg} is the csid for ops 0, 2 and 3, the maintenance end (unix seconds, 0 = none)
 * for ops 4 and 6, and 0 otherwise.
 */
public record CsdbChange(int ts, Op op, int ip, int port, int arg) {
    public enum Op {
        ADD(0), DELETE(1), NEW_IP_PORT(2), NEW_ID(3), MAINTENANCE_ON(4), MAINTENANCE_OFF(5), MAINTENANCE_TEMPORARY(6);

        private final int code;

        Op(int code) {
            this.code = code;
        }

        public int code() {
            return code;
        }
    }

    @Override
    public String toString() {
        return ts + "|CSDBOP(" + op.code() + "," + Integer.toUnsignedString(ip) + "," + port + "," + arg + ")";
    }
}
