//! FileOut data produced a piece at a time (entries found by a walk or a scan), packed
//! into full protocol chunks as it comes, so a long stream needs neither one chunk per
//! piece nor the whole stream in memory.

use guestfs_protocol::MAX_CHUNK_SIZE;

use crate::daemon::Daemon;
use crate::error::Result;

#[derive(Default)]
pub struct ChunkPacker {
    buf: Vec<u8>,
}

impl ChunkPacker {
    /// Adds a piece, sending every chunk that fills up. Ok(false): the library cancelled
    /// (the cancel chunk has been sent, the transfer is over).
    pub fn push(&mut self, d: &mut Daemon, piece: &[u8]) -> Result<bool> {
        self.buf.extend_from_slice(piece);
        let mut sent = 0;
        while self.buf.len() - sent >= MAX_CHUNK_SIZE {
            if !d.send_data(&self.buf[sent..sent + MAX_CHUNK_SIZE])? {
                return Ok(false);
            }
            sent += MAX_CHUNK_SIZE;
        }
        self.buf.drain(..sent);
        Ok(true)
    }

    /// Sends what is left and the end chunk (unless the library cancelled meanwhile).
    pub fn finish(mut self, d: &mut Daemon) -> Result<()> {
        let rest = std::mem::take(&mut self.buf);
        if rest.is_empty() || d.send_data(&rest)? {
            d.end_file_out(false)?;
        }
        Ok(())
    }
}
