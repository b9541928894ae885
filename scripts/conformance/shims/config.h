/* Stand-in for the config.h that libguestfs's configure generates.  The handle-level
 * tests under tests/c-api need only the feature-test macro and PACKAGE. */
#ifndef CONFORMANCE_CONFIG_H
#define CONFORMANCE_CONFIG_H
#ifndef _GNU_SOURCE
#define _GNU_SOURCE 1
#endif
#define PACKAGE "libguestfs"
#define PACKAGE_VERSION "1.48.6"
#endif
