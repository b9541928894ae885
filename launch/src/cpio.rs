//! A writer for the "newc" cpio format, which is what the kernel unpacks as an initramfs.
//! Entries are written in the order given; the caller adds parent directories first.

use std::io::{self, Read, Write};

const MAGIC: &[u8] = b"070701";
const TRAILER: &str = "TRAILER!!!";

pub struct CpioWriter<W: Write> {
    out: W,
    offset: u64,
    next_ino: u32,
    mtime: u32,
}

impl<W: Write> CpioWriter<W> {
    pub fn new(out: W) -> Self {
        CpioWriter {
            out,
            offset: 0,
            next_ino: 1,
            mtime: 0,
        }
    }

    /// The modification time given to every entry (seconds since the epoch).
    pub fn with_mtime(mut self, mtime: u32) -> Self {
        self.mtime = mtime;
        self
    }

    pub fn dir(&mut self, name: &str, perm: u32) -> io::Result<()> {
        self.header(name, libc::S_IFDIR | (perm & 0o7777), 2, 0, (0, 0))
    }

    pub fn file(&mut self, name: &str, perm: u32, data: &[u8]) -> io::Result<()> {
        self.header(name, libc::S_IFREG | (perm & 0o7777), 1, data.len() as u64, (0, 0))?;
        self.raw(data)?;
        self.pad()
    }

    /// A regular file whose contents are streamed from `src` (exactly `len` bytes).
    pub fn file_from(&mut self, name: &str, perm: u32, len: u64, src: &mut dyn io::Read) -> io::Result<()> {
        self.header(name, libc::S_IFREG | (perm & 0o7777), 1, len, (0, 0))?;
        let copied = io::copy(
            &mut Read::take(src, len),
            &mut CountingWriter {
                w: &mut self.out,
                n: &mut self.offset,
            },
        )?;
        if copied != len {
            return Err(io::Error::new(
                io::ErrorKind::UnexpectedEof,
                format!("{name}: file shrank while being archived"),
            ));
        }
        self.pad()
    }

    pub fn symlink(&mut self, name: &str, target: &str) -> io::Result<()> {
        self.header(name, libc::S_IFLNK | 0o777, 1, target.len() as u64, (0, 0))?;
        self.raw(target.as_bytes())?;
        self.pad()
    }

    pub fn char_dev(&mut self, name: &str, perm: u32, major: u32, minor: u32) -> io::Result<()> {
        self.header(name, libc::S_IFCHR | (perm & 0o7777), 1, 0, (major, minor))
    }

    /// Writes the trailer and returns the underlying writer.
    pub fn finish(mut self) -> io::Result<W> {
        self.header(TRAILER, 0, 1, 0, (0, 0))?;
        // Pad the archive to a 512-byte boundary as cpio(1) does; the kernel ignores trailing zeros.
        let rem = (self.offset % 512) as usize;
        if rem != 0 {
            self.raw(&vec![0u8; 512 - rem])?;
        }
        self.out.flush()?;
        Ok(self.out)
    }

    fn header(&mut self, name: &str, mode: u32, nlink: u32, size: u64, rdev: (u32, u32)) -> io::Result<()> {
        let name = name.trim_start_matches('/');
        let name = if name.is_empty() { "." } else { name };
        if size > u32::MAX as u64 {
            return Err(io::Error::new(
                io::ErrorKind::InvalidInput,
                format!("{name}: too large for cpio newc"),
            ));
        }
        let ino = if name == TRAILER { 0 } else { self.next_ino };
        self.next_ino += 1;
        let fields = [
            ino,
            mode,
            0,
            0,
            nlink,
            self.mtime,
            size as u32,
            0,
            0,
            rdev.0,
            rdev.1,
            name.len() as u32 + 1,
            0,
        ];
        let mut h = Vec::with_capacity(110 + name.len() + 4);
        h.extend_from_slice(MAGIC);
        for f in fields {
            h.extend_from_slice(format!("{f:08x}").as_bytes());
        }
        h.extend_from_slice(name.as_bytes());
        h.push(0);
        self.raw(&h)?;
        self.pad()
    }

    fn raw(&mut self, b: &[u8]) -> io::Result<()> {
        self.out.write_all(b)?;
        self.offset += b.len() as u64;
        Ok(())
    }

    fn pad(&mut self) -> io::Result<()> {
        let rem = (self.offset % 4) as usize;
        if rem != 0 {
            self.raw(&[0u8; 3][..4 - rem])?;
        }
        Ok(())
    }
}

struct CountingWriter<'a, W: Write> {
    w: &'a mut W,
    n: &'a mut u64,
}

impl<W: Write> Write for CountingWriter<'_, W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let k = self.w.write(buf)?;
        *self.n += k as u64;
        Ok(k)
    }
    fn flush(&mut self) -> io::Result<()> {
        self.w.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn field(h: &[u8], i: usize) -> u32 {
        let s = std::str::from_utf8(&h[6 + 8 * i..14 + 8 * i]).unwrap();
        u32::from_str_radix(s, 16).unwrap()
    }

    #[test]
    fn layout_and_padding() {
        let mut w = CpioWriter::new(Vec::new());
        w.dir("/etc", 0o755).unwrap();
        w.file("/etc/hostname", 0o644, b"abc").unwrap();
        w.symlink("/bin", "usr/bin").unwrap();
        w.char_dev("/dev/console", 0o600, 5, 1).unwrap();
        let out = w.finish().unwrap();
        assert_eq!(out.len() % 512, 0);
        // First header: directory "etc".
        assert_eq!(&out[..6], b"070701");
        assert_eq!(field(&out, 1), libc::S_IFDIR | 0o755);
        assert_eq!(field(&out, 11), 4); // "etc\0"
        assert_eq!(&out[110..113], b"etc");
        // 110 + 4 = 114 -> padded to 116.
        let second = 116;
        assert_eq!(&out[second..second + 6], b"070701");
        assert_eq!(field(&out[second..], 6), 3);
        let name_end = second + 110 + "etc/hostname".len() + 1; // 239 -> pad 240
        assert_eq!(&out[240..243], b"abc");
        assert!(name_end <= 240);
        let text = String::from_utf8_lossy(&out);
        assert!(text.contains("usr/bin"));
        assert!(text.contains("TRAILER!!!"));
        // Every header starts on a 4-byte boundary.
        for (i, _) in text.match_indices("070701") {
            assert_eq!(i % 4, 0);
        }
    }

    #[test]
    fn device_numbers() {
        let mut w = CpioWriter::new(Vec::new());
        w.char_dev("dev/null", 0o666, 1, 3).unwrap();
        let out = w.finish().unwrap();
        assert_eq!(field(&out, 1), libc::S_IFCHR | 0o666);
        assert_eq!(field(&out, 9), 1);
        assert_eq!(field(&out, 10), 3);
    }

    #[test]
    fn streamed_file_length_is_checked() {
        let mut w = CpioWriter::new(Vec::new());
        let mut src: &[u8] = b"12";
        assert!(w.file_from("x", 0o644, 5, &mut src).is_err());
    }
}
