//! guestfs-rs library (placeholder while the skeleton is built).
