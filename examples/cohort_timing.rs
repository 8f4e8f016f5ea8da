//! Times reading and evaluating a cohort file on the host: `cargo run --release --example
//! cohort_timing -- cohort.json` (files from tests/support/cohort-gen.mjs).
#![allow(clippy::unwrap_used, clippy::expect_used)]
use icans_calc::view::cohort;
use std::time::Instant;

fn main() {
    let path = std::env::args().nth(1).expect("a cohort file");
    let text = std::fs::read_to_string(path).unwrap();
    let t0 = Instant::now();
    let json = icans_calc::json::parse_text(&text).unwrap();
    let t1 = Instant::now();
    let found = cohort::cases_from_json("cohort.json", json).unwrap();
    let t2 = Instant::now();
    let c = cohort::evaluate(found, Vec::new());
    let t3 = Instant::now();
    let html =
        cohort::summary_html(&c.result).len() + cohort::patients_html(&c.result, None, 0).len();
    let curves = cohort::curves(&c);
    let svg =
        icans_calc::chart::cohort_curves_svg(&curves, &icans_calc::chart::Theme::light(), 900, 420)
            .unwrap();
    let t4 = Instant::now();
    println!(
        "{} patients: parse {:?}, split {:?}, evaluate {:?}, render {:?} (html {} B, curves svg {} B)",
        c.result.patients.len(),
        t1 - t0,
        t2 - t1,
        t3 - t2,
        t4 - t3,
        html,
        svg.len()
    );
}
