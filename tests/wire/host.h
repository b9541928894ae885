/* Host-side helpers for the wire suite: making test files, comparing them, and capturing
 * the output of a host command (sha256sum, tar). */
#ifndef WIRE_HOST_H
#define WIRE_HOST_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Writes `size` bytes of a fixed pseudo-random sequence (xorshift, so every run and both
 * directions of the suite send the same bytes). Returns 0 or -1. */
static int make_pattern_file(const char *path, size_t size, uint64_t seed)
{
  FILE *f = fopen(path, "wb");
  if (!f)
    return -1;
  uint64_t x = seed | 1;
  unsigned char buf[65536];
  size_t left = size;
  while (left > 0) {
    size_t n = left < sizeof buf ? left : sizeof buf;
    for (size_t i = 0; i < n; i += 8) {
      x ^= x << 13; x ^= x >> 7; x ^= x << 17;
      for (size_t k = 0; k < 8 && i + k < n; k++)
        buf[i + k] = (unsigned char)(x >> (8 * k));
    }
    if (fwrite(buf, 1, n, f) != n) {
      fclose(f);
      return -1;
    }
    left -= n;
  }
  return fclose(f) == 0 ? 0 : -1;
}

/* 1 when both files exist and hold the same bytes. */
static int same_file_contents(const char *a, const char *b)
{
  FILE *fa = fopen(a, "rb"), *fb = fopen(b, "rb");
  int same = fa && fb;
  while (same) {
    unsigned char ba[65536], bb[65536];
    size_t na = fread(ba, 1, sizeof ba, fa), nb = fread(bb, 1, sizeof bb, fb);
    if (na != nb || memcmp(ba, bb, na) != 0)
      same = 0;
    else if (na == 0)
      break;
  }
  if (fa) fclose(fa);
  if (fb) fclose(fb);
  return same;
}

/* Runs a shell command and returns its stdout (malloc'd, NUL-terminated, at most 64 KiB),
 * or NULL when it could not run or exited non-zero. */
static char *host_output(const char *cmd)
{
  FILE *p = popen(cmd, "r");
  if (!p)
    return NULL;
  size_t cap = 65536, len = 0;
  char *out = malloc(cap + 1);
  if (out) {
    size_t n;
    while (len < cap && (n = fread(out + len, 1, cap - len, p)) > 0)
      len += n;
    out[len] = 0;
  }
  int st = pclose(p);
  if (st != 0) {
    free(out);
    return NULL;
  }
  return out;
}

/* The hex sha256 of a host file, via sha256sum (malloc'd), or NULL. */
static char *host_sha256(const char *path)
{
  char cmd[4200];
  snprintf(cmd, sizeof cmd, "sha256sum '%s'", path);
  char *out = host_output(cmd);
  if (out) {
    char *sp = strchr(out, ' ');
    if (sp)
      *sp = 0;
  }
  return out;
}

#endif
