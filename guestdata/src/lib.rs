//! Readers of bytes that come from guest images, shared by the library (inspection's
//! application lists and icons, on the host), the daemon (inspection, in the appliance)
//! and the fuzz targets. Everything here treats its input as hostile: every offset and
//! length is checked, allocations are bounded by the input and by each module's
//! documented caps, and nothing recurses without a depth limit. No I/O, no `unsafe`.

pub mod cirros;
pub mod dib;
pub mod fstab;
pub mod hive;
pub mod json;
pub mod packages;
pub mod pe;
pub mod png;
pub mod release;
pub mod rpm_records;
pub mod tool_output;

#[cfg(test)]
mod icon_fuzz;
/// Builders of small PE files and bitmaps, for tests and fuzz seeds.
#[doc(hidden)]
pub mod test_images;
/// The random generator of the property tests.
#[doc(hidden)]
pub mod test_rng;
