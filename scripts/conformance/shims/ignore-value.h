/* Our stand-in for gnulib's ignore-value.h: discard a result without a warning. */
#ifndef CONFORMANCE_IGNORE_VALUE_H
#define CONFORMANCE_IGNORE_VALUE_H
#define ignore_value(x) ((void) (x))
#endif
