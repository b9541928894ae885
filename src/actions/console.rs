//! Handing the appliance's serial console to the caller (`internal_get_console_socket`,
//! what virt-rescue reads its shell from and types into).

use crate::error::Result;
use crate::{Core, Error};

/// The console socket of the running appliance. The handle keeps owning it (the caller
/// must not close it) and goes on draining it, as appliance events, while it waits for
/// a reply: as in 1.48, a caller that reads the console itself makes no calls meanwhile.
pub fn internal_get_console_socket(h: &Core) -> Result<i32> {
    let l = h.lock();
    let i = l.inner();
    let Some(session) = i.appliance.as_ref() else {
        return Err(Error::msg("no console socket, the handle must be launched"));
    };
    // Direct mode: qemu's console is the caller's stdio, there is no socket.
    session
        .conn
        .console_fd()
        .ok_or_else(|| Error::msg("console socket not connected"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_console_before_launch() {
        let h = Core::new();
        let e = internal_get_console_socket(&h).unwrap_err();
        assert_eq!(e.to_string(), "no console socket, the handle must be launched");
        // Direct mode is only a setting until launch.
        super::super::properties::set_direct(&h, true).unwrap();
        assert!(super::super::properties::get_direct(&h).unwrap());
        assert!(internal_get_console_socket(&h).is_err());
    }
}
