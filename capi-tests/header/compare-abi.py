#!/usr/bin/env python3
"""Compares the C ABI that the header under test declares with libguestfs 1.48's header.

  compare-abi.py REF_INCLUDE_DIR OUT_DIR CC CFLAGS...

Generates two C programs from the reference header's text and compiles them against
the header under test (CFLAGS locate it):
  * prototypes.c: a _Static_assert per exported function that its type is exactly the
    reference prototype (return type, parameter types, varargs), plus the callback
    typedefs;
  * layout.c: prints sizeof of every struct and offsetof/sizeof of each member; it is
    built against both headers and the outputs must match.
Exit status 0 when everything matches; differences are printed."""
import os
import re
import subprocess
import sys

ref_inc, out_dir, cc, *cflags = sys.argv[1:]
text = open(os.path.join(ref_inc, "guestfs.h"), encoding="utf-8").read()
# Comments and preprocessor lines are not declarations.
text = re.sub(r"/\*.*?\*/", " ", text, flags=re.S)
lines = [l for l in text.split("\n") if not l.lstrip().startswith("#")]
flat = "\n".join(lines)

protos = []
for m in re.finditer(r"extern\s+GUESTFS_DLL_PUBLIC\s+([^;]*?)\b(guestfs_\w+)\s*\(([^;]*?)\)\s*(GUESTFS_\w+(?:\s*\([^)]*\))?)?\s*;", flat, flags=re.S):
    ret, name, params = m.group(1).strip(), m.group(2), " ".join(m.group(3).split())
    protos.append((name, ret, params))
typedefs = re.findall(r"typedef\s+(\w[\w\s\*]*?)\(\s*\*\s*(guestfs_\w+)\s*\)\s*\(([^;]*?)\)\s*(GUESTFS_NORETURN)?\s*;", flat, flags=re.S)

structs = []
for m in re.finditer(r"struct\s+(guestfs_\w+)\s*\{([^}]*)\}\s*;", flat):
    members = []
    for decl in m.group(2).split(";"):
        decl = decl.strip()
        if not decl:
            continue
        decl = re.sub(r"\[[^\]]*\]", "", decl)
        members.append(re.findall(r"\w+", decl)[-1])
    structs.append((m.group(1), members))

os.makedirs(out_dir, exist_ok=True)
with open(os.path.join(out_dir, "prototypes.c"), "w") as f:
    f.write("#define GUESTFS_PRIVATE 1\n#define GUESTFS_NO_WARN_DEPRECATED 1\n#include <guestfs.h>\n")
    for name, ret, params in protos:
        f.write(f"_Static_assert (__builtin_types_compatible_p (__typeof__ (&{name}), {ret} (*) ({params})), \"prototype of {name}\");\n")
    for ret, name, params, attr in typedefs:
        params = " ".join(params.split())
        # Attributes such as noreturn are part of the type, and only a typedef can carry them.
        f.write(f"typedef {ret.strip()} (*ref_{name}) ({params}) {attr};\n")
        f.write(f"_Static_assert (__builtin_types_compatible_p ({name}, ref_{name}), \"typedef {name}\");\n")
    f.write("int main (void) { return 0; }\n")
with open(os.path.join(out_dir, "layout.c"), "w") as f:
    f.write("#define GUESTFS_PRIVATE 1\n#include <stddef.h>\n#include <stdio.h>\n#include <guestfs.h>\nint main (void) {\n")
    for name, members in structs:
        f.write(f"  printf (\"struct {name} size %zu align %zu\\n\", sizeof (struct {name}), _Alignof (struct {name}));\n")
        for mem in members:
            f.write(f"  printf (\"  {name}.{mem} offset %zu size %zu\\n\", offsetof (struct {name}, {mem}), sizeof (((struct {name} *) 0)->{mem}));\n")
    f.write("  return 0;\n}\n")

status = 0
print(f"{len(protos)} prototypes, {len(typedefs)} callback typedefs, {len(structs)} structs in 1.48's header")
r = subprocess.run([cc, "-std=gnu11", "-fsyntax-only", "-fmax-errors=200", *cflags,
                    os.path.join(out_dir, "prototypes.c")], capture_output=True, text=True)
if r.returncode != 0:
    status = 1
    errs = [l for l in r.stderr.splitlines() if "error:" in l]
    print(f"prototype mismatches ({len(errs)} errors):")
    for l in errs[:100]:
        print("  " + l.split("error:", 1)[1].strip())

outputs = {}
for side, flags in (("ref", ["-I" + ref_inc]), ("ours", cflags)):
    exe = os.path.join(out_dir, "layout." + side)
    r = subprocess.run([cc, "-std=gnu11", "-w", *flags, os.path.join(out_dir, "layout.c"), "-o", exe],
                       capture_output=True, text=True)
    if r.returncode != 0:
        status = 1
        print(f"layout program does not compile against the {side} header:")
        print("\n".join("  " + l for l in r.stderr.splitlines()[:40]))
        continue
    outputs[side] = subprocess.run([exe], capture_output=True, text=True).stdout.splitlines()
if len(outputs) == 2 and outputs["ref"] != outputs["ours"]:
    status = 1
    print("struct layouts differ (- 1.48, + ours):")
    import difflib
    for l in list(difflib.unified_diff(outputs["ref"], outputs["ours"], lineterm="", n=1))[2:102]:
        print("  " + l)
sys.exit(status)
