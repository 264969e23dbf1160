/* fork() + _exit() + waitpid() N times; prints the CPU microseconds per fork
 * (parent and child together). The floor under any fork-per-connection server. */
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

static double us(struct timeval t) { return t.tv_sec * 1e6 + t.tv_usec; }

int main(int argc, char **argv) {
    int n = argc > 1 ? atoi(argv[1]) : 2000;
    for (int i = 0; i < n; i++) {
        pid_t pid = fork();
        if (pid == 0)
            _exit(0);
        waitpid(pid, NULL, 0);
    }
    struct rusage self, kids;
    getrusage(RUSAGE_SELF, &self);
    getrusage(RUSAGE_CHILDREN, &kids);
    printf("%.1f\n", (us(self.ru_utime) + us(self.ru_stime) + us(kids.ru_utime) + us(kids.ru_stime)) / n);
    return 0;
}
