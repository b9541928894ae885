//! Text helpers for Linux release files: KEY=VALUE lines, shell-style and simple
//! unquoting, version numbers, and the small pattern matcher that replaces 1.48's
//! release-file regexes. Guest text goes through all of them, so each runs in linear
//! time and allocates at most in proportion to its input.

/// `(\d+)\.(\d+)` anywhere, else `(\d+)` anywhere.
pub fn version_from_major_minor(s: &str) -> Option<(i32, i32)> {
    let b = s.as_bytes();
    let mut i = 0;
    let mut first_major: Option<i32> = None;
    while i < b.len() {
        if b[i].is_ascii_digit() {
            let start = i;
            while i < b.len() && b[i].is_ascii_digit() {
                i += 1;
            }
            let major = s[start..i].parse::<i32>().ok();
            if first_major.is_none() {
                first_major = major;
            }
            if i + 1 < b.len() && b[i] == b'.' && b[i + 1].is_ascii_digit() {
                let mstart = i + 1;
                let mut j = mstart;
                while j < b.len() && b[j].is_ascii_digit() {
                    j += 1;
                }
                if let (Some(ma), Ok(mi)) = (major, s[mstart..j].parse::<i32>()) {
                    return Some((ma, mi));
                }
            }
        } else {
            i += 1;
        }
    }
    first_major.map(|m| (m, 0))
}

/// KEY=VALUE lines (blank and '#' lines skipped; a line without '=' is ignored).
pub fn key_values(lines: &[String]) -> Vec<(String, String)> {
    lines
        .iter()
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .filter_map(|l| l.split_once('=').map(|(k, v)| (k.to_string(), v.to_string())))
        .collect()
}

/// Strip one pair of matching outer quotes.
pub fn simple_unquote(s: &str) -> String {
    let b = s.as_bytes();
    if b.len() >= 2 && ((b[0] == b'"' && b[b.len() - 1] == b'"') || (b[0] == b'\'' && b[b.len() - 1] == b'\'')) {
        return s[1..s.len() - 1].to_string();
    }
    s.to_string()
}

/// Shell-style unquoting of an os-release value: single quotes literal, double quotes
/// with backslash escapes, bare backslash escapes.
pub fn shell_unquote(s: &str) -> String {
    let mut out = String::new();
    let mut it = s.chars().peekable();
    while let Some(c) = it.next() {
        match c {
            '\'' => {
                for c in it.by_ref() {
                    if c == '\'' {
                        break;
                    }
                    out.push(c);
                }
            }
            '"' => {
                while let Some(c) = it.next() {
                    match c {
                        '"' => break,
                        '\\' => match it.peek() {
                            Some(&n @ ('$' | '`' | '"' | '\\' | '\n')) => {
                                out.push(n);
                                it.next();
                            }
                            _ => out.push('\\'),
                        },
                        c => out.push(c),
                    }
                }
            }
            '\\' => {
                if let Some(n) = it.next() {
                    out.push(n);
                }
            }
            c => out.push(c),
        }
    }
    out
}

/// A small pattern language for the release-file regexes: literal text, `.` (any one
/// byte), `.*` (any run, greedy) and `(N)` (a captured run of digits, greedy). Matched
/// unanchored unless the pattern starts with '^'; the match is the one a backtracking
/// regex engine would find (leftmost, greedy).
///
/// The first line of a release file is guest data, so the matcher runs in linear time:
/// the pattern is compiled to a tiny program, and a backtracking search that never
/// visits the same (instruction, position) pair twice (the visit is remembered in a
/// bitmap) does at most |program| × (|input| + 1) steps, whatever the input.
pub fn pattern_match(pat: &str, s: &str) -> Option<Vec<i32>> {
    let (anchored, pat) = match pat.strip_prefix('^') {
        Some(p) => (true, p),
        None => (false, pat),
    };
    let prog = compile(pat.as_bytes());
    let s = s.as_bytes();
    let mut visited = Bitmap::new(prog.len() * (s.len() + 1));
    let starts = if anchored { 0..=0 } else { 0..=s.len() };
    for start in starts {
        if let Some(caps) = run(&prog, s, start, &mut visited) {
            // An over-long number fails the match, as int_of_string does in 1.48.
            return caps
                .chunks_exact(2)
                .map(|c| std::str::from_utf8(&s[c[0]..c[1]]).ok()?.parse::<i32>().ok())
                .collect();
        }
    }
    None
}

/// Instructions of a compiled pattern.
#[derive(Clone, Copy)]
enum Inst {
    Byte(u8),
    Any,
    Digit,
    /// Try `.0` first, then `.1` (greedy loops prefer to go round once more).
    Split(usize, usize),
    Jump(usize),
    /// Record the current position in capture slot `.0`.
    Save(usize),
    Match,
}

fn compile(p: &[u8]) -> Vec<Inst> {
    let mut prog = Vec::new();
    let mut slots = 0;
    let mut i = 0;
    while i < p.len() {
        if p[i..].starts_with(b".*") {
            // L: split(L+1, L+3); any; jump L
            let l = prog.len();
            prog.extend([Inst::Split(l + 1, l + 3), Inst::Any, Inst::Jump(l)]);
            i += 2;
        } else if p[i..].starts_with(b"(N)") {
            // save; digit; L: split(L+1, L+3); digit; jump L; save
            prog.extend([Inst::Save(slots), Inst::Digit]);
            let l = prog.len();
            prog.extend([
                Inst::Split(l + 1, l + 3),
                Inst::Digit,
                Inst::Jump(l),
                Inst::Save(slots + 1),
            ]);
            slots += 2;
            i += 3;
        } else {
            prog.push(if p[i] == b'.' { Inst::Any } else { Inst::Byte(p[i]) });
            i += 1;
        }
    }
    assert!(slots <= MAX_SLOTS, "release pattern with more than two (N)");
    prog.push(Inst::Match);
    prog
}

/// Capture positions: the patterns have at most two `(N)`.
const MAX_SLOTS: usize = 4;

type Caps = [usize; MAX_SLOTS];

struct Bitmap(Vec<u64>);

impl Bitmap {
    fn new(bits: usize) -> Bitmap {
        Bitmap(vec![0; bits.div_ceil(64)])
    }

    /// Sets bit `i`; true when it was already set.
    fn test_and_set(&mut self, i: usize) -> bool {
        let (w, b) = (i / 64, 1u64 << (i % 64));
        let was = self.0[w] & b != 0;
        self.0[w] |= b;
        was
    }
}

/// The backtracking search from `start`, with an explicit stack (no recursion on guest
/// input). Returns the capture positions of the first match in priority order. Pairs
/// visited by an earlier failed start are skipped: from a given pair the outcome does
/// not depend on how it was reached, so a revisit can only fail again.
fn run(prog: &[Inst], s: &[u8], start: usize, visited: &mut Bitmap) -> Option<Vec<usize>> {
    let nslots = prog.iter().filter(|i| matches!(i, Inst::Save(_))).count();
    let mut stack: Vec<(usize, usize, Caps)> = vec![(0, start, [0; MAX_SLOTS])];
    while let Some((mut pc, mut pos, mut caps)) = stack.pop() {
        loop {
            if visited.test_and_set(pc * (s.len() + 1) + pos) {
                break;
            }
            match prog[pc] {
                Inst::Match => return Some(caps[..nslots].to_vec()),
                Inst::Byte(b) if s.get(pos) == Some(&b) => {}
                Inst::Any if pos < s.len() => {}
                Inst::Digit if s.get(pos).is_some_and(u8::is_ascii_digit) => {}
                Inst::Byte(_) | Inst::Any | Inst::Digit => break,
                Inst::Split(first, second) => {
                    stack.push((second, pos, caps));
                    pc = first;
                    continue;
                }
                Inst::Jump(to) => {
                    pc = to;
                    continue;
                }
                Inst::Save(slot) => {
                    caps[slot] = pos;
                    pc += 1;
                    continue;
                }
            }
            pc += 1;
            pos += 1;
        }
    }
    None
}
