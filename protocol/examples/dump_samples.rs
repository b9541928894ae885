//! Prints, for every daemon action, our XDR encoding of sample args (all optargs set, then
//! none set) and of a sample return value, one `NAME args|ret HEX` line each. Input for
//! tools/xdr-differential.sh, which checks the bytes against rpcgen's code.

use guestfs_api::{table, RetType};
use guestfs_protocol::samples::{sample_arg, sample_optarg, sample_ret};
use guestfs_protocol::value::{encode_args, encode_ret, Value};

fn hex(b: &[u8]) -> String {
    b.iter().map(|x| format!("{x:02x}")).collect()
}

fn main() {
    let api = table();
    for a in api.actions.iter().filter(|a| a.is_daemon()) {
        let args: Vec<Value> = a.wire_args().enumerate().map(|(i, x)| sample_arg(&x.ty, i)).collect();
        if !args.is_empty() || !a.optargs.is_empty() {
            let all: Vec<Option<Value>> = a.optargs.iter().map(|o| Some(sample_optarg(o.ty))).collect();
            let none: Vec<Option<Value>> = vec![None; a.optargs.len()];
            for opts in [all, none] {
                let body = encode_args(a, &args, &opts).expect("sample args encode");
                println!("{} args {}", a.name, hex(&body));
            }
        }
        if a.ret.ty != RetType::Err {
            if let Some(r) = sample_ret(api, a) {
                println!(
                    "{} ret {}",
                    a.name,
                    hex(&encode_ret(a, api, &r).expect("sample ret encodes"))
                );
            }
        }
    }
}
