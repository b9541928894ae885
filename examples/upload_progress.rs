//! Uploads a host file into the first filesystem of a disk image (or straight onto a
//! device: a TARGET of `/dev/sda`), with a progress bar drawn from the library's PROGRESS
//! events. The appliance reports progress only for transfers that last more than two
//! seconds, as libguestfs 1.48's does, so a small file shows no bar.
//!
//!     cargo run --release --example upload_progress -- DISK.img HOSTFILE [TARGET]
//!
//! The disk is opened read-write: use a scratch image. The appliance is found as the C
//! library finds it: the installed default path, or `LIBGUESTFS_PATH=PREFIX/lib/guestfs`.

use guestfs::{AddDriveOpts, Handle};
use std::io::Write;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

fn bar(position: u64, total: u64) {
    let width = 40u64;
    let done = position.min(total);
    // A total of 0 means nothing to do: a full bar.
    let filled = (done * width).checked_div(total).unwrap_or(width);
    let pct = (done * 100).checked_div(total).unwrap_or(100);
    let mut err = std::io::stderr().lock();
    let _ = write!(
        err,
        "\r[{}{}] {pct:3}%",
        "#".repeat(filled as usize),
        " ".repeat((width - filled) as usize)
    );
    let _ = err.flush();
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (disk, file) = match (args.first(), args.get(1)) {
        (Some(d), Some(f)) => (d, f),
        _ => {
            eprintln!("usage: upload_progress DISK HOSTFILE [/guest/path]");
            std::process::exit(2);
        }
    };
    let target = args.get(2).cloned().unwrap_or_else(|| "/uploaded".into());
    let size = std::fs::metadata(file)?.len();

    let g = Handle::new()?;
    g.add_drive(disk, AddDriveOpts::default())?;
    // Count the events and keep the last position, to report at the end.
    let events = Arc::new(AtomicU64::new(0));
    let last = Arc::new(AtomicU64::new(0));
    let (seen, at) = (events.clone(), last.clone());
    g.set_progress_callback(move |p| {
        seen.fetch_add(1, Ordering::Relaxed);
        at.store(p.position, Ordering::Relaxed);
        bar(p.position, p.total);
    })?;
    g.launch()?;
    let on_device = target.starts_with("/dev/");
    if !on_device {
        let filesystems = g.list_filesystems()?;
        let Some((dev, _)) = filesystems.iter().find(|(_, t)| t != "swap" && t != "unknown") else {
            return Err("no filesystem on the disk".into());
        };
        g.mount(dev, "/")?;
    }
    let started = std::time::Instant::now();
    g.upload(file, &target)?;
    let secs = started.elapsed().as_secs_f64();
    let n = events.load(Ordering::Relaxed);
    if n > 0 {
        eprintln!();
    }
    if !on_device {
        let written = g.filesize(&target)?;
        if written as u64 != size {
            return Err(format!("{target} has {written} bytes after the upload, not {size}").into());
        }
    }
    g.shutdown()?;
    println!(
        "uploaded {size} bytes to {target} in {secs:.1} s ({n} progress events, last at {})",
        last.load(Ordering::Relaxed)
    );
    Ok(())
}
