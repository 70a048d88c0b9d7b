/* The namespace scenario through libmfsio: prints "ok <step>" or "FAIL <step>: <error>" per step, "ALL DONE" last.
 * usage: mfsio-scenario HOST PORT [denied] */
#include <mfsio.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/file.h>
#include <unistd.h>

static int failures = 0;

static void check(const char *step, int ok) {
	if (ok) {
		printf("ok %s\n", step);
	} else {
		printf("FAIL %s: %s\n", step, strerror(errno));
		failures++;
	}
	fflush(stdout);
}

static void expect_errno(const char *step, int rc, int expected) {
	if (rc < 0 && errno == expected) {
		printf("ok %s\n", step);
	} else {
		printf("FAIL %s: rc %d errno %s, expected %s\n", step, rc, strerror(errno), strerror(expected));
		failures++;
	}
	fflush(stdout);
}

static int init(const char *host, const char *port) {
	mfscfg c;
	memset(&c, 0, sizeof c);
	c.masterhost = (char *)host;
	c.masterport = (char *)port;
	c.mountpoint = "mfsio-scenario";
	c.masterpath = "/";
	c.read_cache_mb = 8;
	c.write_cache_mb = 8;
	c.io_try_cnt = 3;
	c.error_on_lost_chunk = 1;
	c.error_on_no_space = 1;
	return mfs_init(&c, 0);
}

int main(int argc, char **argv) {
	struct stat st;
	if (argc != 3 && argc != 4) {
		fprintf(stderr, "usage: %s HOST PORT\n", argv[0]);
		return 2;
	}
	check("init", init(argv[1], argv[2]) == 0);
	if (argc == 4 && strcmp(argv[3], "denied") == 0) {
		/* run as a non-root user after a scenario run: the master must refuse to create in root's directory */
		expect_errno("non-root create denied", mfs_open("/rootonly/f", O_CREAT | O_WRONLY, 0644), EACCES);
		expect_errno("non-root mkdir denied", mfs_mkdir("/rootonly/d", 0755), EACCES);
		mfs_term();
		printf(failures == 0 ? "ALL DONE\n" : "FAILURES %d\n", failures);
		return failures == 0 ? 0 : 1;
	}
	check("mkdir /io", mfs_mkdir("/io", 0755) == 0);
	check("mkdir /io/a", mfs_mkdir("/io/a", 0755) == 0);
	check("mkdir /io/a/b", mfs_mkdir("/io/a/b", 0750) == 0);
	expect_errno("mkdir existing", mfs_mkdir("/io/a", 0755), EEXIST);
	int fd = mfs_open("/io/a/f", O_CREAT | O_WRONLY, 0640);
	check("create", fd >= 0);
	check("close", mfs_close(fd) == 0);
	check("stat file", mfs_stat("/io/a/f", &st) == 0 && S_ISREG(st.st_mode) && (st.st_mode & 07777) == 0640
			&& st.st_size == 0 && st.st_nlink == 1);
	check("stat dir", mfs_stat("/io/a/b", &st) == 0 && S_ISDIR(st.st_mode) && (st.st_mode & 07777) == 0750);
	expect_errno("stat missing", mfs_stat("/io/nothing", &st), ENOENT);
	check("chmod", mfs_chmod("/io/a/f", 0600) == 0 && mfs_stat("/io/a/f", &st) == 0 && (st.st_mode & 07777) == 0600);
	check("chown", mfs_chown("/io/a/f", 1000, 1001) == 0 && mfs_stat("/io/a/f", &st) == 0 && st.st_uid == 1000
			&& st.st_gid == 1001);
	check("truncate up", mfs_truncate("/io/a/f", 0) == 0 && mfs_stat("/io/a/f", &st) == 0 && st.st_size == 0);
	check("mknod", mfs_mknod("/io/a/n", S_IFREG | 0644, 0) == 0 && mfs_stat("/io/a/n", &st) == 0 && S_ISREG(st.st_mode));
	check("rename file", mfs_rename("/io/a/f", "/io/a/g") == 0 && mfs_stat("/io/a/g", &st) == 0);
	expect_errno("old name gone", mfs_stat("/io/a/f", &st), ENOENT);
	check("rename over existing", mfs_rename("/io/a/n", "/io/a/g") == 0 && mfs_stat("/io/a/g", &st) == 0
			&& (st.st_mode & 07777) == 0644);
	check("rename dir", mfs_rename("/io/a/b", "/io/b2") == 0 && mfs_stat("/io/b2", &st) == 0 && S_ISDIR(st.st_mode));
	fd = mfs_open("/io/a/g", O_RDONLY);
	check("open read", fd >= 0);
	check("flock", mfs_flock(fd, LOCK_EX) == 0 && mfs_flock(fd, LOCK_UN) == 0);
	check("close again", mfs_close(fd) == 0);
	expect_errno("rmdir not empty", mfs_rmdir("/io/a"), ENOTEMPTY);
	check("unlink", mfs_unlink("/io/a/g") == 0);
	expect_errno("unlink missing", mfs_unlink("/io/a/g"), ENOENT);
	check("rmdir", mfs_rmdir("/io/a") == 0 && mfs_rmdir("/io/b2") == 0 && mfs_rmdir("/io") == 0);
	expect_errno("all gone", mfs_stat("/io", &st), ENOENT);
	check("mkdir rootonly", mfs_mkdir("/rootonly", 0755) == 0);
	mfs_term();
	printf(failures == 0 ? "ALL DONE\n" : "FAILURES %d\n", failures);
	return failures == 0 ? 0 : 1;
}
