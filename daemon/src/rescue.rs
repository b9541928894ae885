//! Rescue mode (`guestfs_rescue=1` on the kernel command line, which Debian's virt-rescue
//! appends): besides serving the library as usual, the appliance runs an interactive
//! bash on its serial console, the console the library hands to the caller through
//! `internal_get_console_socket`. When that shell exits, the appliance syncs and powers
//! off, which ends qemu and with it the caller's console stream.

use std::fs;
use std::io::Write;
use std::os::unix::process::CommandExt;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Duration;

/// The prompt 1.48's rescue shell shows (scripts driving virt-rescue wait for it).
pub const PROMPT: &str = "><rescue> ";

/// How long the daemon serves alone before the shell starts, so that virt-rescue's
/// `-i`/`-m` mounts (made through the daemon right after launch) are usually in place when
/// the banner says whether the guest is under /sysroot. 1.48's init waits as long.
const SETTLE: Duration = Duration::from_secs(2);

/// Whether the kernel command line asks for the rescue shell.
pub fn requested(cmdline: &str) -> bool {
    cmdline.split_whitespace().any(|w| w == "guestfs_rescue=1")
}

/// The serial console device named by the last `console=` of the command line (the
/// kernel's own choice of /dev/console), without its options: `ttyS0,115200` -> `ttyS0`.
/// Only a plain device name is accepted.
pub fn console_device(cmdline: &str) -> Option<String> {
    let name = cmdline
        .split_whitespace()
        .filter_map(|w| w.strip_prefix("console="))
        .next_back()?
        .split(',')
        .next()?;
    let plain = !name.is_empty() && name.len() <= 32 && name.bytes().all(|c| c.is_ascii_alphanumeric());
    plain.then(|| name.to_string())
}

/// The terminal type the library passed (`TERM=`), if it is a plain name.
pub fn term(cmdline: &str) -> String {
    cmdline
        .split_whitespace()
        .find_map(|w| w.strip_prefix("TERM="))
        .filter(|t| (1..=32).contains(&t.len()) && t.bytes().all(|c| c.is_ascii_alphanumeric() || b"-_.+".contains(&c)))
        .unwrap_or("linux")
        .to_string()
}

/// What the shell's start-up file sets: the terminal type, the rescue prompt, and `vi`
/// for the appliance's vim.tiny (Debian's `vi` is a link through /etc/alternatives,
/// which the appliance does not carry).
pub fn bashrc(term: &str) -> String {
    format!(
        "TERM={term}\nPS1='{PROMPT}'\nexport TERM PS1\n\
         command -v vi >/dev/null || ! command -v vim.tiny >/dev/null || alias vi=vim.tiny\n"
    )
}

/// The greeting printed on the console before the shell starts.
pub fn banner(guest_mounted: bool) -> String {
    let where_ = if guest_mounted {
        "The guest's filesystems are mounted under /sysroot: 'cd /sysroot' or\n'chroot /sysroot' to work on them."
    } else {
        "Nothing of the guest is mounted: mount its filesystems under /sysroot\n(for example 'mount /dev/sda1 /sysroot') to work on them."
    };
    format!(
        "\n------------------------------------------------------------\n\n\
         Welcome to virt-rescue, the libguestfs rescue shell.\n\n\
         The root directory (/) is the rescue appliance, not the guest.\n{where_}\n\
         The guest's disks are /dev/sda, /dev/sdb, ...; 'exit' ends the session.\n\n"
    )
}

/// Starts the rescue shell on a thread of its own (the caller goes on serving the
/// library). Nothing happens when the console cannot be found.
pub fn start(cmdline: &str) {
    let Some(dev) = console_device(cmdline) else {
        eprintln!("guestfsd: rescue mode: no console= on the kernel command line");
        return;
    };
    let term = term(cmdline);
    let spawned = std::thread::Builder::new().name("rescue".into()).spawn(move || {
        std::thread::sleep(SETTLE);
        run_shell(&format!("/dev/{dev}"), &term);
        crate::init::power_off_with("\nvirt-rescue: syncing the disks before the appliance stops ...\n");
    });
    if let Err(e) = spawned {
        eprintln!("guestfsd: rescue mode: cannot start the shell thread: {e}");
    }
}

/// Runs bash on `tty` as the controlling terminal of a new session (so job control and
/// ^C work) and waits for it to end.
fn run_shell(tty: &str, term: &str) {
    let home = Path::new("/root");
    let _ = fs::create_dir_all(home);
    let _ = fs::write(home.join(".bashrc"), bashrc(term));
    let open = || fs::OpenOptions::new().read(true).write(true).open(tty);
    let (input, output, errors) = match (open(), open(), open()) {
        (Ok(i), Ok(o), Ok(e)) => (i, o, e),
        (Err(e), _, _) | (_, Err(e), _) | (_, _, Err(e)) => {
            eprintln!("guestfsd: rescue mode: cannot open {tty}: {e}");
            return;
        }
    };
    let _ = (&output).write_all(banner(Path::new("/sysroot/dev").is_dir()).as_bytes());
    let mut cmd = Command::new("bash");
    cmd.current_dir("/")
        .env("HOME", home)
        .env("TERM", term)
        .env("PS1", PROMPT)
        .stdin(Stdio::from(input))
        .stdout(Stdio::from(output))
        .stderr(Stdio::from(errors));
    // SAFETY: between fork and exec the closure makes only async-signal-safe syscalls
    // (setsid, ioctl) on the child's own stdin.
    unsafe {
        cmd.pre_exec(|| {
            if libc::setsid() == -1 {
                return Err(std::io::Error::last_os_error());
            }
            // Make the console this new session's controlling terminal (steal it from
            // no one: PID 1 never had one).
            if libc::ioctl(0, libc::TIOCSCTTY, 0) == -1 {
                return Err(std::io::Error::last_os_error());
            }
            Ok(())
        });
    }
    match cmd.spawn() {
        Ok(mut child) => {
            // PID 1's zombie reaper may collect the shell first (ECHILD here): either way
            // it has ended.
            let _ = child.wait();
        }
        Err(e) => eprintln!("guestfsd: rescue mode: cannot run bash: {e}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rescue_word() {
        assert!(requested("panic=1 console=ttyS0 guestfs_rescue=1 TERM=xterm"));
        assert!(!requested("panic=1 guestfs_rescue=0 xguestfs_rescue=1"));
    }

    #[test]
    fn console_and_term() {
        let c = "panic=1 console=tty0 console=ttyS0,115200n8 TERM=xterm-256color";
        assert_eq!(console_device(c).as_deref(), Some("ttyS0"));
        assert_eq!(term(c), "xterm-256color");
        assert_eq!(console_device("panic=1"), None);
        assert_eq!(console_device("console=../../etc/passwd"), None);
        assert_eq!(term("TERM=a;rm"), "linux");
        assert!(bashrc("xterm").contains("PS1='><rescue> '"));
        assert!(banner(true).contains("/sysroot"));
    }

    #[test]
    fn command_line_fuzz() {
        let base = b"panic=1 console=ttyS0,115200 guestfs_rescue=1 TERM=linux quiet";
        let alphabet = b"console=TERM,ttyS0 guestfs_rescue1'/;";
        for input in crate::test_inputs::mutated(base, alphabet, 0x9e37_79b9_7f4a_7c15, 3000, 120, 8) {
            let s = String::from_utf8_lossy(&input);
            let _ = requested(&s);
            if let Some(d) = console_device(&s) {
                assert!(d.bytes().all(|c| c.is_ascii_alphanumeric()));
            }
            let t = term(&s);
            assert!(!t.contains(char::is_whitespace) && !t.contains('\''));
        }
    }
}
