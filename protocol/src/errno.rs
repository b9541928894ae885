//! errno numbers <-> the symbolic names carried in error replies (`errno_string`).
//!
//! The name set is libguestfs 1.48's (`guestfs_api::table().errnos`). Where Linux gives two
//! names one number, number -> name gives the name 1.48 sends (EAGAIN, EDEADLOCK, ENOTSUP);
//! name -> number accepts both. "EZZZ" in the table is a deliberately non-existent errno
//! that 1.48 carries to test unknown names: it maps like any unknown name.

/// Every known name with its number. Canonical names come before their aliases, so the
/// first match by number is the name 1.48 sends.
const TABLE: &[(&str, i32)] = &[
    ("E2BIG", libc::E2BIG),
    ("EACCES", libc::EACCES),
    ("EADDRINUSE", libc::EADDRINUSE),
    ("EADDRNOTAVAIL", libc::EADDRNOTAVAIL),
    ("EADV", libc::EADV),
    ("EAFNOSUPPORT", libc::EAFNOSUPPORT),
    ("EAGAIN", libc::EAGAIN),
    ("EALREADY", libc::EALREADY),
    ("EBADE", libc::EBADE),
    ("EBADF", libc::EBADF),
    ("EBADFD", libc::EBADFD),
    ("EBADMSG", libc::EBADMSG),
    ("EBADR", libc::EBADR),
    ("EBADRQC", libc::EBADRQC),
    ("EBADSLT", libc::EBADSLT),
    ("EBFONT", libc::EBFONT),
    ("EBUSY", libc::EBUSY),
    ("ECANCELED", libc::ECANCELED),
    ("ECHILD", libc::ECHILD),
    ("ECHRNG", libc::ECHRNG),
    ("ECOMM", libc::ECOMM),
    ("ECONNABORTED", libc::ECONNABORTED),
    ("ECONNREFUSED", libc::ECONNREFUSED),
    ("ECONNRESET", libc::ECONNRESET),
    ("EDEADLOCK", libc::EDEADLOCK),
    ("EDESTADDRREQ", libc::EDESTADDRREQ),
    ("EDOM", libc::EDOM),
    ("EDOTDOT", libc::EDOTDOT),
    ("EDQUOT", libc::EDQUOT),
    ("EEXIST", libc::EEXIST),
    ("EFAULT", libc::EFAULT),
    ("EFBIG", libc::EFBIG),
    ("EHOSTDOWN", libc::EHOSTDOWN),
    ("EHOSTUNREACH", libc::EHOSTUNREACH),
    ("EIDRM", libc::EIDRM),
    ("EILSEQ", libc::EILSEQ),
    ("EINPROGRESS", libc::EINPROGRESS),
    ("EINTR", libc::EINTR),
    ("EINVAL", libc::EINVAL),
    ("EIO", libc::EIO),
    ("EISCONN", libc::EISCONN),
    ("EISDIR", libc::EISDIR),
    ("EISNAM", libc::EISNAM),
    ("EKEYEXPIRED", libc::EKEYEXPIRED),
    ("EKEYREJECTED", libc::EKEYREJECTED),
    ("EKEYREVOKED", libc::EKEYREVOKED),
    ("EL2HLT", libc::EL2HLT),
    ("EL2NSYNC", libc::EL2NSYNC),
    ("EL3HLT", libc::EL3HLT),
    ("EL3RST", libc::EL3RST),
    ("ELIBACC", libc::ELIBACC),
    ("ELIBBAD", libc::ELIBBAD),
    ("ELIBEXEC", libc::ELIBEXEC),
    ("ELIBMAX", libc::ELIBMAX),
    ("ELIBSCN", libc::ELIBSCN),
    ("ELNRNG", libc::ELNRNG),
    ("ELOOP", libc::ELOOP),
    ("EMEDIUMTYPE", libc::EMEDIUMTYPE),
    ("EMFILE", libc::EMFILE),
    ("EMLINK", libc::EMLINK),
    ("EMSGSIZE", libc::EMSGSIZE),
    ("EMULTIHOP", libc::EMULTIHOP),
    ("ENAMETOOLONG", libc::ENAMETOOLONG),
    ("ENAVAIL", libc::ENAVAIL),
    ("ENETDOWN", libc::ENETDOWN),
    ("ENETRESET", libc::ENETRESET),
    ("ENETUNREACH", libc::ENETUNREACH),
    ("ENFILE", libc::ENFILE),
    ("ENOANO", libc::ENOANO),
    ("ENOBUFS", libc::ENOBUFS),
    ("ENOCSI", libc::ENOCSI),
    ("ENODATA", libc::ENODATA),
    ("ENODEV", libc::ENODEV),
    ("ENOENT", libc::ENOENT),
    ("ENOEXEC", libc::ENOEXEC),
    ("ENOKEY", libc::ENOKEY),
    ("ENOLCK", libc::ENOLCK),
    ("ENOLINK", libc::ENOLINK),
    ("ENOMEDIUM", libc::ENOMEDIUM),
    ("ENOMEM", libc::ENOMEM),
    ("ENOMSG", libc::ENOMSG),
    ("ENONET", libc::ENONET),
    ("ENOPKG", libc::ENOPKG),
    ("ENOPROTOOPT", libc::ENOPROTOOPT),
    ("ENOSPC", libc::ENOSPC),
    ("ENOSR", libc::ENOSR),
    ("ENOSTR", libc::ENOSTR),
    ("ENOSYS", libc::ENOSYS),
    ("ENOTBLK", libc::ENOTBLK),
    ("ENOTCONN", libc::ENOTCONN),
    ("ENOTDIR", libc::ENOTDIR),
    ("ENOTEMPTY", libc::ENOTEMPTY),
    ("ENOTNAM", libc::ENOTNAM),
    ("ENOTRECOVERABLE", libc::ENOTRECOVERABLE),
    ("ENOTSOCK", libc::ENOTSOCK),
    ("ENOTSUP", libc::ENOTSUP),
    ("ENOTTY", libc::ENOTTY),
    ("ENOTUNIQ", libc::ENOTUNIQ),
    ("ENXIO", libc::ENXIO),
    ("EOVERFLOW", libc::EOVERFLOW),
    ("EOWNERDEAD", libc::EOWNERDEAD),
    ("EPERM", libc::EPERM),
    ("EPFNOSUPPORT", libc::EPFNOSUPPORT),
    ("EPIPE", libc::EPIPE),
    ("EPROTO", libc::EPROTO),
    ("EPROTONOSUPPORT", libc::EPROTONOSUPPORT),
    ("EPROTOTYPE", libc::EPROTOTYPE),
    ("ERANGE", libc::ERANGE),
    ("EREMCHG", libc::EREMCHG),
    ("EREMOTE", libc::EREMOTE),
    ("EREMOTEIO", libc::EREMOTEIO),
    ("ERESTART", libc::ERESTART),
    ("ERFKILL", libc::ERFKILL),
    ("EROFS", libc::EROFS),
    ("ESHUTDOWN", libc::ESHUTDOWN),
    ("ESOCKTNOSUPPORT", libc::ESOCKTNOSUPPORT),
    ("ESPIPE", libc::ESPIPE),
    ("ESRCH", libc::ESRCH),
    ("ESRMNT", libc::ESRMNT),
    ("ESTALE", libc::ESTALE),
    ("ESTRPIPE", libc::ESTRPIPE),
    ("ETIME", libc::ETIME),
    ("ETIMEDOUT", libc::ETIMEDOUT),
    ("ETOOMANYREFS", libc::ETOOMANYREFS),
    ("ETXTBSY", libc::ETXTBSY),
    ("EUCLEAN", libc::EUCLEAN),
    ("EUNATCH", libc::EUNATCH),
    ("EUSERS", libc::EUSERS),
    ("EXDEV", libc::EXDEV),
    ("EXFULL", libc::EXFULL),
    // Aliases: same numbers as EDEADLOCK, EAGAIN and ENOTSUP on Linux.
    ("EDEADLK", libc::EDEADLK),
    ("EWOULDBLOCK", libc::EWOULDBLOCK),
    ("EOPNOTSUPP", libc::EOPNOTSUPP),
];

/// Number -> name; 0 -> "" (no errno); unknown -> "EINVAL".
pub fn errno_to_name(e: i32) -> &'static str {
    if e == 0 {
        return "";
    }
    TABLE
        .iter()
        .find(|(_, n)| *n == e)
        .map(|(name, _)| *name)
        .unwrap_or("EINVAL")
}

/// Name -> number; "" -> 0 (no errno); unknown -> EINVAL.
pub fn name_to_errno(s: &str) -> i32 {
    if s.is_empty() {
        return 0;
    }
    TABLE
        .iter()
        .find(|(name, _)| *name == s)
        .map(|(_, n)| *n)
        .unwrap_or(libc::EINVAL)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_table_name_is_covered() {
        for name in &guestfs_api::table().errnos {
            let e = name_to_errno(name);
            if name == "EZZZ" {
                assert_eq!(e, libc::EINVAL);
                continue;
            }
            assert!(TABLE.iter().any(|(n, _)| n == name), "{name} missing");
            // Round trip, modulo Linux's aliases.
            let back = errno_to_name(e);
            assert_eq!(name_to_errno(back), e, "{name}");
        }
    }

    #[test]
    fn canonical_names_and_defaults() {
        assert_eq!(errno_to_name(libc::ENOENT), "ENOENT");
        assert_eq!(errno_to_name(libc::EAGAIN), "EAGAIN");
        assert_eq!(errno_to_name(libc::EDEADLK), "EDEADLOCK");
        assert_eq!(errno_to_name(libc::EOPNOTSUPP), "ENOTSUP");
        assert_eq!(errno_to_name(0), "");
        assert_eq!(errno_to_name(99999), "EINVAL");
        assert_eq!(name_to_errno(""), 0);
        assert_eq!(name_to_errno("EWOULDBLOCK"), libc::EAGAIN);
        assert_eq!(name_to_errno("ENOSUCH"), libc::EINVAL);
        assert_eq!(name_to_errno("EIO"), libc::EIO);
    }
}
