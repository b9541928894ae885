use guestfs::{AddDriveOpts, Handle, MkfsOpts};
fn main() -> Result<(), guestfs::Error> {
    let disk = std::env::args().nth(1).expect("usage: rust-api-contract DISK");
    #[allow(unused_mut)]
    let mut g = Handle::new()?;
    g.add_drive(&disk, AddDriveOpts { format: Some("raw".into()), ..Default::default() })?;
    g.launch()?;
    g.part_disk("/dev/sda", "mbr")?;
    g.mkfs("ext4", "/dev/sda1", MkfsOpts { label: Some("RUSTAPI".into()), ..Default::default() })?;
    g.mount("/dev/sda1", "/")?;
    g.mkdir_p("/a/b")?;
    g.write("/a/b/f", b"typed\n")?;
    assert_eq!(g.read_file("/a/b/f")?, b"typed\n");
    assert_eq!(g.vfs_label("/dev/sda1")?, "RUSTAPI");
    let st = g.statns("/a/b/f")?;
    assert_eq!(st.st_size, 6);
    let parts = g.part_list("/dev/sda")?;
    assert_eq!(parts.len(), 1);
    assert_eq!(parts[0].part_num, 1);
    let e = g.cat("/missing").unwrap_err();
    assert_eq!(e.errno(), libc::ENOENT);
    assert!(g.inspect_os()?.is_empty());
    g.shutdown()?;
    println!("rust api ok");
    Ok(())
}
