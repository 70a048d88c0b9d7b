/*
 * fsx-lite: random pwrite / pread / ftruncate on a file under test and on a reference file, comparing every read.
 *   fsx-lite TESTFILE REFFILE OPERATIONS SEED [MAXLEN]
 * Exits 0 when every read of the test file equals the reference, 1 (with the first difference) otherwise.
 * Every 64 operations the test file is closed and reopened, so data also goes through flush/release.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static unsigned long long state;
static unsigned long long next_random(void) {
    state ^= state << 13; state ^= state >> 7; state ^= state << 17;
    return state;
}

static void die(const char *what, long long op) {
    fprintf(stderr, "fsx-lite: operation %lld: %s\n", op, what);
    exit(1);
}

static void full_pread(int fd, char *buf, size_t len, off_t off, long long op) {
    size_t done = 0;
    while (done < len) {
        ssize_t n = pread(fd, buf + done, len - done, off + done);
        if (n < 0) die("pread failed", op);
        if (n == 0) break;
        done += n;
    }
    memset(buf + done, 0x5a, len - done);
}

int main(int argc, char **argv) {
    if (argc < 5) { fprintf(stderr, "usage: fsx-lite TEST REF OPS SEED [MAXLEN]\n"); return 2; }
    long long ops = atoll(argv[3]);
    state = strtoull(argv[4], NULL, 10) * 2654435761ULL + 1;
    off_t maxlen = argc > 5 ? atoll(argv[5]) : 3 * 1024 * 1024;
    int t = open(argv[1], O_RDWR | O_CREAT | O_TRUNC, 0644);
    int r = open(argv[2], O_RDWR | O_CREAT | O_TRUNC, 0644);
    if (t < 0 || r < 0) { perror("open"); return 2; }
    size_t maxio = 256 * 1024;
    char *a = malloc(maxio), *b = malloc(maxio);
    long long reads = 0, writes = 0, truncs = 0;
    for (long long op = 1; op <= ops; op++) {
        unsigned kind = next_random() % 10;
        off_t off = next_random() % maxlen;
        size_t len = 1 + next_random() % (next_random() % 4 == 0 ? maxio : 4096);
        if (off + (off_t) len > maxlen) len = maxlen - off;
        if (len == 0) len = 1;
        if (kind < 4) {
            for (size_t i = 0; i < len; i++) a[i] = (char) next_random();
            if (pwrite(t, a, len, off) != (ssize_t) len) die("pwrite on the test file failed", op);
            if (pwrite(r, a, len, off) != (ssize_t) len) die("pwrite on the reference failed", op);
            writes++;
        } else if (kind < 9) {
            full_pread(t, a, len, off, op);
            full_pread(r, b, len, off, op);
            if (memcmp(a, b, len) != 0) {
                for (size_t i = 0; i < len; i++) {
                    if (a[i] != b[i]) {
                        fprintf(stderr, "fsx-lite: operation %lld: read of %zu at %lld differs at byte %lld "
                                "(test %02x, reference %02x)\n", op, len, (long long) off, (long long) (off + i),
                                (unsigned char) a[i], (unsigned char) b[i]);
                        return 1;
                    }
                }
            }
            reads++;
        } else {
            off_t to = next_random() % maxlen;
            if (ftruncate(t, to) != 0) die("ftruncate on the test file failed", op);
            if (ftruncate(r, to) != 0) die("ftruncate on the reference failed", op);
            truncs++;
        }
        struct stat st, sr;
        if (fstat(t, &st) != 0 || fstat(r, &sr) != 0) die("fstat failed", op);
        if (st.st_size != sr.st_size) {
            fprintf(stderr, "fsx-lite: operation %lld: length %lld, reference %lld\n", op, (long long) st.st_size,
                    (long long) sr.st_size);
            return 1;
        }
        if (op % 64 == 0) {
            if (close(t) != 0) die("close of the test file failed", op);
            t = open(argv[1], O_RDWR);
            if (t < 0) die("reopen failed", op);
        }
    }
    printf("fsx-lite: %lld operations (%lld reads, %lld writes, %lld truncates), no difference\n", ops, reads,
           writes, truncs);
    return close(t) == 0 ? 0 : 1;
}
