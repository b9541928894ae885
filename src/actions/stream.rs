//! The actions whose daemon side streams XDR structs of the API table back to back into
//! a FileOut file, as many as the data holds: filesystem_walk and find_inode (The Sleuth
//! Kit: `tsk_dirent`, from internal_filesystem_walk and internal_find_inode) and
//! yara_scan (`yara_detection`, from internal_yara_scan). This side runs the internal
//! call into a temporary file and decodes the structs.

use crate::error::Result;
use crate::{Core, Error};
use guestfs_protocol::structs::{StructMismatch, TskDirent, YaraDetection};
use guestfs_protocol::{StructValue, Value};

fn s(v: &str) -> Value {
    Value::Str(v.as_bytes().to_vec())
}

/// Runs FileOut call `call` (named `stem` in the temp directory) and reads the structs
/// it streamed as type `T` (`from`, the generated reader of struct `T::NAME`).
fn streamed<T>(
    h: &Core,
    call: &str,
    args: Vec<Value>,
    stem: &str,
    structure: &str,
    from: fn(StructValue) -> std::result::Result<T, StructMismatch>,
) -> Result<Vec<T>> {
    let data = super::files::via_temp(h, call, args, stem, None)?;
    decode_entries(call, structure, &data)?
        .into_iter()
        .map(|v| from(v).map_err(|e| Error::msg(format!("invalid data from guestfs_{call}: {e}"))))
        .collect()
}

pub fn filesystem_walk(h: &Core, device: &str) -> Result<Vec<TskDirent>> {
    let call = "internal_filesystem_walk";
    streamed(
        h,
        call,
        vec![s(device)],
        "filesystem_walk",
        TskDirent::NAME,
        TskDirent::from_value,
    )
}

pub fn find_inode(h: &Core, device: &str, inode: i64) -> Result<Vec<TskDirent>> {
    let args = vec![s(device), Value::Int64(inode)];
    streamed(
        h,
        "internal_find_inode",
        args,
        "find_inode",
        TskDirent::NAME,
        TskDirent::from_value,
    )
}

pub fn yara_scan(h: &Core, path: &str) -> Result<Vec<YaraDetection>> {
    let call = "internal_yara_scan";
    streamed(
        h,
        call,
        vec![s(path)],
        "yara_scan",
        YaraDetection::NAME,
        YaraDetection::from_value,
    )
}

/// The entries of a stream of `structure` structs written by daemon call `call`. The
/// bytes come from the appliance: bad or truncated data is an error naming the call,
/// never a partial list (the decoder checks each length against what is left).
pub fn decode_entries(call: &str, structure: &str, data: &[u8]) -> Result<Vec<StructValue>> {
    guestfs_protocol::decode_struct_stream(guestfs_api::table(), structure, data)
        .map_err(|e| Error::msg(format!("invalid data from guestfs_{call}: {e}")))
}

#[cfg(test)]
mod tests {
    use super::decode_entries;
    use guestfs_protocol::{encode_struct, FieldValue, StructValue};

    fn dirent(inode: u64, name: &[u8], link: &[u8]) -> StructValue {
        let mut fields = vec![
            FieldValue::UInt64(inode),
            FieldValue::Char(b'r'),
            FieldValue::Int64(-1),
            FieldValue::Str(name.to_vec()),
            FieldValue::UInt32(1),
        ];
        fields.extend((0..9).map(|i| FieldValue::Int64(i * 1_000_000_007)));
        fields.push(FieldValue::Str(link.to_vec()));
        fields.push(FieldValue::Int64(0));
        StructValue { fields }
    }

    fn stream(entries: &[StructValue]) -> Vec<u8> {
        let api = guestfs_api::table();
        entries
            .iter()
            .flat_map(|e| encode_struct(api, "tsk_dirent", e).unwrap())
            .collect()
    }

    #[test]
    fn round_trip_and_empty() {
        let entries = vec![
            dirent(0, b"$MFT", b""),
            dirent(12, b"dir/abc", b"../target"),
            dirent(7, b"x", b""),
        ];
        let got = decode_entries("internal_filesystem_walk", "tsk_dirent", &stream(&entries)).unwrap();
        assert_eq!(got, entries);
        assert!(decode_entries("internal_filesystem_walk", "tsk_dirent", &[])
            .unwrap()
            .is_empty());
        let y = StructValue {
            fields: vec![
                FieldValue::Str(b"/text.txt".to_vec()),
                FieldValue::Str(b"TestRule".to_vec()),
            ],
        };
        let bytes = encode_struct(guestfs_api::table(), "yara_detection", &y).unwrap();
        assert_eq!(
            decode_entries("internal_yara_scan", "yara_detection", &bytes).unwrap(),
            vec![y]
        );
    }

    #[test]
    fn every_truncation_is_an_error() {
        let data = stream(&[dirent(2, b"a", b"b"), dirent(3, b"cc", b"")]);
        let first = stream(&[dirent(2, b"a", b"b")]).len();
        for cut in 1..data.len() {
            let r = decode_entries("internal_filesystem_walk", "tsk_dirent", &data[..cut]);
            if cut == first {
                assert_eq!(r.unwrap().len(), 1);
            } else {
                let e = r.unwrap_err();
                assert!(
                    e.message.contains("invalid data from guestfs_internal_filesystem_walk"),
                    "{}",
                    e.message
                );
            }
        }
    }

    /// Random and mutated streams: never a panic, never a huge allocation, and whatever
    /// decodes re-encodes to exactly the input.
    #[test]
    fn random_and_mutated_input() {
        let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
        let mut next = move || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        let base = stream(&[
            dirent(2, b"etc", b""),
            dirent(3, b"etc/passwd", b""),
            dirent(4, b"l", b"etc"),
        ]);
        for round in 0..4000 {
            let data: Vec<u8> = if round % 2 == 0 {
                let n = (next() % 300) as usize;
                (0..n).map(|_| next() as u8).collect()
            } else {
                let mut d = base.clone();
                for _ in 0..1 + next() % 4 {
                    let i = (next() as usize) % d.len();
                    d[i] = next() as u8;
                }
                d.truncate((next() as usize) % (d.len() + 1));
                d
            };
            for name in ["tsk_dirent", "yara_detection"] {
                if let Ok(entries) = decode_entries("internal_filesystem_walk", name, &data) {
                    let api = guestfs_api::table();
                    let again: Vec<u8> = entries
                        .iter()
                        .flat_map(|e| encode_struct(api, name, e).unwrap())
                        .collect();
                    // XDR padding bytes are not checked by the decoder, so compare lengths.
                    assert_eq!(again.len(), data.len());
                }
            }
        }
    }
}
