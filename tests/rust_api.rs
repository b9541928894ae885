//! The public Rust API at the handle level (no appliance needed): typed properties,
//! errors with errno and message, argument checks on the Rust path, events as closures,
//! the close on drop. The launched contract is tests/rust-api/run.sh's.

use guestfs::{Handle, EVENT_CLOSE, EVENT_ENTER};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

fn handle() -> Handle {
    Handle::create_flags(guestfs::CREATE_NO_ENVIRONMENT).unwrap()
}

#[test]
fn typed_properties() {
    let g = handle();
    g.set_memsize(700).unwrap();
    assert_eq!(g.get_memsize().unwrap(), 700);
    g.set_autosync(false).unwrap();
    assert!(!g.get_autosync().unwrap());
    g.set_append(Some("console=ttyS0")).unwrap();
    assert_eq!(g.get_append().unwrap().unwrap(), "console=ttyS0");
    g.set_append(None).unwrap();
    assert_eq!(g.get_append().unwrap(), None);
    g.set_backend_settings(&["force_tcg", "a=b"]).unwrap();
    let s = g.get_backend_settings().unwrap();
    assert_eq!(s, vec!["force_tcg", "a=b"]);
    assert_eq!(g.get_backend_setting("a").unwrap(), "b");
    assert!(g.is_config().unwrap());
    let v = g.version().unwrap();
    assert_eq!((v.major, v.minor), (1, 48));
}

#[test]
fn errors_carry_errno_and_message() {
    let g = handle();
    let e = g.get_backend_setting("missing").unwrap_err();
    assert_eq!(e.errno(), libc::ESRCH);
    assert!(!e.message().is_empty());
    assert_eq!(e.to_string(), e.message());
    // Checked on the Rust path exactly as on the C one: after ENTER, before the action.
    let e = g.part_set_gpt_type("/dev/sda", 1, "not-a-guid").unwrap_err();
    assert_eq!(e.errno(), libc::EINVAL);
    assert_eq!(e.message(), "part_set_gpt_type: guid: parameter is not a valid GUID");
    let e = g.lstatnslist("/", &["a/b"]).unwrap_err();
    assert_eq!(e.message(), "lstatnslist: names: 'a/b' is not a file name");
    // A daemon call before launch.
    let e = g.mkdir("/x").unwrap_err();
    assert!(e.message().starts_with("mkdir: "), "{}", e.message());
}

#[test]
fn enter_events_reach_closures_and_can_be_deleted() {
    let g = handle();
    let seen = Arc::new(Mutex::new(Vec::new()));
    let s = seen.clone();
    let id = g
        .set_event_callback(
            move |ev, _h, buf, _a| s.lock().unwrap().push((ev, String::from_utf8_lossy(buf).into_owned())),
            EVENT_ENTER,
        )
        .unwrap();
    g.get_memsize().unwrap();
    let _ = g.part_set_gpt_type("/dev/sda", 1, "bad");
    g.delete_event_callback(id);
    g.get_verbose().unwrap();
    let seen = seen.lock().unwrap().clone();
    assert_eq!(
        seen,
        vec![
            (EVENT_ENTER, "get_memsize".to_string()),
            (EVENT_ENTER, "part_set_gpt_type".to_string())
        ]
    );
    assert_eq!(guestfs::event_to_string(EVENT_ENTER | EVENT_CLOSE), "close,enter");
}

#[test]
fn drop_closes_the_handle() {
    let closed = Arc::new(AtomicUsize::new(0));
    {
        let g = handle();
        let c = closed.clone();
        g.set_event_callback(
            move |_, _, _, _| {
                c.fetch_add(1, Ordering::SeqCst);
            },
            EVENT_CLOSE,
        )
        .unwrap();
    }
    assert_eq!(closed.load(Ordering::SeqCst), 1);
}

#[test]
fn handles_are_send_and_sync() {
    fn check<T: Send + Sync>() {}
    check::<Handle>();
    let g = Arc::new(handle());
    let t = {
        let g = g.clone();
        std::thread::spawn(move || g.set_memsize(800).unwrap())
    };
    t.join().unwrap();
    assert_eq!(g.get_memsize().unwrap(), 800);
}
