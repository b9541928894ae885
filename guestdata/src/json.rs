//! A small JSON reader for ldmtool's output (appliance bytes derived from guest disks):
//! RFC 8259 values, read in one linear pass, with the nesting depth bounded so hostile
//! metadata cannot exhaust the stack. Like jansson's default (what 1.48 uses), the top
//! level must be an object or an array. Numbers are kept as their text.

/// A parsed JSON value. Object members keep their order (and duplicates: `get` returns
/// the last, as jansson does).
#[derive(Debug, Clone, PartialEq)]
pub enum Json {
    Null,
    Bool(bool),
    Num(String),
    Str(String),
    Arr(Vec<Json>),
    Obj(Vec<(String, Json)>),
}

/// Deeper nesting than this is refused (ldmtool's output nests two levels).
pub const MAX_DEPTH: usize = 128;

impl Json {
    pub fn get(&self, key: &str) -> Option<&Json> {
        match self {
            Json::Obj(m) => m.iter().rev().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }

    /// The value as a list of strings, if it is an array of strings only.
    pub fn string_list(&self) -> Option<Vec<String>> {
        match self {
            Json::Arr(a) => a
                .iter()
                .map(|v| if let Json::Str(s) = v { Some(s.clone()) } else { None })
                .collect(),
            _ => None,
        }
    }
}

/// `s` as a JSON string literal (quotes, backslashes and control characters escaped).
pub fn quote(s: &str) -> String {
    let mut o = String::with_capacity(s.len() + 2);
    o.push('"');
    for c in s.chars() {
        match c {
            '"' => o.push_str("\\\""),
            '\\' => o.push_str("\\\\"),
            c if (c as u32) < 0x20 => o.push_str(&format!("\\u{:04x}", c as u32)),
            c => o.push(c),
        }
    }
    o.push('"');
    o
}

pub fn parse(text: &[u8]) -> Result<Json, String> {
    let mut p = Parser { s: text, i: 0 };
    p.ws();
    match p.peek() {
        Some(b'{') | Some(b'[') => {}
        None => return Err("'[' or '{' expected near end of file".into()),
        _ => return Err(p.err("'[' or '{' expected")),
    }
    let v = p.value(0)?;
    p.ws();
    if p.i != p.s.len() {
        return Err(p.err("end of file expected"));
    }
    Ok(v)
}

struct Parser<'a> {
    s: &'a [u8],
    i: usize,
}

impl Parser<'_> {
    fn peek(&self) -> Option<u8> {
        self.s.get(self.i).copied()
    }

    fn err(&self, what: &str) -> String {
        format!("{what} at byte {}", self.i)
    }

    fn ws(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.i += 1;
        }
    }

    fn eat(&mut self, c: u8) -> Result<(), String> {
        if self.peek() == Some(c) {
            self.i += 1;
            Ok(())
        } else {
            Err(self.err(&format!("'{}' expected", c as char)))
        }
    }

    fn value(&mut self, depth: usize) -> Result<Json, String> {
        if depth >= MAX_DEPTH {
            return Err(self.err("maximum parsing depth reached"));
        }
        self.ws();
        match self.peek() {
            Some(b'{') => self.object(depth),
            Some(b'[') => self.array(depth),
            Some(b'"') => self.string().map(Json::Str),
            Some(b't') => self.literal("true", Json::Bool(true)),
            Some(b'f') => self.literal("false", Json::Bool(false)),
            Some(b'n') => self.literal("null", Json::Null),
            Some(b'-' | b'0'..=b'9') => self.number(),
            None => Err(self.err("unexpected end of input")),
            Some(_) => Err(self.err("invalid token")),
        }
    }

    fn literal(&mut self, word: &str, v: Json) -> Result<Json, String> {
        if self.s[self.i..].starts_with(word.as_bytes()) {
            self.i += word.len();
            Ok(v)
        } else {
            Err(self.err("invalid token"))
        }
    }

    fn object(&mut self, depth: usize) -> Result<Json, String> {
        self.eat(b'{')?;
        let mut m = Vec::new();
        self.ws();
        if self.peek() == Some(b'}') {
            self.i += 1;
            return Ok(Json::Obj(m));
        }
        loop {
            self.ws();
            if self.peek() != Some(b'"') {
                return Err(self.err("string or '}' expected"));
            }
            let k = self.string()?;
            self.ws();
            self.eat(b':')?;
            let v = self.value(depth + 1)?;
            m.push((k, v));
            self.ws();
            match self.peek() {
                Some(b',') => self.i += 1,
                Some(b'}') => {
                    self.i += 1;
                    return Ok(Json::Obj(m));
                }
                _ => return Err(self.err("'}' expected")),
            }
        }
    }

    fn array(&mut self, depth: usize) -> Result<Json, String> {
        self.eat(b'[')?;
        let mut a = Vec::new();
        self.ws();
        if self.peek() == Some(b']') {
            self.i += 1;
            return Ok(Json::Arr(a));
        }
        loop {
            a.push(self.value(depth + 1)?);
            self.ws();
            match self.peek() {
                Some(b',') => self.i += 1,
                Some(b']') => {
                    self.i += 1;
                    return Ok(Json::Arr(a));
                }
                _ => return Err(self.err("']' expected")),
            }
        }
    }

    fn number(&mut self) -> Result<Json, String> {
        let start = self.i;
        if self.peek() == Some(b'-') {
            self.i += 1;
        }
        match self.peek() {
            Some(b'0') => self.i += 1,
            Some(b'1'..=b'9') => self.digits(),
            _ => return Err(self.err("invalid number")),
        }
        if self.peek() == Some(b'.') {
            self.i += 1;
            if !matches!(self.peek(), Some(b'0'..=b'9')) {
                return Err(self.err("invalid number"));
            }
            self.digits();
        }
        if matches!(self.peek(), Some(b'e' | b'E')) {
            self.i += 1;
            if matches!(self.peek(), Some(b'+' | b'-')) {
                self.i += 1;
            }
            if !matches!(self.peek(), Some(b'0'..=b'9')) {
                return Err(self.err("invalid number"));
            }
            self.digits();
        }
        Ok(Json::Num(String::from_utf8_lossy(&self.s[start..self.i]).into_owned()))
    }

    fn digits(&mut self) {
        while matches!(self.peek(), Some(b'0'..=b'9')) {
            self.i += 1;
        }
    }

    fn hex4(&mut self) -> Result<u32, String> {
        let h = self
            .s
            .get(self.i..self.i + 4)
            .ok_or_else(|| self.err("invalid escape"))?;
        let t = std::str::from_utf8(h).map_err(|_| self.err("invalid escape"))?;
        let v = u32::from_str_radix(t, 16).map_err(|_| self.err("invalid escape"))?;
        if !h.iter().all(u8::is_ascii_hexdigit) {
            return Err(self.err("invalid escape"));
        }
        self.i += 4;
        Ok(v)
    }

    fn string(&mut self) -> Result<String, String> {
        self.eat(b'"')?;
        let mut out: Vec<u8> = Vec::new();
        loop {
            let Some(c) = self.peek() else {
                return Err(self.err("premature end of input"));
            };
            self.i += 1;
            match c {
                b'"' => break,
                b'\\' => {
                    let Some(e) = self.peek() else {
                        return Err(self.err("premature end of input"));
                    };
                    self.i += 1;
                    match e {
                        b'"' | b'\\' | b'/' => out.push(e),
                        b'b' => out.push(8),
                        b'f' => out.push(12),
                        b'n' => out.push(b'\n'),
                        b'r' => out.push(b'\r'),
                        b't' => out.push(b'\t'),
                        b'u' => {
                            let mut cp = self.hex4()?;
                            if (0xD800..0xDC00).contains(&cp) {
                                if !self.s[self.i..].starts_with(b"\\u") {
                                    return Err(self.err("invalid Unicode escape"));
                                }
                                self.i += 2;
                                let lo = self.hex4()?;
                                if !(0xDC00..0xE000).contains(&lo) {
                                    return Err(self.err("invalid Unicode escape"));
                                }
                                cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
                            }
                            // Lone low surrogates and NUL are refused, as jansson does.
                            let ch = char::from_u32(cp).filter(|&c| c != '\0');
                            let ch = ch.ok_or_else(|| self.err("invalid Unicode escape"))?;
                            let mut b = [0u8; 4];
                            out.extend_from_slice(ch.encode_utf8(&mut b).as_bytes());
                        }
                        _ => return Err(self.err("invalid escape")),
                    }
                }
                0..=0x1f => return Err(self.err("control character in string")),
                _ => out.push(c),
            }
        }
        String::from_utf8(out).map_err(|_| self.err("invalid UTF-8 in string"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ldmtool_shapes() {
        let v = parse(
            br#"{ "name" : "WIN-A_Dg0", "guid" : "x", "volumes" : [ "Volume1" ], "disks" : [ "Disk1", "Disk2" ] }"#,
        )
        .unwrap();
        assert_eq!(v.get("name"), Some(&Json::Str("WIN-A_Dg0".into())));
        assert_eq!(v.get("disks").unwrap().string_list().unwrap(), vec!["Disk1", "Disk2"]);
        let v = parse(b"[\n  \"a\\u00e9\\ud83d\\ude00\\n\"\n]\n").unwrap();
        assert_eq!(v.string_list().unwrap(), vec!["a\u{e9}\u{1F600}\n"]);
        let v = parse(br#"{"hint":null,"size":-1.5e3,"ok":true}"#).unwrap();
        assert_eq!(v.get("hint"), Some(&Json::Null));
        assert_eq!(v.get("size"), Some(&Json::Num("-1.5e3".into())));
        assert!(parse(b"[]").unwrap().string_list().unwrap().is_empty());
    }

    #[test]
    fn refusals() {
        for bad in [
            &b""[..],
            b"  ",
            b"\"s\"",
            b"1",
            b"[",
            b"[1,]",
            b"{\"a\"}",
            b"{\"a\":1,}",
            b"[01]",
            b"[1.]",
            b"[\"\\x\"]",
            b"[\"\\ud800\"]",
            b"[\"\\u0000\"]",
            b"[\"a\nb\"]",
            b"[] x",
            b"[tru]",
            b"[\"\xff\"]",
        ] {
            assert!(parse(bad).is_err(), "{:?}", String::from_utf8_lossy(bad));
        }
        let deep = "[".repeat(MAX_DEPTH + 1) + &"]".repeat(MAX_DEPTH + 1);
        assert!(parse(deep.as_bytes()).is_err());
        let ok = "[".repeat(MAX_DEPTH - 1) + &"]".repeat(MAX_DEPTH - 1);
        assert!(parse(ok.as_bytes()).is_ok());
    }

    /// Writes a value back as JSON text (for the round-trip property).
    fn emit(v: &Json, out: &mut String) {
        match v {
            Json::Null => out.push_str("null"),
            Json::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
            Json::Num(n) => out.push_str(n),
            Json::Str(s) => out.push_str(&quote(s)),
            Json::Arr(a) => {
                out.push('[');
                for (i, x) in a.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    emit(x, out);
                }
                out.push(']');
            }
            Json::Obj(m) => {
                out.push('{');
                for (i, (k, x)) in m.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    emit(&Json::Str(k.clone()), out);
                    out.push(':');
                    emit(x, out);
                }
                out.push('}');
            }
        }
    }

    struct Rng(u64);
    impl Rng {
        fn next(&mut self) -> u64 {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            self.0
        }
        fn below(&mut self, n: u64) -> u64 {
            self.next() % n
        }
    }

    fn random_value(r: &mut Rng, depth: usize) -> Json {
        let pick = if depth > 4 { r.below(4) } else { r.below(6) };
        match pick {
            0 => Json::Null,
            1 => Json::Bool(r.below(2) == 1),
            2 => Json::Num(format!("{}", r.next() as i64 % 100000)),
            3 => Json::Str(
                (0..r.below(8))
                    .map(|_| char::from_u32(1 + r.below(0x3000) as u32).unwrap_or('x'))
                    .collect(),
            ),
            4 => Json::Arr((0..r.below(4)).map(|_| random_value(r, depth + 1)).collect()),
            _ => Json::Obj(
                (0..r.below(4))
                    .map(|i| (format!("k{i}"), random_value(r, depth + 1)))
                    .collect(),
            ),
        }
    }

    /// Property: random documents round-trip; random mutations of them (byte flips,
    /// truncations, insertions) never panic and never take more than linear work.
    #[test]
    fn random_and_mutated_documents() {
        let mut r = Rng(0x9E3779B97F4A7C15);
        for _ in 0..3000 {
            let v = Json::Arr(vec![random_value(&mut r, 0)]);
            let mut text = String::new();
            emit(&v, &mut text);
            assert_eq!(parse(text.as_bytes()).as_ref(), Ok(&v), "{text}");
            let mut b = text.into_bytes();
            for _ in 0..1 + r.below(4) {
                match r.below(3) {
                    0 if !b.is_empty() => {
                        let i = r.below(b.len() as u64) as usize;
                        b[i] = r.next() as u8;
                    }
                    1 => b.truncate(r.below(b.len() as u64 + 1) as usize),
                    _ => {
                        let i = r.below(b.len() as u64 + 1) as usize;
                        let c = b"{}[]\",:\\u0123456789tfn- \n"[r.below(25) as usize];
                        b.insert(i, c);
                    }
                }
            }
            let _ = parse(&b);
        }
    }
}
