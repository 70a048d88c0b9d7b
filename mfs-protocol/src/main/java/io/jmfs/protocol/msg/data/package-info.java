/**
 * Typed messages of the chunkserver data port 9422 (client or chunkserver to chunkserver): READ with its data and
 * status answers, the WRITE chain with data and status, WRITE_FINISH, and the replication block count query.
 */
package io.jmfs.protocol.msg.data;
