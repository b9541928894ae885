# Parses the combined stdout+stderr of libguestfs's generated C API test program
# (tests.c + tests-main.c).  The program prints, for each test in order,
#     "%3zu/%3zu test_name"                                  (the header)
#     "        test_name skipped (reason: ...)"              (when skipped)
#     "FAIL: test_name"                                      (after a failed test)
# with the library's and the checks' messages on stderr in between.  Output, one record
# per test seen, in order (tab-separated):
#     PASS <name>            a later header started, so this test returned 0
#     FAIL <name>
#     SKIP <name> <reason>
#     OPEN <name>            the log ended inside this test: the caller decides whether it
#                            passed (program exited normally) or died
#     DETAIL <name> <line>   a message printed while the test ran (stderr or stdout)
#     SETUP <line>           a line printed before the first test (launch, fixtures)

function close_current(status) {
  if (current == "") return
  if (status == "") status = "PASS"
  print status "\t" current
  current = ""
}

/^ *[0-9]+\/ *[0-9]+ test_[A-Za-z0-9_]+$/ {
  # A new header: the previous test, if still open, passed.
  if (current != "" && !closed) close_current("PASS")
  current = $2; closed = 0
  next
}

current != "" && /^FAIL: test_[A-Za-z0-9_]+$/ && $2 == current {
  print "FAIL\t" current; closed = 1
  next
}

current != "" && $0 ~ ("^ +" current " skipped \\(reason: ") {
  reason = $0
  sub(/^ +[^ ]+ skipped \(reason: /, "", reason)
  sub(/\)$/, "", reason)
  print "SKIP\t" current "\t" reason; closed = 1
  next
}

{
  if (current == "") print "SETUP\t" $0
  else if (!closed) print "DETAIL\t" current "\t" $0
}

END {
  if (current != "" && !closed) print "OPEN\t" current
}
