/* The classic fork-per-connection TCP server, for the benchmark.
   usage: forkserver PORT   (prints "listening PORT" once bound; PORT 0 = any)
   As the lab program, except listen(SOMAXCONN) instead of 5 so the
   benchmark measures forking, not a full accept queue. Children are reaped
   with waitpid() in a SIGCHLD handler (Beej's guide), so no zombies pile up
   and their CPU time is counted in the server's (the bench reports it). */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <errno.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

static void error(const char *msg) { perror(msg); exit(1); }

static void sigchld_handler(int s) {
    (void)s;
    int saved = errno;
    while (waitpid(-1, NULL, WNOHANG) > 0) {}
    errno = saved;
}

static void dostuff(int sock) {
    char buffer[256];
    memset(buffer, 0, sizeof buffer);
    int n = read(sock, buffer, 255);
    if (n < 0) error("ERROR reading from socket");
    printf("Here is the message: %s", buffer);
    fflush(stdout);
    n = write(sock, "I got your message", 18);
    if (n < 0) error("ERROR writing to socket");
}

int main(int argc, char *argv[]) {
    if (argc < 2) { fprintf(stderr, "ERROR, no port provided\n"); exit(1); }
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = sigchld_handler;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = SA_RESTART;
    sigaction(SIGCHLD, &sa, NULL);
    int sockfd = socket(AF_INET, SOCK_STREAM, 0);
    if (sockfd < 0) error("ERROR opening socket");
    int one = 1;
    setsockopt(sockfd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    struct sockaddr_in serv_addr, cli_addr;
    memset(&serv_addr, 0, sizeof serv_addr);
    serv_addr.sin_family = AF_INET;
    serv_addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    serv_addr.sin_port = htons(atoi(argv[1]));
    if (bind(sockfd, (struct sockaddr *)&serv_addr, sizeof serv_addr) < 0) error("ERROR on binding");
    listen(sockfd, SOMAXCONN);
    socklen_t len = sizeof serv_addr;
    getsockname(sockfd, (struct sockaddr *)&serv_addr, &len);
    printf("listening %d\n", ntohs(serv_addr.sin_port));
    fflush(stdout);
    for (;;) {
        socklen_t clilen = sizeof cli_addr;
        int newsockfd = accept(sockfd, (struct sockaddr *)&cli_addr, &clilen);
        if (newsockfd < 0) continue;
        pid_t pid = fork();
        if (pid == 0) {
            close(sockfd);
            dostuff(newsockfd);
            exit(0);
        }
        close(newsockfd);
    }
}
