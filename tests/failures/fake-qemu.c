/* A stand-in for qemu that plays a misbehaving daemon.  The library runs it as its
 * hypervisor (LIBGUESTFS_HV); it finds "-chardev socket,path=P,..." on its command line,
 * connects to P as qemu's virtio-serial port would, sends the launch flag and answers
 * calls.  $FAKE_QEMU_MODE picks what goes wrong with the first call (or with the launch);
 * every later call gets an empty OK reply (enough for ping_daemon and internal_autosync).
 * It exits when the library closes the connection or kills it. */
#define _GNU_SOURCE
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>
#include <sys/socket.h>
#include <sys/un.h>

#define PROGRAM 0x2000F5F5u
#define LAUNCH_FLAG 0xf5f55ff5u
#define CANCEL_FLAG 0xffffeeeeu
#define PROGRESS_FLAG 0xffff5555u
#define MESSAGE_MAX 4194304u

static int sock = -1;
static const char *mode = "ok";

static void
put32 (unsigned char *p, uint32_t v)
{
  p[0] = v >> 24; p[1] = v >> 16; p[2] = v >> 8; p[3] = v;
}

static uint32_t
get32 (const unsigned char *p)
{
  return (uint32_t) p[0] << 24 | (uint32_t) p[1] << 16 | (uint32_t) p[2] << 8 | p[3];
}

static void
send_all (const void *buf, size_t len)
{
  const char *p = buf;
  while (len > 0) {
    ssize_t n = send (sock, p, len, MSG_NOSIGNAL);
    if (n == -1 && errno == EINTR)
      continue;
    if (n <= 0)
      exit (0);                 /* the library went away: nothing more to do */
    p += n;
    len -= n;
  }
}

static void
send_word (uint32_t w)
{
  unsigned char b[4];
  put32 (b, w);
  send_all (b, 4);
}

/* 0 at EOF. */
static int
recv_all (void *buf, size_t len)
{
  char *p = buf;
  while (len > 0) {
    ssize_t n = recv (sock, p, len, 0);
    if (n == -1 && errno == EINTR)
      continue;
    if (n <= 0)
      return 0;
    p += n;
    len -= n;
  }
  return 1;
}

/* A 40-byte reply header. */
static void
header (unsigned char *h, uint32_t prog, uint32_t proc, uint32_t serial, uint32_t status)
{
  memset (h, 0, 40);
  put32 (h, prog);
  put32 (h + 4, 4);
  put32 (h + 8, proc);
  put32 (h + 12, 1);            /* direction: reply */
  put32 (h + 16, serial);
  put32 (h + 36, status);
}

/* Sends length word, header and body in one piece. */
static void
reply (uint32_t prog, uint32_t proc, uint32_t serial, uint32_t status,
       const unsigned char *body, size_t body_len)
{
  unsigned char *m = malloc (4 + 40 + body_len);
  if (!m)
    exit (1);
  put32 (m, 40 + body_len);
  header (m + 4, prog, proc, serial, status);
  if (body_len)
    memcpy (m + 44, body, body_len);
  send_all (m, 44 + body_len);
  free (m);
}

/* A FileOut chunk: { int cancel; opaque data<> } with a declared length that may lie. */
static void
chunk (uint32_t cancel, uint32_t declared_len, const unsigned char *data, size_t len)
{
  unsigned char *m = malloc (12 + len + 3);
  if (!m)
    exit (1);
  size_t padded = (len + 3) & ~(size_t) 3;
  memset (m, 0, 12 + padded);
  put32 (m, 8 + padded);
  put32 (m + 4, cancel);
  put32 (m + 8, declared_len);
  memcpy (m + 12, data, len);
  send_all (m, 12 + padded);
  free (m);
}

static void
random_bytes (unsigned char *b, size_t n, unsigned seed)
{
  for (size_t i = 0; i < n; i++) {
    seed = seed * 1103515245u + 12345u;
    b[i] = seed >> 16;
  }
}

/* Keeps the connection open until the library closes it (or kills us). */
static void
linger (void)
{
  char b[4096];
  while (recv (sock, b, sizeof b, 0) > 0)
    ;
  exit (0);
}

static int
is (const char *m)
{
  return strcmp (mode, m) == 0;
}

/* Answers the first call according to the mode. Returns 0 if the mode did nothing
 * special for this call (then the default OK reply is sent). */
static int
misbehave (uint32_t proc, uint32_t serial)
{
  unsigned char body[64];
  if (is ("oversized-length")) {
    send_word (MESSAGE_MAX + 1);
    linger ();
  }
  if (is ("huge-length")) {
    send_word (0xf0000000u);    /* not one of the three flags */
    linger ();
  }
  if (is ("wrong-serial")) {
    reply (PROGRAM, proc, serial + 1, 0, NULL, 0);
    return 1;
  }
  if (is ("wrong-proc")) {
    reply (PROGRAM, proc + 1, serial, 0, NULL, 0);
    return 1;
  }
  if (is ("wrong-program")) {
    reply (0x12345678u, proc, serial, 0, NULL, 0);
    return 1;
  }
  if (is ("truncated-reply")) {
    unsigned char m[16];
    put32 (m, 40);
    header (body, PROGRAM, proc, serial, 0);
    memcpy (m + 4, body, 12);
    send_all (m, 16);
    exit (0);
  }
  if (is ("short-length")) {
    /* A length word smaller than a header: the header cannot be decoded. */
    send_word (8);
    send_all ("\0\0\0\0\0\0\0\0", 8);
    linger ();
  }
  if (is ("random-bytes")) {
    unsigned char junk[4096];
    random_bytes (junk, sizeof junk, 42);
    send_all (junk, sizeof junk);
    exit (0);
  }
  if (is ("random-body")) {
    unsigned char junk[200];
    random_bytes (junk, sizeof junk, 7);
    send_word (sizeof junk);
    send_all (junk, sizeof junk);
    linger ();
  }
  if (is ("huge-list-count")) {
    put32 (body, 0x7fffffffu);
    reply (PROGRAM, proc, serial, 0, body, 4);
    return 1;
  }
  if (is ("huge-string-length")) {
    put32 (body, 1);
    put32 (body + 4, 0xfffffff0u);
    memcpy (body + 8, "/dev", 4);
    reply (PROGRAM, proc, serial, 0, body, 12);
    return 1;
  }
  if (is ("huge-error-string")) {
    put32 (body, 0);                    /* errno_string "" */
    put32 (body + 4, 0xffffff00u);      /* error_message length */
    memcpy (body + 8, "oops", 4);
    reply (PROGRAM, proc, serial, 1, body, 12);
    return 1;
  }
  if (is ("error-reply")) {
    static const char msg[] = "fake failure";
    put32 (body, 6);
    memcpy (body + 4, "ENOSPC\0\0", 8);
    put32 (body + 12, sizeof msg - 1);
    memcpy (body + 16, msg, sizeof msg - 1);
    reply (PROGRAM, proc, serial, 1, body, 16 + ((sizeof msg - 1 + 3) & ~3u));
    return 1;
  }
  if (is ("silent-eof"))
    exit (0);
  if (is ("launch-flag-again")) {
    send_word (LAUNCH_FLAG);
    linger ();
  }
  if (is ("progress-then-eof")) {
    unsigned char p[28];
    memset (p, 0xff, sizeof p);
    put32 (p, PROGRESS_FLAG);
    send_all (p, sizeof p);
    exit (0);
  }
  if (is ("download-bad-chunk")) {
    reply (PROGRAM, proc, serial, 0, NULL, 0);
    chunk (0, 4, (const unsigned char *) "data", 4);
    /* The declared data length runs past the end of the message. */
    chunk (0, 100000, (const unsigned char *) "data", 4);
    linger ();
  }
  if (is ("download-oversized-chunk")) {
    static unsigned char big[9000];
    reply (PROGRAM, proc, serial, 0, NULL, 0);
    chunk (0, sizeof big, big, sizeof big);   /* more than the 8192 a chunk may hold */
    linger ();
  }
  if (is ("download-eof")) {
    reply (PROGRAM, proc, serial, 0, NULL, 0);
    chunk (0, 4, (const unsigned char *) "data", 4);
    exit (0);
  }
  if (is ("download-forever")) {
    static unsigned char data[8192];
    reply (PROGRAM, proc, serial, 0, NULL, 0);
    for (;;)
      chunk (0, sizeof data, data, sizeof data);
  }
  if (is ("upload-reject")) {
    /* As the daemon does when a write fails mid-upload: CANCEL_FLAG after the second
     * chunk, then drop chunks until the library's last one, then the error reply. */
    for (int n = 1;; n++) {
      unsigned char lenb[4], *m;
      if (!recv_all (lenb, 4))
        exit (0);
      uint32_t len = get32 (lenb);
      if (len == CANCEL_FLAG)
        continue;
      if (len < 8 || len > MESSAGE_MAX || !(m = malloc (len)) || !recv_all (m, len))
        exit (1);
      uint32_t data_len = get32 (m + 4);
      free (m);
      if (n == 2)
        send_word (CANCEL_FLAG);
      if (data_len == 0)
        break;
    }
    static const char msg[] = "fake failure";
    put32 (body, 6);
    memcpy (body + 4, "ENOSPC\0\0", 8);
    put32 (body + 12, sizeof msg - 1);
    memcpy (body + 16, msg, sizeof msg - 1);
    reply (PROGRAM, proc, serial, 1, body, 16 + ((sizeof msg - 1 + 3) & ~3u));
    return 1;
  }
  if (is ("download-cancel")) {
    reply (PROGRAM, proc, serial, 0, NULL, 0);
    chunk (0, 4, (const unsigned char *) "data", 4);
    chunk (1, 0, NULL, 0);               /* the daemon's read failed mid-way */
    return 1;
  }
  return 0;
}

static void
on_sigterm (int sig)
{
  (void) sig;
  _exit (0);
}

int
main (int argc, char **argv)
{
  const char *path = NULL;
  /* qemu exits with status 0 on SIGTERM (that is how the library shuts it down). */
  signal (SIGTERM, on_sigterm);
  if (getenv ("FAKE_QEMU_MODE"))
    mode = getenv ("FAKE_QEMU_MODE");
  for (int i = 1; i + 1 < argc; i++)
    if (strcmp (argv[i], "-chardev") == 0 && strncmp (argv[i + 1], "socket,", 7) == 0) {
      char *p = strstr (argv[i + 1], "path=");
      if (p)
        path = strndup (p + 5, strcspn (p + 5, ","));
    }
  /* Like qemu, say something on the console (our stdout is the library's console). */
  printf ("fake qemu: mode %s\n", mode);
  fflush (stdout);
  if (is ("exit-at-once"))
    return 1;
  if (!path) {
    fprintf (stderr, "fake qemu: no -chardev socket,path=... argument\n");
    return 1;
  }
  struct sockaddr_un sa = { .sun_family = AF_UNIX };
  snprintf (sa.sun_path, sizeof sa.sun_path, "%s", path);
  sock = socket (AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (sock == -1 || connect (sock, (struct sockaddr *) &sa, sizeof sa) == -1) {
    perror ("fake qemu: connect");
    return 1;
  }
  if (is ("exit-before-flag"))
    return 0;
  if (is ("message-before-flag")) {
    reply (PROGRAM, 92, 0x123400, 0, NULL, 0);
    linger ();
  }
  if (is ("hang-before-flag")) {
    printf ("fake qemu: the appliance hangs here\n");
    fflush (stdout);
    linger ();
  }
  if (is ("garbage-before-flag")) {
    send_word (0xdeadbeefu);
    linger ();
  }
  send_word (LAUNCH_FLAG);

  for (int call = 0;; call++) {
    unsigned char lenb[4];
    if (!recv_all (lenb, 4))
      return 0;
    uint32_t len = get32 (lenb);
    if (len == CANCEL_FLAG)
      continue;
    if (len > MESSAGE_MAX || len < 40)
      return 1;
    unsigned char *msg = malloc (len);
    if (!msg || !recv_all (msg, len))
      return 0;
    uint32_t proc = get32 (msg + 8), serial = get32 (msg + 16);
    free (msg);
    if (call == 0 && misbehave (proc, serial))
      continue;
    reply (PROGRAM, proc, serial, 0, NULL, 0);
  }
}
