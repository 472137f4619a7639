/*
 * Probe the bot's loopback health endpoint: /app/healthcheck [live|ready]   (default: live)
 *
 * Called by the image's HEALTHCHECK and by Kubernetes exec probes, every few seconds, so it must be cheap: no JVM,
 * and no shell, curl or wget in the image (it has none: less to patch and scan). The health server listens on
 * 127.0.0.1 only, which is why the probe has to run inside the container.
 *
 * Exit 0 only for HTTP 200. A 503, a refused connection, a timeout or garbage exit 1; a usage error exits 2.
 * One line goes to stdout either way: Docker and the kubelet keep it as the probe's output.
 */
#define _GNU_SOURCE /* memmem */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#define MAX_BODY 4096
#define MAX_RESPONSE (16 * 1024)

static const char *kind;

/* A whole number from lo to hi written with at most digits digits, or -1. */
static long bounded(const char *text, int digits, long lo, long hi) {
    int n = 0;
    long value = 0;
    for (const char *c = text; *c; c++, n++) {
        if (*c < '0' || *c > '9' || n >= digits) {
            return -1;
        }
        value = value * 10 + (*c - '0');
    }
    return n > 0 && value >= lo && value <= hi ? value : -1;
}

static long now_ms(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec * 1000L + t.tv_nsec / 1000000L;
}

/* Waits until fd is ready for events or the deadline passes: 1 ready, 0 timed out, -1 failed. */
static int await(int fd, short events, long deadline) {
    for (;;) {
        long left = deadline - now_ms();
        if (left <= 0) {
            return 0;
        }
        struct pollfd p = {.fd = fd, .events = events};
        int rc = poll(&p, 1, (int) left);
        if (rc > 0) {
            return 1;
        }
        if (rc == 0) {
            return 0;
        }
        if (errno != EINTR) {
            return -1;
        }
    }
}

static int timed_out(int port, long limit_s) {
    printf("%s: no answer from 127.0.0.1:%d within %lds\n", kind, port, limit_s);
    return 1;
}

static int no_http(int port) {
    printf("%s: no HTTP answer from 127.0.0.1:%d\n", kind, port);
    return 1;
}

/* Index just past the blank line that ends the headers, or -1 while it has not arrived. */
static long header_end(const char *buf, long len) {
    for (long i = 0; i + 3 < len; i++) {
        if (memcmp(buf + i, "\r\n\r\n", 4) == 0) {
            return i + 4;
        }
    }
    return -1;
}

/* The value of a header (case-insensitive name) in the header block, copied into out, or 0 when absent. */
static int header(const char *headers, const char *name, char *out, size_t out_size) {
    size_t name_len = strlen(name);
    for (const char *line = strstr(headers, "\r\n"); line && line[2] != '\r'; line = strstr(line + 2, "\r\n")) {
        const char *start = line + 2;
        if (strncasecmp(start, name, name_len) == 0 && start[name_len] == ':') {
            const char *value = start + name_len + 1;
            while (*value == ' ' || *value == '\t') {
                value++;
            }
            size_t n = strcspn(value, "\r");
            if (n >= out_size) {
                n = out_size - 1;
            }
            memcpy(out, value, n);
            out[n] = '\0';
            return 1;
        }
    }
    return 0;
}

int main(int argc, char **argv) {
    kind = argc > 1 ? argv[1] : "live";
    if (argc > 2 || (strcmp(kind, "live") != 0 && strcmp(kind, "ready") != 0)) {
        fputs("usage: healthcheck [live|ready]\n", stderr);
        return 2;
    }
    const char *port_text = getenv("HEALTH_PORT") ? getenv("HEALTH_PORT") : "8081";
    long port = bounded(port_text, 5, 1, 65535);
    if (port < 0) {
        printf("%s: HEALTH_PORT must be a port number from 1 to 65535, got '%s'\n", kind, port_text);
        return 1;
    }
    /* Keep it below the caller's own timeout (HEALTHCHECK --timeout, timeoutSeconds). */
    const char *limit_text = getenv("HEALTHCHECK_TIMEOUT_SECONDS") ? getenv("HEALTHCHECK_TIMEOUT_SECONDS") : "3";
    long limit_s = bounded(limit_text, 3, 1, 600);
    if (limit_s < 0) {
        printf("%s: HEALTHCHECK_TIMEOUT_SECONDS must be a number of seconds from 1 to 600, got '%s'\n", kind,
               limit_text);
        return 1;
    }
    long deadline = now_ms() + limit_s * 1000;

    int fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if (fd < 0) {
        return no_http((int) port);
    }
    struct sockaddr_in address = {.sin_family = AF_INET, .sin_port = htons((uint16_t) port)};
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (connect(fd, (struct sockaddr *) &address, sizeof address) < 0) {
        if (errno != EINPROGRESS) {
            return no_http((int) port);
        }
        int ready = await(fd, POLLOUT, deadline);
        if (ready == 0) {
            return timed_out((int) port, limit_s);
        }
        int error = 0;
        socklen_t error_len = sizeof error;
        if (ready < 0 || getsockopt(fd, SOL_SOCKET, SO_ERROR, &error, &error_len) < 0 || error != 0) {
            return no_http((int) port);
        }
    }

    char request[128];
    int request_len = snprintf(request, sizeof request,
                               "GET /health/%s HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n", kind);
    for (int sent = 0; sent < request_len;) {
        int ready = await(fd, POLLOUT, deadline);
        if (ready == 0) {
            return timed_out((int) port, limit_s);
        }
        ssize_t n = ready < 0 ? -1 : send(fd, request + sent, (size_t) (request_len - sent), MSG_NOSIGNAL);
        if (n < 0 && errno != EAGAIN && errno != EINTR) {
            return no_http((int) port);
        }
        sent += n > 0 ? (int) n : 0;
    }

    /* It reads exactly the framed body instead of waiting for EOF: Helidon keeps the connection open after
     * answering, even to "Connection: close". */
    static char buf[MAX_RESPONSE + 1];
    long len = 0, body_start = -1, body_len = -1;
    for (;;) {
        if (body_start < 0) {
            body_start = header_end(buf, len);
            if (body_start >= 0) {
                buf[body_start - 2] = '\0';
                char value[32];
                if (header(buf, "transfer-encoding", value, sizeof value) && strstr(value, "chunked")) {
                    body_len = -2;
                } else if (header(buf, "content-length", value, sizeof value)) {
                    body_len = bounded(value, 9, 0, 999999999);
                } else {
                    body_len = 0;
                }
            }
        }
        if (body_start >= 0 && body_len == -2) {
            /* Chunked: the first chunk's size line, then that many bytes. */
            char *line_end = memmem(buf + body_start, (size_t) (len - body_start), "\r\n", 2);
            if (line_end) {
                long size = strtol(buf + body_start, NULL, 16);
                body_start = line_end + 2 - buf;
                body_len = size < 0 ? 0 : size;
            }
        }
        if (body_start >= 0 && body_len >= 0
            && (len - body_start >= body_len || len - body_start >= MAX_BODY || len >= MAX_RESPONSE)) {
            break;
        }
        if (len >= MAX_RESPONSE) {
            return no_http((int) port);
        }
        int ready = await(fd, POLLIN, deadline);
        if (ready == 0) {
            return timed_out((int) port, limit_s);
        }
        ssize_t n = ready < 0 ? -1 : recv(fd, buf + len, (size_t) (MAX_RESPONSE - len), 0);
        if (n < 0 && (errno == EAGAIN || errno == EINTR)) {
            continue;
        }
        if (n <= 0) {
            if (body_start >= 0) {
                break; /* closed early: report what arrived */
            }
            return no_http((int) port);
        }
        len += n;
        buf[len] = '\0';
    }
    close(fd);

    if (strncmp(buf, "HTTP/", 5) != 0) {
        return no_http((int) port);
    }
    char *status_end = strstr(buf, "\r\n");
    *status_end = '\0';
    long shown = len - body_start;
    if (shown > body_len) {
        shown = body_len;
    }
    if (shown > MAX_BODY) {
        shown = MAX_BODY;
    }
    char *body = buf + body_start;
    for (long i = 0; i < shown; i++) {
        if (body[i] == '\n' || body[i] == '\r') {
            body[i] = ' ';
        }
    }
    body[shown] = '\0';
    /* The JSON body names the check that is down: worth keeping in the probe's output. */
    printf("%s: %s %s\n", kind, buf, body);
    const char *code = strchr(buf, ' ');
    return code && strncmp(code + 1, "200", 3) == 0 && (code[4] == ' ' || code[4] == '\0') ? 0 : 1;
}
