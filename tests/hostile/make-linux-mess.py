#!/usr/bin/env python3
"""Lays out a hostile Linux root in DIR (then packed with mke2fs -d, which walks it
with chdir, so nothing here is limited by PATH_MAX):

  /etc/os-release        a symlink to itself (a loop)
  /etc/redhat-release    a two-symlink loop
  /etc/lsb-release, /etc/hostname, /etc/sysconfig/network
                         absolute symlinks to /
  /etc/machine-id        a symlink to /proc/self/environ (the guest has no /proc)
  /etc/debian_version    a real file, so inspection still finds Debian
  /etc/fstab             a million lines naming devices that do not exist
  /names/                file names with a newline, with invalid UTF-8, 255 bytes long
  /deep/d/d/...          10 000 nested directories
  /sparse                a 1 TiB sparse file

    make-linux-mess.py DIR
"""
import os
import sys

root = sys.argv[1]
os.makedirs(root)
for d in ("etc/sysconfig", "bin", "usr/bin", "names", "deep"):
    os.makedirs(os.path.join(root, d))
open(os.path.join(root, "bin/sh"), "w").close()
etc = os.path.join(root, "etc")
os.symlink("os-release", os.path.join(etc, "os-release"))
os.symlink("/etc/loop-b", os.path.join(etc, "redhat-release"))
os.symlink("/etc/redhat-release", os.path.join(etc, "loop-b"))
for link in ("lsb-release", "hostname", "sysconfig/network"):
    os.symlink("/", os.path.join(etc, link))
os.symlink("/proc/self/environ", os.path.join(etc, "machine-id"))
with open(os.path.join(etc, "debian_version"), "w") as f:
    f.write("12.1\n")
with open(os.path.join(etc, "fstab"), "w") as f:
    f.write("/dev/sda / ext4 defaults 0 1\n")
    for i in range(1000000):
        f.write(f"LABEL=nothing{i} /m{i} ext4 defaults 0 2\n")
names = os.path.join(root, "names").encode()
for name in (b"new\nline", b"\nleading", b"bad\xff\xfeutf8", b"\xc3", b"x" * 255, b"tab\tand space "):
    open(os.path.join(names, name), "w").close()
here = os.getcwd()
os.chdir(os.path.join(root, "deep"))
for _ in range(10000):
    os.mkdir("d")
    os.chdir("d")
os.chdir(here)
with open(os.path.join(root, "sparse"), "w") as f:
    f.truncate(1 << 40)
