#ifndef LIMBER_PSEUDO_TERMINAL_H
#define LIMBER_PSEUDO_TERMINAL_H

#include <stddef.h>

/// Opens a new pseudo-terminal. Returns the master descriptor and writes the slave's path,
/// or returns -1. (posix_openpt and friends need _XOPEN_SOURCE, which Swift's Glibc module lacks.)
int limber_open_pty(char *slave_path, size_t size);

#endif
