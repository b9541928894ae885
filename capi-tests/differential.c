/* Differential transcript of everything observable at the handle level without an
 * appliance.  run.sh runs this one binary against the library under test and against
 * Debian's libguestfs 1.48 and diffs the two transcripts, so every line printed here
 * is a behaviour the drop-in replacement must share.
 *
 * Rules for what is printed: no pointers, pids, temporary paths (they are rewritten to
 * $TMP / $GTMP), nothing from version.extra, and nothing whose order is not a contract
 * (private data iteration is printed sorted).  Error messages are printed exactly,
 * together with the errno name. */
#define _GNU_SOURCE
#define GUESTFS_PRIVATE 1
#include <errno.h>
#include <inttypes.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <guestfs.h>

#include "common/testlib.h"

/*---------------------------------------------------------------- output */

static char *tmpdir;            /* our scratch directory, printed as $TMP */

/* Rewrites temporary paths so the transcript does not depend on them. */
static void
normalise (const char *in, char *out, size_t outlen)
{
  size_t o = 0, tl = tmpdir ? strlen (tmpdir) : 0;

  for (size_t i = 0; in[i] && o + 8 < outlen; ) {
    if (tl && strncmp (in + i, tmpdir, tl) == 0) {
      memcpy (out + o, "$TMP", 4); o += 4; i += tl;
    }
    /* libguestfs's per-handle directories: <dir>/libguestfsXXXXXX */
    else if (strncmp (in + i, "/libguestfs", 11) == 0 && strlen (in + i) >= 17 &&
             strspn (in + i + 11, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789") >= 6) {
      memcpy (out + o, "/$GTMP", 6); o += 6; i += 17;
    }
    else
      out[o++] = in[i++];
  }
  out[o] = '\0';
}

/* Prints bytes with non-printable characters escaped, so a stray NUL or newline in a
 * payload shows up as a difference rather than corrupting the transcript. */
static void
put_escaped (const char *buf, size_t len)
{
  for (size_t i = 0; i < len; i++) {
    unsigned char c = (unsigned char) buf[i];
    if (c == '\n') fputs ("\\n", stdout);
    else if (c == '\\') fputs ("\\\\", stdout);
    else if (c < 32 || c >= 127) printf ("\\x%02x", c);
    else putchar (c);
  }
}

static void
say (const char *fmt, ...) __attribute__((format (printf, 1, 2)));
static void
say (const char *fmt, ...)
{
  char raw[16384], norm[16384];
  va_list ap;
  va_start (ap, fmt);
  vsnprintf (raw, sizeof raw, fmt, ap);
  va_end (ap);
  normalise (raw, norm, sizeof norm);
  put_escaped (norm, strlen (norm));
  putchar ('\n');
  fflush (stdout);
}

static void
section (const char *name)
{
  say ("");
  say ("== %s", name);
}

static const char *
errno_name (int e)
{
  const char *n;
  if (e == 0)
    return "0";
  n = strerrorname_np (e);
  return n ? n : "?";
}

/* Shows the handle's last error after a failed call. */
static void
show_error (guestfs_h *g)
{
  const char *err = guestfs_last_error (g);
  say ("   error: %s%s%s errno=%s", err ? "\"" : "", err ? err : "(null)",
       err ? "\"" : "", errno_name (guestfs_last_errno (g)));
}

static void
show_int (guestfs_h *g, const char *what, int r)
{
  say ("%s -> %d", what, r);
  if (r == -1)
    show_error (g);
}

static void
show_i64 (guestfs_h *g, const char *what, int64_t r)
{
  say ("%s -> %" PRIi64, what, r);
  if (r == -1)
    show_error (g);
}

static void
show_cstr (guestfs_h *g, const char *what, const char *s)
{
  if (s)
    say ("%s -> \"%s\"", what, s);
  else {
    say ("%s -> NULL", what);
    show_error (g);
  }
}

static void
show_str (guestfs_h *g, const char *what, char *s)
{
  show_cstr (g, what, s);
  free (s);
}

static void
show_strings (guestfs_h *g, const char *what, char **l)
{
  if (l == NULL) {
    say ("%s -> NULL", what);
    show_error (g);
    return;
  }
  say ("%s -> list:", what);
  for (size_t i = 0; l[i]; i++) {
    say ("   [%zu] \"%s\"", i, l[i]);
    free (l[i]);
  }
  free (l);
}

/* A path default may legitimately depend on where a library is installed: print only
 * its shape. */
static void
show_path_shape (guestfs_h *g, const char *what, char *s)
{
  if (s == NULL) {
    say ("%s -> NULL", what);
    show_error (g);
    return;
  }
  say ("%s -> %s", what, s[0] == '/' ? "(absolute path)" : s);
  free (s);
}

/* Error handler that records into the transcript.  It also checks that last_error is
 * already set when the handler runs, as libguestfs documents. */
static void
recording_error_handler (guestfs_h *g, void *opaque, const char *msg)
{
  const char *last = guestfs_last_error (g);
  (void) opaque;
  say ("   handler: \"%s\"%s", msg,
       last && strcmp (last, msg) == 0 ? "" : " (last_error differs!)");
}

static guestfs_h *
new_handle (void)
{
  guestfs_h *g = guestfs_create_flags (GUESTFS_CREATE_NO_ENVIRONMENT);
  if (g == NULL) {
    perror ("guestfs_create_flags");
    exit (2);
  }
  guestfs_set_error_handler (g, recording_error_handler, NULL);
  return g;
}

/*---------------------------------------------------------------- events */

static int show_events = 1;

/* A traced guestfs_version return shows version.extra, which is ours to choose. */
static void
hide_version_extra (char *line)
{
  char *extra, *end;
  if (strstr (line, "<struct guestfs_version") == NULL)
    return;
  extra = strstr (line, "extra: ");
  if (extra == NULL)
    return;
  extra += 7;
  end = strstr (extra, ", >");
  if (end == NULL)
    return;
  memmove (extra + 3, end, strlen (end) + 1);
  memcpy (extra, "...", 3);
}

static void
event_printer (guestfs_h *g, void *opaque, uint64_t event, int event_handle,
               int flags, const char *buf, size_t buf_len,
               const uint64_t *array, size_t array_len)
{
  char *name = guestfs_event_to_string (event);
  char norm[16384], raw[16384];
  size_t n = buf_len < sizeof raw - 1 ? buf_len : sizeof raw - 1;
  int len_ok;
  (void) g;

  if (!show_events) {
    free (name);
    return;
  }
  memcpy (raw, buf ? buf : "", buf ? n : 0);
  raw[buf ? n : 0] = '\0';
  len_ok = buf_len == strlen (raw);
  hide_version_extra (raw);
  normalise (raw, norm, sizeof norm);
  printf ("   event %s cb=%s handle=%d flags=%d buf_len=%s buf=\"",
          name ? name : "?", (const char *) opaque, event_handle, flags,
          len_ok ? "ok" : "has-NUL");
  put_escaped (norm, strlen (norm));
  printf ("\" array=[");
  for (size_t i = 0; i < array_len; i++)
    printf ("%s%" PRIu64, i ? "," : "", array[i]);
  printf ("]\n");
  fflush (stdout);
  free (name);
}

/*---------------------------------------------------------------- sections */

static void
version_section (void)
{
  guestfs_h *g = new_handle ();
  struct guestfs_version *v;

  section ("version");
  v = guestfs_version (g);
  if (v) {
    say ("version major=%" PRIi64 " minor=%" PRIi64, v->major, v->minor);
    guestfs_free_version (v);
  }
  else
    show_error (g);
  guestfs_close (g);
}

static void
defaults_section (void)
{
  guestfs_h *g = new_handle ();

  section ("defaults (create_flags NO_ENVIRONMENT, empty environment)");
  show_int (g, "get_verbose", guestfs_get_verbose (g));
  show_int (g, "get_trace", guestfs_get_trace (g));
  show_int (g, "get_autosync", guestfs_get_autosync (g));
  show_int (g, "get_recovery_proc", guestfs_get_recovery_proc (g));
  show_int (g, "get_memsize", guestfs_get_memsize (g));
  show_int (g, "get_smp", guestfs_get_smp (g));
  show_int (g, "get_selinux", guestfs_get_selinux (g));
  show_int (g, "get_network", guestfs_get_network (g));
  show_int (g, "get_pgroup", guestfs_get_pgroup (g));
  show_int (g, "get_direct", guestfs_get_direct (g));
  show_int (g, "get_state", guestfs_get_state (g));
  show_int (g, "is_config", guestfs_is_config (g));
  show_int (g, "is_launching", guestfs_is_launching (g));
  show_int (g, "is_ready", guestfs_is_ready (g));
  show_int (g, "is_busy", guestfs_is_busy (g));
  show_cstr (g, "get_program", guestfs_get_program (g));
  show_cstr (g, "get_identifier", guestfs_get_identifier (g));
  show_str (g, "get_backend", guestfs_get_backend (g));
  show_str (g, "get_attach_method", guestfs_get_attach_method (g));
  show_strings (g, "get_backend_settings", guestfs_get_backend_settings (g));
  show_cstr (g, "get_hv", guestfs_get_hv (g));
  show_cstr (g, "get_qemu", guestfs_get_qemu (g));
  show_path_shape (g, "get_path", (char *) (guestfs_get_path (g) ? strdup (guestfs_get_path (g)) : NULL));
  show_cstr (g, "get_append", guestfs_get_append (g));
  show_str (g, "get_tmpdir", guestfs_get_tmpdir (g));
  show_str (g, "get_cachedir", guestfs_get_cachedir (g));
  show_str (g, "get_sockdir", guestfs_get_sockdir (g));
  show_int (g, "get_pid", guestfs_get_pid (g));
  show_strings (g, "get_libvirt_requested_credentials",
                guestfs_get_libvirt_requested_credentials (g));
  show_strings (g, "debug_drives", guestfs_debug_drives (g));
  show_int (g, "shutdown", guestfs_shutdown (g));
  show_int (g, "kill_subprocess", guestfs_kill_subprocess (g));
  show_cstr (g, "last_error after all that", guestfs_last_error (g));
  guestfs_close (g);
}

static void
setters_section (void)
{
  guestfs_h *g = new_handle ();
  static const int memsizes[] = { 100, 255, 256, -1, 0, 500 };
  static const int smps[] = { 0, -1, 256, 255, 1, 4 };
  static const char *identifiers[] = { "ok-id_1", "bad id", "bad/id", "ünï", "", NULL };
  static const char *backends[] = { "direct", "appliance", "libvirt", "libvirt:null",
    "libvirt:qemu:///system", "uml", "unix:/tmp/sock", "bogus", "", "direct:arg", NULL };
  static const char *dirs[] = { "/nonexistent/dir", "/etc/passwd", "relative-dir", "/tmp",
    "/tmp/", "/", NULL };
  char what[256];

  section ("setters and validation");
  for (size_t i = 0; i < sizeof memsizes / sizeof memsizes[0]; i++) {
    snprintf (what, sizeof what, "set_memsize %d", memsizes[i]);
    show_int (g, what, guestfs_set_memsize (g, memsizes[i]));
    show_int (g, "   get_memsize", guestfs_get_memsize (g));
  }
  for (size_t i = 0; i < sizeof smps / sizeof smps[0]; i++) {
    snprintf (what, sizeof what, "set_smp %d", smps[i]);
    show_int (g, what, guestfs_set_smp (g, smps[i]));
    show_int (g, "   get_smp", guestfs_get_smp (g));
  }
  for (size_t i = 0; identifiers[i]; i++) {
    snprintf (what, sizeof what, "set_identifier \"%s\"", identifiers[i]);
    show_int (g, what, guestfs_set_identifier (g, identifiers[i]));
    show_cstr (g, "   get_identifier", guestfs_get_identifier (g));
  }
  for (size_t i = 0; backends[i]; i++) {
    snprintf (what, sizeof what, "set_backend \"%s\"", backends[i]);
    show_int (g, what, guestfs_set_backend (g, backends[i]));
    show_str (g, "   get_backend", guestfs_get_backend (g));
    show_str (g, "   get_attach_method", guestfs_get_attach_method (g));
  }
  show_int (g, "set_attach_method \"appliance\"", guestfs_set_attach_method (g, "appliance"));
  show_str (g, "   get_backend", guestfs_get_backend (g));
  show_int (g, "set_program \"prog-x\"", guestfs_set_program (g, "prog-x"));
  show_cstr (g, "   get_program", guestfs_get_program (g));
  show_int (g, "set_program \"\"", guestfs_set_program (g, ""));
  show_cstr (g, "   get_program", guestfs_get_program (g));
  show_int (g, "set_hv \"/bin/true\"", guestfs_set_hv (g, "/bin/true"));
  show_cstr (g, "   get_hv", guestfs_get_hv (g));
  show_cstr (g, "   get_qemu", guestfs_get_qemu (g));
  show_int (g, "set_qemu \"/bin/false\"", guestfs_set_qemu (g, "/bin/false"));
  show_cstr (g, "   get_hv", guestfs_get_hv (g));
  show_int (g, "set_qemu NULL", guestfs_set_qemu (g, NULL));
  show_cstr (g, "   get_hv", guestfs_get_hv (g));
  show_int (g, "set_path \"/nonexistent:/x\"", guestfs_set_path (g, "/nonexistent:/x"));
  show_cstr (g, "   get_path", guestfs_get_path (g));
  show_int (g, "set_path NULL", guestfs_set_path (g, NULL));
  show_path_shape (g, "   get_path", strdup (guestfs_get_path (g)));
  show_int (g, "set_append \"console=ttyS0 foo\"", guestfs_set_append (g, "console=ttyS0 foo"));
  show_cstr (g, "   get_append", guestfs_get_append (g));
  show_int (g, "set_append \"\"", guestfs_set_append (g, ""));
  show_cstr (g, "   get_append", guestfs_get_append (g));
  show_int (g, "set_append NULL", guestfs_set_append (g, NULL));
  show_cstr (g, "   get_append", guestfs_get_append (g));
  for (size_t i = 0; dirs[i]; i++) {
    snprintf (what, sizeof what, "set_tmpdir \"%s\"", dirs[i]);
    show_int (g, what, guestfs_set_tmpdir (g, dirs[i]));
    show_str (g, "   get_tmpdir", guestfs_get_tmpdir (g));
    snprintf (what, sizeof what, "set_cachedir \"%s\"", dirs[i]);
    show_int (g, what, guestfs_set_cachedir (g, dirs[i]));
    show_str (g, "   get_cachedir", guestfs_get_cachedir (g));
  }
  show_int (g, "set_tmpdir NULL", guestfs_set_tmpdir (g, NULL));
  show_str (g, "   get_tmpdir", guestfs_get_tmpdir (g));
  show_int (g, "set_cachedir NULL", guestfs_set_cachedir (g, NULL));
  show_str (g, "   get_cachedir", guestfs_get_cachedir (g));

  /* Boolean setters accept any int; getters normalise. */
  show_int (g, "set_verbose 7", guestfs_set_verbose (g, 7));
  show_int (g, "   get_verbose", guestfs_get_verbose (g));
  guestfs_set_verbose (g, 0);
  {
    char *captured;
    tl_capture_stderr_begin ();
    show_int (g, "set_trace -3", guestfs_set_trace (g, -3));
    show_int (g, "   get_trace", guestfs_get_trace (g));
    guestfs_set_trace (g, 0);
    captured = tl_capture_stderr_end ();
    say ("   trace on stderr: \"%s\"", captured);
    free (captured);
  }
  show_int (g, "set_autosync 0", guestfs_set_autosync (g, 0));
  show_int (g, "   get_autosync", guestfs_get_autosync (g));
  show_int (g, "set_recovery_proc 0", guestfs_set_recovery_proc (g, 0));
  show_int (g, "   get_recovery_proc", guestfs_get_recovery_proc (g));
  show_int (g, "set_selinux 2", guestfs_set_selinux (g, 2));
  show_int (g, "   get_selinux", guestfs_get_selinux (g));
  show_int (g, "set_network 1", guestfs_set_network (g, 1));
  show_int (g, "   get_network", guestfs_get_network (g));
  show_int (g, "set_pgroup 1", guestfs_set_pgroup (g, 1));
  show_int (g, "   get_pgroup", guestfs_get_pgroup (g));
  show_int (g, "set_direct 1", guestfs_set_direct (g, 1));
  show_int (g, "   get_direct", guestfs_get_direct (g));
  {
    const char *creds[] = { "username", "passphrase", "bogus", NULL };
    const char *good[] = { "authname", "echoprompt", NULL };
    show_int (g, "set_libvirt_supported_credentials [username passphrase bogus]",
              guestfs_set_libvirt_supported_credentials (g, (char **) creds));
    show_int (g, "set_libvirt_supported_credentials [authname echoprompt]",
              guestfs_set_libvirt_supported_credentials (g, (char **) good));
    show_int (g, "set_libvirt_requested_credential 0 \"x\"",
              guestfs_set_libvirt_requested_credential (g, 0, "x", 1));
    show_cstr (g, "get_libvirt_requested_credential_prompt 0",
               guestfs_get_libvirt_requested_credential_prompt (g, 0));
  }
  guestfs_close (g);
}

static void
backend_settings_section (void)
{
  guestfs_h *g = new_handle ();
  const char *settings[] = { "foo", "foo=1", "foo=bar", "bar", "baz=value", "=x", "", NULL };
  const char *empty[] = { NULL };

  section ("backend settings");
  show_int (g, "set_backend_settings [foo foo=1 foo=bar bar baz=value =x \"\"]",
            guestfs_set_backend_settings (g, (char **) settings));
  show_strings (g, "get_backend_settings", guestfs_get_backend_settings (g));
  show_str (g, "get_backend_setting foo", guestfs_get_backend_setting (g, "foo"));
  show_str (g, "get_backend_setting bar", guestfs_get_backend_setting (g, "bar"));
  show_str (g, "get_backend_setting baz", guestfs_get_backend_setting (g, "baz"));
  show_str (g, "get_backend_setting \"\"", guestfs_get_backend_setting (g, ""));
  show_str (g, "get_backend_setting missing", guestfs_get_backend_setting (g, "missing"));
  show_int (g, "clear_backend_setting foo", guestfs_clear_backend_setting (g, "foo"));
  show_int (g, "clear_backend_setting foo again", guestfs_clear_backend_setting (g, "foo"));
  show_int (g, "set_backend_setting bar \"x=y\"", guestfs_set_backend_setting (g, "bar", "x=y"));
  show_int (g, "set_backend_setting new \"\"", guestfs_set_backend_setting (g, "new", ""));
  show_strings (g, "get_backend_settings", guestfs_get_backend_settings (g));
  show_str (g, "get_backend_setting bar", guestfs_get_backend_setting (g, "bar"));
  show_str (g, "get_backend_setting new", guestfs_get_backend_setting (g, "new"));
  show_int (g, "set_backend_settings []", guestfs_set_backend_settings (g, (char **) empty));
  show_strings (g, "get_backend_settings", guestfs_get_backend_settings (g));
  show_str (g, "get_backend_setting bar", guestfs_get_backend_setting (g, "bar"));
  guestfs_close (g);
}

static void
events_section (void)
{
  guestfs_h *g = new_handle ();
  int h[4], n;

  section ("events");
  h[0] = guestfs_set_event_callback (g, event_printer, GUESTFS_EVENT_ALL & ~GUESTFS_EVENT_LIBRARY, 0, (void *) "all");
  h[1] = guestfs_set_event_callback (g, event_printer, GUESTFS_EVENT_ENTER, 0, (void *) "enter");
  h[2] = guestfs_set_event_callback (g, event_printer, GUESTFS_EVENT_TRACE, 0, (void *) "trace");
  say ("registered handles %d %d %d", h[0], h[1], h[2]);
  show_int (g, "set_event_callback flags=1",
            guestfs_set_event_callback (g, event_printer, GUESTFS_EVENT_ALL, 1, (void *) "bad"));
  say ("-- calls with trace off");
  show_int (g, "set_memsize 600", guestfs_set_memsize (g, 600));
  show_int (g, "get_memsize", guestfs_get_memsize (g));
  say ("-- calls with trace on");
  show_int (g, "set_trace 1", guestfs_set_trace (g, 1));
  show_int (g, "set_memsize 601", guestfs_set_memsize (g, 601));
  show_int (g, "set_memsize 1 (error)", guestfs_set_memsize (g, 1));
  show_int (g, "get_memsize", guestfs_get_memsize (g));
  show_int (g, "set_identifier \"abc\"", guestfs_set_identifier (g, "abc"));
  show_cstr (g, "get_identifier", guestfs_get_identifier (g));
  show_int (g, "set_append NULL", guestfs_set_append (g, NULL));
  show_int (g, "set_append \"a \\\"b\\\"\\n\"", guestfs_set_append (g, "a \"b\"\n"));
  {
    const char *l[] = { "a", "b c", "", NULL };
    show_int (g, "set_backend_settings", guestfs_set_backend_settings (g, (char **) l));
  }
  show_strings (g, "get_backend_settings", guestfs_get_backend_settings (g));
  show_str (g, "get_backend_setting missing", guestfs_get_backend_setting (g, "missing"));
  show_int (g, "set_autosync 0", guestfs_set_autosync (g, 0));
  show_int (g, "get_autosync", guestfs_get_autosync (g));
  {
    struct guestfs_version *v = guestfs_version (g);
    say ("version -> %s", v ? "struct" : "NULL");
    guestfs_free_version (v);
  }
  show_int (g, "add_drive_opts /dev/null format=raw readonly=1 cachemode=unsafe",
            guestfs_add_drive_opts (g, "/dev/null",
                                    GUESTFS_ADD_DRIVE_OPTS_FORMAT, "raw",
                                    GUESTFS_ADD_DRIVE_OPTS_READONLY, 1,
                                    GUESTFS_ADD_DRIVE_OPTS_CACHEMODE, "unsafe", -1));
  show_int (g, "mount (not launched)", guestfs_mount (g, "/dev/sda1", "/"));
  show_int (g, "set_trace 0", guestfs_set_trace (g, 0));
  say ("-- delete handle %d", h[1]);
  guestfs_delete_event_callback (g, h[1]);
  show_int (g, "set_memsize 602", guestfs_set_memsize (g, 602));
  h[3] = guestfs_set_event_callback (g, event_printer, GUESTFS_EVENT_ENTER, 0, (void *) "enter2");
  say ("re-registered handle %d", h[3]);
  guestfs_delete_event_callback (g, h[3]);
  say ("-- deleting an unknown handle is harmless");
  guestfs_delete_event_callback (g, 12345);
  guestfs_delete_event_callback (g, -1);
  show_events = 0;
  for (n = 0; n < 2000; n++)
    if (guestfs_set_event_callback (g, event_printer, GUESTFS_EVENT_CLOSE, 0, (void *) "many") == -1)
      break;
  show_events = 1;
  say ("callbacks registered before the limit: %d", n);
  show_error (g);
  say ("-- close fires close events (all but one of the many are deleted first)");
  guestfs_delete_event_callback (g, h[2]);
  for (int i = h[3] + 1; i < h[3] + n; i++)
    guestfs_delete_event_callback (g, i);
  guestfs_close (g);

  /* Old-style callbacks are events too. */
  g = new_handle ();
  guestfs_set_event_callback (g, event_printer, GUESTFS_EVENT_CLOSE, 0, (void *) "new-style");
  say ("-- close with trace on and a close callback");
  guestfs_set_trace (g, 1);
  {
    char *captured;
    tl_capture_stderr_begin ();
    guestfs_close (g);
    captured = tl_capture_stderr_end ();
    say ("   stderr: \"%s\"", captured);
    free (captured);
  }
}

static int close_cb_calls;
static void old_close_cb (guestfs_h *g, void *opaque) { (void) g; (void) opaque; close_cb_calls++; }

static void
old_callbacks_section (void)
{
  guestfs_h *g = new_handle ();
  int h;
  section ("old-style callbacks");
  guestfs_set_close_callback (g, old_close_cb, NULL);
  guestfs_set_close_callback (g, old_close_cb, NULL);   /* replaces, does not add */
  h = guestfs_set_event_callback (g, event_printer, GUESTFS_EVENT_CLOSE, 0, (void *) "x");
  say ("next event handle after two set_close_callback: %d", h);
  guestfs_close (g);
  say ("close callback calls: %d", close_cb_calls);
  g = new_handle ();
  guestfs_set_close_callback (g, old_close_cb, NULL);
  guestfs_set_close_callback (g, NULL, NULL);
  close_cb_calls = 0;
  guestfs_close (g);
  say ("close callback calls after setting NULL: %d", close_cb_calls);
}

static void
event_to_string_section (void)
{
  static const uint64_t masks[] = { 0, 1, 2, 4, 8, 0x10, 0x20, 0x40, 0x80, 0x100, 0x200,
    0x3ff, 0x400, 0x401, 0x8000000000000000ULL, 0x9, 0x282, UINT64_MAX };

  section ("event_to_string");
  for (size_t i = 0; i < sizeof masks / sizeof masks[0]; i++) {
    char *s;
    errno = 0;
    s = guestfs_event_to_string (masks[i]);
    if (s)
      say ("event_to_string 0x%" PRIx64 " -> \"%s\"", masks[i], s);
    else
      say ("event_to_string 0x%" PRIx64 " -> NULL errno=%s", masks[i], errno_name (errno));
    free (s);
  }
}

static void
trace_to_stderr_section (void)
{
  guestfs_h *g = new_handle ();
  char *captured;

  section ("trace and errors without callbacks go to stderr");
  guestfs_set_error_handler (g, NULL, NULL);
  tl_capture_stderr_begin ();
  guestfs_set_trace (g, 1);
  guestfs_set_memsize (g, 700);
  guestfs_set_identifier (g, "ident");
  guestfs_get_memsize (g);
  guestfs_set_memsize (g, 1);
  guestfs_set_append (g, "tab\there\x01");
  guestfs_set_trace (g, 0);
  captured = tl_capture_stderr_end ();
  say ("stderr: \"%s\"", captured);
  free (captured);

  /* The default error handler prints libguestfs: error: <msg>. */
  g = (guestfs_close (g), guestfs_create_flags (GUESTFS_CREATE_NO_ENVIRONMENT));
  tl_capture_stderr_begin ();
  guestfs_set_memsize (g, 1);
  guestfs_set_backend (g, "bogus");
  guestfs_mount (g, "/dev/sda1", "/");
  captured = tl_capture_stderr_end ();
  say ("default handler stderr: \"%s\"", captured);
  free (captured);
  guestfs_close (g);
}

static const char *errh_tag;
static void
tagged_handler (guestfs_h *g, void *opaque, const char *msg)
{
  (void) g;
  errh_tag = opaque;
  say ("   tagged handler %s: \"%s\"", (const char *) opaque, msg);
}

static void *
thread_last_error (void *gv)
{
  guestfs_h *g = gv;
  const char *e = guestfs_last_error (g);
  char *captured;
  say ("   thread: last_error=%s last_errno=%s", e ? e : "NULL",
       errno_name (guestfs_last_errno (g)));
  /* The error handler is per thread too: this thread still has the default one. */
  tl_capture_stderr_begin ();
  guestfs_set_smp (g, 0);
  captured = tl_capture_stderr_end ();
  e = guestfs_last_error (g);
  say ("   thread: after own error last_error=\"%s\" stderr=\"%s\"", e ? e : "NULL", captured);
  free (captured);
  return NULL;
}

static void
errors_section (void)
{
  guestfs_h *g = guestfs_create_flags (GUESTFS_CREATE_NO_ENVIRONMENT);
  void *opaque = (void *) 1;
  guestfs_error_handler_cb cb;
  pthread_t t;

  section ("errors");
  guestfs_set_error_handler (g, NULL, NULL);
  say ("fresh last_error=%s last_errno=%d", guestfs_last_error (g) ? "set" : "NULL",
       guestfs_last_errno (g));
  guestfs_set_memsize (g, 1);
  say ("after error: \"%s\" errno=%s", guestfs_last_error (g), errno_name (guestfs_last_errno (g)));
  guestfs_set_memsize (g, 512);
  say ("after a later success: \"%s\"", guestfs_last_error (g) ? guestfs_last_error (g) : "NULL");
  guestfs_get_backend_setting (g, "nope");
  say ("ESRCH error: \"%s\" errno=%s", guestfs_last_error (g), errno_name (guestfs_last_errno (g)));
  cb = guestfs_get_error_handler (g, &opaque);
  say ("get_error_handler after set NULL: cb=%s opaque=%s", cb ? "set" : "NULL", opaque ? "set" : "NULL");

  guestfs_push_error_handler (g, tagged_handler, (void *) "A");
  guestfs_push_error_handler (g, tagged_handler, (void *) "B");
  guestfs_set_smp (g, 0);
  cb = guestfs_get_error_handler (g, &opaque);
  say ("get_error_handler: mine=%d opaque=%s", cb == tagged_handler, (const char *) opaque);
  guestfs_pop_error_handler (g);
  guestfs_set_smp (g, 0);
  guestfs_pop_error_handler (g);
  cb = guestfs_get_error_handler (g, &opaque);
  say ("after two pops: cb=%s", cb == NULL ? "NULL" : cb == tagged_handler ? "tagged" : "other");
  guestfs_pop_error_handler (g);
  cb = guestfs_get_error_handler (g, &opaque);
  say ("after popping an empty stack: cb=%s", cb == NULL ? "NULL" : cb == tagged_handler ? "tagged" : "default");

  say ("-- per-thread last error");
  guestfs_set_error_handler (g, NULL, NULL);
  guestfs_set_memsize (g, 1);
  pthread_create (&t, NULL, thread_last_error, g);
  pthread_join (t, NULL);
  say ("main after thread: \"%s\"", guestfs_last_error (g));
  guestfs_close (g);
}

/* Data pointers must be compared, not printed: give each key its own static int. */
static int pd_values[8];

static const char *
pd_name (void *p)
{
  static char buf[32];
  if (p == NULL) return "NULL";
  for (int i = 0; i < 8; i++)
    if (p == &pd_values[i]) { snprintf (buf, sizeof buf, "value%d", i); return buf; }
  return "unknown";
}

static int
cmp_str (const void *a, const void *b)
{
  return strcmp (*(char *const *) a, *(char *const *) b);
}

static void
private_data_section (void)
{
  guestfs_h *g = new_handle ();
  const char *key;
  void *data;
  char *seen[64];
  size_t n = 0;

  section ("private data");
  say ("get missing -> %s", pd_name (guestfs_get_private (g, "missing")));
  data = guestfs_first_private (g, &key);
  say ("first on empty -> %s", pd_name (data));
  guestfs_set_private (g, "k0", &pd_values[0]);
  guestfs_set_private (g, "k1", &pd_values[1]);
  guestfs_set_private (g, "k2", NULL);
  guestfs_set_private (g, "k3", &pd_values[3]);
  guestfs_set_private (g, "_binding", &pd_values[4]);
  guestfs_set_private (g, "", &pd_values[5]);
  guestfs_set_private (g, "k1", &pd_values[6]);     /* replaces */
  guestfs_set_private (g, "k3", NULL);              /* "deletes" */
  say ("get k0 -> %s", pd_name (guestfs_get_private (g, "k0")));
  say ("get k1 -> %s", pd_name (guestfs_get_private (g, "k1")));
  say ("get k2 -> %s", pd_name (guestfs_get_private (g, "k2")));
  say ("get k3 -> %s", pd_name (guestfs_get_private (g, "k3")));
  say ("get _binding -> %s", pd_name (guestfs_get_private (g, "_binding")));
  say ("get \"\" -> %s", pd_name (guestfs_get_private (g, "")));
  for (data = guestfs_first_private (g, &key); data != NULL && n < 64;
       data = guestfs_next_private (g, &key)) {
    char buf[128];
    snprintf (buf, sizeof buf, "\"%s\"=%s", key, pd_name (data));
    seen[n++] = strdup (buf);
  }
  qsort (seen, n, sizeof seen[0], cmp_str);
  say ("iteration (sorted) saw %zu:", n);
  for (size_t i = 0; i < n; i++) {
    say ("   %s", seen[i]);
    free (seen[i]);
  }
  guestfs_close (g);
}

static void
discard_event (guestfs_h *g, void *opaque, uint64_t event, int event_handle,
               int flags, const char *buf, size_t buf_len,
               const uint64_t *array, size_t array_len)
{
  (void) g; (void) opaque; (void) event; (void) event_handle; (void) flags;
  (void) buf; (void) buf_len; (void) array; (void) array_len;
}

static void
environment_section (void)
{
  static const char *const cases[][6] = {
    { "LIBGUESTFS_TRACE=1", "LIBGUESTFS_DEBUG=yes", "LIBGUESTFS_MEMSIZE=700", NULL },
    { "LIBGUESTFS_TRACE=On", "LIBGUESTFS_DEBUG=n", NULL },
    { "LIBGUESTFS_TRACE=maybe", NULL },
    { "LIBGUESTFS_DEBUG=2", NULL },
    { "LIBGUESTFS_MEMSIZE=abc", NULL },
    { "LIBGUESTFS_MEMSIZE=10", NULL },
    { "LIBGUESTFS_MEMSIZE=", NULL },
    { "LIBGUESTFS_BACKEND=bogus", NULL },
    { "LIBGUESTFS_BACKEND=", "LIBGUESTFS_ATTACH_METHOD=appliance", NULL },
    { "LIBGUESTFS_ATTACH_METHOD=libvirt:null", NULL },
    { "LIBGUESTFS_BACKEND_SETTINGS=force_tcg:foo=bar::x", NULL },
    { "LIBGUESTFS_HV=/bin/hv", "LIBGUESTFS_QEMU=/bin/qemu", NULL },
    { "LIBGUESTFS_QEMU=/bin/qemu", NULL },
    { "LIBGUESTFS_PATH=/a:/b", "LIBGUESTFS_APPEND=", NULL },
    { "LIBGUESTFS_APPEND=quiet x", NULL },
    { "LIBGUESTFS_TMPDIR=/nonexistent", "LIBGUESTFS_CACHEDIR=/", NULL },
    { "TMPDIR=/tmp/", NULL },
    { "TMPDIR=/var", "LIBGUESTFS_TMPDIR=", "LIBGUESTFS_CACHEDIR=", NULL },
    { "XDG_RUNTIME_DIR=/run/x", NULL },
    { "LIBGUESTFS_TRACE", "BLAH", "=x", "LIBGUESTFS_MEMSIZE_X=1", NULL },
    { NULL },
  };

  section ("environment (parse_environment_list)");
  for (size_t c = 0; cases[c][0]; c++) {
    guestfs_h *g = new_handle ();
    /* Trace and debug output enabled by the cases must not reach stderr (it holds
     * pointers); a registered callback keeps it away. */
    guestfs_set_event_callback (g, discard_event, GUESTFS_EVENT_ALL, 0, NULL);
    char line[1024] = "";
    for (size_t i = 0; cases[c][i]; i++) {
      strncat (line, " ", sizeof line - strlen (line) - 1);
      strncat (line, cases[c][i], sizeof line - strlen (line) - 1);
    }
    show_int (g, line, guestfs_parse_environment_list (g, (char **) cases[c]));
    show_int (g, "   trace", guestfs_get_trace (g));
    show_int (g, "   verbose", guestfs_get_verbose (g));
    show_int (g, "   memsize", guestfs_get_memsize (g));
    show_str (g, "   backend", guestfs_get_backend (g));
    show_strings (g, "   backend_settings", guestfs_get_backend_settings (g));
    show_cstr (g, "   hv", guestfs_get_hv (g));
    show_path_shape (g, "   path", strdup (guestfs_get_path (g)));
    show_cstr (g, "   append", guestfs_get_append (g));
    show_str (g, "   tmpdir", guestfs_get_tmpdir (g));
    show_str (g, "   cachedir", guestfs_get_cachedir (g));
    show_str (g, "   sockdir", guestfs_get_sockdir (g));
    guestfs_set_trace (g, 0);
    guestfs_close (g);
  }

  section ("environment (guestfs_create reads it)");
  setenv ("LIBGUESTFS_MEMSIZE", "777", 1);
  setenv ("LIBGUESTFS_BACKEND_SETTINGS", "a:b=c", 1);
  setenv ("LIBGUESTFS_APPEND", "from-env", 1);
  {
    guestfs_h *g = guestfs_create ();
    guestfs_set_error_handler (g, recording_error_handler, NULL);
    show_int (g, "create: memsize", guestfs_get_memsize (g));
    show_strings (g, "create: backend_settings", guestfs_get_backend_settings (g));
    show_cstr (g, "create: append", guestfs_get_append (g));
    guestfs_close (g);
    g = guestfs_create_flags (GUESTFS_CREATE_NO_ENVIRONMENT | GUESTFS_CREATE_NO_CLOSE_ON_EXIT);
    guestfs_set_error_handler (g, recording_error_handler, NULL);
    show_int (g, "create_flags(NO_ENVIRONMENT): memsize", guestfs_get_memsize (g));
    show_int (g, "parse_environment", guestfs_parse_environment (g));
    show_int (g, "   memsize", guestfs_get_memsize (g));
    guestfs_close (g);
  }
  setenv ("LIBGUESTFS_MEMSIZE", "bad", 1);
  {
    guestfs_h *g;
    char *captured;
    tl_capture_stderr_begin ();
    g = guestfs_create ();
    captured = tl_capture_stderr_end ();
    say ("create with LIBGUESTFS_MEMSIZE=bad: handle %s, stderr \"%s\"", g ? "created" : "NULL", captured);
    free (captured);
    if (g) {
      guestfs_set_error_handler (g, recording_error_handler, NULL);
      show_int (g, "   memsize", guestfs_get_memsize (g));
      guestfs_close (g);
    }
  }
  tl_clear_guestfs_env ();
}

static guestfs_h *
traced_handle (void)
{
  guestfs_h *g = new_handle ();
  guestfs_set_event_callback (g, event_printer, GUESTFS_EVENT_TRACE, 0, (void *) "trace");
  guestfs_set_trace (g, 1);
  return g;
}

static void
drives_section (void)
{
  guestfs_h *g;
  char raw[512], qcow[512], missing[512], unreadable[512], dirpath[512], colon[512];
  const char *servers1[] = { "localhost:10809", NULL };
  const char *servers2[] = { "tcp:example.com", "unix:/tmp/sock", NULL };
  const char *servers_bad[] = { "bad:server:x", NULL };
  const char *servers_empty[] = { NULL };

  section ("drives");
  snprintf (raw, sizeof raw, "%s/disk.raw", tmpdir);
  snprintf (qcow, sizeof qcow, "%s/disk.qcow2", tmpdir);
  snprintf (missing, sizeof missing, "%s/missing.img", tmpdir);
  snprintf (unreadable, sizeof unreadable, "%s/unreadable.img", tmpdir);
  snprintf (dirpath, sizeof dirpath, "%s/adir", tmpdir);
  snprintf (colon, sizeof colon, "%s/with:colon.img", tmpdir);
  tl_system ("qemu-img create -q -f raw '%s' 1M && qemu-img create -q -f qcow2 '%s' 2M && "
             "mkdir '%s' && cp '%s' '%s'", raw, qcow, dirpath, raw, colon);

  g = traced_handle ();
  show_int (g, "add_drive raw", guestfs_add_drive (g, raw));
  show_int (g, "add_drive_opts qcow2 format=qcow2", guestfs_add_drive_opts (g, qcow, GUESTFS_ADD_DRIVE_OPTS_FORMAT, "qcow2", -1));
  show_int (g, "add_drive_opts raw readonly (format probed)", guestfs_add_drive_opts (g, raw, GUESTFS_ADD_DRIVE_OPTS_READONLY, 1, -1));
  show_int (g, "add_drive_opts qcow2 readonly format=qcow2", guestfs_add_drive_opts (g, qcow, GUESTFS_ADD_DRIVE_OPTS_READONLY, 1, GUESTFS_ADD_DRIVE_OPTS_FORMAT, "qcow2", -1));
  show_int (g, "add_drive_ro qcow2", guestfs_add_drive_ro (g, qcow));
  show_int (g, "add_drive_opts all the file options", guestfs_add_drive_opts (g, raw,
            GUESTFS_ADD_DRIVE_OPTS_FORMAT, "raw", GUESTFS_ADD_DRIVE_OPTS_IFACE, "virtio",
            GUESTFS_ADD_DRIVE_OPTS_NAME, "hda", GUESTFS_ADD_DRIVE_OPTS_LABEL, "mylabel",
            GUESTFS_ADD_DRIVE_OPTS_CACHEMODE, "unsafe", GUESTFS_ADD_DRIVE_OPTS_DISCARD, "besteffort",
            GUESTFS_ADD_DRIVE_OPTS_COPYONREAD, 1, GUESTFS_ADD_DRIVE_OPTS_BLOCKSIZE, 4096, -1));
  show_int (g, "add_drive_opts discard=enable", guestfs_add_drive_opts (g, raw, GUESTFS_ADD_DRIVE_OPTS_FORMAT, "raw", GUESTFS_ADD_DRIVE_OPTS_DISCARD, "enable", -1));
  show_int (g, "add_drive_opts cachemode=writeback blocksize=512", guestfs_add_drive_opts (g, raw, GUESTFS_ADD_DRIVE_OPTS_FORMAT, "raw", GUESTFS_ADD_DRIVE_OPTS_CACHEMODE, "writeback", GUESTFS_ADD_DRIVE_OPTS_BLOCKSIZE, 512, -1));
  show_int (g, "add_drive_opts /dev/null", guestfs_add_drive_opts (g, "/dev/null", -1));
  show_int (g, "add_drive_opts /dev/null readonly", guestfs_add_drive_opts (g, "/dev/null", GUESTFS_ADD_DRIVE_OPTS_READONLY, 1, -1));
  show_int (g, "add_drive_opts /dev/null format=qcow2", guestfs_add_drive_opts (g, "/dev/null", GUESTFS_ADD_DRIVE_OPTS_FORMAT, "qcow2", -1));
  show_int (g, "add_drive_opts path with colon", guestfs_add_drive_opts (g, colon, GUESTFS_ADD_DRIVE_OPTS_FORMAT, "raw", -1));
  show_int (g, "add_drive_scratch 1M", guestfs_add_drive_scratch (g, 1024 * 1024, -1));
  show_int (g, "add_drive_scratch 1M label", guestfs_add_drive_scratch (g, 1024 * 1024, GUESTFS_ADD_DRIVE_SCRATCH_LABEL, "scr", GUESTFS_ADD_DRIVE_SCRATCH_NAME, "sdx", -1));
  show_int (g, "add_drive_scratch -1", guestfs_add_drive_scratch (g, -1, -1));
  show_int (g, "add_cdrom raw", guestfs_add_cdrom (g, raw));
  show_int (g, "add_drive_with_if raw ide", guestfs_add_drive_with_if (g, raw, "ide"));
  show_int (g, "add_drive_ro_with_if raw ide", guestfs_add_drive_ro_with_if (g, raw, "ide"));
  show_int (g, "add_drive_opts nbd localhost", guestfs_add_drive_opts (g, "export",
            GUESTFS_ADD_DRIVE_OPTS_FORMAT, "raw", GUESTFS_ADD_DRIVE_OPTS_PROTOCOL, "nbd",
            GUESTFS_ADD_DRIVE_OPTS_SERVER, servers1, -1));
  show_int (g, "add_drive_opts nbd no export name", guestfs_add_drive_opts (g, "",
            GUESTFS_ADD_DRIVE_OPTS_FORMAT, "raw", GUESTFS_ADD_DRIVE_OPTS_PROTOCOL, "nbd",
            GUESTFS_ADD_DRIVE_OPTS_SERVER, servers1, -1));
  show_int (g, "add_drive_opts rbd two servers", guestfs_add_drive_opts (g, "pool/img",
            GUESTFS_ADD_DRIVE_OPTS_FORMAT, "raw", GUESTFS_ADD_DRIVE_OPTS_PROTOCOL, "rbd",
            GUESTFS_ADD_DRIVE_OPTS_SERVER, servers2, GUESTFS_ADD_DRIVE_OPTS_USERNAME, "u",
            GUESTFS_ADD_DRIVE_OPTS_SECRET, "s", -1));
  show_int (g, "add_drive_opts ssh", guestfs_add_drive_opts (g, "/img",
            GUESTFS_ADD_DRIVE_OPTS_FORMAT, "raw", GUESTFS_ADD_DRIVE_OPTS_PROTOCOL, "ssh",
            GUESTFS_ADD_DRIVE_OPTS_SERVER, servers1, GUESTFS_ADD_DRIVE_OPTS_USERNAME, "root", -1));
  show_int (g, "add_drive_opts http", guestfs_add_drive_opts (g, "/img",
            GUESTFS_ADD_DRIVE_OPTS_FORMAT, "raw", GUESTFS_ADD_DRIVE_OPTS_PROTOCOL, "http",
            GUESTFS_ADD_DRIVE_OPTS_SERVER, servers1, -1));
  show_int (g, "add_drive_opts iscsi", guestfs_add_drive_opts (g, "iqn.2001-04.com.example/1",
            GUESTFS_ADD_DRIVE_OPTS_FORMAT, "raw", GUESTFS_ADD_DRIVE_OPTS_PROTOCOL, "iscsi",
            GUESTFS_ADD_DRIVE_OPTS_SERVER, servers1, -1));
  show_int (g, "add_drive_opts gluster", guestfs_add_drive_opts (g, "vol/img",
            GUESTFS_ADD_DRIVE_OPTS_FORMAT, "raw", GUESTFS_ADD_DRIVE_OPTS_PROTOCOL, "gluster",
            GUESTFS_ADD_DRIVE_OPTS_SERVER, servers1, -1));
  show_int (g, "add_drive_opts sheepdog", guestfs_add_drive_opts (g, "vol",
            GUESTFS_ADD_DRIVE_OPTS_FORMAT, "raw", GUESTFS_ADD_DRIVE_OPTS_PROTOCOL, "sheepdog", -1));
  guestfs_set_trace (g, 0);
  show_strings (g, "debug_drives", guestfs_debug_drives (g));
  show_int (g, "remove_drive hda", guestfs_remove_drive (g, "hda"));
  show_int (g, "remove_drive nosuch", guestfs_remove_drive (g, "nosuch"));
  guestfs_close (g);

  say ("-- invalid drives");
  g = traced_handle ();
  show_int (g, "add_drive missing", guestfs_add_drive (g, missing));
  show_int (g, "add_drive_ro missing", guestfs_add_drive_ro (g, missing));
  show_int (g, "add_drive directory", guestfs_add_drive_opts (g, dirpath, GUESTFS_ADD_DRIVE_OPTS_FORMAT, "raw", -1));
  show_int (g, "add_drive \"\"", guestfs_add_drive (g, ""));
  show_int (g, "format=\"bad!\"", guestfs_add_drive_opts (g, raw, GUESTFS_ADD_DRIVE_OPTS_FORMAT, "bad!", -1));
  show_int (g, "format=\"\"", guestfs_add_drive_opts (g, raw, GUESTFS_ADD_DRIVE_OPTS_FORMAT, "", -1));
  show_int (g, "format=nosuchformat", guestfs_add_drive_opts (g, raw, GUESTFS_ADD_DRIVE_OPTS_FORMAT, "nosuchformat", -1));
  show_int (g, "iface=\"x y\"", guestfs_add_drive_opts (g, raw, GUESTFS_ADD_DRIVE_OPTS_IFACE, "x y", -1));
  show_int (g, "name=\"a/b\"", guestfs_add_drive_opts (g, raw, GUESTFS_ADD_DRIVE_OPTS_NAME, "a/b", -1));
  show_int (g, "label=\"bad label\"", guestfs_add_drive_opts (g, raw, GUESTFS_ADD_DRIVE_OPTS_LABEL, "bad label", -1));
  show_int (g, "label=\"abc1\"", guestfs_add_drive_opts (g, raw, GUESTFS_ADD_DRIVE_OPTS_LABEL, "abc1", -1));
  show_int (g, "label 21 chars", guestfs_add_drive_opts (g, raw, GUESTFS_ADD_DRIVE_OPTS_LABEL, "abcdefghijklmnopqrstu", -1));
  show_int (g, "label=\"\"", guestfs_add_drive_opts (g, raw, GUESTFS_ADD_DRIVE_OPTS_LABEL, "", -1));
  show_int (g, "cachemode=bogus", guestfs_add_drive_opts (g, raw, GUESTFS_ADD_DRIVE_OPTS_CACHEMODE, "bogus", -1));
  show_int (g, "discard=bogus", guestfs_add_drive_opts (g, raw, GUESTFS_ADD_DRIVE_OPTS_DISCARD, "bogus", -1));
  show_int (g, "discard=enable readonly", guestfs_add_drive_opts (g, raw, GUESTFS_ADD_DRIVE_OPTS_DISCARD, "enable", GUESTFS_ADD_DRIVE_OPTS_READONLY, 1, -1));
  show_int (g, "blocksize=1000", guestfs_add_drive_opts (g, raw, GUESTFS_ADD_DRIVE_OPTS_BLOCKSIZE, 1000, -1));
  show_int (g, "blocksize=0", guestfs_add_drive_opts (g, raw, GUESTFS_ADD_DRIVE_OPTS_BLOCKSIZE, 0, -1));
  show_int (g, "protocol=bogus", guestfs_add_drive_opts (g, raw, GUESTFS_ADD_DRIVE_OPTS_PROTOCOL, "bogus", -1));
  show_int (g, "protocol=file with server", guestfs_add_drive_opts (g, raw, GUESTFS_ADD_DRIVE_OPTS_SERVER, servers1, -1));
  show_int (g, "protocol=file with username", guestfs_add_drive_opts (g, raw, GUESTFS_ADD_DRIVE_OPTS_USERNAME, "u", -1));
  show_int (g, "protocol=file with secret", guestfs_add_drive_opts (g, raw, GUESTFS_ADD_DRIVE_OPTS_SECRET, "s", -1));
  show_int (g, "protocol=nbd no server", guestfs_add_drive_opts (g, "x", GUESTFS_ADD_DRIVE_OPTS_PROTOCOL, "nbd", -1));
  show_int (g, "protocol=nbd empty server list", guestfs_add_drive_opts (g, "x", GUESTFS_ADD_DRIVE_OPTS_PROTOCOL, "nbd", GUESTFS_ADD_DRIVE_OPTS_SERVER, servers_empty, -1));
  show_int (g, "protocol=nbd two servers", guestfs_add_drive_opts (g, "x", GUESTFS_ADD_DRIVE_OPTS_PROTOCOL, "nbd", GUESTFS_ADD_DRIVE_OPTS_SERVER, servers2, -1));
  show_int (g, "protocol=nbd bad server", guestfs_add_drive_opts (g, "x", GUESTFS_ADD_DRIVE_OPTS_PROTOCOL, "nbd", GUESTFS_ADD_DRIVE_OPTS_SERVER, servers_bad, -1));
  show_int (g, "protocol=nbd username", guestfs_add_drive_opts (g, "x", GUESTFS_ADD_DRIVE_OPTS_PROTOCOL, "nbd", GUESTFS_ADD_DRIVE_OPTS_SERVER, servers1, GUESTFS_ADD_DRIVE_OPTS_USERNAME, "u", -1));
  show_int (g, "protocol=http no leading slash", guestfs_add_drive_opts (g, "img", GUESTFS_ADD_DRIVE_OPTS_PROTOCOL, "http", GUESTFS_ADD_DRIVE_OPTS_SERVER, servers1, -1));
  show_int (g, "protocol=rbd with leading slash", guestfs_add_drive_opts (g, "/pool/img", GUESTFS_ADD_DRIVE_OPTS_PROTOCOL, "rbd", -1));
  show_int (g, "protocol=gluster no volume", guestfs_add_drive_opts (g, "img", GUESTFS_ADD_DRIVE_OPTS_PROTOCOL, "gluster", GUESTFS_ADD_DRIVE_OPTS_SERVER, servers1, -1));
  show_int (g, "unknown optarg index 99", guestfs_add_drive_opts (g, raw, 99, -1));
  show_int (g, "repeated optarg", guestfs_add_drive_opts (g, raw, GUESTFS_ADD_DRIVE_OPTS_FORMAT, "raw", GUESTFS_ADD_DRIVE_OPTS_FORMAT, "raw", -1));
  {
    struct guestfs_add_drive_opts_argv argv = { .bitmask = UINT64_C(1) << 40 };
    show_int (g, "_argv with unknown bitmask bit", guestfs_add_drive_opts_argv (g, raw, &argv));
    argv.bitmask = GUESTFS_ADD_DRIVE_OPTS_FORMAT_BITMASK;
    argv.format = "raw";
    show_int (g, "_argv format=raw", guestfs_add_drive_opts_argv (g, raw, &argv));
    show_int (g, "_argv NULL optargs", guestfs_add_drive_opts_argv (g, raw, NULL));
  }
  guestfs_set_trace (g, 0);
  show_strings (g, "debug_drives", guestfs_debug_drives (g));
  guestfs_close (g);

  tl_system ("chmod 000 '%s'", raw);
  g = new_handle ();
  say ("-- unreadable file (as root access() still succeeds, so only its result is shown)");
  show_int (g, "add_drive chmod 000 file", guestfs_add_drive_opts (g, raw, GUESTFS_ADD_DRIVE_OPTS_FORMAT, "raw", -1));
  guestfs_close (g);
  tl_system ("chmod 644 '%s'", raw);
  (void) unreadable;
}

static void
disk_utils_section (void)
{
  guestfs_h *g = traced_handle ();
  char raw[512], qcow[512], out[512];
  const char *p;

  section ("library-side disk utilities");
  snprintf (raw, sizeof raw, "%s/disk.raw", tmpdir);
  snprintf (qcow, sizeof qcow, "%s/disk.qcow2", tmpdir);
  show_str (g, "disk_format raw", guestfs_disk_format (g, raw));
  show_str (g, "disk_format qcow2", guestfs_disk_format (g, qcow));
  show_str (g, "disk_format missing", guestfs_disk_format (g, "/nonexistent"));
  show_i64 (g, "disk_virtual_size raw", guestfs_disk_virtual_size (g, raw));
  show_i64 (g, "disk_virtual_size qcow2", guestfs_disk_virtual_size (g, qcow));
  show_int (g, "disk_has_backing_file qcow2", guestfs_disk_has_backing_file (g, qcow));
  snprintf (out, sizeof out, "%s/new.raw", tmpdir);
  show_int (g, "disk_create raw 64K", guestfs_disk_create (g, out, "raw", 65536, -1));
  show_i64 (g, "   size", guestfs_disk_virtual_size (g, out));
  snprintf (out, sizeof out, "%s/new.qcow2", tmpdir);
  show_int (g, "disk_create qcow2 backed by qcow2", guestfs_disk_create (g, out, "qcow2", -1,
            GUESTFS_DISK_CREATE_BACKINGFILE, qcow, GUESTFS_DISK_CREATE_BACKINGFORMAT, "qcow2", -1));
  show_int (g, "   has_backing_file", guestfs_disk_has_backing_file (g, out));
  show_int (g, "disk_create raw size -1", guestfs_disk_create (g, out, "raw", -1, -1));
  show_int (g, "disk_create raw with backingfile", guestfs_disk_create (g, out, "raw", 1024, GUESTFS_DISK_CREATE_BACKINGFILE, qcow, -1));
  show_int (g, "disk_create format bogus!", guestfs_disk_create (g, out, "bogus!", 1024, -1));
  show_int (g, "disk_create preallocation=bogus", guestfs_disk_create (g, out, "raw", 1024, GUESTFS_DISK_CREATE_PREALLOCATION, "bogus", -1));
  show_int (g, "disk_create qcow2 compat=bogus", guestfs_disk_create (g, out, "qcow2", 1024, GUESTFS_DISK_CREATE_COMPAT, "bogus", -1));
  show_int (g, "disk_create qcow2 clustersize=1000", guestfs_disk_create (g, out, "qcow2", 1024, GUESTFS_DISK_CREATE_CLUSTERSIZE, 1000, -1));
  snprintf (out, sizeof out, "%s/a:b", tmpdir);
  show_int (g, "disk_create filename with colon", guestfs_disk_create (g, out, "raw", 1024, -1));
  guestfs_set_trace (g, 0);
  p = guestfs_get_program (g);
  (void) p;
  guestfs_close (g);
}

/*------------------------------------------------- bindtests (GUESTFS_PRIVATE) */

static void
show_pv (const struct guestfs_lvm_pv *pv)
{
  say ("   pv name=\"%s\" uuid=\"%.32s\" fmt=\"%s\" size=%" PRIu64 " dev_size=%" PRIu64
       " free=%" PRIu64 " used=%" PRIu64 " attr=\"%s\" pe_count=%" PRIi64
       " pe_alloc=%" PRIi64 " tags=\"%s\" pe_start=%" PRIu64 " mda_count=%" PRIi64
       " mda_free=%" PRIu64,
       pv->pv_name, pv->pv_uuid, pv->pv_fmt, pv->pv_size, pv->dev_size, pv->pv_free,
       pv->pv_used, pv->pv_attr, pv->pv_pe_count, pv->pv_pe_alloc_count, pv->pv_tags,
       pv->pe_start, pv->pv_mda_count, pv->pv_mda_free);
}

static void
show_pv_list (guestfs_h *g, const char *what, struct guestfs_lvm_pv_list *l)
{
  if (l == NULL) {
    say ("%s -> NULL", what);
    show_error (g);
    return;
  }
  say ("%s -> %" PRIu32 " entries", what, l->len);
  for (uint32_t i = 0; i < l->len; i++)
    show_pv (&l->val[i]);
  {
    struct guestfs_lvm_pv_list *copy = guestfs_copy_lvm_pv_list (l);
    say ("   copy compares %s", copy && guestfs_compare_lvm_pv_list (l, copy) == 0 ? "equal" : "DIFFERENT");
    if (copy && copy->len > 0) {
      copy->val[0].pv_size++;
      say ("   after pv_size++ compare sign %d", guestfs_compare_lvm_pv_list (l, copy) < 0 ? -1 : 1);
    }
    guestfs_free_lvm_pv_list (copy);
  }
  guestfs_free_lvm_pv_list (l);
}

static void
show_test_output (const char *path)
{
  FILE *fp = fopen (path, "r");
  char line[4096];
  if (fp == NULL) {
    say ("   (no test output file)");
    return;
  }
  while (fgets (line, sizeof line, fp)) {
    line[strcspn (line, "\n")] = '\0';
    say ("   out: %s", line);
  }
  fclose (fp);
  unlink (path);
}

static void
bindtests_section (void)
{
  guestfs_h *g = traced_handle ();
  char out[512], big[300];
  const char *list2[] = { "1", "2", NULL };
  const char *empty[] = { NULL };
  const char *olist[] = { "a", "b c", "", NULL };
  size_t size;
  char *buf;

  section ("bindtests (internal_test*, GUESTFS_PRIVATE)");
  snprintf (out, sizeof out, "%s/bindtests.out", tmpdir);
  memset (big, 'x', sizeof big);
  big[5] = '\0'; big[6] = '\n'; big[7] = (char) 0xff;

  show_int (g, "internal_test_set_output", guestfs_internal_test_set_output (g, out));
  show_int (g, "internal_test plain", guestfs_internal_test (g, "abc", NULL, (char **) list2,
            0, 0, 0, "123", "456", "abc\0def", 7, -1));
  show_int (g, "internal_test all optargs", guestfs_internal_test (g, "", "def", (char **) empty,
            1, -1, INT64_C(-9223372036854775807) - 1, "", "", "", 0,
            GUESTFS_INTERNAL_TEST_OBOOL, 1, GUESTFS_INTERNAL_TEST_OINT, 2147483647,
            GUESTFS_INTERNAL_TEST_OINT64, INT64_C(9223372036854775807),
            GUESTFS_INTERNAL_TEST_OSTRING, "ostr \"q\"",
            GUESTFS_INTERNAL_TEST_OSTRINGLIST, olist, -1));
  show_int (g, "internal_test 300-byte buffer", guestfs_internal_test (g, "s", "", (char **) list2,
            0, 42, 42, "f", "f", big, sizeof big, GUESTFS_INTERNAL_TEST_OBOOL, 0, -1));
  show_int (g, "internal_test_63_optargs", guestfs_internal_test_63_optargs (g,
            GUESTFS_INTERNAL_TEST_63_OPTARGS_OPT1, 1, GUESTFS_INTERNAL_TEST_63_OPTARGS_OPT23, 23, -1));
  show_int (g, "internal_test_only_optargs", guestfs_internal_test_only_optargs (g,
            GUESTFS_INTERNAL_TEST_ONLY_OPTARGS_TEST, 7, -1));
  show_int (g, "internal_test_only_optargs none", guestfs_internal_test_only_optargs (g, -1));
  show_int (g, "internal_test_close_output", guestfs_internal_test_close_output (g));
  show_test_output (out);

  show_int (g, "rint 10", guestfs_internal_test_rint (g, "10"));
  show_int (g, "rinterr", guestfs_internal_test_rinterr (g));
  show_i64 (g, "rint64 -5", guestfs_internal_test_rint64 (g, "-5"));
  show_i64 (g, "rint64err", guestfs_internal_test_rint64err (g));
  show_int (g, "rbool true", guestfs_internal_test_rbool (g, "true"));
  show_int (g, "rbool false", guestfs_internal_test_rbool (g, "false"));
  show_int (g, "rboolerr", guestfs_internal_test_rboolerr (g));
  show_cstr (g, "rconststring", guestfs_internal_test_rconststring (g, "x"));
  show_cstr (g, "rconststringerr", guestfs_internal_test_rconststringerr (g));
  show_cstr (g, "rconstoptstring", guestfs_internal_test_rconstoptstring (g, "x"));
  show_cstr (g, "rconstoptstringerr", guestfs_internal_test_rconstoptstringerr (g));
  show_str (g, "rstring", guestfs_internal_test_rstring (g, "str"));
  show_str (g, "rstringerr", guestfs_internal_test_rstringerr (g));
  show_strings (g, "rstringlist 0", guestfs_internal_test_rstringlist (g, "0"));
  show_strings (g, "rstringlist 3", guestfs_internal_test_rstringlist (g, "3"));
  show_strings (g, "rstringlisterr", guestfs_internal_test_rstringlisterr (g));
  show_strings (g, "rhashtable 0", guestfs_internal_test_rhashtable (g, "0"));
  show_strings (g, "rhashtable 2", guestfs_internal_test_rhashtable (g, "2"));
  show_strings (g, "rhashtableerr", guestfs_internal_test_rhashtableerr (g));
  {
    struct guestfs_lvm_pv *pv = guestfs_internal_test_rstruct (g, "1");
    say ("rstruct 1 -> %s", pv ? "struct" : "NULL");
    if (pv) {
      show_pv (pv);
      guestfs_free_lvm_pv (pv);
    }
    else
      show_error (g);
    pv = guestfs_internal_test_rstructerr (g);
    say ("rstructerr -> %s", pv ? "struct" : "NULL");
    if (!pv) show_error (g);
    guestfs_free_lvm_pv (pv);
  }
  show_pv_list (g, "rstructlist 0", guestfs_internal_test_rstructlist (g, "0"));
  show_pv_list (g, "rstructlist 2", guestfs_internal_test_rstructlist (g, "2"));
  show_pv_list (g, "rstructlisterr", guestfs_internal_test_rstructlisterr (g));
  size = 99;
  buf = guestfs_internal_test_rbufferout (g, "buf", &size);
  say ("rbufferout -> %s size=%zu", buf ? "buffer" : "NULL", size);
  free (buf);
  size = 99;
  buf = guestfs_internal_test_rbufferouterr (g, &size);
  say ("rbufferouterr -> %s", buf ? "buffer" : "NULL");
  if (!buf) show_error (g);
  free (buf);
  show_int (g, "user_cancel (no lock, no ENTER, no trace)", guestfs_user_cancel (g));
  guestfs_set_trace (g, 0);
  guestfs_close (g);
}

static void
not_launched_section (void)
{
  guestfs_h *g = traced_handle ();
  char *s;
  char **l;
  section ("daemon calls before launch");
  show_int (g, "mount", guestfs_mount (g, "/dev/sda1", "/"));
  show_int (g, "mkdir", guestfs_mkdir (g, "/x"));
  show_int (g, "sync", guestfs_sync (g));
  show_int (g, "umount_all", guestfs_umount_all (g));
  show_int (g, "is_file", guestfs_is_file (g, "/x"));
  show_int (g, "is_file_opts", guestfs_is_file_opts (g, "/x", GUESTFS_IS_FILE_OPTS_FOLLOWSYMLINKS, 1, -1));
  show_int (g, "mkfs", guestfs_mkfs (g, "ext4", "/dev/sda1"));
  show_int (g, "mkfs_opts", guestfs_mkfs_opts (g, "ext4", "/dev/sda1", GUESTFS_MKFS_OPTS_BLOCKSIZE, 4096, -1));
  show_i64 (g, "filesize", guestfs_filesize (g, "/x"));
  l = guestfs_list_devices (g);
  show_strings (g, "list_devices", l);
  l = guestfs_ls (g, "/");
  show_strings (g, "ls", l);
  l = guestfs_inspect_os (g);
  show_strings (g, "inspect_os", l);
  s = guestfs_cat (g, "/etc/hostname");
  show_str (g, "cat", s);
  show_int (g, "download", guestfs_download (g, "/x", "/dev/null"));
  show_int (g, "upload", guestfs_upload (g, "/dev/null", "/x"));
  show_int (g, "upload missing local file", guestfs_upload (g, "/nonexistent", "/x"));
  show_int (g, "tar_out", guestfs_tar_out (g, "/", "/dev/null"));
  {
    struct guestfs_statns *st = guestfs_statns (g, "/");
    say ("statns -> %s", st ? "struct" : "NULL");
    if (!st) show_error (g);
    guestfs_free_statns (st);
  }
  {
    struct guestfs_partition_list *pl = guestfs_part_list (g, "/dev/sda");
    say ("part_list -> %s", pl ? "list" : "NULL");
    if (!pl) show_error (g);
    guestfs_free_partition_list (pl);
  }
  {
    size_t sz = 99;
    char *buf = guestfs_read_file (g, "/x", &sz);
    say ("read_file -> %s size=%zu", buf ? "buffer" : "NULL", sz);
    if (!buf) show_error (g);
    free (buf);
  }
  show_int (g, "available", guestfs_available (g, (char *[]) { "lvm2", NULL }));
  show_int (g, "feature_available", guestfs_feature_available (g, (char *[]) { "lvm2", NULL }));
  l = guestfs_list_filesystems (g);
  show_strings (g, "list_filesystems", l);
  show_int (g, "set_e2label (deprecated)", guestfs_set_e2label (g, "/dev/sda1", "x"));
  show_int (g, "write", guestfs_write (g, "/x", "abc", 3));
  l = guestfs_inspect_get_roots (g);
  show_strings (g, "inspect_get_roots", l);
  s = guestfs_inspect_get_type (g, "/dev/sda1");
  show_str (g, "inspect_get_type", s);
  show_int (g, "launch with no drives", guestfs_launch (g));
  show_int (g, "   get_state", guestfs_get_state (g));
  guestfs_set_trace (g, 0);
  guestfs_close (g);
}

static void
null_args_section (void)
{
  guestfs_h *g = traced_handle ();
  section ("NULL arguments");
  show_int (g, "add_drive NULL", guestfs_add_drive (g, NULL));
  show_int (g, "add_drive_opts format=NULL", guestfs_add_drive_opts (g, "/dev/null", GUESTFS_ADD_DRIVE_OPTS_FORMAT, NULL, -1));
  show_int (g, "add_drive_opts server=NULL", guestfs_add_drive_opts (g, "/dev/null", GUESTFS_ADD_DRIVE_OPTS_SERVER, NULL, -1));
  show_int (g, "mount NULL /", guestfs_mount (g, NULL, "/"));
  show_int (g, "mount /dev/sda1 NULL", guestfs_mount (g, "/dev/sda1", NULL));
  show_int (g, "set_hv NULL", guestfs_set_hv (g, NULL));
  show_int (g, "set_program NULL", guestfs_set_program (g, NULL));
  show_int (g, "set_identifier NULL", guestfs_set_identifier (g, NULL));
  show_int (g, "set_backend NULL", guestfs_set_backend (g, NULL));
  show_int (g, "set_attach_method NULL", guestfs_set_attach_method (g, NULL));
  show_int (g, "set_backend_settings NULL", guestfs_set_backend_settings (g, NULL));
  show_str (g, "get_backend_setting NULL", guestfs_get_backend_setting (g, NULL));
  show_int (g, "set_backend_setting NULL v", guestfs_set_backend_setting (g, NULL, "v"));
  show_int (g, "set_backend_setting n NULL", guestfs_set_backend_setting (g, "n", NULL));
  show_int (g, "clear_backend_setting NULL", guestfs_clear_backend_setting (g, NULL));
  show_int (g, "parse_environment_list NULL", guestfs_parse_environment_list (g, NULL));
  show_int (g, "set_tmpdir NULL (allowed)", guestfs_set_tmpdir (g, NULL));
  show_int (g, "set_cachedir NULL (allowed)", guestfs_set_cachedir (g, NULL));
  show_int (g, "set_path NULL (allowed)", guestfs_set_path (g, NULL));
  show_int (g, "available NULL", guestfs_available (g, NULL));
  show_int (g, "write NULL content", guestfs_write (g, "/x", NULL, 0));
  show_str (g, "disk_format NULL", guestfs_disk_format (g, NULL));
  show_int (g, "disk_create NULL", guestfs_disk_create (g, NULL, "raw", 1, -1));
  show_int (g, "disk_create NULL format", guestfs_disk_create (g, "/tmp/x", NULL, 1, -1));
  show_int (g, "upload NULL", guestfs_upload (g, NULL, "/x"));
  guestfs_set_trace (g, 0);
  guestfs_close (g);
}

int
main (void)
{
  tl_clear_guestfs_env ();
  tl_require_library_from_libdir ();
  tmpdir = tl_make_tmpdir ();
  setvbuf (stdout, NULL, _IOLBF, 0);

  version_section ();
  defaults_section ();
  setters_section ();
  backend_settings_section ();
  events_section ();
  old_callbacks_section ();
  event_to_string_section ();
  trace_to_stderr_section ();
  errors_section ();
  private_data_section ();
  environment_section ();
  drives_section ();
  disk_utils_section ();
  bindtests_section ();
  not_launched_section ();
  null_args_section ();

  say ("");
  say ("== end");
  /* After the last say (): normalise () reads tmpdir. */
  tl_rm_rf (tmpdir);
  free (tmpdir);
  tmpdir = NULL;
  return 0;
}
