use crate::*;

#[test]
fn table_has_every_action_and_struct_of_1_48() {
    let t = table();
    assert_eq!(t.actions.len(), 635);
    assert_eq!(t.actions.iter().filter(|a| a.is_daemon()).count(), 492);
    assert_eq!(t.structs.len(), 27);
    assert_eq!(t.max_proc_nr(), 510);
    assert_eq!(t.events.len(), 10);
}

#[test]
fn known_rows() {
    let t = table();
    let m = t.action("mount").unwrap();
    assert_eq!(m.proc_nr, Some(1));
    assert_eq!(m.args.len(), 2);
    let mkfs = t.action("mkfs").unwrap();
    assert!(mkfs.flags.once_had_no_optargs);
    assert_eq!(mkfs.c_name(), "mkfs_opts");
    assert_eq!(mkfs.optargs.len(), 5);
    assert_eq!(t.by_proc(92).unwrap().name, "ping_daemon");
}

#[test]
fn proc_numbers_unique() {
    let t = table();
    let mut seen = std::collections::HashSet::new();
    for a in &t.actions {
        if let Some(p) = a.proc_nr {
            assert!(seen.insert(p), "duplicate proc {p}");
        }
    }
}

#[test]
fn every_action_has_a_description() {
    let missing: Vec<_> = table()
        .actions
        .iter()
        .filter(|a| a.description.is_empty())
        .map(|a| a.name.clone())
        .collect();
    assert!(missing.is_empty(), "no description for: {missing:?}");
}

#[test]
fn every_action_says_where_it_is_implemented() {
    let t = table();
    let unimplemented: Vec<&str> = t
        .actions
        .iter()
        .filter(|a| a.implementation == Implementation::Unimplemented)
        .map(|a| a.name.as_str())
        .collect();
    assert!(unimplemented.is_empty(), "unimplemented: {unimplemented:?}");
    let text = "action x\n  impl a\n  unimplemented\n  added 1.0.0\n";
    assert!(crate::parse::parse(text, "").is_err());
    assert!(crate::parse::parse("action x\n  added 1.0.0\n", "").is_err());
}
