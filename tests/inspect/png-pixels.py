#!/usr/bin/env python3
"""Decodes a PNG (any colour type, bit depth 1-8, palette, all five filters; not
interlaced) with python's zlib, checking every chunk's CRC, and prints
"WIDTH x HEIGHT COLOURTYPE/DEPTH SHA256-OF-RGB-PIXELS", so two PNGs that encode the same
picture differently (netpbm's and guestfs-rs's) print the same size and digest.
An empty file prints "empty"; a file that is not a valid PNG exits 1.

    png-pixels.py FILE
"""
import hashlib
import struct
import sys
import zlib


def fail(msg):
    print("invalid PNG: " + msg)
    sys.exit(1)


def main():
    data = open(sys.argv[1], "rb").read()
    if not data:
        print("empty")
        return
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        fail("signature")
    pos, idat, plte, ihdr = 8, b"", None, None
    while True:
        if pos + 12 > len(data):
            fail("truncated")
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        (crc,) = struct.unpack(">I", data[pos + 8 + length:pos + 12 + length])
        if zlib.crc32(kind + body) != crc:
            fail("CRC of " + kind.decode("latin1"))
        if kind == b"IHDR":
            ihdr = struct.unpack(">IIBBBBB", body)
        elif kind == b"PLTE":
            plte = [tuple(body[i:i + 3]) for i in range(0, len(body), 3)]
        elif kind == b"IDAT":
            idat += body
        elif kind == b"IEND":
            break
        pos += 12 + length
    w, h, depth, ctype, _, _, interlace = ihdr
    if interlace or depth > 8:
        fail("unsupported layout")
    channels = {0: 1, 2: 3, 3: 1, 4: 2, 6: 4}[ctype]
    bpp = max(1, channels * depth // 8)
    stride = (w * channels * depth + 7) // 8
    raw = zlib.decompress(idat)
    if len(raw) != h * (stride + 1):
        fail("image data size")
    prev, rows = bytearray(stride), []
    for y in range(h):
        f = raw[y * (stride + 1)]
        line = bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for i in range(stride):
            a = line[i - bpp] if i >= bpp else 0
            b, c = prev[i], (prev[i - bpp] if i >= bpp else 0)
            if f == 1:
                line[i] = (line[i] + a) & 0xFF
            elif f == 2:
                line[i] = (line[i] + b) & 0xFF
            elif f == 3:
                line[i] = (line[i] + (a + b) // 2) & 0xFF
            elif f == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                pred = a if pa <= pb and pa <= pc else (b if pb <= pc else c)
                line[i] = (line[i] + pred) & 0xFF
            elif f != 0:
                fail("filter type")
        rows.append(bytes(line))
        prev = line
    rgb = bytearray()
    scale = 255 // ((1 << depth) - 1)
    for line in rows:
        samples = []
        for x in range(w * channels):
            bit = x * depth
            samples.append((line[bit // 8] >> (8 - depth - bit % 8)) & ((1 << depth) - 1))
        for x in range(w):
            s = samples[x * channels:(x + 1) * channels]
            if ctype == 3:
                rgb += bytes(plte[s[0]])
            elif ctype in (0, 4):
                rgb += bytes([s[0] * scale] * 3)
            else:
                rgb += bytes(v * scale for v in s[:3])
    print("%d x %d %d/%d %s" % (w, h, ctype, depth, hashlib.sha256(rgb).hexdigest()))


if __name__ == "__main__":
    main()
