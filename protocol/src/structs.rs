//! Typed structs of the API, one per struct of the table (generated), shared by the
//! library, its public Rust API and the daemon.

use crate::bytestring::ByteString;
use crate::value::{FieldValue, StructValue};

/// A decoded struct did not have the layout its type expects (a field of another kind,
/// or a different field count): the bytes came from a broken or hostile peer.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct StructMismatch {
    pub structure: &'static str,
    pub field: &'static str,
}

impl std::fmt::Display for StructMismatch {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "struct {}: field {} has the wrong type", self.structure, self.field)
    }
}

impl std::error::Error for StructMismatch {}

include!(concat!(env!("OUT_DIR"), "/structs.rs"));

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_and_refuses_a_wrong_field() {
        let p = Partition {
            part_num: 1,
            part_start: 2048,
            part_end: 4095,
            part_size: 2048,
        };
        let v = p.clone().into_value();
        assert_eq!(Partition::from_value(v.clone()).unwrap(), p);
        let mut bad = v;
        bad.fields[0] = FieldValue::Int64(1);
        assert_eq!(Partition::from_value(bad).unwrap_err().field, "part_num");
    }
}
