//! Progress-message rate limit, as 1.48's daemon applies it: nothing during the first 2 s
//! of a request, then at most one every 333333 µs, and a final one at position == total
//! whenever any was sent.

use std::time::{Duration, Instant};

const INITIAL_DELAY: Duration = Duration::from_micros(2_000_000);
const PERIOD: Duration = Duration::from_micros(333_333);

pub struct Throttle {
    start: Instant,
    last: Option<Instant>,
}

impl Throttle {
    /// Start the clock (when the request arrived).
    pub fn new() -> Throttle {
        Throttle { start: Instant::now(), last: None }
    }

    pub fn should_send(&mut self, position: u64, total: u64) -> bool {
        self.should_send_at(Instant::now(), position, total)
    }

    fn should_send_at(&mut self, now: Instant, position: u64, total: u64) -> bool {
        let send = if position == total && self.last.is_some() {
            true
        } else if now.duration_since(self.start) < INITIAL_DELAY {
            false
        } else {
            match self.last {
                Some(l) => now.duration_since(l) >= PERIOD,
                None => true,
            }
        };
        if send {
            self.last = Some(now);
        }
        send
    }
}

impl Default for Throttle {
    fn default() -> Self {
        Throttle::new()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn delays_then_limits_then_final() {
        let mut t = Throttle::new();
        let s = t.start;
        assert!(!t.should_send_at(s + Duration::from_millis(100), 1, 10));
        // position == total before anything was sent: nothing (no progress bar started).
        assert!(!t.should_send_at(s + Duration::from_millis(1900), 10, 10));
        assert!(t.should_send_at(s + Duration::from_millis(2001), 2, 10));
        assert!(!t.should_send_at(s + Duration::from_millis(2100), 3, 10));
        assert!(t.should_send_at(s + Duration::from_millis(2400), 4, 10));
        assert!(t.should_send_at(s + Duration::from_millis(2401), 10, 10));
    }
}
