#!/usr/bin/env python3
"""Writes a small PE32 file standing in for Windows' explorer.exe: no code, one .rsrc
section holding the bitmap resources 1.48's inspect_get_icon looks for (RT_BITMAP 143
for XP, 6801 for 7), drawn here as a colour pattern at the given bit depth. Written
independently of the library's own PE reader and its test helper, so the two cross-check.

    make-explorer-exe.py DEPTH OUTPUT        DEPTH: 1, 4, 8, 24 or 32
"""
import struct
import sys

WIDTH, HEIGHT = 48, 64  # taller than the 55 rows 1.48 keeps for Windows 7


def pixel(x, y):
    """A pattern with stripes, a gradient and a diagonal, so a flipped or shifted image
    cannot match."""
    r = (x * 5) & 0xFF
    g = (y * 4) & 0xFF
    b = 255 if x == y else (0 if (x // 4 + y // 4) % 2 else 128)
    return r, g, b


def palette(depth):
    n = 1 << depth
    if depth == 1:
        return [(0, 0, 0), (255, 255, 255)]
    return [((i * 37) & 0xFF, (i * 91) & 0xFF, (i * 53) & 0xFF) for i in range(n)]


def dib(depth):
    stride = (WIDTH * depth + 31) // 32 * 4
    header = struct.pack("<IiiHHIIiiII", 40, WIDTH, HEIGHT, 1, depth, 0, stride * HEIGHT, 2835, 2835, 0, 0)
    pal = palette(depth) if depth <= 8 else []
    body = b"".join(struct.pack("BBBB", b, g, r, 0) for r, g, b in pal)
    for y in reversed(range(HEIGHT)):  # bottom-up
        row = bytearray()
        if depth <= 8:
            bits, acc, nbits = depth, 0, 0
            for x in range(WIDTH):
                index = (x + 3 * y) % len(pal) if depth > 1 else (x + y) % 2
                acc = (acc << bits) | index
                nbits += bits
                if nbits == 8:
                    row.append(acc)
                    acc, nbits = 0, 0
            if nbits:
                row.append(acc << (8 - nbits))
        else:
            for x in range(WIDTH):
                r, g, b = pixel(x, y)
                row += bytes((b, g, r)) + (bytes((0xFF if x % 3 else 0x40,)) if depth == 32 else b"")
        row += b"\0" * (stride - len(row))
        body += bytes(row)
    return header + body


def pe(resources):
    """resources: list of (type, id, bytes)."""
    rva0, falign = 0x1000, 0x200
    types = sorted({t for t, _, _ in resources})
    dirsize = lambda n: 16 + 8 * n
    root = dirsize(len(types))
    name_dirs, off = {}, root
    for t in types:
        name_dirs[t] = off
        off += dirsize(sum(1 for r in resources if r[0] == t))
    lang_dirs = off
    entries = lang_dirs + dirsize(1) * len(resources)
    data_at = entries + 16 * len(resources)
    offsets, d = [], data_at
    for _, _, blob in resources:
        offsets.append(d)
        d += (len(blob) + 7) // 8 * 8
    rsrc = bytearray(d)

    def directory(at, items):
        struct.pack_into("<IIHHHH", rsrc, at, 0, 0, 0, 0, 0, len(items))
        for i, (name, target) in enumerate(items):
            struct.pack_into("<II", rsrc, at + 16 + 8 * i, name, target)

    directory(0, [(t, 0x80000000 | name_dirs[t]) for t in types])
    for t in types:
        directory(name_dirs[t], [(rid, 0x80000000 | (lang_dirs + dirsize(1) * i))
                                 for i, (rt, rid, _) in enumerate(resources) if rt == t])
    for i, (_, _, blob) in enumerate(resources):
        directory(lang_dirs + dirsize(1) * i, [(0x409, entries + 16 * i)])
        struct.pack_into("<IIII", rsrc, entries + 16 * i, rva0 + offsets[i], len(blob), 0, 0)
        rsrc[offsets[i]:offsets[i] + len(blob)] = blob
    raw = (len(rsrc) + falign - 1) // falign * falign
    rsrc += b"\0" * (raw - len(rsrc))

    dos = bytearray(0x80)
    dos[0:2] = b"MZ"
    struct.pack_into("<I", dos, 0x3C, 0x80)
    coff = struct.pack("<HHIIIHH", 0x14C, 1, 0, 0, 0, 224, 0x0102)
    opt = bytearray(224)
    struct.pack_into("<HBB", opt, 0, 0x10B, 14, 0)
    struct.pack_into("<I", opt, 28, 0x400000)          # image base
    struct.pack_into("<II", opt, 32, 0x1000, falign)   # section, file alignment
    struct.pack_into("<HH", opt, 40, 5, 1)             # OS version
    struct.pack_into("<HH", opt, 48, 5, 1)             # subsystem version
    struct.pack_into("<II", opt, 56, rva0 + (raw + 0xFFF) // 0x1000 * 0x1000, falign)
    struct.pack_into("<H", opt, 68, 2)                 # Windows GUI
    struct.pack_into("<I", opt, 92, 16)                # data directories
    struct.pack_into("<II", opt, 96 + 2 * 8, rva0, d)  # resource table
    section = struct.pack("<8sIIIIIIHHI", b".rsrc", d, rva0, raw, falign, 0, 0, 0, 0, 0x40000040)
    head = bytes(dos) + b"PE\0\0" + coff + bytes(opt) + section
    return head + b"\0" * (falign - len(head)) + bytes(rsrc)


def main():
    depth, out = int(sys.argv[1]), sys.argv[2]
    bitmap = dib(depth)
    # A string-named resource type and an icon alongside, which the reader must skip.
    with open(out, "wb") as f:
        f.write(pe([(2, 143, bitmap), (2, 6801, bitmap), (3, 1, b"\0" * 40)]))


if __name__ == "__main__":
    main()
