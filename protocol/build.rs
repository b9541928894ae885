//! Generates the typed structs (`$OUT_DIR/structs.rs`) from the API table.

#[path = "../generator/structs.rs"]
mod structs;

fn main() {
    println!("cargo:rerun-if-changed=../generator/structs.rs");
    println!("cargo:rerun-if-changed=../api/api.txt");
    let out = std::path::PathBuf::from(std::env::var("OUT_DIR").unwrap());
    std::fs::write(out.join("structs.rs"), structs::generate(guestfs_api::table())).unwrap();
}
