//! The JS API of SPEC §3 as pure functions over [`Json`]: parse the caller's object once into
//! types that cannot hold bad values, call the core, return a serializable result.
//!
//! The wasm layer only converts `JsValue` <-> [`Json`] / serde and turns [`InputError`] into a JS
//! `Error`; everything a caller can get wrong is decided (and host-tested) here.

pub mod case;
pub mod hematotox;
pub mod icans;
pub mod kinetics;
pub mod steroids;

pub use case::{case_to_json, evaluate_case, parse_case};
pub use hematotox::hematotox;
pub use icans::{grade_crs, grade_icans};
pub use kinetics::kinetics;
pub use steroids::steroid_dose;
