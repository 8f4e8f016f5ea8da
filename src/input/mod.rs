//! Reading and writing the core's types as JSON: the inputs of the JS API (SPEC §3) and the
//! case file (`icans-calc/case@1`), which is also what the page stores and exports.
//!
//! Each reader parses a caller's object once into types that cannot hold bad values; an error
//! is an [`crate::error::InputError`] naming the field by its path
//! (`assessments[2].icans.ice.orientation`). The JS API calls these readers and
//! the core; nothing here knows of the API or the page.
//!
//! Layout (each file uses only the files below it in this list): `case` -> `icans`,
//! `hematotox`, `kinetics`, `steroids` -> `entry` (the day and note every dated entry has);
//! `record` (one stored record of the course with its id, kept with why when the core refuses
//! it) uses `case` and `steroids`. `paste` stands apart: it reads CAR-T counts pasted from a
//! spreadsheet or a CSV file (text, not JSON) into days and counts, refusing by line what could
//! be read two ways. `stored` holds the lenient readers of the page's own saved store; `when` reads when an entry
//! was made, as typed in a form (a day number or a date, and a time of day). `csv` writes the
//! course and the CAR-T counts as CSV files (with `grid`'s reading of the CSF rows).

pub mod case;
pub mod csv;
pub mod entry;
pub mod grid;
pub mod hematotox;
pub mod icans;
pub mod kinetics;
pub mod paste;
pub mod record;
pub mod steroids;
pub mod stored;
pub mod when;
