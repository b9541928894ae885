//! Message-level decoders: headers (with the daemon's call-header checks), error replies,
//! file-transfer chunks (owned and in-place), progress messages, and a call decoded
//! through the dispatch path as the daemon does, and the resume record of a restored
//! appliance's handshake.
#![no_main]
use guestfs_fuzz::CappedAlloc;
use guestfs_protocol::{Chunk, Header, MessageError, Progress, XdrReader, PROGRESS_LEN};
use libfuzzer_sys::fuzz_target;

#[global_allocator]
static ALLOC: CappedAlloc = CappedAlloc;

fuzz_target!(|data: &[u8]| {
    let mut r = XdrReader::new(data);
    if let Ok(h) = Header::decode(&mut r) {
        let _ = guestfs_protocol::server::check_call_header(&h);
        let _ = guestfs_protocol::dispatch::decode_call(guestfs_api::table(), &h, &data[r.position()..]);
        let _ = MessageError::decode(&mut XdrReader::new(&data[r.position()..]));
    }
    let _ = MessageError::decode(&mut XdrReader::new(data));
    let _ = Chunk::decode(&mut XdrReader::new(data));
    let _ = Chunk::decode_ref(&mut XdrReader::new(data));
    let _ = Chunk::from_payload(data);
    if let Some(p) = data.get(..PROGRESS_LEN) {
        let _ = Progress::from_bytes(p.try_into().expect("PROGRESS_LEN bytes"));
    }
    if let Some(p) = data.get(..guestfs_protocol::resume::RESUME_LEN) {
        let _ = guestfs_protocol::resume::ResumeRecord::decode(p.try_into().expect("RESUME_LEN bytes"));
    }
});
