//! Reading the kinetics grid as typed in a form's text cells: the blood counts (day, total,
//! CD4+, CD8+ CAR-T cells per µL) with the AUC horizons and method into the core's
//! [`KineticsInput`], and the CSF samples (day, WBC per µL, CAR-T % of leukocytes, CD4+/CD8+
//! ratio, note) into [`CsfSample`]s. As [`super::paste`] reads pasted text, this reads cells:
//! every problem is kept as a value naming its cell (row and column, 0-based, in the order the
//! tables show them) and what is wrong ([`CellProblem`], [`HorizonProblem`]); their `Display`
//! is the message a clinician reads at the cell.

use crate::case::{self, CsfError, CsfSample};
use crate::display::day_time;
use crate::error::{Problem, Range};
use crate::input::paste::PasteResult;
use crate::kinetics::{AucMethod, HorizonDays, HorizonError, KineticsInput};
use crate::kinetics::{Series, SeriesError, SeriesName};
use crate::numbers::DecimalSeparator::Point;
use crate::numbers::{self, NumberError, format_quoted};
use std::fmt;

/// Which of the two tables a row belongs to.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Table {
    Blood,
    Csf,
}

/// Text that does not read as a number, with why.
#[derive(Debug, Clone, PartialEq)]
pub struct Unreadable {
    pub text: String,
    pub error: NumberError,
}

impl fmt::Display for Unreadable {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "\u{201c}{}\u{201d}: {}", self.text.trim(), self.error)
    }
}

/// What is wrong with one cell.
#[derive(Debug, Clone, PartialEq)]
pub enum CellProblem {
    Unreadable(Unreadable),
    /// A day outside the range its table takes ([`Problem::OutOfRange`]).
    Day(Problem),
    /// A value outside the core's plausible range for its column; `what` names the column.
    Value {
        what: &'static str,
        problem: Problem,
    },
    /// A row with something typed in it and no day.
    NoDay(Table),
    /// A sampled day beyond the `max` a case keeps.
    TooManyDays {
        max: usize,
    },
    /// A sample the core's [`Series::new`] refuses (a negative value).
    Series(SeriesError),
    /// A day already in an earlier row (`first_row`, counted from 1 as the rows are labelled).
    DayTwice {
        day: f64,
        first_row: usize,
    },
    /// A CSF row with a day and no value.
    NoCsfValue,
}

impl fmt::Display for CellProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CellProblem::Unreadable(u) => write!(f, "{u}"),
            CellProblem::Day(problem) => write!(f, "day {problem} (days since infusion)"),
            CellProblem::Value { what, problem } => write!(f, "{what} {problem}"),
            CellProblem::NoDay(Table::Blood) => {
                write!(f, "enter the day since infusion for this row")
            }
            CellProblem::NoDay(Table::Csf) => write!(f, "enter the day of the CSF sample"),
            CellProblem::TooManyDays { max } => write!(
                f,
                "a case keeps at most {max} sampled days; export this case and continue in a new one"
            ),
            CellProblem::Series(e) => write!(f, "{e}"),
            CellProblem::DayTwice { day, first_row } => write!(
                f,
                "day {} is already in row {first_row}; enter one value per day",
                format_quoted(*day)
            ),
            CellProblem::NoCsfValue => write!(
                f,
                "enter at least one CSF value: WBC, CAR-T % or CD4+/CD8+ ratio"
            ),
        }
    }
}

/// A problem at one cell of a table.
#[derive(Debug, Clone, PartialEq)]
pub struct CellIssue {
    pub row: usize,
    pub col: usize,
    pub problem: CellProblem,
}

fn at(row: usize, col: usize, problem: CellProblem) -> CellIssue {
    CellIssue { row, col, problem }
}

/// What is wrong with one AUC horizon field.
#[derive(Debug, Clone, PartialEq)]
pub enum HorizonProblem {
    Unreadable(Unreadable),
    /// Beyond the last plausible day of the kinetics.
    BeyondPlausible {
        got: f64,
    },
    /// The same horizon as an earlier field.
    Twice {
        got: f64,
    },
    /// A horizon the core refuses (not above day 0).
    Refused(HorizonError),
    /// No horizon in any field.
    NoneEntered,
}

impl fmt::Display for HorizonProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            HorizonProblem::Unreadable(u) => write!(f, "{u}"),
            HorizonProblem::BeyondPlausible { got } => write!(
                f,
                "horizon must be at most {} days since infusion, got {}",
                format_quoted(case::KINETICS_DAY_PLAUSIBLE_MAX_DAYS),
                format_quoted(*got)
            ),
            HorizonProblem::Twice { got } => {
                write!(f, "horizon {} is listed twice", format_quoted(*got))
            }
            HorizonProblem::Refused(e) => write!(f, "{e}"),
            HorizonProblem::NoneEntered => {
                write!(f, "enter at least one AUC horizon in days (e.g. 28)")
            }
        }
    }
}

/// The problems of the blood table: at its cells, and at its horizon fields (by field index).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct BloodIssues {
    pub cells: Vec<CellIssue>,
    pub horizons: Vec<(usize, HorizonProblem)>,
}

/// The core's plausible range for column `col` of `table`.
fn plausible(table: Table, col: usize) -> Range {
    match (table, col) {
        (Table::Blood, 0) => case::KINETICS_DAY_PLAUSIBLE,
        (Table::Blood, _) => case::CAR_T_PER_UL_PLAUSIBLE,
        (Table::Csf, 0) => case::CASE_DAY_RANGE,
        (Table::Csf, 1) => case::CSF_WBC_PER_UL_PLAUSIBLE,
        (Table::Csf, 2) => case::PERCENT,
        (Table::Csf, _) => case::CSF_RATIO_PLAUSIBLE,
    }
}

/// The problem of `got` outside [`plausible`]; the counts with a hint at the unit, since a count
/// far out of range is most often one typed in another unit.
fn outside(table: Table, col: usize, got: f64) -> CellProblem {
    let range = plausible(table, col);
    let (what, hint) = match (table, col) {
        (_, 0) => return CellProblem::Day(Problem::OutOfRange { range, got }),
        (Table::Blood, _) => (
            "count",
            "CAR-T cells per µL of blood (1 /µL = 10\u{2076}/L)",
        ),
        (Table::Csf, 1) => ("WBC", "CSF white cells per µL (= 10\u{2076}/L)"),
        (Table::Csf, 2) => ("percentage", ""),
        (Table::Csf, _) => ("ratio", ""),
    };
    // A count below zero is a typing slip, not a count in another unit: no unit hint.
    let problem = match hint {
        "" => Problem::OutOfRange { range, got },
        _ if got < 0.0 => Problem::OutOfRange { range, got },
        hint => Problem::Implausible { range, got, hint },
    };
    CellProblem::Value { what, problem }
}

/// A blood-table value above the core's plausible range (day column 0, counts 1-3). Values below
/// 0 are left to the core's own message. The Cohort tab's long tables are held to the same
/// ranges.
pub fn implausible(col: usize, x: f64) -> Option<CellProblem> {
    let range = plausible(Table::Blood, col);
    (x >= 0.0 && !range.contains(x)).then(|| outside(Table::Blood, col, x))
}

/// Reads a row's number cells (column 0 as a day): `None` for a blank row; each value that reads
/// (and, in the blood table, is plausible), a problem at every other cell typed and at an empty
/// day cell.
fn read_row<const N: usize>(
    table: Table,
    (r, row): (usize, &[String]),
    issues: &mut Vec<CellIssue>,
) -> Option<[Option<f64>; N]> {
    if row.iter().all(|c| c.trim().is_empty()) {
        return None;
    }
    let mut v = [None; N];
    for ((c, text), slot) in row.iter().enumerate().zip(v.iter_mut()) {
        let read = if c == 0 {
            numbers::read_day_cell(text)
        } else {
            numbers::parse_decimal(text)
        };
        let refused = read.map(|x| (x, implausible(c, x).filter(|_| table == Table::Blood)));
        match refused {
            Ok((x, None)) => *slot = Some(x),
            Ok((_, Some(problem))) => issues.push(at(r, c, problem)),
            Err(NumberError::Empty) => {}
            Err(error) => {
                let text = text.clone();
                issues.push(at(
                    r,
                    c,
                    CellProblem::Unreadable(Unreadable { text, error }),
                ));
            }
        }
    }
    if row.first().is_some_and(|day| day.trim().is_empty()) {
        issues.push(at(r, 0, CellProblem::NoDay(table)));
    }
    Some(v)
}

/// Reads the horizon fields: each distinct horizon, and the problem of every other field typed.
fn read_horizons(fields: &[String], issues: &mut Vec<(usize, HorizonProblem)>) -> Vec<HorizonDays> {
    let mut horizons: Vec<HorizonDays> = Vec::new();
    for (i, text) in fields.iter().enumerate() {
        let problem = match numbers::parse_decimal(text) {
            Err(NumberError::Empty) => continue,
            Err(error) => {
                let text = text.clone();
                HorizonProblem::Unreadable(Unreadable { text, error })
            }
            Ok(got) if got > 0.0 && !case::KINETICS_DAY_PLAUSIBLE.contains(got) => {
                HorizonProblem::BeyondPlausible { got }
            }
            Ok(got) => match HorizonDays::new(got) {
                Ok(h) if horizons.contains(&h) => HorizonProblem::Twice { got },
                Ok(h) => {
                    horizons.push(h);
                    continue;
                }
                Err(e) => HorizonProblem::Refused(e),
            },
        };
        issues.push((i, problem));
    }
    if horizons.is_empty() && issues.is_empty() {
        issues.push((0, HorizonProblem::NoneEntered));
    }
    horizons
}

/// Reads the blood table (at most `max_days` sampled days, as a case keeps), its horizon fields
/// and its method (an API name; the linear trapezoid unless another is named): the core's input,
/// `Ok(None)` when no day has a count yet, or every problem found. A series the core refuses
/// gives only its first problem.
pub fn read_blood(
    rows: &[[String; 4]],
    horizon_fields: &[String],
    method: &str,
    max_days: usize,
) -> Result<Option<KineticsInput>, BloodIssues> {
    let mut issues = BloodIssues::default();
    // (row index, day, [values]) for rows with a day.
    let mut parsed: Vec<(usize, f64, [Option<f64>; 3])> = Vec::new();
    for (r, row) in rows.iter().enumerate() {
        let read: Option<[Option<f64>; 4]> = read_row(Table::Blood, (r, row), &mut issues.cells);
        if let Some([Some(day), values @ ..]) = read {
            parsed.push((r, day, values));
        }
    }
    if let Some((r, ..)) = parsed.get(max_days) {
        let problem = CellProblem::TooManyDays { max: max_days };
        issues.cells.push(at(*r, 0, problem));
    }
    let horizons = read_horizons(horizon_fields, &mut issues.horizons);
    if !issues.cells.is_empty() || !issues.horizons.is_empty() {
        return Err(issues);
    }
    // Each series as the core reads it, remembering which row each sample came from.
    let mut series = Vec::new();
    for (k, name) in SeriesName::ALL.into_iter().enumerate() {
        let (rows, samples): (Vec<usize>, Vec<(f64, f64)>) = (parsed.iter())
            .filter_map(|(r, day, v)| Some((*r, (*day, v.get(k).copied().flatten()?))))
            .unzip();
        match Series::new(&samples) {
            _ if samples.is_empty() => {}
            Ok(s) => series.push((name, s)),
            Err(e) => {
                // Value problems belong to the series' cell; day problems (negative, duplicate)
                // to the row's day cell.
                let value = matches!(e, SeriesError::NegativeValue { .. })
                    || matches!(e, SeriesError::NonFiniteValue { .. });
                let row = e.index().and_then(|i| rows.get(i)).copied().unwrap_or(0);
                let col = if value { k + 1 } else { 0 };
                // The grid names rows, not positions in the series.
                let problem = match e {
                    SeriesError::DuplicateDay {
                        day, first_index, ..
                    } => CellProblem::DayTwice {
                        day,
                        first_row: rows.get(first_index).map_or(1, |r| r + 1),
                    },
                    other => CellProblem::Series(other),
                };
                issues.cells.push(at(row, col, problem));
                return Err(issues);
            }
        }
    }
    if series.is_empty() {
        return Ok(None);
    }
    let method = AucMethod::ALL.into_iter().find(|m| m.api_name() == method);
    Ok(Some(KineticsInput {
        series,
        method: method.unwrap_or(AucMethod::Linear),
        horizons,
    }))
}

/// Reads the CSF rows (day required; each value optional; % within 0-100; ratio > 0): each
/// sample the core accepts with the row it came from, in day order, and the cells to correct.
/// A row with a cell to correct gives no sample.
pub fn read_csf(rows: &[[String; 5]]) -> (Vec<(usize, CsfSample)>, Vec<CellIssue>) {
    let (mut out, mut issues) = (Vec::new(), Vec::new());
    for (r, row) in rows.iter().enumerate() {
        let read: Option<[Option<f64>; 4]> = read_row(Table::Csf, (r, row), &mut issues);
        let Some([Some(day), wbc, percent, ratio]) = read else {
            continue;
        };
        // The core's constructor decides what a sample is (day in the case's range, values
        // non-negative, % within 0-100, ratio above 0, at least one value) and refuses the first
        // value it cannot take; every other cell is then held to the core's plausible range
        // (which catches a count typed in the wrong unit), so that all the row's faults show.
        let note = Some(row[4].trim().to_string()).filter(|n| !n.is_empty());
        let (sample, first) = match CsfSample::new(day, wbc, percent, ratio, note) {
            Ok(s) => (Some(s), None),
            Err(CsfError::Day(x)) => (None, Some((0, x))),
            Err(CsfError::WbcPerUl(x)) => (None, Some((1, x))),
            Err(CsfError::CarTPercent(x)) => (None, Some((2, x))),
            Err(CsfError::Cd4Cd8Ratio(x)) => (None, Some((3, x))),
            Err(CsfError::Empty) if issues.iter().any(|i| i.row == r) => (None, None),
            Err(CsfError::Empty) => {
                issues.push(at(r, 1, CellProblem::NoCsfValue));
                (None, None)
            }
        };
        for (c, x) in [Some(day), wbc, percent, ratio].into_iter().enumerate() {
            let got = match first {
                Some((f, got)) if f == c => Some(got),
                _ => x.filter(|x| !plausible(Table::Csf, c).contains(*x)),
            };
            if let Some(x) = got {
                issues.push(at(r, c, outside(Table::Csf, c, x)));
            }
        }
        if let Some(s) = sample.filter(|_| issues.iter().all(|i| i.row != r)) {
            out.push((r, s));
        }
    }
    numbers::sort_by_f64(&mut out, |(_, s)| s.day());
    (out, issues)
}

/// A value written back into a cell: every digit kept, a decimal point; empty when not measured.
fn cell_text(x: Option<f64>) -> String {
    let text = x.map(|x| numbers::format_decimal(x, numbers::DecimalSeparator::Point));
    text.unwrap_or_default()
}

/// The blood table's rows that show `series` again, as [`read_blood`] reads them back: one row
/// per day sampled in any series, in day order (the core's table by day), the day as
/// [`numbers::day_cell_text`] writes it.
pub fn blood_rows(series: Vec<(SeriesName, Series)>) -> Vec<[String; 4]> {
    let method = AucMethod::Linear;
    let by_day = KineticsInput {
        series,
        method,
        horizons: Vec::new(),
    };
    let row = |(day, [total, cd4, cd8]): (f64, [Option<f64>; 3])| {
        [
            numbers::day_cell_text(day),
            cell_text(total),
            cell_text(cd4),
            cell_text(cd8),
        ]
    };
    by_day.counts_by_day().into_iter().map(row).collect()
}

/// The CSF table's row that shows `s` again, as [`read_csf`] reads it back.
pub fn csf_row(s: &CsfSample) -> [String; 5] {
    [
        numbers::day_cell_text(s.day()),
        cell_text(s.wbc_per_ul()),
        cell_text(s.car_t_percent_of_leukocytes()),
        cell_text(s.cd4_cd8_ratio()),
        s.note().unwrap_or("").to_string(),
    ]
}

/// Pasted rows as the blood table's rows (numbers written back with a point, exactly as read).
pub fn pasted_rows(p: &PasteResult) -> Vec<[String; 4]> {
    let mut rows = Vec::new();
    for r in &p.rows {
        let [total, cd4, cd8] = r.counts;
        rows.push([
            cell_text(Some(r.day)),
            cell_text(total),
            cell_text(cd4),
            cell_text(cd8),
        ]);
    }
    rows
}

/// What the cell in column `col` of a grid was read as, when it was typed in another form than
/// it is shown in ("31,6" -> "= 31.6"); the day column (0) in the page's day style
/// ("14.041666666666666" -> "= day +14 01:00", "14,5" -> "= day +14 12:00"). `None` for empty,
/// unreadable or already canonical text (a whole day typed plainly).
pub fn echo(col: usize, text: &str) -> Option<String> {
    let shown = numbers::parse_decimal(text).map(|x| numbers::format_decimal(x, Point));
    let retyped = shown.as_ref().is_ok_and(|s| s != text.trim());
    if col > 0 {
        return shown.ok().filter(|_| retyped).map(|s| format!("= {s}"));
    }
    let day = numbers::read_day_cell(text).ok()?;
    (day.fract() != 0.0 || retyped).then(|| format!("= {}", day_time(day)))
}

/// What a horizon field was read as ("= 28 days"), empty when it does not read.
pub fn horizon_echo(text: &str) -> String {
    let days = numbers::parse_decimal(text).map(|x| numbers::format_decimal(x, Point));
    days.map(|d| format!("= {d} days")).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn messages(issues: &[CellIssue]) -> Vec<(usize, usize, String)> {
        let message = |i: &CellIssue| (i.row, i.col, i.problem.to_string());
        issues.iter().map(message).collect()
    }

    #[test]
    fn a_negative_csf_white_cell_count_gets_no_unit_hint() {
        let (_, issues) = read_csf(&[["14", "-5", "", "", ""].map(str::to_string)]);
        let msgs = messages(&issues);
        assert_eq!(msgs.len(), 1);
        assert_eq!(msgs[0].2, "WBC must be 0-100000 /µL, got -5");
    }

    #[test]
    fn csf_values_are_checked_against_the_core_ranges() {
        let row = |c: [&str; 5]| c.map(|x| x.to_string());
        let (_, issues) = read_csf(&[
            row(["14", "100001", "", "", ""]),
            row(["14", "100000", "150", "1001", ""]),
            row(["-31", "", "", "0", ""]),
        ]);
        let msgs = messages(&issues);
        let msgs: Vec<(usize, usize, &str)> =
            msgs.iter().map(|(r, c, m)| (*r, *c, m.as_str())).collect();
        assert_eq!(
            msgs,
            vec![
                (
                    0,
                    1,
                    "WBC must be 0-100000 /µL, got 100001; is the unit right? CSF white cells per µL (= 10\u{2076}/L)"
                ),
                (1, 2, "percentage must be 0-100 %, got 150"),
                (1, 3, "ratio must be more than 0 and at most 1000, got 1001"),
                (
                    2,
                    0,
                    "day must be from -30 to 36525 days, got -31 (days since infusion)"
                ),
                (2, 3, "ratio must be more than 0 and at most 1000, got 0"),
            ]
        );
    }

    #[test]
    fn csf_rows_are_checked() {
        let (rows, issues) = read_csf(&[
            [
                "14".into(),
                "2".into(),
                "31,6".into(),
                "54".into(),
                "after IT".into(),
            ],
            ["15".into(), "".into(), "120".into(), "".into(), "".into()],
        ]);
        let (row, first) = &rows[0];
        assert_eq!(
            (
                *row,
                first.day(),
                first.wbc_per_ul(),
                first.car_t_percent_of_leukocytes(),
                first.cd4_cd8_ratio()
            ),
            (0, 14.0, Some(2.0), Some(31.6), Some(54.0))
        );
        assert_eq!(first.note(), Some("after IT"));
        assert_eq!(
            rows.len(),
            1,
            "the row with a cell to correct gives no sample"
        );
        assert_eq!(issues.len(), 1);
        assert_eq!(issues[0].col, 2);
    }

    #[test]
    fn problems_name_their_cell_and_kind_not_only_a_message() {
        let rows = [["7", "1,2,3", "", ""], ["", "5", "", ""]].map(|r| r.map(String::from));
        let horizons = ["0".to_string()];
        let Err(issues) = read_blood(&rows, &horizons, "linear", 200) else {
            panic!("refused");
        };
        assert!(matches!(
            issues.cells[..],
            [
                CellIssue {
                    row: 0,
                    col: 1,
                    problem: CellProblem::Unreadable(_)
                },
                CellIssue {
                    row: 1,
                    col: 0,
                    problem: CellProblem::NoDay(Table::Blood)
                }
            ]
        ));
        let refused = HorizonProblem::Refused(HorizonError::NotPositive { days: 0.0 });
        assert_eq!(issues.horizons, [(0, refused)]);
    }

    #[test]
    fn rows_written_from_a_case_read_back_as_the_same_values() {
        let rows =
            [["14 01:00", "77.7", "", "3"], ["28", "0.1", "2", ""]].map(|r| r.map(String::from));
        let Ok(Some(input)) = read_blood(&rows, &["28".to_string()], "linear", 200) else {
            panic!("read");
        };
        assert_eq!(blood_rows(input.series), rows);
        let csf = [["-1 12:00", "3", "", "0.25", "after IT"].map(String::from)];
        let (samples, issues) = read_csf(&csf);
        assert!(issues.is_empty(), "{issues:?}");
        assert_eq!(csf_row(&samples[0].1), csf[0]);
    }
}
