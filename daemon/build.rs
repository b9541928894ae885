//! Compiles the C shim that reads libtsk's structures (src/calls/tsk/shim.c) and links
//! the C libraries that need a fixed order after it.

fn main() {
    println!("cargo:rerun-if-changed=src/calls/tsk/shim.c");
    cc::Build::new().file("src/calls/tsk/shim.c").warnings(true).compile("guestfsd_tsk_shim");
    // After the shim, so the static archive's references to libtsk resolve.
    println!("cargo:rustc-link-lib=dylib=tsk");
}
