#!/usr/bin/env python3
"""Writes a crafted Windows SOFTWARE hive (valid for hivex: header checksum, one hbin,
8-byte aligned cells) whose Uninstall key holds an application with a "hive bomb": its
Comments value is a big-data value whose segment list names the same 16 KiB block
65 535 times (about 1 GiB once assembled, from a ~300 KB file), and its value list
names that value again and again. Microsoft\\Windows NT\\CurrentVersion gives a product
name so inspection has something to find.

    make-hive-bomb.py OUTPUT
"""
import struct
import sys

SEG = 16344


class Hive:
    def __init__(self):
        self.bin = bytearray(32)  # the hbin header, filled in by write()

    def cell(self, payload):
        off = len(self.bin)
        size = (len(payload) + 4 + 7) & ~7
        self.bin += struct.pack("<i", -size) + payload
        self.bin += bytes(off + size - len(self.bin))
        return off

    def nk(self, name, subkeys=(), values=(), root=False):
        sub = self.lf(subkeys) if subkeys else 0xFFFFFFFF
        vals = self.cell(b"".join(struct.pack("<I", v) for v in values)) if values else 0xFFFFFFFF
        c = bytearray(0x4C)
        c[0:2] = b"nk"
        struct.pack_into("<H", c, 2, 0x20 | (0x0C if root else 0))
        struct.pack_into("<I", c, 0x14, len(subkeys))
        struct.pack_into("<I", c, 0x1C, sub)
        struct.pack_into("<I", c, 0x20, 0xFFFFFFFF)
        struct.pack_into("<I", c, 0x24, len(values))
        struct.pack_into("<I", c, 0x28, vals)
        struct.pack_into("<I", c, 0x2C, 0xFFFFFFFF)
        struct.pack_into("<I", c, 0x30, 0xFFFFFFFF)
        struct.pack_into("<H", c, 0x48, len(name))
        off = self.cell(bytes(c) + name.encode("latin-1"))
        for child, _ in subkeys:
            # The parent field of each child (cell payload starts 4 bytes in).
            struct.pack_into("<I", self.bin, child + 4 + 0x10, off)
        return off

    def lf(self, keys):
        body = b"lf" + struct.pack("<H", len(keys))
        for off, name in keys:
            body += struct.pack("<I", off) + name.encode("latin-1")[:4].ljust(4, b"\0")
        return self.cell(body)

    def vk(self, name, typ, data_len, data_off):
        c = bytearray(0x14)
        c[0:2] = b"vk"
        struct.pack_into("<HIIIH", c, 2, len(name), data_len, data_off, typ, 1)
        return self.cell(bytes(c) + name.encode("latin-1"))

    def sz(self, name, text):
        data = (text + "\0").encode("utf-16-le")
        return self.vk(name, 1, len(data), self.cell(data))

    def write(self, path, root):
        free = (-len(self.bin)) % 4096 or 4096
        self.bin += struct.pack("<i", free) + bytes(free - 4)
        self.bin[0:32] = b"hbin" + struct.pack("<III", 0, len(self.bin), 0) + bytes(16)
        h = bytearray(4096)
        h[0:4] = b"regf"
        struct.pack_into("<IIQIIIIIII", h, 4, 1, 1, 0, 1, 3, 0, 1, root, len(self.bin), 1)
        csum = 0
        for i in range(0, 0x1FC, 4):
            csum ^= struct.unpack_from("<I", h, i)[0]
        struct.pack_into("<I", h, 0x1FC, csum)
        with open(path, "wb") as f:
            f.write(bytes(h) + bytes(self.bin))


h = Hive()
# The bomb: one 16 KiB block, named 65 535 times by a big-data segment list.
block = h.cell(b"\x41\x00" * (SEG // 2))
segs = h.cell(struct.pack("<I", block) * 65535)
db = h.cell(b"db" + struct.pack("<HI", 65535, segs))
bomb = h.vk("Comments", 1, 65535 * SEG, db)
app = h.nk("BombApp", values=[h.sz("DisplayName", "Bomb"), h.sz("DisplayVersion", "1.0")] + [bomb] * 4096)
plain = h.nk("PlainApp", values=[h.sz("DisplayName", "Plain"), h.sz("Publisher", "guestfs-rs tests")])
uninstall = h.nk("Uninstall", subkeys=[(app, "Bomb"), (plain, "Plai")])
cv = h.nk("CurrentVersion", subkeys=[(uninstall, "Unin")])
windows = h.nk("Windows", subkeys=[(cv, "Curr")])
ntcv = h.nk("CurrentVersion", values=[h.sz("ProductName", "Windows Hostile"), h.sz("CurrentVersion", "6.1")])
nt = h.nk("Windows NT", subkeys=[(ntcv, "Curr")])
ms = h.nk("Microsoft", subkeys=[(windows, "Wind"), (nt, "Wind")])
root = h.nk("ROOT", subkeys=[(ms, "Micr")], root=True)
h.write(sys.argv[1], root)
