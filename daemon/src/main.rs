//! guestfsd: the guestfs-rs appliance daemon. It is the appliance's PID 1 (set up the
//! system, serve, power off) and the protocol v4 server for the library's calls. Run on
//! the host with `--listen SOCKET -r DIR` it serves a directory, for tests.

mod args;
mod calls;
mod channel;
mod checks;
mod cmd;
mod daemon;
mod devices;
mod dispatch;
mod error;
mod generated;
mod init;
mod inspection;
mod log;
mod mountable;
mod mounts;
mod net;
mod request;
mod rescue;
mod resume;
mod stream;
mod sysroot;
mod table;
#[cfg(test)]
mod test_inputs;

use std::path::PathBuf;
use std::process::ExitCode;

use channel::ChannelSpec;
use daemon::Transport;
use guestfs_protocol::server::Incoming;

#[derive(Debug, Default)]
struct Options {
    channel: Option<ChannelSpec>,
    verbose: bool,
    sysroot: Option<PathBuf>,
}

const USAGE: &str = "usage: guestfsd [--channel PATH|fd:N] [--listen SOCKET] [--verbose] [-r|--sysroot DIR]";

fn parse_args(args: &[String]) -> Result<Options, String> {
    let mut o = Options::default();
    let mut i = 0;
    let value = |i: &mut usize, name: &str| -> Result<String, String> {
        *i += 1;
        args.get(*i)
            .cloned()
            .ok_or_else(|| format!("{name}: missing value\n{USAGE}"))
    };
    while i < args.len() {
        let a = args[i].as_str();
        let (key, inline) = match a.split_once('=') {
            Some((k, v)) if k.starts_with("--") => (k, Some(v.to_string())),
            _ => (a, None),
        };
        match key {
            "-c" | "--channel" => {
                let v = match inline {
                    Some(v) => v,
                    None => value(&mut i, key)?,
                };
                o.channel = Some(match v.strip_prefix("fd:") {
                    Some(n) => ChannelSpec::Fd(n.parse().map_err(|_| format!("bad fd: {v}"))?),
                    None => ChannelSpec::Path(v.into()),
                });
            }
            "-l" | "--listen" => {
                let v = match inline {
                    Some(v) => v,
                    None => value(&mut i, key)?,
                };
                o.channel = Some(ChannelSpec::Listen(v.into()));
            }
            "-v" | "--verbose" => o.verbose = true,
            "-r" | "--sysroot" => {
                let v = match inline {
                    Some(v) => Some(v),
                    None => match args.get(i + 1) {
                        Some(n) if !n.starts_with('-') => {
                            i += 1;
                            Some(n.clone())
                        }
                        _ => None,
                    },
                };
                o.sysroot = Some(PathBuf::from(v.unwrap_or_else(|| "/".into())));
            }
            // Accepted for command-line compatibility with 1.48's guestfsd.
            "-n" | "--network" | "-t" | "--test" => {}
            "-h" | "--help" => return Err(USAGE.to_string()),
            _ => return Err(format!("unknown option: {a}\n{USAGE}")),
        }
        i += 1;
    }
    Ok(o)
}

/// `name=value` from the kernel command line.
fn cmdline_value<'a>(cmdline: &'a str, name: &str) -> Option<&'a str> {
    cmdline
        .split_whitespace()
        .find_map(|w| w.strip_prefix(name)?.strip_prefix('='))
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    // For docs/status.md (src/bin/guestfs-rs-status.rs): the calls this daemon implements.
    if args.first().map(String::as_str) == Some("--list-implemented") {
        for name in calls::implemented() {
            println!("{name}");
        }
        return ExitCode::SUCCESS;
    }
    let pid1 = std::process::id() == 1;
    let opts = match parse_args(&args) {
        Ok(o) => o,
        Err(e) => {
            eprintln!("guestfsd: {e}");
            return if pid1 { init::power_off() } else { ExitCode::from(2) };
        }
    };
    if pid1 {
        init::mount_kernel_filesystems();
    }
    let cmdline = std::fs::read_to_string("/proc/cmdline").unwrap_or_default();
    // The host's kernel command line means nothing to a daemon under test.
    let cmdline = if pid1 { cmdline } else { String::new() };
    log::set_verbose(opts.verbose || cmdline_value(&cmdline, "guestfs_verbose") == Some("1"));
    let for_snapshot = pid1 && resume::requested(&cmdline);
    if pid1 {
        init::setup(for_snapshot);
    }
    init::environment(pid1);
    vlog!("guestfsd: starting (pid1={pid1})");

    let spec = opts
        .channel
        .clone()
        .or_else(|| cmdline_value(&cmdline, "guestfs_channel").map(|c| ChannelSpec::Path(c.into())))
        .unwrap_or(ChannelSpec::Auto);
    let (mut rd, mut wr) = match channel::open(&spec) {
        Ok(p) => p,
        Err(e) => {
            eprintln!("guestfsd: cannot open the channel to the library ({spec:?}): {e}");
            return if pid1 { init::power_off() } else { ExitCode::FAILURE };
        }
    };
    // A snapshot is taken here; each restored copy carries on with its own disks.
    if for_snapshot {
        match resume::snapshot_point(&mut rd, &mut wr) {
            Ok(r) => resume::apply(&r),
            Err(e) => {
                eprintln!("guestfsd: waiting to be resumed: {e}");
                init::power_off();
            }
        }
        init::assemble_after_resume();
    }

    let root_uuid = cmdline_value(&cmdline, "root").and_then(|r| r.strip_prefix("UUID="));
    let ifaces = cmdline_value(&cmdline, "guestfs_rs_ifaces");
    let devs = devices::Devices::scan(
        std::path::Path::new("/sys/block"),
        std::path::Path::new("/dev"),
        root_uuid,
        ifaces,
    );
    vlog!("guestfsd: disks: {:?}", devs.disks());

    let sroot = match &opts.sysroot {
        Some(dir) => sysroot::Sysroot::new(dir.clone(), true),
        None => {
            let _ = std::fs::create_dir_all("/sysroot");
            sysroot::Sysroot::new("/sysroot", false)
        }
    };

    let mut d = daemon::Daemon::new(Transport::new(rd, wr), sroot, devs);
    let rescue = pid1 && rescue::requested(&cmdline);
    let code = serve(&mut d, pid1, || {
        if rescue {
            rescue::start(&cmdline)
        }
    });
    if pid1 {
        init::power_off();
    }
    code
}

/// Sends the launch flag, runs `after_flag` (the rescue shell starts there), then serves
/// calls until the library goes away or asks the daemon to exit.
fn serve(d: &mut daemon::Daemon, pid1: bool, after_flag: impl FnOnce()) -> ExitCode {
    if let Err(e) = d.t.send_launch_flag() {
        eprintln!("guestfsd: sending the launch flag: {e}");
        return ExitCode::FAILURE;
    }
    after_flag();
    loop {
        match d.t.read_call() {
            Ok(Incoming::Eof) => {
                vlog!("guestfsd: end of input from the library");
                return ExitCode::SUCCESS;
            }
            Ok(Incoming::Call { header, body }) => dispatch::handle(d, header, body),
            Err(e) => {
                eprintln!("guestfsd: {e}");
                return ExitCode::FAILURE;
            }
        }
        if let Some(e) = d.broken.take() {
            eprintln!("guestfsd: connection to the library failed: {e}");
            return ExitCode::FAILURE;
        }
        if d.exit_requested {
            return ExitCode::SUCCESS;
        }
        if pid1 {
            init::reap_zombies();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn a(v: &[&str]) -> Vec<String> {
        v.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn options() {
        let o = parse_args(&a(&["--listen", "/tmp/s", "-r", "/tmp/root", "-v"])).unwrap();
        assert_eq!(o.channel, Some(ChannelSpec::Listen("/tmp/s".into())));
        assert_eq!(o.sysroot, Some(PathBuf::from("/tmp/root")));
        assert!(o.verbose);
        let o = parse_args(&a(&["--channel=fd:3", "-r"])).unwrap();
        assert_eq!(o.channel, Some(ChannelSpec::Fd(3)));
        assert_eq!(o.sysroot, Some(PathBuf::from("/")));
        assert!(parse_args(&a(&["--bogus"])).is_err());
    }

    #[test]
    fn kernel_cmdline() {
        let c = "panic=1 root=UUID=abcd-ef guestfs_verbose=1 quiet";
        assert_eq!(cmdline_value(c, "root"), Some("UUID=abcd-ef"));
        assert_eq!(cmdline_value(c, "guestfs_verbose"), Some("1"));
        assert_eq!(cmdline_value(c, "guestfs_network"), None);
    }
}
