//! Builds (or reuses from the cache) the guestfs-rs appliance: the host kernel, an
//! uncompressed newc initramfs holding guestfsd as /init, the host tools the daemon runs with
//! their shared libraries, and the kernel modules it loads (listed in load order).

use crate::cachedir::{self, KeyHasher};
use crate::cpio::CpioWriter;
use crate::error::LaunchError;
use crate::kernel::{self, HostKernel};
use crate::libs::{self, LibResolver};
use crate::modules::{self, ModDb};
use crate::toolsimg;
use crate::tree::{Entry, Tree};
use crate::{Appliance, ApplianceKind, LaunchEvents};
use std::collections::HashSet;
use std::io::{BufWriter, Read};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant, SystemTime};

/// Bump when the layout of the built appliance changes, to invalidate old caches.
const BUILDER_VERSION: &str = "guestfs-rs appliance builder 1";
/// The source of everything that shapes the appliance, so any change to the builder
/// invalidates cached appliances without anyone remembering to bump BUILDER_VERSION.
const BUILDER_SOURCES: &[&str] = &[
    include_str!("builder.rs"),
    include_str!("tree.rs"),
    include_str!("libs.rs"),
    include_str!("modules.rs"),
    include_str!("cpio.rs"),
    include_str!("kernel.rs"),
    include_str!("elf.rs"),
    include_str!("toolsimg.rs"),
];
const TOOLS_LIST: &str = include_str!("../../daemon/appliance-tools.txt");
const TOOL_DIRS: &[&str] = &["/usr/sbin", "/usr/bin", "/sbin", "/bin"];
/// Every module in the appliance, one absolute path per line, dependencies first.
pub const MODULES_ORDER: &str = "/lib/guestfs-rs/modules.order";
/// The subset to load at boot (virtio, disks), same format; the rest load on demand.
pub const MODULES_BOOT: &str = "/lib/guestfs-rs/modules.boot";
/// Appliance directories of other keys unused for this long are deleted after a build.
const PRUNE_AGE: Duration = Duration::from_secs(600);
/// Set this environment variable to boot the bzImage even when a PVH vmlinux exists.
pub const NO_PVH_ENV: &str = "GUESTFS_RS_NO_PVH";
/// Set this environment variable (at build time) to put everything in the initramfs
/// instead of splitting off the tools disk.
pub const NO_TOOLS_DISK_ENV: &str = "GUESTFS_RS_NO_TOOLS_DISK";

/// Programs named in daemon/appliance-tools.txt, in order, without comments.
pub fn tool_names() -> Vec<&'static str> {
    TOOLS_LIST
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .collect()
}

/// Host paths of the tools that exist (as found on the search path, symlinks not resolved).
pub fn find_tools() -> Vec<PathBuf> {
    tool_names()
        .into_iter()
        .filter_map(|t| TOOL_DIRS.iter().map(|d| Path::new(d).join(t)).find(|p| p.is_file()))
        .collect()
}

/// Every input of the build, gathered before the (possibly skipped) build.
pub struct Inputs {
    pub daemon: PathBuf,
    pub kernel: HostKernel,
    pub tools: Vec<PathBuf>,
}

impl Inputs {
    pub fn gather(daemon: &Path) -> Result<Self, LaunchError> {
        if !daemon.is_file() {
            return Err(LaunchError::msg(format!(
                "{}: guestfsd binary not found",
                daemon.display()
            )));
        }
        Ok(Inputs {
            daemon: daemon.to_path_buf(),
            kernel: kernel::find_host_kernel()?,
            tools: find_tools(),
        })
    }

    pub fn cache_key(&self) -> String {
        let mut h = KeyHasher::default();
        h.str(BUILDER_VERSION);
        for src in BUILDER_SOURCES {
            h.str(src);
        }
        h.str(TOOLS_LIST)
            .str(&modules::WANTED.join(","))
            .str(&modules::WANTED_DIRS.join(","))
            .str(&modules::ON_DEMAND.join(","));
        h.file_meta(&self.daemon)
            .file_meta(&self.kernel.image)
            .str(&self.kernel.version);
        for f in ["modules.dep", "modules.builtin", "modules.order"] {
            h.file_meta(&self.kernel.modules_dir.join(f));
        }
        for t in &self.tools {
            h.file_meta(t);
        }
        // Libraries change without the programs changing: these change on every package install.
        for f in ["/etc/ld.so.cache", "/var/lib/dpkg/status", "/var/lib/rpm/rpmdb.sqlite"] {
            h.file_meta(Path::new(f));
        }
        h.str(if split_tools() { "tools disk" } else { "one initramfs" });
        h.hex()
    }
}

/// Whether this build splits the tools into their own disk (needs mke2fs).
pub fn split_tools() -> bool {
    toolsimg::mke2fs().is_some() && std::env::var_os(NO_TOOLS_DISK_ENV).is_none()
}

/// The appliance in `<user cache dir>/rs-appliance-<key>`, built first if it is not there.
pub fn build_or_reuse(user_cache: &Path, daemon: &Path, ev: &dyn LaunchEvents) -> Result<Appliance, LaunchError> {
    let inputs = Inputs::gather(daemon)?;
    let key = inputs.cache_key();
    let dir = user_cache.join(format!("rs-appliance-{key}"));
    if !is_complete(&dir) {
        let _lock = cachedir::lock_exclusive(&user_cache.join("rs-appliance.lock"))?;
        if !is_complete(&dir) {
            let t0 = Instant::now();
            let tmp = user_cache.join(format!("rs-appliance-{key}.tmp{}", std::process::id()));
            let _ = std::fs::remove_dir_all(&tmp);
            let built = std::fs::create_dir(&tmp)
                .map_err(|e| LaunchError::io(format!("mkdir: {}", tmp.display()), &e))
                .and_then(|_| build_into(&tmp, &inputs, &key, user_cache, ev));
            if let Err(e) = built {
                let _ = std::fs::remove_dir_all(&tmp);
                return Err(e);
            }
            std::fs::rename(&tmp, &dir).map_err(|e| LaunchError::io(format!("rename: {}", dir.display()), &e))?;
            ev.debug(&format!(
                "guestfs-rs appliance built in {} ms: {}",
                t0.elapsed().as_millis(),
                dir.display()
            ));
            prune_old(user_cache, &[&dir, &kernel_cache_dir(user_cache, &inputs.kernel)]);
        }
    } else {
        ev.debug(&format!("using cached guestfs-rs appliance {}", dir.display()));
    }
    cachedir::touch(&dir);
    Ok(appliance_in(&dir))
}

fn is_complete(dir: &Path) -> bool {
    dir.join("ready").is_file() && dir.join("initrd").is_file()
}

/// Describes a finished appliance directory.
pub fn appliance_in(dir: &Path) -> Appliance {
    let vmlinux = dir.join("vmlinux");
    let use_pvh = vmlinux.is_file() && std::env::var_os(NO_PVH_ENV).is_none();
    let tools = toolsimg::image_in(dir);
    Appliance {
        kernel: if use_pvh { vmlinux } else { dir.join("kernel") },
        initrd: dir.join("initrd"),
        root: tools.is_file().then_some(tools),
        kind: ApplianceKind::GuestfsRs,
    }
}

/// Deletes appliance and kernel cache directories, other than the ones in use, that
/// nothing has touched for PRUNE_AGE.
fn prune_old(user_cache: &Path, keep: &[&Path]) {
    let Ok(rd) = std::fs::read_dir(user_cache) else { return };
    for e in rd.flatten() {
        let p = e.path();
        let name = e.file_name().to_string_lossy().into_owned();
        let ours = name.starts_with("rs-appliance-") || name.starts_with("rs-kernel-");
        if keep.contains(&p.as_path()) || !ours || !e.file_type().map(|t| t.is_dir()).unwrap_or(false) {
            continue;
        }
        let old = e
            .metadata()
            .and_then(|m| m.modified())
            .ok()
            .and_then(|m| SystemTime::now().duration_since(m).ok())
            .is_some_and(|age| age > PRUNE_AGE);
        if old {
            let _ = std::fs::remove_dir_all(&p);
        }
    }
}

fn io_err(ctx: impl AsRef<str>) -> impl FnOnce(std::io::Error) -> LaunchError {
    move |e| LaunchError::io(ctx, &e)
}

/// Where the kernel files prepared for one host kernel are kept, so that rebuilding the
/// appliance for a new daemon (every build, during development) does not decompress the
/// kernel again.
fn kernel_cache_dir(user_cache: &Path, k: &HostKernel) -> PathBuf {
    let mut h = KeyHasher::default();
    h.str(include_str!("kernel.rs"))
        .str(include_str!("elf.rs"))
        .file_meta(&k.image);
    user_cache.join(format!("rs-kernel-{}", h.hex()))
}

/// Fills `dir` with `kernel` (the bzImage) and, when the kernel has a PVH entry, `vmlinux`.
/// Returns whether there is a vmlinux. The caller holds the build lock.
fn prepare_kernel(dir: &Path, k: &HostKernel) -> Result<bool, LaunchError> {
    let done = dir.join("ready");
    if !done.is_file() {
        let _ = std::fs::remove_dir_all(dir);
        std::fs::create_dir_all(dir).map_err(io_err(format!("mkdir: {}", dir.display())))?;
        let bz = kernel::read_kernel(&k.image)?;
        std::fs::write(dir.join("kernel"), &bz).map_err(io_err("write kernel"))?;
        let pvh = kernel::extract_pvh_vmlinux(&bz);
        if let Some(v) = &pvh {
            std::fs::write(dir.join("vmlinux"), v).map_err(io_err("write vmlinux"))?;
        }
        std::fs::write(&done, if pvh.is_some() { "pvh\n" } else { "bzimage\n" }).map_err(io_err("write ready"))?;
    }
    cachedir::touch(dir);
    Ok(dir.join("vmlinux").is_file())
}

/// Hard-links (same filesystem, instant) or copies.
fn link_or_copy(src: &Path, dst: &Path) -> Result<(), LaunchError> {
    if std::fs::hard_link(src, dst).is_ok() {
        return Ok(());
    }
    std::fs::copy(src, dst)
        .map(|_| ())
        .map_err(io_err(format!("copy: {}", dst.display())))
}

/// Builds kernel, vmlinux (when PVH-capable) and initrd into `out`, then writes `ready`.
pub fn build_into(
    out: &Path,
    inputs: &Inputs,
    key: &str,
    user_cache: &Path,
    ev: &dyn LaunchEvents,
) -> Result<(), LaunchError> {
    let t0 = Instant::now();
    let kdir = kernel_cache_dir(user_cache, &inputs.kernel);
    let pvh = prepare_kernel(&kdir, &inputs.kernel)?;
    link_or_copy(&kdir.join("kernel"), &out.join("kernel"))?;
    if pvh {
        link_or_copy(&kdir.join("vmlinux"), &out.join("vmlinux"))?;
    }
    ev.debug(&format!(
        "guestfs-rs appliance: kernel {} ({}), {} ms",
        inputs.kernel.image.display(),
        if pvh {
            "PVH vmlinux"
        } else {
            "no PVH entry, booting the bzImage"
        },
        t0.elapsed().as_millis()
    ));

    let t1 = Instant::now();
    let mut tree = Tree::new();
    base_layout(&mut tree);
    let stripped = out.join("init.stripped");
    let init_src = strip_debug(&inputs.daemon, &stripped).unwrap_or_else(|| inputs.daemon.clone());
    tree.put("/init", Entry::HostFile(init_src, 0o755));
    let resolver = LibResolver::from_host();
    let mut roots = inputs.tools.clone();
    roots.extend(libs::direct_deps(&inputs.daemon, &resolver));
    let missing = libs::add_closure(&mut tree, &resolver, &roots);
    if !missing.is_empty() {
        ev.debug(&format!(
            "guestfs-rs appliance: libraries not found on the host: {}",
            missing.join(" ")
        ));
    }
    host_config_files(&mut tree);
    let staging = out.join("modules-staging");
    let split = split_tools();
    let (nmods, boot_paths) = add_modules(&mut tree, &inputs.kernel, &staging, split, ev)?;
    ev.debug(&format!(
        "guestfs-rs appliance: {} tools, {} modules, {} entries, {} ms",
        inputs.tools.len(),
        nmods,
        tree.entries.len(),
        t1.elapsed().as_millis()
    ));

    let t2 = Instant::now();
    let written = if split {
        let tools = toolsimg::tools_tree(&tree);
        let uuid = toolsimg::uuid_from_key(key);
        toolsimg::write_image(&tools, &out.join("tools-staging"), &toolsimg::image_in(out), &uuid)?;
        ev.debug(&format!(
            "guestfs-rs appliance: tools disk {uuid} written in {} ms",
            t2.elapsed().as_millis()
        ));
        let boot = initramfs_tree(&tree, &tools, &inputs.daemon, &resolver, &boot_paths);
        write_initrd(&boot, &out.join("initrd"))
    } else {
        write_initrd(&tree, &out.join("initrd"))
    };
    let _ = std::fs::remove_dir_all(&staging);
    let bytes = written?;
    let _ = std::fs::remove_file(&stripped);
    ev.debug(&format!(
        "guestfs-rs appliance: initrd {} MB written in {} ms",
        bytes >> 20,
        t2.elapsed().as_millis()
    ));
    let info = format!(
        "{BUILDER_VERSION}\nkernel {} {}\ndaemon {}\npvh {}\n",
        inputs.kernel.image.display(),
        inputs.kernel.version,
        inputs.daemon.display(),
        pvh
    );
    std::fs::write(out.join("ready"), info).map_err(io_err("write ready"))?;
    Ok(())
}

/// A copy of `bin` without debug sections (a release guestfsd with `debug = 1` is 9 MB, 1.5 MB
/// stripped, and every byte of the initrd is unpacked at each boot). None: use the original.
fn strip_debug(bin: &Path, out: &Path) -> Option<PathBuf> {
    let strip = ["/usr/bin/strip", "/bin/strip"]
        .into_iter()
        .find(|p| Path::new(p).exists())?;
    let ok = Command::new(strip)
        .arg("--strip-debug")
        .arg("-o")
        .arg(out)
        .arg(bin)
        .output()
        .ok()?
        .status
        .success();
    ok.then(|| out.to_path_buf())
}

fn base_layout(tree: &mut Tree) {
    for (d, perm) in [
        ("/dev", 0o755),
        ("/proc", 0o555),
        ("/sys", 0o555),
        ("/run", 0o755),
        ("/tmp", 0o1777),
        ("/var/tmp", 0o1777),
        ("/root", 0o700),
        ("/sysroot", 0o755),
        ("/mnt", 0o755),
        ("/etc", 0o755),
    ] {
        tree.mkdir_p(d, perm);
        tree.entries.insert(d.to_string(), Entry::Dir(perm));
    }
    // The kernel opens /dev/console for init's stdio before anything mounts devtmpfs.
    tree.put("/dev/console", Entry::CharDev(0o600, 5, 1));
    tree.put("/dev/null", Entry::CharDev(0o666, 1, 3));
    // No /etc/passwd or /etc/group, as in 1.48's appliance: tools outside the guest's chroot
    // then see numeric owners only (tar_out writes no user names), and paths such as
    // /etc/passwd given where a device is expected fail the way 1.48's do (ENOENT).
    tree.put(
        "/etc/hosts",
        Entry::Data(b"127.0.0.1 localhost\n::1 localhost\n".to_vec(), 0o644),
    );
    tree.put("/etc/hostname", Entry::Data(b"guestfs\n".to_vec(), 0o644));
    tree.put("/etc/mtab", Entry::Symlink("/proc/mounts".into()));
    // The host's top-level layout (merged-/usr symlinks such as /sbin -> usr/sbin), so that
    // fixed paths like the kernel's /sbin/modprobe and scripts' /bin/sh resolve.
    for d in ["/bin", "/sbin", "/lib", "/lib64", "/usr/bin", "/usr/sbin", "/usr/lib"] {
        let _ = tree.add_host_path(Path::new(d));
    }
}

/// Host configuration and data that the tools read: files, or directories copied whole
/// (missing ones are skipped). The Augeas lenses (with dist/) serve the aug_* calls.
/// Deliberately not copied: nsswitch.conf (files-only lookups are what we want), mdadm.conf
/// (it names the host's arrays, which `mdadm -As` would then look for in the guest's disks).
fn host_config_files(tree: &mut Tree) {
    let wanted = [
        "/etc/ld.so.cache",
        "/etc/mke2fs.conf",
        "/usr/share/misc/magic.mgc",
        "/etc/lvm",
        "/usr/share/augeas/lenses",
        // grub-install's data (fonts, grub-mkconfig_lib) and, when the host has them, its
        // platform modules (grub-pc-bin's i386-pc/ and so on).
        "/usr/share/grub",
        "/usr/lib/grub",
    ];
    for f in wanted {
        let p = Path::new(f);
        let _ = if p.is_dir() {
            tree.add_host_dir_recursive(p)
        } else {
            tree.add_host_path(p).map(|_| ())
        };
    }
    // glibc's iconv modules for the Unicode and Western encodings and the DOS code pages:
    // libhivex converts registry names and strings from UTF-16LE and Latin-1 through
    // iconv, which fails (EBADF from hivex_node_name) without them.
    for dir in ["/usr/lib/x86_64-linux-gnu/gconv", "/usr/lib64/gconv", "/usr/lib/gconv"] {
        let d = Path::new(dir);
        if !d.is_dir() {
            continue;
        }
        let _ = tree.add_host_dir_recursive(&d.join("gconv-modules.d"));
        for f in GCONV_FILES {
            let _ = tree.add_host_path(&d.join(f));
        }
        break;
    }
}

const GCONV_FILES: &[&str] = &[
    "gconv-modules",
    "gconv-modules.cache",
    "UTF-16.so",
    "UTF-32.so",
    "UTF-7.so",
    "UNICODE.so",
    "ISO8859-1.so",
    "ISO8859-15.so",
    "CP1252.so",
    // mtools (syslinux's FAT installer, mlabel) converts short names through code page 850.
    "IBM850.so",
    "IBM437.so",
];

/// Where a path under the host's `/lib` ends up in the appliance (`/usr/lib/...` on merged-/usr).
fn under_host_lib(tree: &mut Tree, rest: &str) -> String {
    let lib = tree
        .add_host_path(Path::new("/lib"))
        .unwrap_or_else(|_| PathBuf::from("/lib"));
    format!("{}/{rest}", lib.display())
}

/// Reads a module file, decompressing .ko.xz/.ko.zst/.ko.gz with the host tools.
fn read_module(path: &Path) -> Result<Vec<u8>, LaunchError> {
    let name = path.to_string_lossy();
    let tool = if name.ends_with(".xz") {
        Some("xz")
    } else if name.ends_with(".zst") {
        Some("zstd")
    } else if name.ends_with(".gz") {
        Some("gzip")
    } else {
        None
    };
    match tool {
        None => std::fs::read(path).map_err(io_err(format!("read: {name}"))),
        Some(t) => {
            let o = Command::new(t)
                .arg("-dc")
                .arg(path)
                .output()
                .map_err(io_err(format!("{t} -dc {name}")))?;
            if !o.status.success() {
                return Err(LaunchError::msg(format!(
                    "{t} -dc {name} failed: {}",
                    String::from_utf8_lossy(&o.stderr).trim()
                )));
            }
            Ok(o.stdout)
        }
    }
}

fn strip_compression(p: &str) -> &str {
    [".xz", ".zst", ".gz"]
        .iter()
        .find_map(|s| p.strip_suffix(s))
        .unwrap_or(p)
}

/// Puts the selected modules (uncompressed) and regenerated module indexes into the tree,
/// and writes MODULES_ORDER and MODULES_BOOT. Returns the number of module files and the
/// appliance paths of the boot modules and of both lists. With a tools disk, the
/// filesystem driver of that disk is a boot module too.
fn add_modules(
    tree: &mut Tree,
    k: &HostKernel,
    staging: &Path,
    tools_disk: bool,
    ev: &dyn LaunchEvents,
) -> Result<(usize, Vec<String>), LaunchError> {
    let read = |f: &str| std::fs::read_to_string(k.modules_dir.join(f)).unwrap_or_default();
    let dep = read("modules.dep");
    let db = ModDb::parse(&dep, &read("modules.builtin"));
    let (order, absent) = db.select(modules::WANTED, modules::WANTED_DIRS);
    // On-demand modules are staged but not in the load order (modprobe finds them).
    let (on_demand, _) = db.select(modules::ON_DEMAND, &[]);
    if !absent.is_empty() {
        ev.debug(&format!(
            "guestfs-rs appliance: modules neither built in nor available: {}",
            absent.join(" ")
        ));
    }
    let stage_root = staging.join("lib/modules").join(&k.version);
    let mut order_text = String::new();
    let mut any_compressed = false;
    let loaded: HashSet<&String> = order.iter().collect();
    let staged = order.iter().chain(on_demand.iter().filter(|rel| !loaded.contains(rel)));
    for (i, rel) in staged.enumerate() {
        let plain = strip_compression(rel);
        any_compressed |= plain != rel;
        let data = modules::strip_signature(read_module(&k.modules_dir.join(rel))?);
        let dst = stage_root.join(plain);
        if let Some(parent) = dst.parent() {
            std::fs::create_dir_all(parent).map_err(io_err(format!("mkdir: {}", parent.display())))?;
        }
        std::fs::write(&dst, data).map_err(io_err(format!("write: {}", dst.display())))?;
        if i < order.len() {
            order_text.push_str(&format!("/lib/modules/{}/{}\n", k.version, plain));
        }
    }
    // Regenerate the indexes for the subset so modprobe works inside; fall back to the
    // host's files, which are right as long as nothing was decompressed.
    for f in ["modules.builtin", "modules.builtin.modinfo", "modules.order"] {
        let _ = std::fs::copy(k.modules_dir.join(f), stage_root.join(f));
    }
    let depmod = ["/usr/sbin/depmod", "/sbin/depmod"]
        .into_iter()
        .find(|p| Path::new(p).exists());
    let regenerated = depmod.is_some_and(|d| {
        Command::new(d)
            .arg("-b")
            .arg(staging)
            .arg(&k.version)
            .output()
            .map(|o| o.status.success())
            .unwrap_or(false)
    });
    if !regenerated {
        ev.debug("guestfs-rs appliance: depmod unavailable or failed, copying the host's module indexes");
        for f in [
            "modules.dep",
            "modules.dep.bin",
            "modules.alias",
            "modules.alias.bin",
            "modules.symbols",
            "modules.symbols.bin",
            "modules.softdep",
            "modules.builtin.bin",
        ] {
            if f.starts_with("modules.dep") && any_compressed {
                continue;
            }
            let _ = std::fs::copy(k.modules_dir.join(f), stage_root.join(f));
        }
    }
    let base = under_host_lib(tree, &format!("modules/{}", k.version));
    add_staged(tree, &stage_root, &base).map_err(io_err("modules staging"))?;
    let order_path = under_host_lib(tree, MODULES_ORDER.trim_start_matches("/lib/"));
    tree.put(&order_path, Entry::Data(order_text.into_bytes(), 0o644));
    let mut boot_names = modules::BOOT.to_vec();
    if tools_disk {
        boot_names.extend_from_slice(modules::TOOLS_DISK);
    }
    let (boot, _) = db.select(&boot_names, &[]);
    let boot_text: String = boot
        .iter()
        .map(|rel| format!("/lib/modules/{}/{}\n", k.version, strip_compression(rel)))
        .collect();
    let boot_path = under_host_lib(tree, MODULES_BOOT.trim_start_matches("/lib/"));
    tree.put(&boot_path, Entry::Data(boot_text.into_bytes(), 0o644));
    let mut keep: Vec<String> = boot
        .iter()
        .map(|rel| format!("{base}/{}", strip_compression(rel)))
        .collect();
    keep.push(order_path);
    keep.push(boot_path);
    Ok((order.len(), keep))
}

fn add_staged(tree: &mut Tree, dir: &Path, base: &str) -> std::io::Result<()> {
    tree.mkdir_p(base, 0o755);
    for e in std::fs::read_dir(dir)? {
        let e = e?;
        let name = e.file_name().to_string_lossy().into_owned();
        let dst = format!("{base}/{name}");
        if e.file_type()?.is_dir() {
            add_staged(tree, &e.path(), &dst)?;
        } else {
            tree.put(&dst, Entry::HostFile(e.path(), 0o644));
        }
    }
    Ok(())
}

/// What the kernel unpacks when the tools live on their own disk: everything of `full`
/// that is not in the tools image (/init, /etc, /dev, the top-level symlinks), plus what
/// the daemon needs before it has mounted that disk: its own libraries, the boot modules
/// and the module lists (`keep`, appliance paths).
fn initramfs_tree(full: &Tree, tools: &Tree, daemon: &Path, resolver: &LibResolver, keep: &[String]) -> Tree {
    let mut t = Tree::new();
    for (p, e) in &full.entries {
        if !tools.entries.contains_key(p) {
            t.put(p, e.clone());
        }
    }
    libs::add_closure(&mut t, resolver, &libs::direct_deps(daemon, resolver));
    for p in keep {
        if let Some(e) = full.entries.get(p) {
            t.put(p, e.clone());
        }
    }
    t
}

/// Writes the tree as an uncompressed newc archive; returns its size.
pub fn write_initrd(tree: &Tree, path: &Path) -> Result<u64, LaunchError> {
    let f = std::fs::File::create(path).map_err(io_err(format!("create: {}", path.display())))?;
    let now = SystemTime::now()
        .duration_since(SystemTime::UNIX_EPOCH)
        .map(|d| d.as_secs() as u32)
        .unwrap_or(0);
    let mut w = CpioWriter::new(BufWriter::with_capacity(1 << 20, f)).with_mtime(now);
    fn ctx(p: &str) -> impl FnOnce(std::io::Error) -> LaunchError + '_ {
        move |e| LaunchError::io(format!("initrd: {p}"), &e)
    }
    for (p, e) in &tree.entries {
        match e {
            Entry::Dir(m) => w.dir(p, *m),
            Entry::Symlink(t) => w.symlink(p, t),
            Entry::Data(d, m) => w.file(p, *m, d),
            Entry::CharDev(m, maj, min) => w.char_dev(p, *m, *maj, *min),
            Entry::HostFile(src, m) => {
                let mut file = std::fs::File::open(src).map_err(ctx(p))?;
                let len = file.metadata().map_err(ctx(p))?.len();
                w.file_from(p, *m, len, &mut file as &mut dyn Read)
            }
        }
        .map_err(ctx(p))?;
    }
    let out = w.finish().map_err(ctx("trailer"))?;
    let f = out
        .into_inner()
        .map_err(|e| LaunchError::io("initrd: flush", e.error()))?;
    f.sync_all().map_err(ctx("fsync"))?;
    Ok(f.metadata().map(|m| m.len()).unwrap_or(0))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tool_list_is_read() {
        let t = tool_names();
        assert!(t.contains(&"sh") && t.contains(&"mkfs.ext4"));
        assert!(!t.iter().any(|l| l.starts_with('#')));
        assert!(find_tools().iter().any(|p| p.ends_with("sh")));
    }

    #[test]
    fn strip() {
        assert_eq!(strip_compression("a/b.ko.xz"), "a/b.ko");
        assert_eq!(strip_compression("a/b.ko"), "a/b.ko");
    }
}
