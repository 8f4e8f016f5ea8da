//! The page's committed records are the core's stored records (`crate::input::record`): the
//! core's own type with its id, read from and written in the case file's form.

pub use crate::input::record::*;
