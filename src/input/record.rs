//! A committed entry of the course (assessment, medication, lab value) as it is kept between
//! saves: the core's own type with its id, and the case file's form of one record, written only
//! when it is saved or exported. A stored record the core refuses keeps what was stored, with
//! why, so nothing entered is ever dropped.

use crate::case::{Assessment, LabValue};
use crate::error::{InputError, Problem};
use crate::grading::Grade;
use crate::input::case::{assessment_to_json, lab_to_json, parse_assessment, parse_lab, split_id};
use crate::input::steroids::{medication_to_json, parse_medication};
use crate::json::Json;
use crate::steroids::Medication;
use serde::{Serialize, Serializer};

/// A committed entry of the course in the core's type, or, when the core refuses what was
/// stored (saved by an older version, or a file edited by hand), that stored value with why:
/// nothing entered is ever dropped, and a refused entry is listed apart with its delete button.
#[derive(Debug, Clone)]
pub struct Record<T> {
    /// Stable id (kept through saving, export and import, so two tabs merge record by record);
    /// empty until the page's workspace gives one (`Workspace::assign_ids`).
    pub id: String,
    pub entry: Result<T, Refused>,
}

/// A stored entry the core refuses: as it was stored (without its id), and why.
#[derive(Debug, Clone, PartialEq)]
pub struct Refused {
    pub stored: Json,
    pub error: InputError,
}

/// How a committed entry is stored: the case file's own form of one record of its list.
pub trait StoredEntry: Sized {
    fn to_json(&self) -> Json;
    /// Reads one stored record (without its id). Only an assessment uses the patient's age (an
    /// ICANS input with neither age nor tool is graded at the patient's age).
    fn from_json(stored: &Json, patient_age_years: Option<f64>) -> Result<Self, InputError>;
    fn day(&self) -> f64;
}

impl StoredEntry for Assessment {
    fn to_json(&self) -> Json {
        assessment_to_json(self)
    }
    fn from_json(stored: &Json, age: Option<f64>) -> Result<Self, InputError> {
        parse_assessment(stored, "", age)
    }
    fn day(&self) -> f64 {
        Assessment::day(self)
    }
}

impl StoredEntry for Medication {
    fn to_json(&self) -> Json {
        medication_to_json(self)
    }
    fn from_json(stored: &Json, _: Option<f64>) -> Result<Self, InputError> {
        parse_medication(stored, "")
    }
    fn day(&self) -> f64 {
        Medication::day(self)
    }
}

impl StoredEntry for LabValue {
    fn to_json(&self) -> Json {
        lab_to_json(self)
    }
    fn from_json(stored: &Json, _: Option<f64>) -> Result<Self, InputError> {
        parse_lab(stored, "")
    }
    fn day(&self) -> f64 {
        LabValue::day(self)
    }
}

impl<T: StoredEntry> Record<T> {
    /// A new entry, without an id yet.
    pub fn new(entry: T) -> Self {
        Record {
            id: String::new(),
            entry: Ok(entry),
        }
    }

    /// Reads a stored record (its `id` taken off first); a refused one keeps what was stored.
    pub fn read(stored: &Json, patient_age_years: Option<f64>) -> Self {
        let (rest, id) = match split_id(stored, "") {
            Ok((rest, id)) => (rest, id.unwrap_or_default()),
            // A malformed id: the record keeps all it had and is refused by its own reader.
            Err(_) => (stored.clone(), String::new()),
        };
        let entry = T::from_json(&rest, patient_age_years).map_err(|error| Refused {
            stored: rest,
            error,
        });
        Record { id, entry }
    }

    /// The stored form without the id.
    pub fn stored(&self) -> Json {
        match &self.entry {
            Ok(e) => e.to_json(),
            Err(r) => r.stored.clone(),
        }
    }

    /// The stored form with the id as its first field (how the store and a case file keep it).
    pub fn to_json(&self) -> Json {
        if self.id.is_empty() {
            return self.stored();
        }
        set_record_id(self.stored(), &self.id)
    }

    /// Whether the stored form can carry an id: every record but a refused one that is not
    /// even an object (such a record is kept as it is, without an id, so no copy of the
    /// store can give it an id another copy does not know).
    pub fn holds_id(&self) -> bool {
        match &self.entry {
            Ok(_) => true,
            Err(r) => matches!(r.stored, Json::Object(_)),
        }
    }

    /// What a merge of two tabs' copies knows this record by: its id, or, for a record that
    /// cannot hold one, what it holds (so that deleting it is a deletion in every copy).
    pub fn merge_key(&self) -> String {
        match self.holds_id() {
            true => self.id.clone(),
            false => {
                let text = crate::json::to_text(&self.stored()).map(|t| t.text);
                format!("~{}", text.unwrap_or_default())
            }
        }
    }

    /// The entry's day (a refused one's, when it has a number there).
    pub fn day(&self) -> Option<f64> {
        match &self.entry {
            Ok(e) => Some(e.day()),
            Err(r) => r.stored.number_at("day"),
        }
    }
}

/// Two records are the same when they have the same id and would be stored the same: how an
/// entry reads can depend on the patient's age, which is not part of the record.
impl<T: StoredEntry + PartialEq> PartialEq for Record<T> {
    fn eq(&self, other: &Self) -> bool {
        self.id == other.id
            && match (&self.entry, &other.entry) {
                (Ok(a), Ok(b)) if a == b => true,
                _ => self.stored() == other.stored(),
            }
    }
}

impl<T: StoredEntry> Serialize for Record<T> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.to_json().serialize(s)
    }
}

/// Reads a stored list of records.
pub fn read_records<T: StoredEntry>(stored: &[Json], age: Option<f64>) -> Vec<Record<T>> {
    stored.iter().map(|j| Record::read(j, age)).collect()
}

/// `record` with its `id` field set to `id` (first), replacing any other.
pub fn set_record_id(record: Json, id: &str) -> Json {
    match record {
        Json::Object(entries) => {
            let mut out = Vec::with_capacity(entries.len() + 1);
            out.push(("id".to_string(), Json::String(id.to_string())));
            out.extend(entries.into_iter().filter(|(k, _)| k != "id"));
            Json::Object(out)
        }
        other => other,
    }
}

/// The records of one list of a case, each with the id the case gave it.
pub fn with_ids<T: Clone>(entries: &[T], ids: &[Option<String>]) -> Vec<Record<T>> {
    let id = |i: usize| ids.get(i).cloned().flatten().unwrap_or_default();
    let record = |(i, e): (usize, &T)| Record {
        id: id(i),
        entry: Ok(e.clone()),
    };
    entries.iter().enumerate().map(record).collect()
}

/// The entries of one list, or the first the core refuses (its path in the case file).
pub fn accepted<T: Clone>(records: &[Record<T>], list: &str) -> Result<Vec<T>, InputError> {
    let mut entries = Vec::with_capacity(records.len());
    for (i, r) in records.iter().enumerate() {
        match &r.entry {
            Ok(e) => entries.push(e.clone()),
            Err(refused) => {
                let at = crate::json::index(list, i);
                let path = match refused.error.field.as_str() {
                    "" => at,
                    field => crate::json::child(&at, field),
                };
                return Err(InputError::new(path, refused.error.problem.clone()));
            }
        }
    }
    Ok(entries)
}

/// A stored record the core refuses, at its position in its list: its day (when it has one) and
/// why ("mg must be more than 0 ...": the field's own name, not the path to it).
#[derive(Debug, Clone, PartialEq)]
pub struct RefusedAt {
    pub index: usize,
    pub day: Option<f64>,
    pub why: String,
}

/// Splits one list into the entries the core accepts (`read`: how a record is read now), each
/// with its position in the list, and the ones it refuses.
pub fn split<T: StoredEntry>(
    records: &[Record<T>],
    read: impl Fn(&Record<T>) -> Result<T, InputError>,
) -> (Vec<(usize, T)>, Vec<RefusedAt>) {
    let (mut kept, mut refused) = (Vec::new(), Vec::new());
    for (index, record) in records.iter().enumerate() {
        match read(record) {
            Ok(e) => kept.push((index, e)),
            Err(e) => {
                let field = e.field.rsplit('.').next().unwrap_or("");
                let why = match &e.problem {
                    // A conflict's reason is written for the clinician and names both sides;
                    // the field and the other side are the file's key names.
                    Problem::Conflict { why, .. } => why.to_string(),
                    problem => format!("{field} {problem}").trim_start().to_string(),
                };
                let day = record.day();
                refused.push(RefusedAt { index, day, why });
            }
        }
    }
    (kept, refused)
}

/// The records of a list in day order (entries of the same day in the order entered), by the
/// core's one sort ([`crate::numbers::order_by_f64`]).
pub fn by_day<T>(records: &[(usize, T)], day: fn(&T) -> f64) -> Vec<&(usize, T)> {
    let mut sorted = Vec::new();
    for k in crate::numbers::order_by_f64(records.iter().map(|(_, r)| day(r))) {
        sorted.extend(records.get(k));
    }
    sorted
}

/// A record as it was read when it was stored.
pub fn as_read<T: Clone>(r: &Record<T>) -> Result<T, InputError> {
    match &r.entry {
        Ok(e) => Ok(e.clone()),
        Err(refused) => Err(refused.error.clone()),
    }
}

/// The latest recorded ICANS and CRS grades, each with its day.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct LastRecorded {
    /// The grade, whether its assessment was complete (every domain assessed), and the day.
    pub icans: Option<(Grade, bool, f64)>,
    pub crs: Option<(Grade, bool, f64)>,
    /// Whether a record the core refuses (read at the age now typed) was passed over.
    pub passed_over: bool,
}

/// The latest recorded ICANS and CRS grades as `read` reads each record now (an assessment at
/// the age now typed, as the course reads it): of each kind, the grade of the latest day, the
/// later entry on a tie; records the core refuses are passed over. Read from the latest day back
/// and stopped once both are found, since the top bar is drawn on every tap and a case may
/// hold hundreds of records.
pub fn last_recorded(
    records: &[Record<Assessment>],
    read: impl Fn(&Record<Assessment>) -> Result<Assessment, InputError>,
) -> LastRecorded {
    let days = records.iter().map(|r| r.day().unwrap_or(f64::NEG_INFINITY));
    let mut last = LastRecorded::default();
    // Latest day first; of equal days, the later entry first.
    for i in crate::numbers::order_by_f64(days).into_iter().rev() {
        let Some(Ok(a)) = records.get(i).map(&read) else {
            last.passed_over = true;
            continue;
        };
        let icans = || {
            let g = a.icans()?.assessment().grade();
            Some((g.grade, g.complete, a.day()))
        };
        let crs = || {
            let g = a.crs()?.assessment().grade();
            Some((g.grade, g.complete, a.day()))
        };
        last.icans = last.icans.or_else(icans);
        last.crs = last.crs.or_else(crs);
        if last.icans.is_some() && last.crs.is_some() {
            break;
        }
    }
    last
}

/// The id of each record, in order (`None` until one is given).
pub fn ids<T>(records: &[Record<T>]) -> Vec<Option<String>> {
    let id = |r: &Record<T>| Some(r.id.clone()).filter(|i| !i.is_empty());
    records.iter().map(id).collect()
}

/// The note of the kept assessment at `index` of its list ("" if none; `kept`: as
/// [`crate::case::evaluate_kept`] takes them).
pub fn note_at(kept: &[(usize, Assessment)], index: usize) -> &str {
    let found = kept.iter().find(|(i, _)| *i == index);
    found.and_then(|(_, a)| a.note()).unwrap_or("")
}

/// The entries the core accepts, in list order (a record it refuses is left out).
pub fn entries<T>(records: &[Record<T>]) -> Vec<&T> {
    records
        .iter()
        .filter_map(|r| r.entry.as_ref().ok())
        .collect()
}

/// An id from `fresh_id` that is not in `taken` (a suffix `-2`, `-3`... is added until it is
/// not: the list is finite, so the search ends whatever the generator gives), added to it.
pub fn unused_id(taken: &mut Vec<String>, fresh_id: &mut dyn FnMut() -> String) -> String {
    let fresh = fresh_id();
    let (mut id, mut k) = (fresh.clone(), 1);
    while taken.contains(&id) {
        k += 1;
        id = format!("{fresh}-{k}");
    }
    taken.push(id.clone());
    id
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    #[test]
    fn a_new_id_never_repeats_one_taken_and_refused_records_are_left_out() {
        let mut taken = vec!["a".to_string(), "a-2".to_string()];
        let mut fresh = || "a".to_string();
        assert_eq!(unused_id(&mut taken, &mut fresh), "a-3");
        assert_eq!(unused_id(&mut taken, &mut fresh), "a-4");
        assert_eq!(taken, ["a", "a-2", "a-3", "a-4"]);
        let lab = Json::object(vec![("day", Json::Number(1.0))]);
        let labs: Vec<Record<LabValue>> = read_records(&[lab, Json::Null], None);
        assert!(entries(&labs).is_empty());
    }

    /// Records read from their stored form (without a patient age).
    pub(crate) fn records<T: StoredEntry>(stored: Vec<Json>) -> Vec<Record<T>> {
        read_records(&stored, None)
    }

    fn json(text: &str) -> Json {
        crate::json::parse_text(text).expect("json")
    }

    #[test]
    fn a_record_reads_into_the_core_type_and_is_stored_as_it_came() {
        let stored = json(r#"{"id":"m1","day":3,"drug":"dexamethasone","mg":10,"route":"iv"}"#);
        let r: Record<Medication> = Record::read(&stored, None);
        assert_eq!(r.id, "m1");
        assert_eq!(r.entry.as_ref().map(Medication::mg), Ok(10.0));
        assert_eq!(r.day(), Some(3.0));
        assert_eq!(r.to_json(), stored);
    }

    #[test]
    fn a_record_the_core_refuses_is_kept_whole_with_why() {
        // Saved by an older version: a dose out of range and a key the reader does not know.
        let stored =
            json(r#"{"id":"m2","day":4,"drug":"dexamethasone","mg":-1,"route":"iv","x":1}"#);
        let r: Record<Medication> = Record::read(&stored, None);
        let Err(refused) = &r.entry else {
            panic!("refused")
        };
        assert!(!refused.error.to_string().is_empty());
        assert_eq!((r.id.as_str(), r.day()), ("m2", Some(4.0)));
        assert_eq!(r.to_json(), stored, "nothing is lost");
        // A record that is not even an object keeps its value too.
        let odd: Record<LabValue> = Record::read(&json("17"), None);
        assert!(odd.entry.is_err());
        assert_eq!((odd.to_json(), odd.day()), (json("17"), None));
    }

    #[test]
    fn records_that_would_be_stored_alike_are_the_same_whatever_age_read_them() {
        // An ICANS input without age or tool takes the patient's age: ICE from 12, CAPD under.
        let stored = json(r#"{"id":"a1","day":1,"icans":{"ice":"unarousable"}}"#);
        let adult: Record<Assessment> = Record::read(&stored, Some(30.0));
        let child: Record<Assessment> = Record::read(&stored, Some(8.0));
        assert!(adult.entry.is_ok());
        assert!(child.entry.is_err(), "ICE answers with the CAPD tool");
        assert_eq!(adult, child);
        let other = Record {
            id: "a2".to_string(),
            ..adult.clone()
        };
        assert_ne!(adult, other);
    }

    #[test]
    fn a_child_s_ice_record_read_at_the_child_s_age_says_why_in_the_clinician_s_words() {
        // Recorded without an age (ICE assumed); the age typed later is 8, where CAPD applies.
        let stored = json(r#"{"id":"a1","day":1,"icans":{"ice":"unarousable"}}"#);
        let records = [Record::<Assessment>::read(&stored, None)];
        let at_eight = |r: &Record<Assessment>| Assessment::from_json(&r.stored(), Some(8.0));
        let (kept, refused) = split(&records, at_eight);
        assert!(kept.is_empty());
        let why = &refused[0].why;
        assert!(
            why.starts_with("the CAPD is the tool under age 12"),
            "{why}"
        );
        for wire_word in ["tool CAPD", "capd answers", "set tool", "\"ice\""] {
            assert!(!why.contains(wire_word), "{why}");
        }
        // Any other problem still names its field.
        let dose = json(r#"{"id":"m2","day":4,"drug":"dexamethasone","mg":-1,"route":"iv"}"#);
        let (_, refused) = split(&[Record::<Medication>::read(&dose, None)], as_read);
        assert!(refused[0].why.starts_with("mg "), "{}", refused[0].why);
    }

    #[test]
    fn the_last_recorded_grades_are_those_of_reading_every_record() {
        // Grades that differ from record to record, so a wrong pick shows.
        let icans = |c: &str| format!(r#""icans":{{"consciousness":"{c}"}}"#);
        let crs =
            |h: &str| format!(r#""crs":{{"fever":"present","hypotension":"{h}","oxygen":"none"}}"#);
        let kinds = [
            icans("awakensToVoice"),
            icans("unarousable"),
            crs("none"),
            crs("oneVasopressor"),
            format!("{},{}", icans("awakensToTactile"), crs("noVasopressors")),
            format!(
                "{},{}",
                icans("awakensToVoice"),
                crs("multipleVasopressors")
            ),
        ];
        // Lists of up to 6 records over 3 days (ties included) and the kinds above, plus one
        // the core refuses, from a small pseudo-random walk.
        let (mut seed, mut graded) = (7u32, [0; 2]);
        for _ in 0..2_000 {
            let mut records = Vec::new();
            seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12_345);
            for k in 0..(seed >> 16) % 7 {
                let pick = (seed >> (k * 2)) as usize;
                let text = match pick % 7 {
                    6 => r#"{"day": 1, "crs": {"fever": "hot"}}"#.to_string(),
                    kind => format!(r#"{{"day": {}, {}}}"#, (pick / 7) % 3, kinds[kind]),
                };
                records.push(Record::read(&json(&text), None));
            }
            // Every record read, then the latest day of each kind (`max_by` keeps the last of
            // equal days, the later entry).
            let read: Vec<_> = records.iter().filter_map(|r| as_read(r).ok()).collect();
            let latest = |grade: fn(&Assessment) -> Option<(Grade, bool)>| {
                let graded = read.iter().filter_map(|a| {
                    let (g, complete) = grade(a)?;
                    Some((g, complete, a.day()))
                });
                graded.max_by(|(.., a), (.., b)| a.total_cmp(b))
            };
            let expected = LastRecorded {
                icans: latest(|a| {
                    let g = a.icans()?.assessment().grade();
                    Some((g.grade, g.complete))
                }),
                crs: latest(|a| {
                    let g = a.crs()?.assessment().grade();
                    Some((g.grade, g.complete))
                }),
                passed_over: false,
            };
            let found = last_recorded(&records, as_read);
            assert_eq!((found.icans, found.crs), (expected.icans, expected.crs));
            graded[0] += usize::from(expected.icans.is_some());
            graded[1] += usize::from(expected.crs.is_some());
        }
        // The lists did hold grades of both kinds (the comparison is not between two Nones).
        assert!(graded.iter().all(|n| *n > 500), "{graded:?}");
    }
}
