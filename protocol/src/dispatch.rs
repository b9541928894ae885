//! Daemon side: validate and decode an incoming call against the API table, with the
//! checks and messages of 1.48's main loop and generated stubs.

use guestfs_api::{Action, Api};

use crate::message::Header;
use crate::server::check_call_header;
use crate::value::{decode_args, Value};

/// A call ready to run.
#[derive(Debug)]
pub struct DecodedCall<'a> {
    pub action: &'a Action,
    /// Wire args only (FileIn/FileOut ones are not sent).
    pub args: Vec<Value>,
    /// Every optarg, unset ones as zero values: consult `optargs_bitmask`.
    pub optargs: Vec<Value>,
    pub optargs_bitmask: u64,
}

impl DecodedCall<'_> {
    /// Whether optional argument `i` was given by the caller.
    pub fn optarg_set(&self, i: usize) -> bool {
        i < 64 && self.optargs_bitmask & (1u64 << i) != 0
    }
}

/// Why a call was refused: reply with `message` (errno ""), after cancel_receive() when
/// `cancel_receive` is true (a FileIn action whose chunks are on their way).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CallRejected {
    pub message: String,
    pub cancel_receive: bool,
}

pub const UNKNOWN_OPTARGS: &str = "unknown option in optional arguments bitmask (this can happen if a program is compiled against a newer version of libguestfs, then run against an older version of the daemon)";
pub const BITMASK_MUST_BE_ZERO: &str =
    "header optargs_bitmask field must be passed as 0 for calls that don't take optional arguments";
pub const DECODE_FAILED: &str = "daemon failed to decode procedure arguments";

/// Checks the header, finds the action by procedure number, checks the optargs bitmask and
/// decodes the args, in 1.48's order.
pub fn decode_call<'a>(api: &'a Api, header: &Header, body: &[u8]) -> Result<DecodedCall<'a>, CallRejected> {
    let reject = |message: String, cancel_receive: bool| {
        Err(CallRejected {
            message,
            cancel_receive,
        })
    };
    if let Err(m) = check_call_header(header) {
        return reject(m, false);
    }
    let Some(action) = api.by_proc(header.proc_nr) else {
        return reject(
            format!(
                "dispatch_incoming_message: unknown procedure number {}, set LIBGUESTFS_PATH to point to the matching libguestfs appliance directory",
                header.proc_nr as i32
            ),
            false,
        );
    };
    let file_in = action.file_in_args().next().is_some();
    let n = action.optargs.len();
    if n == 0 && header.optargs_bitmask != 0 {
        return reject(BITMASK_MUST_BE_ZERO.to_string(), file_in);
    }
    let known = if n >= 64 { u64::MAX } else { (1u64 << n) - 1 };
    if header.optargs_bitmask & !known != 0 {
        return reject(UNKNOWN_OPTARGS.to_string(), file_in);
    }
    match decode_args(action, body) {
        Ok((args, optargs)) => Ok(DecodedCall {
            action,
            args,
            optargs,
            optargs_bitmask: header.optargs_bitmask,
        }),
        Err(_) => reject(DECODE_FAILED.to_string(), file_in),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::value::encode_args;
    use guestfs_api::table;

    #[test]
    fn decodes_and_rejects_like_1_48() {
        let api = table();
        let mkfs = api.action("mkfs").unwrap();
        let body = encode_args(
            mkfs,
            &[Value::Str(b"ext4".to_vec()), Value::Str(b"/dev/sda".to_vec())],
            &[],
        )
        .unwrap();
        let h = Header::call(mkfs.proc_nr.unwrap(), 1, 0, 0b100);
        let c = decode_call(api, &h, &body).unwrap();
        assert_eq!(c.action.name, "mkfs");
        assert!(c.optarg_set(2) && !c.optarg_set(1));

        let h = Header::call(mkfs.proc_nr.unwrap(), 1, 0, 1 << 5);
        assert_eq!(decode_call(api, &h, &body).unwrap_err().message, UNKNOWN_OPTARGS);
        assert_eq!(
            decode_call(api, &Header::call(mkfs.proc_nr.unwrap(), 1, 0, 0), &body[..4])
                .unwrap_err()
                .message,
            DECODE_FAILED
        );

        let upload = api.action("upload").unwrap();
        let r = decode_call(api, &Header::call(upload.proc_nr.unwrap(), 1, 0, 1), &[]).unwrap_err();
        assert_eq!(
            r,
            CallRejected {
                message: BITMASK_MUST_BE_ZERO.into(),
                cancel_receive: true
            }
        );

        let r = decode_call(api, &Header::call(4, 1, 0, 0), &[]).unwrap_err();
        assert!(r
            .message
            .starts_with("dispatch_incoming_message: unknown procedure number 4,"));
        let mut h = Header::call(92, 1, 0, 0);
        h.prog = 5;
        assert_eq!(decode_call(api, &h, &[]).unwrap_err().message, "wrong program (5)");
    }
}
