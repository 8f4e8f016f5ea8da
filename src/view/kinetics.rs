//! The kinetics panel: a table of CAR-T counts as typed, read into series, analysed, shown.

use super::html::{esc, select, table, td, tr};
use super::paste::{Column, PasteResult, parse_pasted_table, parse_with_columns};
use crate::case::{self, CsfError, CsfSample};
use crate::display::result as format_result;
use crate::error::Range;
use crate::kinetics::{AucMethod, HorizonDays, Series, SeriesError, SeriesSummary};
use crate::kinetics::{
    KINETICS_SOURCE, KineticsInput, KineticsResult, SeriesName, SeriesResult, run,
};
use crate::numbers::{self, NumberError};
use serde::{Deserialize, Serialize};

/// Grid columns: day, then the three series.
pub const GRID_COLUMNS: [&str; 4] = ["Day", "Total", "CD4+", "CD8+"];
/// CSF columns (shown beside the blood series; not analysed).
pub const CSF_COLUMNS: [&str; 5] = [
    "Day",
    "WBC (/µL)",
    "CAR-T (% of leukocytes)",
    "CD4+/CD8+ ratio",
    "Note",
];

/// The CSF table's free-text column (the note).
const NOTE_COLUMN: usize = CSF_COLUMNS.len() - 1;

/// Everything typed in the kinetics panel, as typed (so nothing is lost, even when invalid).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct KineticsDraft {
    pub rows: Vec<[String; 4]>,
    pub method: String,
    pub horizons: [String; 3],
    /// Day, WBC, % CAR-T, CD4/CD8, note.
    pub csf: Vec<[String; 5]>,
}

impl Default for KineticsDraft {
    fn default() -> Self {
        KineticsDraft {
            rows: vec![Default::default(), Default::default(), Default::default()],
            method: "linear".to_string(),
            horizons: ["28".to_string(), "90".to_string(), String::new()],
            csf: Vec::new(),
        }
    }
}

/// A message at one grid cell.
#[derive(Debug, Clone, PartialEq)]
pub struct CellIssue {
    pub row: usize,
    pub col: usize,
    pub message: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Analysis {
    pub input: KineticsInput,
    pub result: KineticsResult,
    pub summaries: Vec<(SeriesName, SeriesSummary)>,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct KineticsView {
    pub cell_issues: Vec<CellIssue>,
    /// Cells typed in another form than the number is shown in ("77,7" -> "= 77.7").
    pub cell_echoes: Vec<CellIssue>,
    pub horizon_issues: Vec<(usize, String)>,
    pub csf_issues: Vec<CellIssue>,
    /// Why there is no analysis when no cell is at fault (e.g. nothing entered yet).
    pub prompt: Option<String>,
    pub analysis: Option<Analysis>,
}

impl KineticsView {
    pub fn has_issues(&self) -> bool {
        !self.cell_issues.is_empty() || !self.horizon_issues.is_empty()
    }
}

fn number_message(text: &str, e: &NumberError) -> String {
    format!("\u{201c}{text}\u{201d}: {e}")
}

/// What a table cell was read as, when it was typed in another form than it is shown in
/// ("31,6" -> "= 31.6"); `None` for empty, unreadable or already canonical text.
pub fn cell_echo(text: &str) -> Option<String> {
    let x = numbers::parse_decimal(text).ok()?;
    let shown = numbers::format_decimal(x, numbers::DecimalSeparator::Point);
    (shown != text.trim()).then(|| format!("= {shown}"))
}

/// What a day cell was read as, in the page's day style ("14.041666666666666" -> "= day +14
/// 01:00", "14,5" -> "= day +14 12:00"); `None` for empty, unreadable or whole days typed plainly.
pub fn day_cell_echo(text: &str) -> Option<String> {
    let x = numbers::read_day_cell(text).ok()?;
    let plain = x.fract() == 0.0 && cell_echo(text).is_none();
    (!plain).then(|| format!("= {}", crate::display::day_time(x)))
}

/// What a horizon field was read as ("= 28 days"), empty when it does not read.
pub fn horizon_echo(text: &str) -> String {
    match numbers::parse_decimal(text) {
        Ok(x) => format!(
            "= {} days",
            numbers::format_decimal(x, numbers::DecimalSeparator::Point)
        ),
        Err(_) => String::new(),
    }
}

/// A grid value above the core's plausible range (day column 0, counts 1-3): the message, with
/// the range and a hint at the unit. Values below 0 are left to the API's own message. The
/// Cohort tab's long tables are held to the same ranges.
pub fn implausible_cell(col: usize, x: f64) -> Option<String> {
    let (what, range, hint) = if col == 0 {
        (
            "day",
            crate::case::KINETICS_DAY_PLAUSIBLE,
            " (days since infusion)",
        )
    } else {
        (
            "count",
            crate::case::CAR_T_PER_UL_PLAUSIBLE,
            "; is the unit right? CAR-T cells per µL of blood (1 /µL = 10\u{2076}/L)",
        )
    };
    (x >= 0.0 && !range.contains(x)).then(|| {
        format!(
            "{what} must be {range}, got {}{hint}",
            numbers::format_quoted(x)
        )
    })
}

/// Reads the draft: per-cell messages, or the analysis.
pub fn read_kinetics(draft: &KineticsDraft) -> KineticsView {
    let mut view = KineticsView::default();
    // (row index, day, [values]) for rows with anything typed.
    let mut parsed: Vec<(usize, f64, [Option<f64>; 3])> = Vec::new();
    for (r, row) in draft.rows.iter().enumerate() {
        if row.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        let mut cells: [Option<f64>; 4] = [None; 4];
        for ((c, text), slot) in row.iter().enumerate().zip(cells.iter_mut()) {
            let read = if c == 0 {
                numbers::read_day_cell(text)
            } else {
                numbers::parse_decimal(text)
            };
            match read {
                Ok(x) if let Some(message) = implausible_cell(c, x) => {
                    view.cell_issues.push(CellIssue {
                        row: r,
                        col: c,
                        message,
                    });
                }
                Ok(x) => {
                    *slot = Some(x);
                    let echo = if c == 0 {
                        day_cell_echo(text)
                    } else {
                        cell_echo(text)
                    };
                    if let Some(message) = echo {
                        view.cell_echoes.push(CellIssue {
                            row: r,
                            col: c,
                            message,
                        });
                    }
                }
                Err(NumberError::Empty) => {}
                Err(e) => view.cell_issues.push(CellIssue {
                    row: r,
                    col: c,
                    message: number_message(text.trim(), &e),
                }),
            }
        }
        match cells[0] {
            Some(day) => parsed.push((r, day, [cells[1], cells[2], cells[3]])),
            None if row[0].trim().is_empty() => view.cell_issues.push(CellIssue {
                row: r,
                col: 0,
                message: "enter the day since infusion for this row".to_string(),
            }),
            None => {}
        }
    }
    // The per-list limit of a case (as an import and the other forms refuse a longer list).
    if let Some((r, _, _)) = parsed.get(super::limits::MAX_RECORDS_PER_LIST) {
        view.cell_issues.push(CellIssue {
            row: *r,
            col: 0,
            message: format!(
                "a case keeps at most {} sampled days; export this case and continue in a new one",
                super::limits::MAX_RECORDS_PER_LIST
            ),
        });
    }
    let mut horizons = Vec::new();
    for (i, text) in draft.horizons.iter().enumerate() {
        match numbers::parse_decimal(text) {
            Ok(days) if days > 0.0 && !crate::case::KINETICS_DAY_PLAUSIBLE.contains(days) => {
                view.horizon_issues.push((
                    i,
                    format!(
                        "horizon must be at most {} days since infusion, got {}",
                        numbers::format_quoted(crate::case::KINETICS_DAY_PLAUSIBLE_MAX_DAYS),
                        numbers::format_quoted(days)
                    ),
                ));
            }
            Ok(days) => match HorizonDays::new(days) {
                Ok(h) if horizons.iter().any(|o: &HorizonDays| o.days() == h.days()) => view
                    .horizon_issues
                    .push((i, format!("horizon {days} is listed twice"))),
                Ok(h) => horizons.push(h),
                Err(e) => view.horizon_issues.push((i, e.to_string())),
            },
            Err(NumberError::Empty) => {}
            Err(e) => view
                .horizon_issues
                .push((i, number_message(text.trim(), &e))),
        }
    }
    if horizons.is_empty() && view.horizon_issues.is_empty() {
        view.horizon_issues.push((
            0,
            "enter at least one AUC horizon in days (e.g. 28)".to_string(),
        ));
    }
    view.csf_issues = read_csf(&draft.csf).1;
    if view.has_issues() {
        return view;
    }
    // Each series as the core reads it, remembering which grid row each sample came from.
    let mut series = Vec::new();
    for (k, name) in SeriesName::ALL.into_iter().enumerate() {
        let (rows, samples): (Vec<usize>, Vec<(f64, f64)>) = parsed
            .iter()
            .filter_map(|(r, day, v)| v.get(k).copied().flatten().map(|x| (*r, (*day, x))))
            .unzip();
        if samples.is_empty() {
            continue;
        }
        match Series::new(&samples) {
            Ok(s) => series.push((name, s)),
            Err(e) => {
                // Value problems belong to the series' cell; day problems (negative, duplicate)
                // to the row's day cell.
                let value_problem = matches!(
                    e,
                    SeriesError::NegativeValue { .. } | SeriesError::NonFiniteValue { .. }
                );
                let row = e.index().and_then(|i| rows.get(i)).copied().unwrap_or(0);
                view.cell_issues.push(CellIssue {
                    row,
                    col: if value_problem { k + 1 } else { 0 },
                    message: e.to_string(),
                });
                return view;
            }
        }
    }
    if series.is_empty() {
        view.prompt =
            Some("Enter at least one day with a CAR-T count (0 for below detection).".to_string());
        return view;
    }
    let input = KineticsInput {
        series,
        method: if draft.method == AucMethod::LinUpLogDown.api_name() {
            AucMethod::LinUpLogDown
        } else {
            AucMethod::Linear
        },
        horizons,
    };
    let (result, summaries) = run(&input);
    view.analysis = Some(Analysis {
        input,
        result,
        summaries,
    });
    view
}

/// Reads the CSF rows (day required; each value optional; % within 0-100; ratio > 0): each
/// sample the core accepts with the row it came from, in day order, and the cells to correct.
/// A row with a cell to correct gives no sample.
pub fn read_csf(rows: &[[String; 5]]) -> (Vec<(usize, CsfSample)>, Vec<CellIssue>) {
    let mut out = Vec::new();
    let mut issues = Vec::new();
    for (r, row) in rows.iter().enumerate() {
        if row.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        let mut v: [Option<f64>; 4] = [None; 4];
        for ((c, text), slot) in row.iter().take(4).enumerate().zip(v.iter_mut()) {
            let read = if c == 0 {
                numbers::read_day_cell(text)
            } else {
                numbers::parse_decimal(text)
            };
            match read {
                Ok(x) => *slot = Some(x),
                Err(NumberError::Empty) => {}
                Err(e) => issues.push(CellIssue {
                    row: r,
                    col: c,
                    message: number_message(text.trim(), &e),
                }),
            }
        }
        // The core's constructor decides what a sample is (day in the case's range, values
        // non-negative, % within 0-100, ratio above 0, at least one value); the page adds the
        // core's plausibility limits, which catch a count typed in the wrong unit.
        let columns: [(&str, Range, &str); 4] = [
            ("day", case::CASE_DAY_RANGE, " (days since infusion)"),
            (
                "WBC",
                case::CSF_WBC_PER_UL_PLAUSIBLE,
                "; is the unit right? CSF white cells per µL (= 10\u{2076}/L)",
            ),
            ("percentage", case::PERCENT, ""),
            ("ratio", case::CSF_RATIO_PLAUSIBLE, ""),
        ];
        let refused = |c: usize, x: f64| {
            let (what, range, hint) = columns.get(c).copied().unwrap_or(columns[0]);
            CellIssue {
                row: r,
                col: c,
                message: format!(
                    "{what} must be {range}, got {}{hint}",
                    numbers::format_quoted(x)
                ),
            }
        };
        let note = Some(row[4].trim().to_string()).filter(|n| !n.is_empty());
        let mut sample = None;
        if let Some(day) = v[0] {
            // The core refuses the first value it cannot take; every other cell is then held
            // to its plausible range, so that all the row's faults show at once.
            let first = match CsfSample::new(day, v[1], v[2], v[3], note) {
                Ok(s) => {
                    sample = Some(s);
                    None
                }
                Err(CsfError::Day(x)) => Some((0, x)),
                Err(CsfError::WbcPerUl(x)) => Some((1, x)),
                Err(CsfError::CarTPercent(x)) => Some((2, x)),
                Err(CsfError::Cd4Cd8Ratio(x)) => Some((3, x)),
                Err(CsfError::Empty) => {
                    if issues.iter().all(|i| i.row != r) {
                        issues.push(CellIssue {
                            row: r,
                            col: 1,
                            message:
                                "enter at least one CSF value: WBC, CAR-T % or CD4+/CD8+ ratio"
                                    .to_string(),
                        });
                    }
                    None
                }
            };
            for (c, (x, (_, range, _))) in v.iter().zip(columns).enumerate() {
                match (first, x) {
                    (Some((f, got)), _) if f == c => issues.push(refused(c, got)),
                    (_, Some(x)) if !range.contains(*x) => issues.push(refused(c, *x)),
                    _ => {}
                }
            }
        }
        match (v[0], sample) {
            (Some(_), Some(s)) if issues.iter().all(|i| i.row != r) => out.push((r, s)),
            (None, _) if row[0].trim().is_empty() => issues.push(CellIssue {
                row: r,
                col: 0,
                message: "enter the day of the CSF sample".to_string(),
            }),
            (Some(_) | None, _) => {}
        }
    }
    crate::numbers::sort_by_f64(&mut out, |(_, s)| s.day());
    (out, issues)
}

// ---------------------------------------------------------------------------------------------
// HTML

fn cell_input(kind: &str, row: usize, col: usize, value: &str, label: &str, note: bool) -> String {
    // The note is free text, not a number.
    let (mode, class) = if note {
        ("", "cell note-cell")
    } else {
        (" inputmode=\"decimal\"", "cell")
    };
    td(
        "",
        &format!(
            "<input type=\"text\"{mode} autocomplete=\"off\" spellcheck=\"false\" class=\"{class}\" data-grid=\"{kind}\" data-row=\"{row}\" data-col=\"{col}\" id=\"{kind}-{row}-{col}\" value=\"{}\" aria-label=\"{}\" aria-describedby=\"{kind}-e-{row}-{col}\"><span class=\"cell-error\" id=\"{kind}-e-{row}-{col}\"></span>",
            esc(value),
            esc(label)
        ),
    )
}

/// An editable grid: one row of cell inputs per draft row, each with a remove button.
/// `kind` is `kin` or `csf`; `label(row, col)` names each cell for screen readers.
fn editable_grid(
    kind: &str,
    caption: &str,
    columns: &[&str],
    rows: &[&[String]],
    label: &dyn Fn(usize, usize) -> String,
    remove: &str,
    empty: Option<&str>,
) -> String {
    let mut head: Vec<String> = columns.iter().map(|c| esc(c)).collect();
    head.push("<span class=\"sr-only\">Remove row</span>".to_string());
    let head: Vec<&str> = head.iter().map(String::as_str).collect();
    let mut body = Vec::new();
    for (r, row) in rows.iter().enumerate() {
        let mut cells = Vec::new();
        for (c, value) in row.iter().enumerate() {
            let note = kind == "csf" && c == NOTE_COLUMN;
            cells.push(cell_input(kind, r, c, value, &label(r, c), note));
        }
        cells.push(td(
            "",
            &format!(
                "<button type=\"button\" class=\"icon-btn\" data-action=\"{kind}-remove\" data-row=\"{r}\" aria-label=\"Remove {remove}row {}\">\u{2715}</button>",
                r + 1
            ),
        ));
        body.push(tr(&format!("data-row=\"{r}\""), &cells));
    }
    if let Some(text) = empty.filter(|_| rows.is_empty()) {
        body.push(format!(
            "<tr><td colspan=\"{}\" class=\"muted\">{text}</td></tr>",
            columns.len() + 1
        ));
    }
    table(
        &format!("class=\"grid\" id=\"{kind}-grid\""),
        caption,
        &head,
        &body,
        None,
    )
}

/// The blood-count grid (rebuilt only when rows are added or removed).
pub fn grid_html(draft: &KineticsDraft) -> String {
    editable_grid(
        "kin",
        "Blood CAR-T cells/µL by day since infusion. Enter 0 for below detection; leave a cell empty if not measured.",
        &GRID_COLUMNS,
        &draft.rows.iter().map(|r| &r[..]).collect::<Vec<_>>(),
        &|r, c| {
            let column = if c == 0 {
                "day"
            } else {
                GRID_COLUMNS.get(c).unwrap_or(&"")
            };
            format!("Row {}, {column}", r + 1)
        },
        "",
        None,
    )
}

pub fn csf_grid_html(draft: &KineticsDraft) -> String {
    editable_grid(
        "csf",
        "Cerebrospinal fluid samples (shown beside the blood series; not part of the AUC)",
        &CSF_COLUMNS,
        &draft.csf.iter().map(|r| &r[..]).collect::<Vec<_>>(),
        &|r, c| format!("CSF row {}, {}", r + 1, CSF_COLUMNS.get(c).unwrap_or(&"")),
        "CSF ",
        Some("No CSF sample entered."),
    )
}

fn auc_label(to_day: f64) -> String {
    format!(
        "AUC<sub>0\u{2013}{}</sub>",
        numbers::format_trimmed(to_day, 2)
    )
}

fn value_or_reason(value: Option<f64>, unit: &str, reason: Option<&str>) -> String {
    match (value, reason) {
        (Some(v), _) => format!(
            "{} <span class=\"unit\">{}</span>",
            format_result(v),
            esc(unit)
        ),
        (None, Some(r)) => format!(
            "<span class=\"na\">not computable \u{2014} {}</span>",
            esc(r)
        ),
        (None, None) => "<span class=\"na\">not computable</span>".to_string(),
    }
}

/// The results table: one column per series, one row per metric, with units and the method.
pub fn results_html(view: &KineticsView) -> String {
    let Some(a) = &view.analysis else {
        let msg = if view.has_issues() {
            "No results until the marked cells are corrected."
        } else {
            view.prompt.as_deref().unwrap_or("No results yet.")
        };
        let class = if view.has_issues() {
            "status error"
        } else {
            "status"
        };
        return format!("<p class=\"{class}\" id=\"kin-status\">{}</p>", esc(msg));
    };
    let method = match a.input.method {
        AucMethod::Linear => "linear trapezoid",
        AucMethod::LinUpLogDown => "linear-up/log-down trapezoid",
    };
    let series: Vec<(SeriesName, &SeriesResult)> = SeriesName::ALL
        .iter()
        .filter_map(|n| {
            let r = match n {
                SeriesName::Total => a.result.series.total.as_ref(),
                SeriesName::Cd4 => a.result.series.cd4.as_ref(),
                SeriesName::Cd8 => a.result.series.cd8.as_ref(),
            };
            r.map(|r| (*n, r))
        })
        .collect();
    let mut h = format!(
        "<table class=\"kin-results\" id=\"kin-results\"><caption>Kinetics by series \u{2014} AUC by the {method}; (0, 0) assumed at day 0 when day 0 was not sampled</caption><thead><tr><th scope=\"col\">Metric</th>"
    );
    for (n, _) in &series {
        h.push_str(&format!(
            "<th scope=\"col\" data-series=\"{}\">{}</th>",
            n.api_name(),
            esc(n.label())
        ));
    }
    h.push_str("</tr></thead><tbody>");
    let row = |h: &mut String, label: &str, key: &str, f: &dyn Fn(&SeriesResult) -> String| {
        h.push_str(&format!(
            "<tr data-metric=\"{key}\"><th scope=\"row\">{label}</th>"
        ));
        for (_, r) in &series {
            h.push_str(&format!("<td>{}</td>", f(r)));
        }
        h.push_str("</tr>");
    };
    row(&mut h, "C<sub>max</sub>", "cmax", &|r| {
        format!(
            "{} <span class=\"unit\">cells/µL</span>",
            format_result(r.cmax)
        )
    });
    row(&mut h, "T<sub>max</sub>", "tmax", &|r| match r.tmax {
        Some(d) => esc(&crate::display::day_time(d)),
        None => "<span class=\"na\">none \u{2014} every value is 0</span>".to_string(),
    });
    for (i, hz) in a.input.horizons.iter().enumerate() {
        let key = format!("auc{}", numbers::format_trimmed(hz.days(), 2));
        row(&mut h, &auc_label(hz.days()), &key, &|r| {
            let Some(auc) = r.auc.get(i) else {
                return String::new();
            };
            let mut cell = value_or_reason(auc.value, "cells/µL \u{d7} day", auc.reason.as_deref());
            if auc.value.is_none()
                && let Some(x) = auc.extrapolated
            {
                cell.push_str(&format!(
                    "<br><span class=\"extrap\">extrapolated with the terminal slope: {} cells/µL \u{d7} day</span>",
                    format_result(x)
                ));
            }
            cell
        });
    }
    row(&mut h, "AUC<sub>last</sub>", "auclast", &|r| {
        let to = r
            .tlast
            .map(|d| format!(" (to {})", esc(&crate::display::day_time(d))))
            .unwrap_or_default();
        format!(
            "{} <span class=\"unit\">cells/µL \u{d7} day</span>{to}",
            format_result(r.auc_last)
        )
    });
    row(
        &mut h,
        "C<sub>last</sub> / T<sub>last</sub>",
        "clast",
        &|r| match r.tlast {
            Some(d) => format!(
                "{} cells/µL on {}",
                format_result(r.clast),
                esc(&crate::display::day_time(d))
            ),
            None => "<span class=\"na\">none \u{2014} every value is 0</span>".to_string(),
        },
    );
    row(
        &mut h,
        "Terminal half-life",
        "halflife",
        &|r| match (r.half_life_days, r.lambda_z) {
            (Some(t), Some(lz)) => format!(
                "{} <span class=\"unit\">days</span><br><span class=\"basis-small\">\u{3bb}z {} /day from {} points, days {}\u{2013}{}, adjusted R\u{b2} {}</span>",
                format_result(t),
                format_result(lz),
                r.lambda_z_points.unwrap_or(0),
                r.lambda_z_first_day
                    .map(|d| numbers::format_trimmed(d, 3))
                    .unwrap_or_default(),
                r.lambda_z_last_day
                    .map(|d| numbers::format_trimmed(d, 3))
                    .unwrap_or_default(),
                r.lambda_z_adj_r2
                    .map(|x| numbers::format_trimmed(x, 3))
                    .unwrap_or_default()
            ),
            _ => value_or_reason(None, "", r.lambda_z_reason.as_deref()),
        },
    );
    row(
        &mut h,
        "AUC<sub>0\u{2013}\u{221e}</sub>",
        "aucinf",
        &|r| match r.auc_inf {
            Some(x) => format!(
                "{} <span class=\"unit\">cells/µL \u{d7} day</span>",
                format_result(x)
            ),
            None => "<span class=\"na\">not computable \u{2014} needs a terminal slope</span>"
                .to_string(),
        },
    );
    row(&mut h, "Samples", "n", &|r| r.n_samples.to_string());
    h.push_str("</tbody></table>");
    if !a.result.ratio_cd4_cd8.is_empty() {
        let mut rows = Vec::new();
        for (day, ratio) in &a.result.ratio_cd4_cd8 {
            let r = match ratio {
                Some(x) => format_result(*x),
                None => "<span class=\"na\">not computable \u{2014} CD8+ is 0</span>".to_string(),
            };
            rows.push(tr(
                "",
                &[td("", &esc(&crate::display::day_time(*day))), td("", &r)],
            ));
        }
        h.push_str(&table(
            "class=\"ratio\" id=\"kin-ratio\"",
            "CD4+/CD8+ CAR-T ratio on days with both subsets",
            &["Day", "CD4+/CD8+"],
            &rows,
            None,
        ));
    }
    h.push_str(&format!(
        "<p class=\"source\">Method: {}. icans-calc {}.</p>",
        esc(KINETICS_SOURCE),
        crate::APP_VERSION
    ));
    h
}

/// Preview of pasted text before it replaces or extends the table: how the block was split,
/// what each column is read as (a select per column to change it), the rows refused with their
/// line, and the rows read.
pub fn paste_preview_html(p: &PasteResult) -> String {
    let mut h = String::new();
    if p.rows.is_empty() && p.issues.is_empty() {
        return "<p class=\"status\">Nothing to read: paste rows of day, total, CD4+, CD8+.</p>"
            .to_string();
    }
    h.push_str(&format!(
        "<p class=\"status\">Read {} row{}{}{}.</p>",
        p.rows.len(),
        if p.rows.len() == 1 { "" } else { "s" },
        p.delimiter
            .map(|d| format!(", cells separated by {}", d.describe()))
            .unwrap_or_default(),
        if p.header.is_some() {
            "; the first line is the header"
        } else {
            "; no header, columns in the order day, total, CD4+, CD8+"
        }
    ));
    if !p.columns.is_empty() {
        let header = |i: usize| p.header_cells.get(i).filter(|c| !c.is_empty());
        let head: Vec<String> = (0..p.columns.len())
            .map(|i| {
                header(i)
                    .map(|c| format!("\u{201c}{}\u{201d}", esc(c)))
                    .unwrap_or_else(|| format!("Column {}", i + 1))
            })
            .collect();
        let mut options = vec![("", "not read")];
        options.extend(Column::ORDER.iter().map(|c| (c.key(), c.label())));
        let mut selects = Vec::new();
        for (i, col) in p.columns.iter().enumerate() {
            let name = header(i)
                .map(|c| format!("column {} (\u{201c}{}\u{201d})", i + 1, esc(c)))
                .unwrap_or_else(|| format!("column {}", i + 1));
            selects.push(td(
                "",
                &select(
                    &format!("data-paste-col=\"{i}\" aria-label=\"What {name} holds\""),
                    &options,
                    col.map_or("", |c| c.key()),
                ),
            ));
        }
        let head: Vec<&str> = head.iter().map(String::as_str).collect();
        h.push_str(&format!(
            "<div class=\"table-scroll\">{}</div>",
            table(
                "class=\"preview\" id=\"paste-mapping\"",
                "Columns are read as (change if wrong)",
                &head,
                &[tr("", &selects)],
                None
            )
        ));
    }
    if !p.issues.is_empty() {
        h.push_str("<ul class=\"paste-issues\">");
        for i in &p.issues {
            h.push_str(&format!(
                "<li class=\"field-error\">Line {}: {}</li>",
                i.line,
                esc(&i.message)
            ));
        }
        h.push_str("</ul>");
    }
    if !p.rows.is_empty() {
        let f = |x: Option<f64>| {
            x.map(|v| numbers::format_decimal(v, numbers::DecimalSeparator::Point))
                .unwrap_or_else(|| "\u{2014}".to_string())
        };
        let mut rows = Vec::new();
        for r in &p.rows {
            let cells = [
                r.line.to_string(),
                numbers::format_decimal(r.day, numbers::DecimalSeparator::Point),
                f(r.total),
                f(r.cd4),
                f(r.cd8),
            ];
            let mut tds = Vec::new();
            for c in &cells {
                tds.push(td("", c));
            }
            rows.push(tr("", &tds));
        }
        h.push_str(&table(
            "class=\"preview\" id=\"paste-preview-table\"",
            "What was read",
            &["Line", "Day", "Total", "CD4+", "CD8+"],
            &rows,
            None,
        ));
        if !p.issues.is_empty() {
            h.push_str("<p class=\"note\">Only the rows in this table are taken; the lines listed above are not.</p>");
        }
        h.push_str("<div class=\"actions\"><button type=\"button\" class=\"btn primary\" data-action=\"paste-replace\">Replace the table with these rows</button><button type=\"button\" class=\"btn\" data-action=\"paste-append\">Add them to the table</button></div>");
    }
    h
}

/// Reads the pasted text again with the columns chosen in the preview's selects (values
/// `day`, `total`, `cd4`, `cd8` or empty, in column order).
pub fn reread_paste(p: &PasteResult, chosen: &[String]) -> PasteResult {
    let columns: Vec<Option<Column>> = chosen.iter().map(|k| Column::from_key(k)).collect();
    parse_with_columns(&p.source, Some(&columns))
}

/// Pasted rows as grid rows (numbers written back with a point, exactly as read).
pub fn pasted_rows(p: &PasteResult) -> Vec<[String; 4]> {
    let f = |x: Option<f64>| {
        x.map(|v| numbers::format_decimal(v, numbers::DecimalSeparator::Point))
            .unwrap_or_default()
    };
    p.rows
        .iter()
        .map(|r| {
            [
                numbers::format_decimal(r.day, numbers::DecimalSeparator::Point),
                f(r.total),
                f(r.cd4),
                f(r.cd8),
            ]
        })
        .collect()
}

/// Parses pasted text (re-exported for the web layer).
pub fn read_paste(text: &str) -> PasteResult {
    parse_pasted_table(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn more_sampled_days_than_a_case_keeps_are_refused_at_the_first_row_beyond() {
        let limit = super::super::limits::MAX_RECORDS_PER_LIST;
        let mut draft = KineticsDraft {
            rows: (0..=limit)
                .map(|i| [i.to_string(), "5".to_string(), String::new(), String::new()])
                .collect(),
            ..KineticsDraft::default()
        };
        let v = read_kinetics(&draft);
        let at: Vec<(usize, bool)> = v
            .cell_issues
            .iter()
            .map(|c| (c.row, c.message.contains("at most 200 sampled days")))
            .collect();
        assert_eq!(at, [(limit, true)]);
        draft.rows.pop();
        assert!(read_kinetics(&draft).cell_issues.is_empty());
    }

    fn draft(rows: &[[&str; 4]]) -> KineticsDraft {
        KineticsDraft {
            rows: rows.iter().map(|r| r.map(|c| c.to_string())).collect(),
            ..KineticsDraft::default()
        }
    }

    #[test]
    fn cells_and_horizons_echo_what_was_read() {
        assert_eq!(cell_echo("31,6"), Some("= 31.6".to_string()));
        assert_eq!(cell_echo("31.6"), None);
        assert_eq!(cell_echo("abc"), None);
        assert_eq!(
            day_cell_echo("14.041666666666666"),
            Some("= day +14 01:00".to_string())
        );
        assert_eq!(day_cell_echo("14,5"), Some("= day +14 12:00".to_string()));
        assert_eq!(day_cell_echo("14"), None);
        assert_eq!(
            day_cell_echo("14 01:00"),
            Some("= day +14 01:00".to_string())
        );
        assert_eq!(day_cell_echo("abc"), None);
        assert_eq!(horizon_echo("84"), "= 84 days");
        assert_eq!(horizon_echo("8,4,1"), "");
    }

    #[test]
    fn implausible_days_and_counts_are_refused_with_the_range_and_the_unit() {
        let v = read_kinetics(&draft(&[["7306", "5", "", ""], ["14", "1000001", "", ""]]));
        assert!(v.analysis.is_none());
        let msg = |row: usize, col: usize| {
            v.cell_issues
                .iter()
                .find(|i| i.row == row && i.col == col)
                .map(|i| i.message.clone())
                .unwrap_or_default()
        };
        assert_eq!(
            msg(0, 0),
            "day must be 0-7305 days, got 7306 (days since infusion)"
        );
        assert!(
            msg(1, 1).starts_with("count must be 0-1000000 /µL, got 1000001; is the unit right?"),
            "{}",
            msg(1, 1)
        );
        // The bounds themselves are accepted.
        let ok = read_kinetics(&draft(&[["7305", "1000000", "", ""], ["0", "0", "", ""]]));
        assert!(ok.cell_issues.is_empty(), "{:?}", ok.cell_issues);
        assert!(ok.analysis.is_some());
    }

    #[test]
    fn a_huge_number_is_refused_without_printing_its_digits() {
        let v = read_kinetics(&draft(&[["14", "1e308", "", ""]]));
        let m = &v.cell_issues[0].message;
        assert!(m.contains("got 1e308"), "{m}");
        assert!(!m.contains("000000000000000000"), "{m}");
        let d = KineticsDraft {
            rows: vec![["14".into(), "5".into(), String::new(), String::new()]],
            horizons: ["1e308".into(), String::new(), String::new()],
            ..KineticsDraft::default()
        };
        let v = read_kinetics(&d);
        assert_eq!(
            v.horizon_issues,
            vec![(
                0,
                "horizon must be at most 7305 days since infusion, got 1e308".to_string()
            )]
        );
        assert_eq!(cell_echo("1E308"), Some("= 1e308".to_string()));
    }

    #[test]
    fn csf_values_are_checked_against_the_core_ranges() {
        let row = |c: [&str; 5]| c.map(|x| x.to_string());
        let (_, issues) = read_csf(&[
            row(["14", "100001", "", "", ""]),
            row(["14", "100000", "150", "1001", ""]),
            row(["-31", "", "", "0", ""]),
        ]);
        let msgs: Vec<(usize, usize, &str)> = issues
            .iter()
            .map(|i| (i.row, i.col, i.message.as_str()))
            .collect();
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
    fn empty_grid_prompts_without_issues() {
        let v = read_kinetics(&KineticsDraft::default());
        assert!(v.analysis.is_none());
        assert!(!v.has_issues());
        assert!(v.prompt.is_some());
    }

    #[test]
    fn published_points_with_decimal_commas_are_analysed() {
        let v = read_kinetics(&draft(&[
            ["14", "77,7", "", ""],
            ["28", "27,9", "", ""],
            ["90", "2,5", "", ""],
        ]));
        let a = v.analysis.expect("analysis");
        let total = a.result.series.total.expect("total");
        assert_eq!((total.cmax, total.tmax), (77.7, Some(14.0)));
        // 14*77.7/2 + 14*(77.7+27.9)/2 = 543.9 + 739.2 = 1283.1
        assert!((total.auc[0].value.expect("auc28") - 1283.1).abs() < 1e-9);
    }

    #[test]
    fn a_negative_value_is_reported_at_its_cell() {
        let v = read_kinetics(&draft(&[["7", "5", "", ""], ["14", "", "-3", ""]]));
        assert!(v.analysis.is_none());
        assert_eq!(v.cell_issues.len(), 1);
        assert_eq!((v.cell_issues[0].row, v.cell_issues[0].col), (1, 2));
        assert!(v.cell_issues[0].message.contains("must not be negative"));
    }

    #[test]
    fn a_duplicate_day_is_reported_at_the_later_day_cell() {
        let v = read_kinetics(&draft(&[
            ["7", "5", "", ""],
            ["14", "6", "", ""],
            ["7", "1", "", ""],
        ]));
        assert_eq!((v.cell_issues[0].row, v.cell_issues[0].col), (2, 0));
    }

    #[test]
    fn unreadable_text_and_missing_day_are_cell_issues() {
        let v = read_kinetics(&draft(&[["7", "1,2,3", "", ""], ["", "5", "", ""]]));
        assert_eq!(v.cell_issues.len(), 2);
        assert_eq!((v.cell_issues[0].row, v.cell_issues[0].col), (0, 1));
        assert_eq!((v.cell_issues[1].row, v.cell_issues[1].col), (1, 0));
    }

    #[test]
    fn horizons_must_be_positive_and_distinct() {
        let mut d = draft(&[["7", "1", "", ""]]);
        d.horizons = ["0".into(), "28".into(), "28".into()];
        let v = read_kinetics(&d);
        assert_eq!(v.horizon_issues.len(), 2);
        assert!(v.analysis.is_none());
    }

    #[test]
    fn results_table_says_not_computable_with_reason_never_zero() {
        let v = read_kinetics(&draft(&[
            ["0", "0", "", ""],
            ["14", "77.7", "", ""],
            ["28", "27.9", "", ""],
        ]));
        let html = results_html(&v);
        assert!(html.contains("data-metric=\"auc90\""));
        assert!(html.contains("not computable \u{2014} "));
        assert!(html.contains("linear trapezoid"));
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
    fn the_paste_preview_shows_the_mapping_with_a_select_per_column_and_refused_lines() {
        let p = read_paste("Tag;Blut;CD4\n14;77,7;69,1\n21;30;1.234");
        let html = paste_preview_html(&p);
        assert!(html.contains("cells separated by semicolons"));
        assert_eq!(html.matches("<select data-paste-col=").count(), 3);
        assert!(html.contains("<option value=\"day\" selected>Day</option>"));
        assert!(html.contains("Line 3:"), "{html}");
        let again = reread_paste(&p, &["day".into(), "total".into(), "cd4".into()]);
        assert_eq!(again.rows.first().and_then(|r| r.total), Some(77.7));
        assert!(
            paste_preview_html(&again)
                .contains("<option value=\"total\" selected>Total CAR-T</option>")
        );
    }

    #[test]
    fn pasted_rows_round_trip_into_the_grid() {
        let p = read_paste("Day\tTotal\tCD4\n14\t77,7\t69,1\n");
        assert_eq!(
            pasted_rows(&p),
            vec![[
                "14".to_string(),
                "77.7".to_string(),
                "69.1".to_string(),
                String::new()
            ]]
        );
    }
}
