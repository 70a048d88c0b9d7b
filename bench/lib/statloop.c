/* statloop: one libmfsio client stat()ing existing files in a loop, one line per operation:
 * "<CLOCK_MONOTONIC ns at start> <latency ns>", until SECONDS passed or SIGTERM. Used by bench/master-dump-latency.sh.
 *   statloop HOST PORT SECONDS DIRS FILES_PER_DIR   (paths /d<k>/file-<k*FILES_PER_DIR+j>, DumpBenchmarkMain's) */
#include <mfsio.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <signal.h>
#include <time.h>
static volatile sig_atomic_t stop;
static void on_term(int s){(void)s;stop=1;}
static long long ns(void){struct timespec t;clock_gettime(CLOCK_MONOTONIC,&t);return t.tv_sec*1000000000LL+t.tv_nsec;}
int main(int argc,char**argv){
	if(argc<6){fprintf(stderr,"usage: statloop HOST PORT SECONDS DIRS FILES_PER_DIR\n");return 2;}
	mfscfg c;memset(&c,0,sizeof c);c.masterhost=argv[1];c.masterport=argv[2];c.mountpoint="statloop";c.masterpath="/";
	c.io_try_cnt=10;if(mfs_init(&c,0)!=0){fprintf(stderr,"mfs_init failed\n");return 1;}
	long long end=ns()+atoll(argv[3])*1000000000LL;long dirs=atol(argv[4]),per=atol(argv[5]);
	unsigned long long x=88172645463325252ULL;char p[128];struct stat st;
	signal(SIGTERM,on_term);
	for(long long t;!stop&&(t=ns())<end;){
		x^=x<<13;x^=x>>7;x^=x<<17;long k=(long)(x%dirs),j=(long)((x>>20)%per);
		snprintf(p,sizeof p,"/d%ld/file-%ld",k,k*per+j);
		if(mfs_stat(p,&st)<0){perror(p);return 1;}
		printf("%lld %lld\n",t,ns()-t);
	}
	mfs_term();return 0;
}
