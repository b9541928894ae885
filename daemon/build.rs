//! Compiles the C shim that reads libtsk's structures (src/calls/tsk/shim.c). It needs
//! libtsk's header only: the daemon loads libtsk itself at run time (calls/dynlib.rs).

fn main() {
    println!("cargo:rerun-if-changed=src/calls/tsk/shim.c");
    cc::Build::new()
        .file("src/calls/tsk/shim.c")
        .warnings(true)
        .compile("guestfsd_tsk_shim");
}
