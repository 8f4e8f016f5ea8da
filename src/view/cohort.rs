//! The Cohort tab: many patients loaded at once (case files, a cohort file, or a long-format
//! table of counts), one row each, the summary, the comparison with the published series, and
//! exports. Pure: the wasm layer reads files and calls these.

use super::html::esc;
use super::report::CsvStyle;
use crate::case::{improved_words, resolved_words};
use crate::chart::{CohortCurves, Lane};
use crate::cohort::{CategorySummary, NumericSummary, PatientRow};
use crate::cohort::{CohortBuilder, CohortResult};
use crate::display::result as format_result;
use crate::input::paste::{Column as Pasted, unit_refused};
use crate::json::Json;
use crate::kinetics::HorizonDays;
use crate::numbers;
use crate::published::{TABLE_1, TABLE_1_TITLE};

/// Schema of an exported cohort: `{ schema, cases: [<case file>...] }`.
pub const COHORT_SCHEMA: &str = "icans-calc/cohort@1";

/// Patients per page of the per-patient table.
pub const PAGE_ROWS: usize = 100;

/// Something that could not be loaded, with where it came from.
#[derive(Debug, Clone, PartialEq)]
pub struct LoadIssue {
    /// File name, or "pasted table" / "table row N".
    pub source: String,
    pub reason: String,
}

/// A case found in the input, with the file (and position) it came from.
#[derive(Debug, Clone, PartialEq)]
pub struct FoundCase {
    pub source: String,
    pub case: Json,
}

/// How the `i`-th case (from 0) of a file with many is named in the lists of what was loaded.
pub fn case_in_file(name: &str, i: usize) -> String {
    format!("{name}, case {}", i + 1)
}

/// Cases in one JSON file: a case file, an exported cohort, or a list of case files.
pub fn cases_from_json(name: &str, value: Json) -> Result<Vec<FoundCase>, LoadIssue> {
    let one = |case: Json, i: Option<usize>| FoundCase {
        source: match i {
            Some(i) => case_in_file(name, i),
            None => name.to_string(),
        },
        case,
    };
    let issue = |reason: &str| LoadIssue {
        source: name.to_string(),
        reason: reason.to_string(),
    };
    let schema = value.text_at("schema").map(str::to_string);
    match value {
        Json::Array(items) => Ok(items
            .into_iter()
            .enumerate()
            .map(|(i, c)| one(c, Some(i)))
            .collect()),
        Json::Object(entries) => match schema.as_deref() {
            Some(COHORT_SCHEMA) => match entries.into_iter().find(|(k, _)| k == "cases") {
                Some((_, Json::Array(items))) => Ok(items
                    .into_iter()
                    .enumerate()
                    .map(|(i, c)| one(c, Some(i)))
                    .collect()),
                Some(_) | None => Err(issue("a cohort file without its list of cases")),
            },
            Some(s) if s.starts_with("icans-calc/cohort@") => Err(issue(&format!(
                "made by a newer version of icans-calc (schema {s})"
            ))),
            // A case file, or something else: the case reader says what is wrong with it.
            Some(_) | None => Ok(vec![one(Json::Object(entries), None)]),
        },
        // Only the JS API's `kinetics` reading makes one, never a file: the list it stands for.
        Json::Pairs(pairs) => {
            cases_from_json(name, Json::Array(crate::json::pairs_written_out(&pairs)))
        }
        Json::Null | Json::Bool(_) | Json::Number(_) | Json::String(_) => {
            Err(issue("not a case file (no object or list inside)"))
        }
    }
}

/// Column of a long-format table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum LongColumn {
    Id,
    Day,
    Total,
    Cd4,
    Cd8,
}

/// Header words per column, lower case, English and German (as NCA tools and lab exports name
/// them).
fn long_column(header: &str) -> Option<LongColumn> {
    let h =
        crate::text::fold_case(header.trim().trim_matches('"')).replace(['+', ' ', '_', '-'], "");
    let starts = |words: &[&str]| words.iter().any(|w| h.starts_with(w));
    if starts(&["id", "patient", "subject", "upn", "pat", "proband"]) {
        Some(LongColumn::Id)
    } else if starts(&["day", "tag", "time", "zeit", "d"]) && !h.starts_with("cd") {
        Some(LongColumn::Day)
    } else if starts(&["cd4"]) {
        Some(LongColumn::Cd4)
    } else if starts(&["cd8"]) {
        Some(LongColumn::Cd8)
    } else if starts(&[
        "total", "gesamt", "cart", "conc", "cells", "zellen", "value",
    ]) {
        Some(LongColumn::Total)
    } else {
        None
    }
}

/// Samples of the total, CD4+ and CD8+ series of one patient.
type SeriesByName = [Vec<(f64, f64)>; 3];

/// Cells of one line, with RFC 4180 quotes: `"2,5"` is one cell, `""` inside quotes is a quote.
fn split_cells(line: &str, delimiter: char) -> Vec<String> {
    let mut cells = Vec::new();
    let mut cell = String::new();
    let mut quoted = false;
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        match (c, quoted) {
            ('"', true) if chars.peek() == Some(&'"') => {
                cell.push('"');
                chars.next();
            }
            ('"', _) => quoted = !quoted,
            (d, false) if d == delimiter => cells.push(std::mem::take(&mut cell)),
            (other, _) => cell.push(other),
        }
    }
    cells.push(cell);
    cells
}

/// Reads a long-format table (`id, day, total[, cd4, cd8]`, one row per sample, a header row)
/// into one case per id. The delimiter is read from the header: tab, then semicolon (decimal
/// comma allowed), then comma (decimal point only). A row that cannot be read is listed with its
/// number and the rest load.
pub fn cases_from_long_table(text: &str) -> (Vec<FoundCase>, Vec<LoadIssue>) {
    let text = text.trim_start_matches('\u{feff}');
    let mut lines = text
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty());
    let mut issues = Vec::new();
    let table_issue = |reason: &str| LoadIssue {
        source: "table".to_string(),
        reason: reason.to_string(),
    };
    let Some((_, header)) = lines.next() else {
        return (Vec::new(), vec![table_issue("the table is empty")]);
    };
    let delimiter = if header.contains('\t') {
        '\t'
    } else if header.contains(';') {
        ';'
    } else {
        ','
    };
    // A column whose header names a unit it does not take ("Time (h)", "CD4 %") is not read,
    // as in the kinetics paste (`input::paste::unit_refused`), and it is said.
    let mut columns: Vec<Option<LongColumn>> = Vec::new();
    for cell in split_cells(header, delimiter) {
        let column = long_column(&cell);
        let as_paste = match column {
            Some(LongColumn::Day) => Some(Pasted::Day),
            Some(LongColumn::Total) => Some(Pasted::Total),
            Some(LongColumn::Cd4) => Some(Pasted::Cd4),
            Some(LongColumn::Cd8) => Some(Pasted::Cd8),
            Some(LongColumn::Id) | None => None,
        };
        match as_paste.and_then(|c| unit_refused(&cell, c)) {
            Some(why) => {
                let cell = cell.trim();
                issues.push(table_issue(&format!(
                    "column \u{201c}{cell}\u{201d} is not read: {why}"
                )));
                columns.push(None);
            }
            None => columns.push(column),
        }
    }
    let position = |c: LongColumn| columns.iter().position(|x| *x == Some(c));
    let (Some(id_col), Some(day_col)) = (position(LongColumn::Id), position(LongColumn::Day))
    else {
        issues.push(table_issue(
            "the header needs an id column (id, patient, subject) and a day column (day, Tag, time)",
        ));
        return (Vec::new(), issues);
    };
    let value_cols: Vec<(LongColumn, usize)> =
        [LongColumn::Total, LongColumn::Cd4, LongColumn::Cd8]
            .into_iter()
            .filter_map(|c| position(c).map(|p| (c, p)))
            .collect();
    if value_cols.is_empty() {
        issues.push(table_issue(
            "the header needs a count column (total, CD4, CD8, Gesamt)",
        ));
        return (Vec::new(), issues);
    }
    // Per id, in order of first appearance: samples per series.
    let mut patients: Vec<(String, SeriesByName)> = Vec::new();
    for (i, line) in lines {
        let row_no = i + 1;
        let owned = split_cells(line, delimiter);
        let cells: Vec<&str> = owned.iter().map(|c| c.trim()).collect();
        let row_issue = |reason: String| LoadIssue {
            source: format!("table row {row_no}"),
            reason,
        };
        // More cells than the header: a decimal comma between comma-separated columns ("90,5")
        // would otherwise lose its decimals unseen.
        if cells.len() > columns.len() {
            let (n, m) = (cells.len(), columns.len());
            let hint = match delimiter {
                ',' => "; with commas between columns, write decimals with a point",
                _ => "",
            };
            issues.push(row_issue(format!(
                "has {n} cells; the header has {m}{hint}"
            )));
            continue;
        }
        let read = |col: usize, what: &str| -> Result<Option<f64>, LoadIssue> {
            let cell = cells.get(col).copied().unwrap_or("");
            if cell.is_empty() {
                return Ok(None);
            }
            if delimiter == ',' && cell.contains(',') {
                return Err(row_issue(format!(
                    "{what} \u{201c}{cell}\u{201d}: with commas between columns, use a decimal point"
                )));
            }
            let x = numbers::parse_decimal(cell)
                .map_err(|e| row_issue(format!("{what} \u{201c}{cell}\u{201d}: {e}")))?;
            // The kinetics grid's plausible ranges: a count in cells/L typed as /µL is refused.
            let grid_column = usize::from(what != "day");
            match crate::input::grid::implausible(grid_column, x) {
                Some(problem) => Err(row_issue(problem.to_string())),
                None => Ok(Some(x)),
            }
        };
        let id = cells.get(id_col).copied().unwrap_or("").to_string();
        if id.is_empty() {
            issues.push(row_issue("no id".to_string()));
            continue;
        }
        let day = match read(day_col, "day") {
            Ok(Some(d)) => d,
            Ok(None) => {
                issues.push(row_issue("no day".to_string()));
                continue;
            }
            Err(e) => {
                issues.push(e);
                continue;
            }
        };
        let mut values: Vec<(usize, f64)> = Vec::new();
        let mut bad = None;
        for (col, at) in &value_cols {
            let slot = match col {
                LongColumn::Total => 0,
                LongColumn::Cd4 => 1,
                LongColumn::Cd8 => 2,
                LongColumn::Id | LongColumn::Day => continue,
            };
            match read(*at, "count") {
                Ok(Some(v)) => values.push((slot, v)),
                Ok(None) => {}
                Err(e) => bad = Some(e),
            }
        }
        if let Some(e) = bad {
            issues.push(e);
            continue;
        }
        let entry = match patients.iter().position(|(p, _)| *p == id) {
            Some(k) => patients.get_mut(k),
            None => {
                patients.push((id.clone(), [Vec::new(), Vec::new(), Vec::new()]));
                patients.last_mut()
            }
        };
        if let Some((_, series)) = entry {
            for (slot, v) in values {
                if let Some(s) = series.get_mut(slot) {
                    s.push((day, v));
                }
            }
        }
    }
    let found = patients
        .into_iter()
        .map(|(id, series)| {
            let mut blood: Vec<(&str, Json)> = Vec::new();
            for (name, samples) in ["total", "cd4", "cd8"].into_iter().zip(series) {
                if !samples.is_empty() {
                    blood.push((
                        name,
                        Json::Array(
                            samples
                                .into_iter()
                                .map(|(d, v)| Json::Array(vec![Json::Number(d), Json::Number(v)]))
                                .collect(),
                        ),
                    ));
                }
            }
            FoundCase {
                source: format!("table, id {id}"),
                case: Json::object(vec![
                    ("schema", Json::String(crate::case::SCHEMA.to_string())),
                    ("patient", Json::object(vec![("label", Json::String(id))])),
                    ("cells", Json::object(vec![("blood", Json::object(blood))])),
                ]),
            }
        })
        .collect();
    (found, issues)
}

/// A loaded cohort: the cases as found, their evaluation, the graphs' data, and what could not
/// be loaded.
#[derive(Debug, Clone, PartialEq)]
pub struct Cohort {
    pub cases: Vec<FoundCase>,
    pub result: CohortResult,
    pub issues: Vec<LoadIssue>,
    /// Total CAR-T counts per readable patient, in row order.
    pub curves: Vec<Vec<(f64, f64)>>,
    /// ICANS course per readable patient, in row order.
    pub lanes: Vec<Lane>,
}

/// A cohort being evaluated case by case (the page does it in chunks to stay responsive).
#[derive(Debug, Default)]
pub struct CohortLoad {
    builder: CohortBuilder,
    curves: Vec<Vec<(f64, f64)>>,
    lanes: Vec<Lane>,
}

impl CohortLoad {
    pub fn add(&mut self, found: &FoundCase) {
        let (curves, lanes) = (&mut self.curves, &mut self.lanes);
        self.builder.add_with(&found.case, |case, result| {
            curves.push(total_counts(case));
            lanes.push(lane(case, result));
        });
    }

    pub fn finish(self, cases: Vec<FoundCase>, issues: Vec<LoadIssue>) -> Cohort {
        Cohort {
            cases,
            result: self.builder.finish(),
            issues,
            curves: self.curves,
            lanes: self.lanes,
        }
    }
}

fn total_counts(case: &crate::case::Case) -> Vec<(f64, f64)> {
    case.cells
        .blood
        .as_ref()
        .and_then(|b| {
            b.iter()
                .find(|(name, _)| *name == crate::kinetics::SeriesName::Total)
        })
        .map(|(_, s)| s.samples().to_vec())
        .unwrap_or_default()
}

fn lane(case: &crate::case::Case, result: &crate::case::CaseResult) -> Lane {
    Lane {
        label: case.patient.label().to_string(),
        grades: result
            .assessments
            .iter()
            .filter_map(|a| a.icans.as_ref().map(|r| (a.day, r.grade.number())))
            .collect(),
        steroid_days: result.steroids.per_dose.iter().map(|d| d.day).collect(),
        intrathecal_days: result.intrathecal.iter().map(|r| r.day).collect(),
    }
}

/// Evaluates found cases in one go.
pub fn evaluate(cases: Vec<FoundCase>, issues: Vec<LoadIssue>) -> Cohort {
    let mut load = CohortLoad::default();
    for c in &cases {
        load.add(c);
    }
    load.finish(cases, issues)
}

/// The expansion graph's data.
pub fn curves(cohort: &Cohort) -> CohortCurves {
    CohortCurves::new(
        cohort
            .curves
            .iter()
            .filter(|c| !c.is_empty())
            .cloned()
            .collect(),
    )
}

/// The median curve's numbers under the expansion graph (the patients' own counts are in their
/// case files; their Cmax, Tmax and AUCs are in the per-patient table).
pub fn median_table_html(curves: &CohortCurves) -> String {
    if curves.median.is_empty() {
        return String::new();
    }
    let rows: String = curves
        .median
        .iter()
        .map(|&(day, median, n)| {
            format!(
                "<tr><th scope=\"row\">{}</th><td>{}</td><td>{n}</td></tr>",
                esc(&crate::display::day_time(day)),
                esc(&format_result(median))
            )
        })
        .collect();
    format!(
        "<details class=\"numbers\"><summary>The median curve as numbers</summary><div class=\"table-scroll\"><table class=\"data\"><thead><tr><th scope=\"col\">Day</th><th scope=\"col\">Median CAR-T cells/\u{b5}L</th><th scope=\"col\">Patients sampled</th></tr></thead><tbody>{rows}</tbody></table></div></details>"
    )
}

/// The swimmer plot's lanes in the table's order.
pub fn lanes_in_order(cohort: &Cohort, order: &[usize]) -> Vec<Lane> {
    order
        .iter()
        .filter_map(|&i| cohort.lanes.get(i).cloned())
        .collect()
}

/// The cohort as one file: the readable cases in the case file's own export form, so loading
/// it back gives the same cohort.
pub fn cohort_json(cohort: &Cohort) -> Json {
    let cases: Vec<Json> = cohort
        .result
        .patients
        .iter()
        .filter_map(|row| cohort.cases.get(row.index))
        .filter_map(|c| crate::input::case::parse_case(&c.case).ok())
        .map(|c| crate::input::case::case_to_json(&c))
        .collect();
    Json::object(vec![
        ("schema", Json::String(COHORT_SCHEMA.to_string())),
        ("cases", Json::Array(cases)),
    ])
}

// ---------------------------------------------------------------------------------------------
// Columns

/// How the per-patient table can be sorted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sort {
    pub column: usize,
    pub descending: bool,
}

/// One column of the per-patient table: header (with unit), and the cell as a number for sorting
/// and as text.
pub struct Column {
    pub key: &'static str,
    pub header: &'static str,
    pub value: fn(&PatientRow) -> Option<f64>,
}

/// The table's AUC columns are the default horizons (28 and 90 days), the same for every
/// patient: a case that asked for other horizons has its own figures in its case and in the
/// summary's rows, never under another horizon's heading.
const AUC_COLUMN_DAYS: [HorizonDays; 2] = HorizonDays::DEFAULTS;

fn auc_at(row: &PatientRow, i: usize) -> Option<f64> {
    let to_day = AUC_COLUMN_DAYS.get(i)?.days();
    let at = row.auc.iter().find(|a| a.to_day == to_day);
    at.and_then(|a| a.value)
}

/// The per-patient columns after the label, in order (also the CSV's).
pub const COLUMNS: [Column; 17] = [
    Column {
        key: "icansOnsetDay",
        header: "ICANS onset (day)",
        value: |r| r.icans_onset_day,
    },
    Column {
        key: "icansPeakGrade",
        header: "ICANS peak grade",
        value: |r| Some(f64::from(r.icans_peak_grade)),
    },
    Column {
        key: "icansPeakDay",
        header: "ICANS peak (day)",
        value: |r| r.icans_peak_day,
    },
    Column {
        key: "icansDaysToGrade1OrLess",
        header: "Onset to {improved} (days)",
        value: |r| r.icans_days_to_grade1_or_less,
    },
    Column {
        key: "icansDaysToGrade0",
        header: "Onset to {resolved} (days)",
        value: |r| r.icans_days_to_grade0,
    },
    Column {
        key: "intrathecalGiven",
        header: "Intrathecal therapy",
        value: |r| Some(f64::from(u8::from(r.intrathecal_given))),
    },
    Column {
        key: "intrathecalHoursToGrade1OrLess",
        header: "After intrathecal: {improved} by (h)",
        value: |r| r.intrathecal_hours_to_grade1_or_less,
    },
    Column {
        key: "intrathecalHoursToGrade0",
        header: "After intrathecal: {resolved} by (h)",
        value: |r| r.intrathecal_hours_to_grade0,
    },
    Column {
        key: "systemicDexEqMg",
        header: "Systemic steroid (mg dexamethasone-eq.)",
        value: |r| Some(r.systemic_dex_eq_mg),
    },
    Column {
        key: "crsPeakGrade",
        header: "CRS peak grade",
        value: |r| Some(f64::from(r.crs_peak_grade)),
    },
    Column {
        key: "cmax",
        header: "Cmax (cells/\u{b5}L)",
        value: |r| r.cmax_cells_per_ul,
    },
    Column {
        key: "tmax",
        header: "Tmax (day)",
        value: |r| r.tmax_day,
    },
    Column {
        key: "auc0",
        header: "AUC first horizon (cells/\u{b5}L \u{d7} day)",
        value: |r| auc_at(r, 0),
    },
    Column {
        key: "auc1",
        header: "AUC second horizon (cells/\u{b5}L \u{d7} day)",
        value: |r| auc_at(r, 1),
    },
    Column {
        key: "halfLifeDays",
        header: "Terminal half-life (days)",
        value: |r| r.half_life_days,
    },
    Column {
        key: "cd4Cd8RatioAtCmax",
        header: "CD4+/CD8+ at Cmax",
        value: |r| r.cd4_cd8_ratio_at_cmax,
    },
    Column {
        key: "hematotoxScore",
        header: "CAR-HEMATOTOX",
        value: |r| r.hematotox_score.map(f64::from),
    },
];

/// A column's heading; an AUC column's names its horizon ("AUC0-28").
fn column_header(column: &Column) -> String {
    let horizon = |i: usize| {
        let days = AUC_COLUMN_DAYS.get(i).map_or(0.0, |h| h.days());
        let days = numbers::format_trimmed(days, 3);
        format!("AUC0-{days} (cells/\u{b5}L \u{d7} day)")
    };
    match column.key {
        "auc0" => horizon(0),
        "auc1" => horizon(1),
        _ => with_milestones(column.header),
    }
}

/// A header with the course's milestones named by the core ("{improved}": "grade ≤ 1",
/// "{resolved}": "grade 0"), so the table says what the course rules compute.
fn with_milestones(header: &str) -> String {
    (header.replace("{improved}", &improved_words())).replace("{resolved}", &resolved_words())
}

/// The reason a row's cell is empty, if the row gives one.
fn reason_for<'a>(row: &'a PatientRow, column: &Column) -> Option<&'a str> {
    let key = match column.key {
        "cmax" => "cmax",
        "auc0" | "auc1" => {
            let i = usize::from(column.key == "auc1");
            let to_day = AUC_COLUMN_DAYS.get(i)?.days();
            if !row.auc.is_empty() && row.auc.iter().all(|a| a.to_day != to_day) {
                return Some(OTHER_HORIZONS);
            }
            return row
                .not_computable
                .iter()
                .find(|n| n.column == format!("auc0-{}", numbers::format_trimmed(to_day, 3)))
                .map(|n| n.reason.as_str());
        }
        "icansOnsetDay" => "icansOnsetDay",
        other => other,
    };
    row.not_computable
        .iter()
        .find(|n| n.column == key)
        .map(|n| n.reason.as_str())
}

/// Why a patient has no figure under an AUC column: its case asked for other horizons.
const OTHER_HORIZONS: &str = "this case asks for other AUC horizons (its own AUCs are in the summary rows for those horizons)";

fn cell_text(column: &Column, row: &PatientRow) -> String {
    match (column.key, (column.value)(row)) {
        ("intrathecalGiven", Some(v)) => if v > 0.0 { "yes" } else { "no" }.to_string(),
        (_, Some(v)) => format_result(v),
        (_, None) => String::new(),
    }
}

/// Row order for a sort: values ascending or descending, patients without a value last, ties in
/// input order.
pub fn sorted_order(rows: &[PatientRow], sort: Option<Sort>) -> Vec<usize> {
    let Some(Sort { column, descending }) = sort else {
        return (0..rows.len()).collect();
    };
    let column = COLUMNS.get(column);
    let values: Vec<Option<f64>> = rows
        .iter()
        .map(|r| column.and_then(|c| (c.value)(r)))
        .collect();
    order_by_value(&values, descending)
}

/// Indices of `values` ascending or descending by `f64::total_cmp`, `None` last, ties in input
/// order: the stable sort by that comparison, through the one shared sort
/// ([`numbers::order_by_f64`]) rather than a `sort_by` of its own (a whole copy of the standard
/// sort, about 3 KB of wasm). Negation reverses `total_cmp`'s order exactly (it flips the sign
/// bit), so descending is the ascending order of the negated values.
fn order_by_value(values: &[Option<f64>], descending: bool) -> Vec<usize> {
    let valued: Vec<(usize, f64)> = values
        .iter()
        .enumerate()
        .filter_map(|(i, v)| v.map(|x| (i, if descending { -x } else { x })))
        .collect();
    let ranked = numbers::order_by_f64(valued.iter().map(|&(_, x)| x));
    let missing = values.iter().enumerate().filter(|(_, v)| v.is_none());
    ranked
        .into_iter()
        .filter_map(|k| valued.get(k).map(|&(i, _)| i))
        .chain(missing.map(|(i, _)| i))
        .collect()
}

// ---------------------------------------------------------------------------------------------
// HTML

pub fn panel_html() -> String {
    "<div class=\"card\"><h2>Load patients</h2>\
     <p>Case files exported from this calculator (several at once, or a cohort file), or one table of CAR-T counts with one row per sample: <code>id, day, total</code> and optionally <code>CD4, CD8</code> (comma, semicolon or tab between columns). Nothing leaves this browser; the cohort is kept only if you save it as a file.</p>\
     <div class=\"actions\"><input id=\"cohort-files\" class=\"file-input\" type=\"file\" multiple accept=\".json,.csv,.tsv,.txt,application/json,text/csv\"><label class=\"btn file-btn\" for=\"cohort-files\">Choose case, cohort or table files\u{2026}</label></div>\
     <div id=\"cohort-drop\" class=\"drop-zone\">or drop the files here</div>\
     <div class=\"field\"><label for=\"cohort-paste\">Or paste a table of counts</label>\
     <textarea id=\"cohort-paste\" rows=\"5\" spellcheck=\"false\" placeholder=\"id;day;total;CD4;CD8\"></textarea></div>\
     <div class=\"actions\"><button type=\"button\" class=\"btn\" data-action=\"cohort-paste\">Read the pasted table</button>\
     <button type=\"button\" class=\"btn secondary\" data-action=\"cohort-clear\">Clear the cohort</button></div>\
     <p id=\"cohort-status\" class=\"status\" role=\"status\" aria-live=\"polite\"></p>\
     <progress id=\"cohort-progress\" max=\"1\" value=\"0\" hidden></progress></div>\
     <div id=\"cohort-issues\"></div>\
     <div id=\"cohort-summary\"></div>\
     <div id=\"cohort-compare\"></div>\
     <figure class=\"card chart-card\"><div id=\"cohort-curves\" class=\"chart\" role=\"img\" aria-labelledby=\"cohort-curves-caption\"></div><figcaption id=\"cohort-curves-caption\"></figcaption><div id=\"cohort-median\"></div></figure>\
     <figure class=\"card chart-card\"><div id=\"cohort-swimmer\" class=\"chart\" role=\"img\" aria-labelledby=\"cohort-swimmer-caption\"></div><figcaption id=\"cohort-swimmer-caption\"></figcaption></figure>\
     <div id=\"cohort-patients\"></div>\
     <div class=\"card\"><h2>Save</h2><div class=\"actions\">\
     <button type=\"button\" class=\"btn\" data-action=\"cohort-csv-patients\">Per-patient table (CSV)</button>\
     <button type=\"button\" class=\"btn\" data-action=\"cohort-csv-summary\">Summary (CSV)</button>\
     <button type=\"button\" class=\"btn\" data-action=\"cohort-json\">Cohort file (JSON)</button></div>\
     <p class=\"hint\">CSV files use the comma or semicolon style chosen on the Case tab.</p></div>"
        .to_string()
}

pub fn issues_html(cohort: &Cohort) -> String {
    let mut items: Vec<String> = cohort
        .issues
        .iter()
        .map(|i| {
            format!(
                "<li><strong>{}</strong>: {}</li>",
                esc(&i.source),
                esc(&i.reason)
            )
        })
        .collect();
    for r in &cohort.result.rejected {
        let source = cohort
            .cases
            .get(r.index)
            .map_or_else(|| format!("case {}", r.index + 1), |c| c.source.clone());
        items.push(format!(
            "<li><strong>{}</strong>: {}</li>",
            esc(&source),
            esc(&r.message)
        ));
    }
    if items.is_empty() {
        return String::new();
    }
    format!(
        "<div class=\"card warn-card\"><h2>Not loaded ({})</h2><p>Everything else was loaded.</p><ul>{}</ul></div>",
        items.len(),
        items.concat()
    )
}

fn numeric_label(column: &str) -> String {
    if let Some(c) = COLUMNS.iter().find(|c| c.key == column) {
        return with_milestones(c.header);
    }
    match column.strip_prefix("auc0-") {
        Some(h) => format!("AUC0-{h} (cells/\u{b5}L \u{d7} day)"),
        None => column.to_string(),
    }
}

fn median_iqr(s: &NumericSummary) -> String {
    match (s.median, s.q1, s.q3) {
        (Some(m), Some(a), Some(b)) => format!(
            "{} [{}\u{2013}{}]",
            format_result(m),
            format_result(a),
            format_result(b)
        ),
        _ => "\u{2014}".to_string(),
    }
}

fn range(s: &NumericSummary) -> String {
    match (s.min, s.max) {
        (Some(a), Some(b)) => format!("{}\u{2013}{}", format_result(a), format_result(b)),
        _ => "\u{2014}".to_string(),
    }
}

fn category_label(c: &CategorySummary) -> String {
    match c.column.as_str() {
        "icansPeakGrade" => "ICANS peak grade".to_string(),
        "crsPeakGrade" => "CRS peak grade".to_string(),
        "intrathecalGiven" => "Intrathecal therapy given".to_string(),
        "icansResolved" => format!(
            "ICANS resolved ({}), of patients with ICANS",
            resolved_words()
        ),
        other => other.to_string(),
    }
}

pub fn summary_html(result: &CohortResult) -> String {
    let s = &result.summary;
    let numeric: String = s
        .numeric
        .iter()
        .map(|n| {
            format!(
                "<tr><th scope=\"row\">{}</th><td>{}</td><td>{}</td><td>{}</td></tr>",
                esc(&numeric_label(&n.column)),
                n.n,
                esc(&median_iqr(n)),
                esc(&range(n))
            )
        })
        .collect();
    let categories: String = s
        .categories
        .iter()
        .map(|c| {
            let counts: Vec<String> = c
                .counts
                .iter()
                .map(|k| format!("{}: {} ({}%)", k.value, k.count, format_result(k.percent)))
                .collect();
            format!(
                "<tr><th scope=\"row\">{}</th><td>{}</td><td colspan=\"2\">{}</td></tr>",
                esc(&category_label(c)),
                c.n,
                esc(&counts.join(", "))
            )
        })
        .collect();
    format!(
        "<div class=\"card\"><h2>Cohort summary: {} patients</h2><div class=\"table-scroll\"><table class=\"data\">\
         <thead><tr><th scope=\"col\">Figure</th><th scope=\"col\">n</th><th scope=\"col\">Median [IQR]</th><th scope=\"col\">Range</th></tr></thead>\
         <tbody>{numeric}{categories}</tbody></table></div><p class=\"basis\">{}</p></div>",
        s.patients,
        esc(s.rule)
    )
}

/// The cohort beside the case report's Table 1, with what each figure measures.
pub fn compare_html(result: &CohortResult) -> String {
    let s = &result.summary;
    let find = |c: &str| s.numeric.iter().find(|n| n.column == c);
    let resolved = s.categories.iter().find(|c| c.column == "icansResolved");
    let rate = resolved.filter(|c| c.n > 0).and_then(|c| {
        c.counts
            .iter()
            .find(|k| k.value == "yes")
            .map(|k| format!("{}/{} ({}%)", k.count, c.n, format_result(k.percent)))
    });
    let cell = |n: Option<&NumericSummary>| n.map_or_else(|| "\u{2014}".to_string(), median_iqr);
    let published: String = TABLE_1
        .iter()
        .map(|r| {
            format!(
                "<tr><th scope=\"row\">{}</th><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
                esc(r.series),
                esc(r.treatment),
                r.n,
                esc(r.response_rate),
                esc(r.median_time_to_resolution),
                esc(r.median_cumulative_steroid_dose)
            )
        })
        .collect();
    format!(
        "<div class=\"card\"><h2>Compared with the published series</h2><div class=\"table-scroll\"><table class=\"data\">\
         <caption>{}</caption>\
         <thead><tr><th scope=\"col\">Series</th><th scope=\"col\">Treatment</th><th scope=\"col\">n</th><th scope=\"col\">Response</th><th scope=\"col\">Median time to resolution</th><th scope=\"col\">Median cumulative steroid</th></tr></thead>\
         <tbody>{published}<tr class=\"this-cohort\"><th scope=\"row\">This cohort</th><td>as entered</td><td>{}</td><td>{}</td><td>{} days</td><td>{} mg dexamethasone-eq.</td></tr></tbody></table></div>\
         <p class=\"note\">Definitions differ: here \u{201c}response\u{201d} is ICANS reaching {} at a later assessment that could show it, among patients with ICANS; time to resolution runs from ICANS onset to that assessment (an upper bound); the steroid figure is the systemic dexamethasone-equivalent total of each patient, whatever the indication. The published series define response and time from their own start points (see each paper), and most report steroid-refractory ICANS only.</p></div>",
        esc(TABLE_1_TITLE),
        s.patients,
        esc(&rate.unwrap_or_else(|| "\u{2014}".to_string())),
        esc(&cell(find("icansDaysToGrade0"))),
        esc(&cell(find("systemicDexEqMg"))),
        resolved_words()
    )
}

/// One page of the per-patient table, sortable by any column, each row opening the case.
pub fn patients_html(result: &CohortResult, sort: Option<Sort>, page: usize) -> String {
    let rows = &result.patients;
    let order = sorted_order(rows, sort);
    let pages = order.len().div_ceil(PAGE_ROWS).max(1);
    let page = page.min(pages - 1);
    let header: String = std::iter::once(
        "<th scope=\"col\">Patient</th>".to_string(),
    )
    .chain(COLUMNS.iter().enumerate().map(|(i, c)| {
        let state = match sort {
            Some(Sort { column, descending }) if column == i => {
                if descending {
                    "descending"
                } else {
                    "ascending"
                }
            }
            Some(_) | None => "none",
        };
        format!(
            "<th scope=\"col\" aria-sort=\"{state}\"><button type=\"button\" class=\"sort\" data-action=\"cohort-sort\" data-column=\"{i}\">{}</button></th>",
            esc(&column_header(c))
        )
    }))
    .collect();
    let body: String = order
        .iter()
        .skip(page * PAGE_ROWS)
        .take(PAGE_ROWS)
        .filter_map(|&i| rows.get(i))
        .map(|r| {
            let cells: String = COLUMNS
                .iter()
                .map(|c| {
                    let text = cell_text(c, r);
                    if text.is_empty() {
                        let why = reason_for(r, c).unwrap_or("not entered");
                        format!("<td class=\"nc\">not computable \u{2014} {}</td>", esc(why))
                    } else {
                        format!("<td>{}</td>", esc(&text))
                    }
                })
                .collect();
            format!(
                "<tr><th scope=\"row\"><button type=\"button\" class=\"link\" data-action=\"cohort-open\" data-index=\"{}\">{}</button></th>{cells}</tr>",
                r.index,
                esc(if r.label.is_empty() { "(no label)" } else { &r.label })
            )
        })
        .collect();
    let nav = if pages > 1 {
        format!(
            "<div class=\"actions\"><button type=\"button\" class=\"btn secondary\" data-action=\"cohort-page\" data-page=\"{}\"{}>Previous</button><span>Page {} of {}</span><button type=\"button\" class=\"btn secondary\" data-action=\"cohort-page\" data-page=\"{}\"{}>Next</button></div>",
            page.saturating_sub(1),
            if page == 0 { " disabled" } else { "" },
            page + 1,
            pages,
            (page + 1).min(pages - 1),
            if page + 1 >= pages { " disabled" } else { "" }
        )
    } else {
        String::new()
    };
    format!(
        "<div class=\"card\"><h2>Patients</h2><p class=\"hint\">Sort by a column heading; open a patient as a case with its name.</p><div class=\"table-scroll\"><table class=\"data\" id=\"cohort-table\"><thead><tr>{header}</tr></thead><tbody>{body}</tbody></table></div>{nav}</div>"
    )
}

// ---------------------------------------------------------------------------------------------
// CSV

/// The per-patient table as CSV (units in the headers; empty cells where not computable, with the
/// reasons in the last column).
pub fn patients_csv(result: &CohortResult, style: CsvStyle) -> String {
    let rows = &result.patients;
    let mut out = String::from(super::report::BOM);
    let header: Vec<String> = std::iter::once("Patient".to_string())
        .chain(COLUMNS.iter().map(column_header))
        .chain(std::iter::once("Not computable (why)".to_string()))
        .collect();
    out.push_str(&super::report::row(style, &header));
    for r in rows {
        let cells: Vec<String> = std::iter::once(r.label.clone())
            .chain(COLUMNS.iter().map(|c| match (c.key, (c.value)(r)) {
                ("intrathecalGiven", Some(v)) => if v > 0.0 { "yes" } else { "no" }.to_string(),
                (_, Some(v)) => style.number(v),
                (_, None) => String::new(),
            }))
            .chain(std::iter::once(
                r.not_computable
                    .iter()
                    .map(|n| format!("{}: {}", n.column, n.reason))
                    .collect::<Vec<_>>()
                    .join("; "),
            ))
            .collect();
        out.push_str(&super::report::row(style, &cells));
    }
    out
}

/// The summary as CSV: one row per figure.
pub fn summary_csv(result: &CohortResult, style: CsvStyle) -> String {
    let mut out = String::from(super::report::BOM);
    out.push_str(&super::report::row(
        style,
        &[
            "Figure".into(),
            "n".into(),
            "Missing".into(),
            "Median".into(),
            "Q1".into(),
            "Q3".into(),
            "Min".into(),
            "Max".into(),
            "Counts".into(),
        ],
    ));
    let num = |x: Option<f64>| x.map(|v| style.number(v)).unwrap_or_default();
    for n in &result.summary.numeric {
        out.push_str(&super::report::row(
            style,
            &[
                numeric_label(&n.column),
                n.n.to_string(),
                n.missing.to_string(),
                num(n.median),
                num(n.q1),
                num(n.q3),
                num(n.min),
                num(n.max),
                String::new(),
            ],
        ));
    }
    for c in &result.summary.categories {
        let counts: Vec<String> = c
            .counts
            .iter()
            .map(|k| format!("{}: {} ({} %)", k.value, k.count, style.number(k.percent)))
            .collect();
        let mut cells = vec![category_label(c), c.n.to_string()];
        cells.extend(std::iter::repeat_n(String::new(), 6));
        cells.push(counts.join(", "));
        out.push_str(&super::report::row(style, &cells));
    }
    out
}

#[cfg(test)]
#[allow(clippy::indexing_slicing, clippy::unwrap_used)]
mod tests {
    use super::*;

    fn text(s: &str) -> Json {
        Json::String(s.to_string())
    }

    /// The order the page used before `order_by_value` (a stable `sort_by` with this comparison).
    fn order_by_comparison(values: &[Option<f64>], descending: bool) -> Vec<usize> {
        let mut order: Vec<usize> = (0..values.len()).collect();
        order.sort_by(|&a, &b| match (values[a], values[b]) {
            (Some(x), Some(y)) if descending => y.total_cmp(&x),
            (Some(x), Some(y)) => x.total_cmp(&y),
            (Some(_), None) => std::cmp::Ordering::Less,
            (None, Some(_)) => std::cmp::Ordering::Greater,
            (None, None) => std::cmp::Ordering::Equal,
        });
        order
    }

    #[test]
    fn a_long_table_refuses_a_header_unit_it_does_not_take_and_a_row_with_extra_cells() {
        let (found, issues) = cases_from_long_table("id\tTime (h)\tTotal\nA\t24\t90\n");
        assert!(found.is_empty());
        let said: Vec<&str> = issues.iter().map(|i| i.reason.as_str()).collect();
        assert_eq!(
            said[0],
            "column \u{201c}Time (h)\u{201d} is not read: its unit is not days since infusion"
        );
        assert!(
            said[1].starts_with("the header needs an id column"),
            "{said:?}"
        );
        let (found, issues) = cases_from_long_table("id,day,total,CD4 %\nA,7,90,5\nA,14,80,\n");
        assert_eq!(found.len(), 1);
        let said: Vec<String> = issues
            .iter()
            .map(|i| format!("{}: {}", i.source, i.reason))
            .collect();
        assert!(said.contains(&"table: column \u{201c}CD4 %\u{201d} is not read: its unit is not CAR-T cells per \u{b5}L of blood".to_string()), "{said:?}");
        let (found, issues) = cases_from_long_table("id,day,total\nA,7,90,5\nA,14,80\n");
        assert_eq!(found.len(), 1);
        let said: Vec<String> = issues
            .iter()
            .map(|i| format!("{}: {}", i.source, i.reason))
            .collect();
        assert_eq!(said, vec!["table row 2: has 4 cells; the header has 3; with commas between columns, write decimals with a point".to_string()]);
    }

    #[test]
    fn sorting_a_column_gives_the_comparison_sort_order() {
        let pool = [
            None,
            Some(0.0),
            Some(-0.0),
            Some(1.5),
            Some(-2.0),
            Some(1.5),
            Some(f64::NAN),
            Some(-f64::NAN),
            Some(f64::INFINITY),
            Some(f64::NEG_INFINITY),
            Some(1e-300),
            Some(7.0),
        ];
        let mut seed: u64 = 0x2545_f491_4f6c_dd1d;
        for len in 0..60 {
            for _ in 0..40 {
                let values: Vec<Option<f64>> = (0..len)
                    .map(|_| {
                        seed ^= seed << 13;
                        seed ^= seed >> 7;
                        seed ^= seed << 17;
                        pool[(seed % pool.len() as u64) as usize]
                    })
                    .collect();
                for descending in [false, true] {
                    assert_eq!(
                        order_by_value(&values, descending),
                        order_by_comparison(&values, descending),
                        "{values:?} descending {descending}"
                    );
                }
            }
        }
    }

    #[test]
    fn a_long_table_becomes_one_case_per_id_with_bad_rows_listed() {
        let table =
            "id;Tag;Gesamt;CD4;CD8\nA;7;10;6;4\nA;14;77,7;70;7\nB;14;50\nB;x;1\n;3;4\nA;28;1,000\n";
        let (found, issues) = cases_from_long_table(table);
        assert_eq!(found.len(), 2);
        let a = &found[0].case;
        let total = a
            .get("cells")
            .and_then(|c| c.get("blood"))
            .and_then(|b| b.get("total"));
        assert_eq!(
            total,
            Some(&Json::Array(vec![
                Json::Array(vec![Json::Number(7.0), Json::Number(10.0)]),
                Json::Array(vec![Json::Number(14.0), Json::Number(77.7)]),
            ]))
        );
        let sources: Vec<&str> = issues.iter().map(|i| i.source.as_str()).collect();
        assert_eq!(sources, ["table row 5", "table row 6", "table row 7"]);
        assert!(issues[0].reason.starts_with("day \u{201c}x\u{201d}"));
        assert_eq!(issues[1].reason, "no id");
    }

    #[test]
    fn a_long_table_is_held_to_the_kinetics_grids_plausible_ranges() {
        let table = "id,day,total\nP1,0,1\nP1,7,1e308\nP1,8000,5\nP1,14,1000000\nP1,21,-0\n";
        let (found, issues) = cases_from_long_table(table);
        let reasons: Vec<(&str, &str)> = issues
            .iter()
            .map(|i| (i.source.as_str(), i.reason.as_str()))
            .collect();
        assert_eq!(reasons.len(), 2, "{reasons:?}");
        assert_eq!(reasons[0].0, "table row 3");
        assert!(
            reasons[0]
                .1
                .starts_with("count must be 0-1000000 /µL, got 1e308; is the unit right?"),
            "{}",
            reasons[0].1
        );
        assert_eq!(reasons[1].0, "table row 4");
        assert!(
            reasons[1]
                .1
                .starts_with("day must be 0-7305 days, got 8000"),
            "{}",
            reasons[1].1
        );
        // The edge itself and -0 (read as 0) are kept.
        assert_eq!(found.len(), 1);
    }

    #[test]
    fn a_comma_table_reads_decimal_points_and_refuses_decimal_commas() {
        let (found, issues) = cases_from_long_table("subject,day,total\nP1,14,80\nP1,28,\"2,5\"\n");
        assert_eq!(found.len(), 1);
        assert_eq!(issues.len(), 1);
        assert!(
            issues[0].reason.contains("decimal point"),
            "{:?}",
            issues[0]
        );
        let (_, no_header) = cases_from_long_table("14;80\n");
        assert!(no_header[0].reason.contains("id column"));
    }

    #[test]
    fn json_files_may_hold_a_case_a_list_or_a_cohort() {
        let case = Json::object(vec![("schema", text(crate::case::SCHEMA))]);
        assert_eq!(
            cases_from_json("a.json", case.clone()).map(|v| v.len()),
            Ok(1)
        );
        let list = Json::Array(vec![case.clone(), case.clone()]);
        let found = cases_from_json("b.json", list).unwrap_or_default();
        assert_eq!(found.len(), 2);
        assert_eq!(found[1].source, "b.json, case 2");
        let cohort = Json::object(vec![
            ("schema", text(COHORT_SCHEMA)),
            ("cases", Json::Array(vec![case])),
        ]);
        assert_eq!(cases_from_json("c.json", cohort).map(|v| v.len()), Ok(1));
        let newer = Json::object(vec![("schema", text("icans-calc/cohort@2"))]);
        assert!(
            cases_from_json("d.json", newer)
                .unwrap_err()
                .reason
                .contains("newer version")
        );
        assert!(cases_from_json("e.json", Json::Number(3.0)).is_err());
    }

    #[test]
    fn the_exported_cohort_loads_back_identically() {
        let (found, _) =
            cases_from_long_table("id\tday\ttotal\nA\t14\t77.7\nA\t28\t27.9\nB\t7\t3\n");
        let first = evaluate(found, Vec::new());
        let file = cohort_json(&first);
        let again = evaluate(
            cases_from_json("cohort.json", file.clone()).unwrap_or_default(),
            Vec::new(),
        );
        assert_eq!(cohort_json(&again), file);
        assert_eq!(again.result.patients.len(), 2);
        assert_eq!(
            again
                .result
                .patients
                .iter()
                .map(|p| p.label.as_str())
                .collect::<Vec<_>>(),
            ["A", "B"]
        );
    }

    #[test]
    fn sorting_puts_missing_values_last_and_keeps_ties_in_input_order() {
        let (found, _) =
            cases_from_long_table("id;day;total\nA;14;5\nB;14;50\nC;14;0\nD;1;0\nD;2;0\n");
        let c = evaluate(found, Vec::new());
        let cmax = COLUMNS.iter().position(|c| c.key == "cmax").unwrap_or(0);
        let up = sorted_order(
            &c.result.patients,
            Some(Sort {
                column: cmax,
                descending: false,
            }),
        );
        assert_eq!(up, [2, 3, 0, 1]);
        let tmax = COLUMNS.iter().position(|c| c.key == "tmax").unwrap_or(0);
        let down = sorted_order(
            &c.result.patients,
            Some(Sort {
                column: tmax,
                descending: true,
            }),
        );
        // Tmax 14 for A and B (ties in input order), none for C and D (all 0) last.
        assert_eq!(down, [0, 1, 2, 3]);
    }

    #[test]
    fn a_missing_figure_says_not_computable_with_its_reason() {
        let (found, _) = cases_from_long_table("id;day;total\nA;14;77,7\nA;28;27,9\n");
        let c = evaluate(found, Vec::new());
        let html = patients_html(&c.result, None, 0);
        assert!(
            html.contains("not computable \u{2014} no ICANS (peak grade 0)"),
            "{html}"
        );
        assert!(html.contains("AUC0-28 (cells/\u{b5}L \u{d7} day)"));
        let csv = patients_csv(&c.result, CsvStyle::SemicolonComma);
        assert!(csv.contains("77,7"), "{csv}");
    }

    #[test]
    fn an_auc_column_holds_its_own_horizon_only() {
        // B's case asks for AUC0-28 and AUC0-84: its AUC0-84 is never shown as AUC0-90.
        let case = |label: &str, settings: &str| {
            FoundCase {
            source: label.to_string(),
            case: crate::json::parse_text(&format!(
                r#"{{"schema":"icans-calc/case@1","patient":{{"label":"{label}"}},"cells":{{"blood":{{"total":[[14,80],[28,40],[56,20],[100,5]]}}}}{settings}}}"#
            ))
            .expect("json"),
        }
        };
        let c = evaluate(
            vec![
                case("A", ""),
                case("B", r#","settings":{"horizonsDays":[28,84]}"#),
            ],
            Vec::new(),
        );
        let b = c.result.patients.get(1).expect("B");
        let at_84 = b
            .auc
            .iter()
            .find(|a| a.to_day == 84.0)
            .and_then(|a| a.value);
        assert!(at_84.is_some());
        let auc90 = COLUMNS.iter().find(|c| c.key == "auc1").expect("auc1");
        assert_eq!(column_header(auc90), "AUC0-90 (cells/\u{b5}L \u{d7} day)");
        assert_eq!((auc90.value)(b), None);
        assert_eq!(reason_for(b, auc90), Some(OTHER_HORIZONS));
        let a = c.result.patients.first().expect("A");
        assert!((auc90.value)(a).is_some());
        let html = patients_html(&c.result, None, 0);
        assert!(html.contains(OTHER_HORIZONS), "{html}");
    }
}
