//! What the API table says about the daemon's actions, generated from it
//! (generator/daemon_calls.rs): the optional-argument struct each typed function takes
//! (`opts::MkfsOpts` ...), and which actions are implemented or marked `unimplemented`.
//! It sits below the call families, which use it; the dispatch above them is `generated`.

include!(concat!(env!("OUT_DIR"), "/table.rs"));
