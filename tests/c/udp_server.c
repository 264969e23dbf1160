/* The classic lab UDP server: acknowledge every datagram.
   usage: udp_server PORT   (prints "listening PORT" once bound) */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

static void error(const char *msg) { perror(msg); exit(1); }

int main(int argc, char *argv[]) {
    char buf[1024];
    if (argc < 2) { fprintf(stderr, "ERROR, no port provided\n"); exit(1); }
    int sock = socket(AF_INET, SOCK_DGRAM, 0);
    if (sock < 0) error("Opening socket");
    struct sockaddr_in server, from;
    memset(&server, 0, sizeof server);
    server.sin_family = AF_INET;
    server.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    server.sin_port = htons(atoi(argv[1]));
    if (bind(sock, (struct sockaddr *)&server, sizeof server) < 0) error("binding");
    socklen_t len = sizeof server;
    getsockname(sock, (struct sockaddr *)&server, &len);
    printf("listening %d\n", ntohs(server.sin_port));
    fflush(stdout);
    for (;;) {
        socklen_t fromlen = sizeof from;
        int n = recvfrom(sock, buf, sizeof buf - 1, 0, (struct sockaddr *)&from, &fromlen);
        if (n < 0) error("recvfrom");
        buf[n] = 0;
        printf("Received a datagram: %s\n", buf);
        fflush(stdout);
        n = sendto(sock, "Got your message\n", 17, 0, (struct sockaddr *)&from, fromlen);
        if (n < 0) error("sendto");
    }
}
