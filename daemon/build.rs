//! Generates the typed dispatch of every daemon action from the API table
//! (`$OUT_DIR/calls.rs` and `$OUT_DIR/table.rs`, see generator/daemon_calls.rs) and compiles the C shim that
//! reads libtsk's structures (src/calls/tsk/shim.c). The shim needs libtsk's header only:
//! the daemon loads libtsk itself at run time (calls/dynlib.rs).

#[path = "../generator/daemon_calls.rs"]
mod daemon_calls;

fn main() {
    for f in ["src/calls/tsk/shim.c", "../generator/daemon_calls.rs", "../api/api.txt"] {
        println!("cargo:rerun-if-changed={f}");
    }
    let out = std::path::PathBuf::from(std::env::var("OUT_DIR").unwrap());
    let (calls, table) = daemon_calls::generate(guestfs_api::table());
    std::fs::write(out.join("calls.rs"), calls).unwrap();
    std::fs::write(out.join("table.rs"), table).unwrap();

    cc::Build::new()
        .file("src/calls/tsk/shim.c")
        .warnings(true)
        .compile("guestfsd_tsk_shim");
}
