//! icans-calc: CAR-T toxicity grading (ICANS, CRS) and CAR-T expansion kinetics.
//!
//! Layers, each using only the ones below it (checked by `tests/architecture.rs`):
//!
//! ```text
//! web      wasm32 only: the page's DOM glue; `web::exports` is the JS API's wasm boundary
//! view     pure functions from form values and results to HTML (host-tested)
//! api      the JS API of SPEC §3 over JSON: entry points only
//! core     grading, kinetics, steroids, hematotox, case, cohort, chart, day, input (the JSON
//!          readers and writers of the core's types, incl. the case file), narrative (the
//!          course in words), json, error, ...
//! ```
//!
//! Everything below `web` knows nothing of the browser and is tested with plain `cargo test` on
//! the host. This software supports, and does not replace, clinical judgement.

pub mod api;
pub mod case;
pub mod chart;
pub mod cohort;
pub mod day;
pub mod display;
pub mod error;
pub mod example;
pub mod grading;
pub mod hematotox;
pub mod input;
pub mod json;
pub mod kinetics;
pub mod merge;
pub mod narrative;
pub mod numbers;
pub mod published;
pub mod sources;
pub mod steroids;
pub mod text;
pub mod units;
pub mod view;

/// The browser layer; public only so wasm-bindgen tests can call the exports.
#[cfg(target_arch = "wasm32")]
#[doc(hidden)]
pub mod web;

/// App version shown beside every result, in print and in exports.
pub const APP_VERSION: &str = env!("CARGO_PKG_VERSION");
