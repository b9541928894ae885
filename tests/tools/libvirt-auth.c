/* add_domain on a libvirt URI that asks for credentials, answered by the caller's
 * GUESTFS_EVENT_LIBVIRT_AUTH handler (set_libvirt_supported_credentials, then
 * get_libvirt_requested_credential* / set_libvirt_requested_credential inside the
 * handler).  Prints one line per step; tests/tools/libvirt.sh runs it over guestfs-rs and
 * over libguestfs 1.48.6 and compares the transcripts.
 *
 *   libvirt-auth URI DOMAIN
 *
 * URI: libvirt's test driver with an <auth> section (user "alice" with password
 * "s3cret", user "bob" without one).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <guestfs.h>

struct answer {
  const char *user;
  const char *password;
};

static void
on_auth (guestfs_h *g, void *opaque, uint64_t event, int eh, int flags,
         const char *buf, size_t buf_len, const uint64_t *array, size_t array_len)
{
  const struct answer *a = opaque;
  char **creds = guestfs_get_libvirt_requested_credentials (g);
  if (creds == NULL) {
    printf ("  handler: get_libvirt_requested_credentials failed: %s\n", guestfs_last_error (g));
    return;
  }
  printf ("  handler: event for URI %.*s\n", (int) buf_len, buf);
  for (size_t i = 0; creds[i]; i++) {
    char *prompt = guestfs_get_libvirt_requested_credential_prompt (g, i);
    char *defresult = guestfs_get_libvirt_requested_credential_defresult (g, i);
    printf ("  handler: credential %zu: %s, prompt %s, default %s\n", i, creds[i],
            prompt && *prompt ? "given" : "empty", defresult ? defresult : "(error)");
    free (prompt);
    free (defresult);
    const char *reply = strcmp (creds[i], "authname") == 0 ? a->user : a->password;
    if (reply && guestfs_set_libvirt_requested_credential (g, i, reply, strlen (reply)) == -1)
      printf ("  handler: set failed: %s\n", guestfs_last_error (g));
    free (creds[i]);
  }
  free (creds);
  char *p = guestfs_get_libvirt_requested_credential_prompt (g, 99);
  printf ("  handler: index 99: %s\n", p ? p : guestfs_last_error (g));
  free (p);
}

static void
attempt (const char *uri, const char *dom, const char *user, const char *password)
{
  struct answer a = { user, password };
  const char *creds[] = { "authname", "passphrase", "noechoprompt", NULL };
  guestfs_h *g = guestfs_create ();
  if (g == NULL) exit (2);
  guestfs_set_error_handler (g, NULL, NULL);
  if (guestfs_set_libvirt_supported_credentials (g, (char **) creds) == -1 ||
      guestfs_set_event_callback (g, on_auth, GUESTFS_EVENT_LIBVIRT_AUTH, 0, &a) == -1)
    exit (2);
  printf ("user %s, password %s:\n", user, password ? password : "(none)");
  int r = guestfs_add_domain (g, dom, GUESTFS_ADD_DOMAIN_LIBVIRTURI, uri,
                              GUESTFS_ADD_DOMAIN_READONLY, 1, -1);
  if (r == -1)
    printf ("  add_domain: error: %s\n", guestfs_last_error (g));
  else
    printf ("  add_domain: %d disk(s)\n", r);
  guestfs_close (g);
}

int
main (int argc, char *argv[])
{
  if (argc != 3) {
    fprintf (stderr, "usage: %s URI DOMAIN\n", argv[0]);
    return 2;
  }
  guestfs_h *g = guestfs_create ();
  if (g == NULL) return 2;
  guestfs_set_error_handler (g, NULL, NULL);
  char **c = guestfs_get_libvirt_requested_credentials (g);
  printf ("outside a handler: %s\n", c ? "a list (wrong)" : guestfs_last_error (g));
  const char *bad[] = { "authname", "telepathy", NULL };
  if (guestfs_set_libvirt_supported_credentials (g, (char **) bad) == -1)
    printf ("unknown type: %s\n", guestfs_last_error (g));
  guestfs_close (g);

  attempt (argv[1], argv[2], "alice", "s3cret");
  attempt (argv[1], argv[2], "alice", "wrong");
  attempt (argv[1], argv[2], "bob", NULL);
  attempt (argv[1], argv[2], "mallory", "s3cret");
  return 0;
}
