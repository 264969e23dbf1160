/* The classic lab TCP server: one child process per connection.
   usage: tcp_server PORT   (prints "listening PORT" once bound; PORT 0 = any) */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

static void error(const char *msg) { perror(msg); exit(1); }

static void dostuff(int sock) {
    char buffer[256];
    memset(buffer, 0, sizeof buffer);
    int n = read(sock, buffer, 255);
    if (n < 0) error("ERROR reading from socket");
    printf("Here is the message: %s\n", buffer);
    fflush(stdout);
    n = write(sock, "I got your message", 18);
    if (n < 0) error("ERROR writing to socket");
}

/* Loopback unless built with -DBIND_ADDR=INADDR_ANY (the lab's server
   namespace, where craft run talks to it over the veth). */
#ifndef BIND_ADDR
#define BIND_ADDR INADDR_LOOPBACK
#endif

int main(int argc, char *argv[]) {
    if (argc < 2) { fprintf(stderr, "ERROR, no port provided\n"); exit(1); }
    signal(SIGCHLD, SIG_IGN); /* no zombies */
    int sockfd = socket(AF_INET, SOCK_STREAM, 0);
    if (sockfd < 0) error("ERROR opening socket");
    int one = 1;
    setsockopt(sockfd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    struct sockaddr_in serv_addr, cli_addr;
    memset(&serv_addr, 0, sizeof serv_addr);
    serv_addr.sin_family = AF_INET;
    serv_addr.sin_addr.s_addr = htonl(BIND_ADDR);
    serv_addr.sin_port = htons(atoi(argv[1]));
    if (bind(sockfd, (struct sockaddr *)&serv_addr, sizeof serv_addr) < 0) error("ERROR on binding");
    listen(sockfd, 5);
    socklen_t len = sizeof serv_addr;
    getsockname(sockfd, (struct sockaddr *)&serv_addr, &len);
    printf("listening %d\n", ntohs(serv_addr.sin_port));
    fflush(stdout);
    for (;;) {
        socklen_t clilen = sizeof cli_addr;
        int newsockfd = accept(sockfd, (struct sockaddr *)&cli_addr, &clilen);
        if (newsockfd < 0) error("ERROR on accept");
        pid_t pid = fork();
        if (pid < 0) error("ERROR on fork");
        if (pid == 0) {
            close(sockfd);
            dostuff(newsockfd);
            exit(0);
        }
        close(newsockfd);
    }
}
