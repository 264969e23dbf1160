/* The classic lab UDP client.  usage: udp_client HOST PORT */
#include <arpa/inet.h>
#include <netdb.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

static void error(const char *msg) { perror(msg); exit(1); }

int main(int argc, char *argv[]) {
    char buffer[256];
    if (argc != 3) { printf("Usage: server port\n"); exit(1); }
    int sock = socket(AF_INET, SOCK_DGRAM, 0);
    if (sock < 0) error("socket");
    struct hostent *hp = gethostbyname(argv[1]);
    if (hp == 0) error("Unknown host");
    struct sockaddr_in server, from;
    memset(&server, 0, sizeof server);
    server.sin_family = AF_INET;
    memcpy(&server.sin_addr, hp->h_addr, hp->h_length);
    server.sin_port = htons(atoi(argv[2]));
    printf("Please enter the message: ");
    memset(buffer, 0, 256);
    if (fgets(buffer, 255, stdin) == NULL) error("stdin");
    int n = sendto(sock, buffer, strlen(buffer), 0, (struct sockaddr *)&server, sizeof server);
    if (n < 0) error("Sendto");
    socklen_t length = sizeof from;
    n = recvfrom(sock, buffer, 256, 0, (struct sockaddr *)&from, &length);
    if (n < 0) error("recvfrom");
    fwrite("Got an ack: ", 1, 12, stdout);
    fwrite(buffer, 1, n, stdout);
    close(sock);
    return 0;
}
