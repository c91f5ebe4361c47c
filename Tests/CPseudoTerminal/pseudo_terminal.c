#define _XOPEN_SOURCE 600
#include "pseudo_terminal.h"

#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int limber_open_pty(char *slave_path, size_t size) {
    int fd = posix_openpt(O_RDWR | O_NOCTTY);
    if (fd < 0) return -1;
    if (grantpt(fd) != 0 || unlockpt(fd) != 0) {
        close(fd);
        return -1;
    }
    const char *name = ptsname(fd);
    if (name == NULL || strlen(name) >= size) {
        close(fd);
        return -1;
    }
    strcpy(slave_path, name);
    return fd;
}
