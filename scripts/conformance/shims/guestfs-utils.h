/* Our own minimal version of the helpers that libguestfs's tests take from
 * common/utils: string comparison macros, CLEANUP_FREE and string-list freeing. */
#ifndef CONFORMANCE_GUESTFS_UTILS_H
#define CONFORMANCE_GUESTFS_UTILS_H
#include <stdlib.h>
#include <string.h>
#include <stdbool.h>

#define STREQ(a, b) (strcmp ((a), (b)) == 0)
#define STRNEQ(a, b) (strcmp ((a), (b)) != 0)
#define STRPREFIX(a, b) (strncmp ((a), (b), strlen ((b))) == 0)
#define STREQLEN(a, b, n) (strncmp ((a), (b), (n)) == 0)

#ifndef MIN
#define MIN(a, b) ((a) < (b) ? (a) : (b))
#endif
#ifndef MAX
#define MAX(a, b) ((a) > (b) ? (a) : (b))
#endif

static inline void
conformance_cleanup_free (void *ptr)
{
  free (*(void **) ptr);
}
#define CLEANUP_FREE __attribute__((cleanup (conformance_cleanup_free)))

static inline void
guestfs_int_free_string_list (char **argv)
{
  if (argv == NULL)
    return;
  for (size_t i = 0; argv[i] != NULL; ++i)
    free (argv[i]);
  free (argv);
}

static inline void
conformance_cleanup_free_string_list (char ***ptr)
{
  guestfs_int_free_string_list (*ptr);
}
#define CLEANUP_FREE_STRING_LIST __attribute__((cleanup (conformance_cleanup_free_string_list)))

/* tests-main.c includes <pcre2.h> before this header and frees its match data with
 * CLEANUP_PCRE2_MATCH_DATA_FREE; other tests never see pcre2. */
#ifdef PCRE2_MAJOR
static inline void
conformance_cleanup_pcre2_match_data_free (void *ptr)
{
  pcre2_match_data *data = *(pcre2_match_data **) ptr;
  if (data)
    pcre2_match_data_free (data);
}
#define CLEANUP_PCRE2_MATCH_DATA_FREE __attribute__((cleanup (conformance_cleanup_pcre2_match_data_free)))
#endif
#endif
