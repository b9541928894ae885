//! Writes a seed corpus for every target into DIR/<target>/: well-formed inputs built
//! with the protocol's own encoders from the table's sample values, so the fuzzer starts
//! past the framing and header checks.
//!   make-seeds DIR
use std::path::Path;

use guestfs_fuzz::daemon_actions;
use guestfs_protocol::samples::{sample_arg, sample_ret};
use guestfs_protocol::{encode_args, encode_ret, frame_message, Chunk, Header, MessageError, XdrWriter, FIRST_SERIAL};

/// Well-formed PE files and bitmaps, laid out by the library's own test builders.
use guestfs_guestdata::test_images;

fn write(dir: &Path, target: &str, name: &str, bytes: &[u8]) {
    let d = dir.join(target);
    std::fs::create_dir_all(&d).expect("mkdir");
    std::fs::write(d.join(name), bytes).expect("write seed");
}

fn main() {
    let dir = std::env::args().nth(1).expect("usage: make-seeds DIR");
    let dir = Path::new(&dir);
    let api = guestfs_api::table();
    icon_seeds(dir);
    for (i, a) in daemon_actions().into_iter().enumerate() {
        let idx = (i as u16).to_be_bytes();
        let proc_nr = a.proc_nr.expect("daemon action");
        let all_args: Vec<_> = a.args.iter().enumerate().map(|(i, x)| sample_arg(&x.ty, i)).collect();
        let optargs = vec![None; a.optargs.len()];
        if let Ok(body) = encode_args(a, &all_args, &optargs) {
            write(dir, "xdr_args", &a.name, &[&idx[..], &body].concat());
            let call = Header::call(proc_nr, FIRST_SERIAL, 0, 0);
            write(
                dir,
                "message",
                &format!("call-{}", a.name),
                &frame_message(&call, &body)[4..],
            );
        }
        let call = Header::call(proc_nr, FIRST_SERIAL, 0, 0);
        let mut stream = Vec::new();
        if let Some(ret) = sample_ret(api, a) {
            if let Ok(body) = encode_ret(a, api, &ret) {
                write(dir, "xdr_ret", &a.name, &[&idx[..], &body].concat());
                stream.extend(frame_message(&Header::reply_to(&call, 0), &body));
            }
        }
        if a.args
            .iter()
            .any(|x| x.ty == guestfs_api::ArgType::String(guestfs_api::StrKind::FileOut))
        {
            stream.extend(
                Chunk {
                    cancel: false,
                    data: b"file data".to_vec(),
                }
                .to_frame(),
            );
            stream.extend(Chunk::end().to_frame());
        }
        if !stream.is_empty() {
            write(dir, "client_reply", &a.name, &[&idx[..], &stream].concat());
        }
        // The same call answered with an error.
        let mut w = XdrWriter::new();
        MessageError {
            errno: "ENOENT".into(),
            message: "No such file or directory".into(),
        }
        .encode(&mut w);
        let err = frame_message(&Header::reply_to(&call, 1), &w.into_bytes());
        write(
            dir,
            "client_reply",
            &format!("{}-error", a.name),
            &[&idx[..], &err].concat(),
        );
        write(dir, "message", &format!("error-{}", a.name), &err[4..]);
    }
}

/// icon_readers: explorer.exe-like files with bitmaps of each depth, and the bare bitmaps.
fn icon_seeds(dir: &Path) {
    let palette: Vec<u8> = (0..256u32).flat_map(|i| [i as u8, 255 - i as u8, 7, 0]).collect();
    for (bpp, pal_len) in [(1u16, 8usize), (4, 64), (8, 1024), (16, 0), (24, 0), (32, 0)] {
        let rows: Vec<Vec<u8>> = (0..60)
            .map(|y| (0..16 * bpp as usize / 8).map(|x| (x + y) as u8).collect())
            .collect();
        let dib = test_images::make_dib(16, 60, bpp, 0, &palette[..pal_len], &rows);
        write(dir, "icon_readers", &format!("dib-{bpp}"), &dib);
        let pe = test_images::make_pe(
            &[(2, 143, dib.clone()), (2, 6801, dib), (3, 1, vec![0; 40])],
            bpp % 2 == 0,
        );
        write(dir, "icon_readers", &format!("pe-{bpp}"), &pe);
    }
    write(
        dir,
        "icon_readers",
        "cirros-logo",
        b"  ____\n / __/\n/ /__\n\\___/\n   http://cirros-cloud.net\n",
    );
    hive_seeds(dir);
    text_seeds(dir);
    tool_output_seeds(dir);
    write(dir, "json", "ldmtool", br#"{"name": "Dg0", "guid": "d1b2", "volumes": ["Volume1", {"size": 1048576, "hint": "E:", "x": [null, true, -1.5e3, "\u00e9"]}]}"#);
}

/// Registry hives for the hive target: the builder's tiny hive, and one laid out like a
/// SOFTWARE hive (Microsoft\Windows NT\CurrentVersion with string values).
fn hive_seeds(dir: &Path) {
    use guestfs_guestdata::hive::REG_SZ;
    write(dir, "hive", "tiny", &test_images::tiny_hive());
    let mut b = test_images::HiveBuilder::default();
    let name = b.cell(
        &"Windows 7 Ultimate\0"
            .encode_utf16()
            .flat_map(|u| u.to_le_bytes())
            .collect::<Vec<u8>>(),
    );
    let v = b.vk("ProductName", REG_SZ, 38, name);
    let vlist = b.offsets(&[v]);
    let cv = b.nk("CurrentVersion", 0, 0, vlist, 1);
    let l3 = b.list(b"lf", &[cv]);
    let nt = b.nk("Windows NT", l3, 1, 0, 0);
    let l2 = b.list(b"lf", &[nt]);
    let ms = b.nk("Microsoft", l2, 1, 0, 0);
    let l1 = b.list(b"lf", &[ms]);
    let root = b.nk("ROOT", l1, 1, 0, 0);
    write(dir, "hive", "software", &b.finish(root));
}

/// Guest text files for text_parsers, each behind the byte that picks its parser.
fn text_seeds(dir: &Path) {
    let seeds: &[(u8, &str, &str)] = &[
        (0, "fstab", "UUID=1234 / ext4 defaults,errors=remount-ro 0 1\n/dev/sda1 /boot vfat umask=0077 0 2\n# c\nLABEL=h /home btrfs subvol=home 0 0\n"),
        (1, "mdadm", "ARRAY /dev/md/boot metadata=1.2 UUID=fd2c4bd2:9b6c5a77:4cd73f6e:45e1e5a6 name=host:boot\n"),
        (2, "os-release", "NAME=\"Fedora Linux\"\nVERSION_ID=36\nID=fedora\nPRETTY_NAME='Fedora 36 (Thirty Six)'\nX=a\\ b\n"),
        (3, "redhat-release", "Red Hat Enterprise Linux Server release 7.9 (Maipo) Update 4\n"),
        (4, "dpkg-status", "Package: a\nStatus: install ok installed\nVersion: 1:2.3-4\nArchitecture: amd64\nDescription: x\n more\n\n"),
        (4, "apk-installed", "P:musl\nV:1.2.3-r4\nA:x86_64\nT:libc\nU:http://m/\n\n"),
        (5, "pacman-desc", "%NAME%\npkg\n\n%VERSION%\n1:0.1-1\n\n%ARCH%\nx86_64\n\n%DESC%\nd\n"),
    ];
    for (which, name, text) in seeds {
        write(dir, "text_parsers", name, &[&[*which][..], text.as_bytes()].concat());
    }
}

/// The rpm child's records (from the real encoder), mdadm and btrfs output, each behind
/// the byte that picks its parser in tool_output.
fn tool_output_seeds(dir: &Path) {
    use guestfs_guestdata::rpm_records::{encode_end, encode_package, Package};
    let mut rpm = vec![0u8];
    let p = Package {
        name: b"bash".to_vec(),
        epoch: 1,
        version: b"5.2".to_vec(),
        ..Default::default()
    };
    encode_package(&mut rpm, &p);
    encode_end(&mut rpm, 1);
    write(dir, "tool_output", "rpm-records", &rpm);
    let mdadm = "\x01ARRAY /dev/md/boot level=raid1 num-devices=2 UUID=fd2c4bd2:9b6c5a77:4cd73f6e:45e1e5a6\n   devices=/dev/sdb1,/dev/sda1\n";
    write(dir, "tool_output", "mdadm", mdadm.as_bytes());
    write(
        dir,
        "tool_output",
        "btrfs",
        b"\x02ID 256 gen 9 top level 5 path root\nID 257 gen 30 top level 5 path home\n",
    );
}
