//! Inspects a disk image read-only: the operating systems on it, their mountpoints and
//! how many applications each has installed.
//!
//!     cargo run --release --example inspect_disk -- DISK.img [DISK2.img ...]
//!
//! The appliance is found as the C library finds it: the installed default path, or
//! `LIBGUESTFS_PATH=PREFIX/lib/guestfs`.

use guestfs::{AddDriveOpts, Handle};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let disks: Vec<String> = std::env::args().skip(1).collect();
    if disks.is_empty() {
        eprintln!("usage: inspect_disk DISK [DISK ...]");
        std::process::exit(2);
    }
    let g = Handle::new()?;
    for d in &disks {
        g.add_drive(
            d,
            AddDriveOpts {
                readonly: Some(true),
                ..Default::default()
            },
        )?;
    }
    g.launch()?;
    let roots = g.inspect_os()?;
    if roots.is_empty() {
        println!("no operating system found");
    }
    for root in &roots {
        println!("root: {root}");
        println!("  type:         {}", g.inspect_get_type(root)?);
        println!("  distro:       {}", g.inspect_get_distro(root)?);
        println!("  product name: {}", g.inspect_get_product_name(root)?);
        println!(
            "  version:      {}.{}",
            g.inspect_get_major_version(root)?,
            g.inspect_get_minor_version(root)?
        );
        // Mount the filesystems shortest mountpoint first, so / comes before /usr.
        let mut mps = g.inspect_get_mountpoints(root)?;
        mps.sort_by_key(|(mp, _)| mp.len());
        for (mp, dev) in &mps {
            println!("  mountpoint:   {mp} on {dev}");
            if let Err(e) = g.mount_ro(dev, mp) {
                eprintln!("  (cannot mount {dev} on {mp}: {e})");
            }
        }
        match g.inspect_list_applications2(root) {
            Ok(apps) => println!("  applications: {}", apps.len()),
            Err(e) => println!("  applications: unknown ({e})"),
        }
        g.umount_all()?;
    }
    g.shutdown()?;
    Ok(())
}
