/* add_libvirt_dom from C with a virDomainPtr the caller got from libvirt itself, as a
 * program linking both libraries does (virt-df without -d does the same).  Prints one
 * line per check; tests/tools/libvirt.sh runs it over guestfs-rs and over libguestfs
 * 1.48.6 and compares the two transcripts.
 *
 *   libvirt-dom URI DOMAIN RUNNING-DOMAIN MULTI-DOMAIN
 *
 * DOMAIN: shut off, one disk holding a Debian guest; RUNNING-DOMAIN: running, no disks;
 * MULTI-DOMAIN: shut off, three disks, the third marked <readonly/>.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <libvirt/libvirt.h>
#include <guestfs.h>

static void
print_error (const char *what, guestfs_h *g, int r)
{
  const char *e = guestfs_last_error (g);
  printf ("%s: r=%d error=%s\n", what, r, e ? e : "(none)");
}

static void
print_drives (const char *what, guestfs_h *g)
{
  char **d = guestfs_debug_drives (g);
  size_t n = 0;
  if (d == NULL) {
    print_error (what, g, -1);
    return;
  }
  for (; d[n]; n++) {
    printf ("%s: drive %zu: %s\n", what, n, strstr (d[n], " readonly") ? "readonly" : "read-write");
    free (d[n]);
  }
  free (d);
  printf ("%s: %zu drives\n", what, n);
}

static virDomainPtr
lookup (virConnectPtr conn, const char *name)
{
  virDomainPtr dom = virDomainLookupByName (conn, name);
  if (dom == NULL) {
    fprintf (stderr, "libvirt-dom: no domain %s\n", name);
    exit (2);
  }
  return dom;
}

int
main (int argc, char *argv[])
{
  if (argc != 5) {
    fprintf (stderr, "usage: %s URI DOMAIN RUNNING-DOMAIN MULTI-DOMAIN\n", argv[0]);
    return 2;
  }
  virConnectPtr conn = virConnectOpen (argv[1]);
  if (conn == NULL) {
    fprintf (stderr, "libvirt-dom: cannot connect to %s\n", argv[1]);
    return 2;
  }
  virDomainPtr dom = lookup (conn, argv[2]);
  virDomainPtr running = lookup (conn, argv[3]);
  virDomainPtr multi = lookup (conn, argv[4]);

  /* A running domain opened for writing is refused, and nothing is added. */
  guestfs_h *g = guestfs_create ();
  if (g == NULL) return 2;
  guestfs_set_error_handler (g, NULL, NULL);
  /* A NULL domain is refused before libvirt sees it. */
  int r = guestfs_add_libvirt_dom (g, NULL, GUESTFS_ADD_LIBVIRT_DOM_READONLY, 1, -1);
  print_error ("NULL domain", g, r);
  r = guestfs_add_libvirt_dom (g, running, -1);
  print_error ("running, read-write", g, r);
  r = guestfs_add_libvirt_dom (g, running, GUESTFS_ADD_LIBVIRT_DOM_READONLY, 1, -1);
  print_error ("running, read-only", g, r);
  print_drives ("running", g);
  guestfs_close (g);

  /* readonlydisk modes on the multi-disk domain, read-write: all or nothing. */
  const char *modes[] = { "error", "read", "write", "ignore" };
  for (size_t i = 0; i < 4; i++) {
    char what[64];
    g = guestfs_create ();
    if (g == NULL) return 2;
    guestfs_set_error_handler (g, NULL, NULL);
    r = guestfs_add_libvirt_dom (g, multi, GUESTFS_ADD_LIBVIRT_DOM_READONLYDISK, modes[i], -1);
    snprintf (what, sizeof what, "multi readonlydisk=%s", modes[i]);
    if (r == -1)
      print_error (what, g, r);
    else
      printf ("%s: r=%d\n", what, r);
    print_drives (what, g);
    guestfs_close (g);
  }

  /* The Debian guest, read-only: launch and look inside. */
  g = guestfs_create ();
  if (g == NULL) return 2;
  r = guestfs_add_libvirt_dom (g, dom, GUESTFS_ADD_LIBVIRT_DOM_READONLY, 1, -1);
  printf ("debian, read-only: r=%d\n", r);
  /* The caller still owns its domain object: it must still be usable. */
  printf ("caller's domain still valid: %s\n", virDomainGetName (dom));
  if (r != 1 || guestfs_launch (g) == -1) {
    print_error ("launch", g, -1);
    return 1;
  }
  char **devs = guestfs_list_devices (g);
  for (size_t i = 0; devs && devs[i]; i++) {
    printf ("device: %s\n", devs[i]);
    free (devs[i]);
  }
  free (devs);
  char **roots = guestfs_inspect_os (g);
  for (size_t i = 0; roots && roots[i]; i++) {
    char *d = guestfs_inspect_get_distro (g, roots[i]);
    printf ("root: %s distro=%s\n", roots[i], d ? d : "?");
    free (d);
    free (roots[i]);
  }
  free (roots);
  guestfs_close (g);

  virDomainFree (dom);
  virDomainFree (running);
  virDomainFree (multi);
  virConnectClose (conn);
  printf ("done\n");
  return 0;
}
