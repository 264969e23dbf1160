/* The classic lab TCP client.  usage: tcp_client HOST PORT */
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
    if (argc < 3) { fprintf(stderr, "usage %s hostname port\n", argv[0]); exit(1); }
    int sockfd = socket(AF_INET, SOCK_STREAM, 0);
    if (sockfd < 0) error("ERROR opening socket");
    struct hostent *server = gethostbyname(argv[1]);
    if (server == NULL) { fprintf(stderr, "ERROR, no such host\n"); exit(1); }
    struct sockaddr_in serv_addr;
    memset(&serv_addr, 0, sizeof serv_addr);
    serv_addr.sin_family = AF_INET;
    memcpy(&serv_addr.sin_addr.s_addr, server->h_addr, server->h_length);
    serv_addr.sin_port = htons(atoi(argv[2]));
    if (connect(sockfd, (struct sockaddr *)&serv_addr, sizeof serv_addr) < 0) error("ERROR connecting");
    printf("Please enter the message: ");
    memset(buffer, 0, 256);
    if (fgets(buffer, 255, stdin) == NULL) error("ERROR reading stdin");
    int n = write(sockfd, buffer, strlen(buffer));
    if (n < 0) error("ERROR writing to socket");
    memset(buffer, 0, 256);
    n = read(sockfd, buffer, 255);
    if (n < 0) error("ERROR reading from socket");
    printf("%s\n", buffer);
    close(sockfd);
    return 0;
}
