//! Limits every list of a case shares, in a leaf module so that the forms (kinetics grid, paste)
//! and the store read the same number without importing each other.

/// The most records per list (assessments, medications, lab values, CSF samples, blood samples
/// per series): 200, several a day through the first month. Measured in Chromium with every
/// list full: adding a medication (which re-evaluates and re-draws the whole course) takes about
/// 75 ms at 200 per list, 110-190 ms at 250-300 and 500 ms at 1,000, so 200 keeps each tap
/// within 100 ms.
pub const MAX_RECORDS_PER_LIST: usize = 200;

/// The largest case file an import reads: 1 MB. A case with every list at its limit is about
/// half of this; anything much larger is not a case this page made.
pub const MAX_FILE_BYTES: usize = 1_000_000;
