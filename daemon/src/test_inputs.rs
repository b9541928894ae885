//! Random and mutated inputs for the property tests of the daemon's parsers of guest and
//! tool bytes (the fuzz targets cover the shared parsers; these run in `cargo test`).

/// A small deterministic xorshift generator (a test must fail the same way every run).
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    /// A number in `0..n` (`n` > 0).
    pub fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

/// `count` inputs: the even ones are `base` with up to `max_edits` random edits (a byte
/// replaced by any byte, removed, or a letter of `alphabet` inserted), the odd ones random
/// strings of up to `max_len` letters of `alphabet`.
pub fn mutated(base: &[u8], alphabet: &[u8], seed: u64, count: usize, max_len: u64, max_edits: u64) -> Vec<Vec<u8>> {
    let mut rng = Rng::new(seed);
    let letter = |rng: &mut Rng| alphabet[rng.below(alphabet.len() as u64) as usize];
    (0..count)
        .map(|i| {
            let mut bytes: Vec<u8> = if i % 2 == 0 {
                base.to_vec()
            } else {
                (0..rng.below(max_len)).map(|_| letter(&mut rng)).collect()
            };
            for _ in 0..rng.below(max_edits) {
                if bytes.is_empty() {
                    break;
                }
                let at = rng.below(bytes.len() as u64) as usize;
                match rng.below(3) {
                    0 => bytes[at] = rng.below(256) as u8,
                    1 => {
                        bytes.remove(at);
                    }
                    _ => {
                        let l = letter(&mut rng);
                        bytes.insert(at, l)
                    }
                }
            }
            bytes
        })
        .collect()
}
