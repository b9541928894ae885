//! Linux distribution, product name and version from the release files, tried in 1.48's
//! order: os-release, lsb-release, then the distributions' own files. The first parser
//! that succeeds wins.

use super::guest::Guest;
use crate::inspection::Data;
pub use guestfs_guestdata::release::{
    key_values, pattern_match, shell_unquote, simple_unquote, version_from_major_minor,
};

/// Distros whose os-release may lack VERSION_ID (they get 0.0).
const ROLLING: &[&str] = &["archlinux", "gentoo", "voidlinux"];

fn distro_of_os_release_id(id: &str) -> Option<&'static str> {
    Some(match id {
        "alpine" => "alpinelinux",
        "altlinux" => "altlinux",
        "arch" => "archlinux",
        "centos" => "centos",
        "coreos" => "coreos",
        "debian" => "debian",
        "fedora" => "fedora",
        "frugalware" => "frugalware",
        "gentoo" => "gentoo",
        "kali" => "kalilinux",
        "kylin" => "kylin",
        "mageia" => "mageia",
        "neokylin" => "neokylin",
        "openmandriva" => "openmandriva",
        "opensuse" => "opensuse",
        s if s.starts_with("opensuse-") => "opensuse",
        "pardus" => "pardus",
        "pld" => "pldlinux",
        "rhel" => "rhel",
        "rocky" => "rocky",
        "sles" | "sled" => "sles",
        "ubuntu" => "ubuntu",
        "void" => "voidlinux",
        _ => return None,
    })
}

/// neokylin's `V<maj>Update<min>`, else major.minor.
fn os_release_version(v: &str) -> Option<(i32, i32)> {
    if let Some(rest) = v.strip_prefix('V') {
        if let Some((a, b)) = rest.split_once("Update") {
            if let (Ok(a), Ok(b)) = (a.parse(), b.parse()) {
                return Some((a, b));
            }
        }
    }
    version_from_major_minor(v)
}

pub fn parse_os_release(g: &Guest, file: &str, data: &mut Data) -> bool {
    let Some(lines) = g.read_small(file) else { return false };
    for (k, v) in key_values(&lines) {
        let v = shell_unquote(&v);
        match k.as_str() {
            "ID" => {
                if let Some(d) = distro_of_os_release_id(&v) {
                    data.distro = Some(d);
                }
            }
            "PRETTY_NAME" => data.product_name = Some(v),
            "VERSION_ID" => {
                if let Some(ver) = os_release_version(&v) {
                    data.version = Some(ver);
                }
            }
            _ => {}
        }
    }
    let (Some(distro), Some(_)) = (data.distro, &data.product_name) else {
        return false;
    };
    match data.version {
        // Debian, CentOS and Rocky put only the major number here: use their own files.
        Some((_, 0)) if matches!(distro, "debian" | "centos" | "rocky") => false,
        None if ROLLING.contains(&distro) => {
            data.version = Some((0, 0));
            true
        }
        None => false,
        Some(_) => true,
    }
}

pub fn parse_lsb_release(g: &Guest, file: &str, data: &mut Data) -> bool {
    let Some(lines) = g.read_small(file) else { return false };
    let mut ok = false;
    for (k, v) in key_values(&lines) {
        let v = simple_unquote(&v);
        match k.as_str() {
            "DISTRIB_ID" => {
                let d = match v.as_str() {
                    "CoreOS" => Some("coreos"),
                    "LinuxMint" => Some("linuxmint"),
                    "Mageia" => Some("mageia"),
                    "Ubuntu" => Some("ubuntu"),
                    _ => None,
                };
                if d.is_some() {
                    ok = true;
                    data.distro = d;
                }
            }
            "DISTRIB_RELEASE" => {
                if let Some(ver) = version_from_major_minor(&v) {
                    data.version = Some(ver);
                }
            }
            "DISTRIB_DESCRIPTION" => {
                ok = true;
                data.product_name = Some(v);
            }
            _ => {}
        }
    }
    ok
}

/// The first line as product name; with a pattern, it must match and gives the version,
/// without one a version is looked for but not required.
pub fn parse_generic(g: &Guest, file: &str, distro: &'static str, pat: Option<&str>, data: &mut Data) -> bool {
    let first = g
        .read_small(file)
        .and_then(|l| l.into_iter().next())
        .unwrap_or_default();
    if first.is_empty() {
        return false;
    }
    data.product_name = Some(first.clone());
    data.distro = Some(distro);
    match pat {
        Some(p) => match pattern_match(p, &first) {
            Some(caps) => {
                match caps.as_slice() {
                    [] => {}
                    [ma] => data.version = Some((*ma, 0)),
                    [ma, mi, ..] => data.version = Some((*ma, *mi)),
                }
                true
            }
            None => false,
        },
        None => {
            if let Some(v) = version_from_major_minor(&first) {
                data.version = Some(v);
            }
            true
        }
    }
}

fn parse_suse_release(g: &Guest, file: &str, data: &mut Data) -> bool {
    let Some(lines) = g.read_small(file) else { return false };
    let Some(product) = lines.first().cloned() else {
        return false;
    };
    data.product_name = Some(product.clone());
    let sles = pattern_match("^SUSE Linux Enterprise ", &product).is_some()
        || pattern_match("^SUSE LINUX Enterprise ", &product).is_some()
        || pattern_match("^Novell Linux Desktop ", &product).is_some();
    if sles {
        let major = lines
            .get(1)
            .and_then(|l| pattern_match("^VERSION = (N)", l))
            .and_then(|c| c.first().copied());
        let minor = lines
            .get(2)
            .and_then(|l| pattern_match("^PATCHLEVEL = (N)", l))
            .and_then(|c| c.first().copied());
        data.distro = Some("sles");
        data.version = major.map(|ma| (ma, minor.unwrap_or(0)));
    } else if ["openSUSE ", "SuSE Linux ", "SUSE LINUX "]
        .iter()
        .any(|p| product.starts_with(p))
    {
        if let Some(v) = lines.get(1).and_then(|l| version_from_major_minor(l)) {
            data.version = Some(v);
        }
        data.distro = Some("opensuse");
    }
    true
}

/// One release-file test: the file, and how to parse it.
enum Test {
    OsRelease,
    Lsb,
    Generic(&'static str, Option<&'static str>),
    Suse,
    /// Just sets the distro.
    Fixed(&'static str),
    /// buildroot, or cirros when its logo exists.
    BrVersion,
}

const LINUX_TESTS: &[(&str, Test)] = &[
    ("/etc/os-release", Test::OsRelease),
    ("/etc/lsb-release", Test::Lsb),
    (
        "/etc/openmandriva-release",
        Test::Generic("openmandriva", Some("OpenMandriva.*release (N).(N)")),
    ),
    (
        "/etc/oracle-release",
        Test::Generic("oraclelinux", Some("Oracle Linux.*release (N).*Update (N)")),
    ),
    (
        "/etc/oracle-release",
        Test::Generic("oraclelinux", Some("Oracle Linux.*release (N).(N)")),
    ),
    (
        "/etc/oracle-release",
        Test::Generic("oraclelinux", Some("Oracle Linux.*release (N)")),
    ),
    (
        "/etc/centos-release",
        Test::Generic("centos", Some("CentOS.*release (N).*Update (N)")),
    ),
    (
        "/etc/centos-release",
        Test::Generic("centos", Some("CentOS.*release (N).(N)")),
    ),
    (
        "/etc/centos-release",
        Test::Generic("centos", Some("CentOS.*release (N)")),
    ),
    (
        "/etc/rocky-release",
        Test::Generic("rocky", Some("Rocky Linux.*release (N).(N)")),
    ),
    (
        "/etc/rocky-release",
        Test::Generic("rocky", Some("Rocky Linux.*release (N)")),
    ),
    ("/etc/altlinux-release", Test::Generic("altlinux", None)),
    (
        "/etc/redhat-release",
        Test::Generic("fedora", Some("Fedora release (N)")),
    ),
    (
        "/etc/redhat-release",
        Test::Generic("rhel", Some("Red Hat.*release (N).*Update (N)")),
    ),
    (
        "/etc/redhat-release",
        Test::Generic("rhel", Some("Red Hat.*release (N).(N)")),
    ),
    (
        "/etc/redhat-release",
        Test::Generic("rhel", Some("Red Hat.*release (N)")),
    ),
    (
        "/etc/redhat-release",
        Test::Generic("centos", Some("CentOS.*release (N).*Update (N)")),
    ),
    (
        "/etc/redhat-release",
        Test::Generic("centos", Some("CentOS.*release (N).(N)")),
    ),
    (
        "/etc/redhat-release",
        Test::Generic("centos", Some("CentOS.*release (N)")),
    ),
    (
        "/etc/redhat-release",
        Test::Generic("rocky", Some("Rocky Linux.*release (N).(N)")),
    ),
    (
        "/etc/redhat-release",
        Test::Generic("rocky", Some("Rocky Linux.*release (N)")),
    ),
    (
        "/etc/redhat-release",
        Test::Generic("scientificlinux", Some("Scientific Linux.*release (N).*Update (N)")),
    ),
    (
        "/etc/redhat-release",
        Test::Generic("scientificlinux", Some("Scientific Linux.*release (N).(N)")),
    ),
    (
        "/etc/redhat-release",
        Test::Generic("scientificlinux", Some("Scientific Linux.*release (N)")),
    ),
    ("/etc/redhat-release", Test::Generic("redhat-based", None)),
    ("/etc/redhat-release", Test::Fixed("redhat-based")),
    ("/etc/debian_version", Test::Generic("debian", None)),
    ("/etc/pardus-release", Test::Generic("pardus", None)),
    ("/etc/arch-release", Test::Fixed("archlinux")),
    ("/etc/gentoo-release", Test::Generic("gentoo", None)),
    ("/etc/meego-release", Test::Generic("meego", None)),
    ("/etc/slackware-version", Test::Generic("slackware", None)),
    ("/etc/ttylinux-target", Test::Generic("ttylinux", None)),
    ("/etc/SuSE-release", Test::Suse),
    ("/etc/SuSE-release", Test::Fixed("suse-based")),
    ("/etc/cirros/version", Test::Generic("cirros", None)),
    ("/etc/br-version", Test::BrVersion),
    ("/etc/alpine-release", Test::Generic("alpinelinux", None)),
    (
        "/etc/frugalware-release",
        Test::Generic("frugalware", Some("Frugalware (N).(N)")),
    ),
    ("/etc/pld-release", Test::Generic("pldlinux", Some("(N).(N) PLD Linux"))),
];

const HURD_TESTS: &[(&str, Test)] = &[
    ("/etc/os-release", Test::OsRelease),
    ("/etc/debian_version", Test::Generic("debian", None)),
];

fn run_tests(g: &Guest, tests: &[(&str, Test)], data: &mut Data) {
    for (file, test) in tests {
        if !g.is_file(file, true) {
            continue;
        }
        let done = match test {
            Test::OsRelease => parse_os_release(g, file, data),
            Test::Lsb => parse_lsb_release(g, file, data),
            Test::Generic(distro, pat) => parse_generic(g, file, distro, *pat, data),
            Test::Suse => parse_suse_release(g, file, data),
            Test::Fixed(distro) => {
                data.distro = Some(distro);
                true
            }
            Test::BrVersion => {
                let d = if g.is_file("/usr/share/cirros/logo", true) {
                    "cirros"
                } else {
                    "buildroot"
                };
                parse_generic(g, file, d, None, data)
            }
        };
        if done {
            return;
        }
    }
}

pub fn check_linux_release(g: &Guest, data: &mut Data) {
    run_tests(g, LINUX_TESTS, data);
}

pub fn check_hurd_release(g: &Guest, data: &mut Data) {
    run_tests(g, HURD_TESTS, data);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn versions() {
        assert_eq!(version_from_major_minor("5.0.1"), Some((5, 0)));
        assert_eq!(version_from_major_minor("bookworm/sid"), None);
        assert_eq!(version_from_major_minor("12"), Some((12, 0)));
        assert_eq!(version_from_major_minor("Release 7 and 2.3"), Some((2, 3)));
        assert_eq!(os_release_version("V7Update6"), Some((7, 6)));
    }

    #[test]
    fn patterns() {
        assert_eq!(
            pattern_match("Fedora release (N)", "Fedora release 14 (Laughlin)"),
            Some(vec![14])
        );
        assert_eq!(
            pattern_match(
                "Red Hat.*release (N).(N)",
                "Red Hat Enterprise Linux Server release 6.2 (Santiago)"
            ),
            Some(vec![6, 2])
        );
        let rhel4 = "Red Hat release 4 (Nahant Update 9)";
        assert_eq!(
            pattern_match("Red Hat.*release (N).*Update (N)", rhel4),
            Some(vec![4, 9])
        );
        assert_eq!(pattern_match("^VERSION = (N)", "VERSION = 11"), Some(vec![11]));
        assert_eq!(pattern_match("^VERSION = (N)", " VERSION = 11"), None);
        assert_eq!(
            pattern_match("(N).(N) PLD Linux", "3.0 PLD Linux (Th)"),
            Some(vec![3, 0])
        );
        // Greedy, as the regexes: the last "release" that can match, the longest number.
        assert_eq!(
            pattern_match("Red Hat.*release (N).(N)", "Red Hat release 5 release 6.2"),
            Some(vec![6, 2])
        );
        assert_eq!(
            pattern_match("CentOS.*release (N)", "CentOS release 123"),
            Some(vec![123])
        );
        assert_eq!(pattern_match("(N).(N)", "x 12345.678"), Some(vec![12345, 678]));
        assert_eq!(pattern_match("Fedora release (N)", "Fedora release 99999999999"), None);
        assert_eq!(pattern_match("Fedora release (N)", "Fedora release x"), None);
        assert_eq!(
            pattern_match("^SUSE Linux Enterprise ", "SUSE Linux Enterprise Server 15"),
            Some(vec![])
        );
    }

    /// Plain recursive backtracking with the same priorities (greedy `.*` and `(N)`):
    /// exponential at worst, fine on short strings, and obviously what the regexes mean.
    fn reference(pat: &str, s: &str) -> Option<Vec<i32>> {
        fn go(p: &[u8], s: &[u8], caps: &mut Vec<i32>) -> bool {
            if p.is_empty() {
                return true;
            }
            if p.starts_with(b".*") {
                return (0..=s.len()).rev().any(|i| go(&p[2..], &s[i..], caps));
            }
            if p.starts_with(b"(N)") {
                let n = s.iter().take_while(|b| b.is_ascii_digit()).count();
                for k in (1..=n).rev() {
                    caps.push(std::str::from_utf8(&s[..k]).unwrap().parse().unwrap_or(-1));
                    if go(&p[3..], &s[k..], caps) {
                        return true;
                    }
                    caps.pop();
                }
                return false;
            }
            !s.is_empty() && (p[0] == b'.' || s[0] == p[0]) && go(&p[1..], &s[1..], caps)
        }
        let (anchored, pat) = pat.strip_prefix('^').map(|p| (true, p)).unwrap_or((false, pat));
        let ends = if anchored { 0 } else { s.len() };
        (0..=ends).find_map(|i| {
            let mut caps = Vec::new();
            go(pat.as_bytes(), &s.as_bytes()[i..], &mut caps).then_some(caps)
        })
    }

    /// Random lines built from pieces of release strings: the linear matcher finds what
    /// plain backtracking finds.
    #[test]
    fn patterns_agree_with_backtracking() {
        let pieces = [
            "Red Hat",
            " release ",
            "1",
            "23",
            ".",
            "Update ",
            "CentOS",
            " ",
            "x",
            "Fedora",
            "4.5",
        ];
        let mut rng = crate::test_inputs::Rng::new(0x9e37_79b9_7f4a_7c15);
        let mut rand = move || rng.next();
        let mut pats: Vec<&str> = LINUX_TESTS
            .iter()
            .filter_map(|(_, t)| {
                if let Test::Generic(_, Some(p)) = t {
                    Some(*p)
                } else {
                    None
                }
            })
            .collect();
        pats.extend(["^VERSION = (N)", "^SUSE Linux Enterprise "]);
        for _ in 0..3000 {
            let line: String = (0..rand() % 10)
                .map(|_| pieces[rand() as usize % pieces.len()])
                .collect();
            for p in &pats {
                let want = reference(p, &line).filter(|c| c.iter().all(|&v| v >= 0));
                assert_eq!(pattern_match(p, &line), want, "pattern {p:?} on {line:?}");
            }
        }
    }

    /// Time to try every release pattern on a hostile first line of `n` bytes: the
    /// prefixes that make a backtracking matcher try every (start, .*, .*) triple.
    fn hostile_time(n: usize) -> f64 {
        let unit = "Red Hat release 1 Update CentOS release 2.";
        let line: String = unit.repeat(n / unit.len() + 1)[..n].to_string();
        let t = std::time::Instant::now();
        for (_, test) in LINUX_TESTS {
            if let Test::Generic(_, Some(p)) = test {
                std::hint::black_box(pattern_match(p, &line));
            }
        }
        t.elapsed().as_secs_f64()
    }

    /// The review's reproducer: a crafted 64 KiB first line of /etc/redhat-release took
    /// minutes. Linear time: 16x the input must take well under 64x the time.
    #[test]
    fn patterns_are_linear_on_hostile_lines() {
        // Best of three: the machine may be busy with other work.
        let best = |n| (0..3).map(|_| hostile_time(n)).fold(f64::MAX, f64::min);
        let small = best(4096).max(1e-4);
        let big = best(65536);
        assert!(big < 2.0, "64 KiB line took {big:.2} s");
        assert!(big < 64.0 * small, "4 KiB: {small:.4} s, 64 KiB: {big:.4} s");
    }

    #[test]
    fn unquoting() {
        assert_eq!(
            shell_unquote("\"Debian GNU/Linux 12 (bookworm)\""),
            "Debian GNU/Linux 12 (bookworm)"
        );
        assert_eq!(shell_unquote("'a b'"), "a b");
        assert_eq!(shell_unquote("\"a \\\"q\\\"\""), "a \"q\"");
        assert_eq!(simple_unquote("\"Ubuntu 10.10\""), "Ubuntu 10.10");
    }
}
