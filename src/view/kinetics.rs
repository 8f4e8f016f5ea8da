//! The kinetics panel: a table of CAR-T counts as typed, read into series, analysed, shown.

use super::html::{each, esc, select, table, td, tr};
use super::limits::MAX_RECORDS_PER_LIST;
use crate::display::{day_time, plural, result as format_result};
use crate::input::grid::{self, HorizonProblem};
pub use crate::input::grid::{CellIssue, echo, horizon_echo, pasted_rows, read_csf};
use crate::input::paste::{Column, PasteResult, parse_with_columns};
use crate::kinetics::{AucMethod, HorizonDays, KINETICS_SOURCE, KineticsInput, KineticsResult};
use crate::kinetics::{SeriesName, SeriesResult, SeriesSummary, run};
use crate::numbers::{self, DecimalSeparator::Point, format_decimal};
use serde::Serialize;

/// Everything typed in the kinetics panel, as typed (so nothing is lost, even when invalid).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct KineticsDraft {
    /// Day, total, CD4+, CD8+.
    pub rows: Vec<[String; 4]>,
    pub method: String,
    pub horizons: [String; 3],
    /// Day, WBC, % CAR-T, CD4/CD8, note.
    pub csf: Vec<[String; 5]>,
}

impl Default for KineticsDraft {
    fn default() -> Self {
        // The API's default horizons (AUC0-28, AUC0-90), then a free field.
        let [first, second] = HorizonDays::DEFAULTS.map(|h| format_decimal(h.days(), Point));
        KineticsDraft {
            rows: vec![Default::default(); 3],
            method: AucMethod::Linear.api_name().to_string(),
            horizons: [first, second, String::new()],
            csf: Vec::new(),
        }
    }
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
    pub horizon_issues: Vec<(usize, HorizonProblem)>,
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

/// Reads the draft with the core's reader ([`grid::read_blood`]): the problems at the cells and
/// horizons, or the analysis, or why there is none yet.
pub fn read_kinetics(draft: &KineticsDraft) -> KineticsView {
    let csf_issues = read_csf(&draft.csf).1;
    let mut view = KineticsView {
        csf_issues,
        ..KineticsView::default()
    };
    let max = MAX_RECORDS_PER_LIST;
    match grid::read_blood(&draft.rows, &draft.horizons, &draft.method, max) {
        Ok(Some(input)) => {
            let (result, summaries) = run(&input);
            view.analysis = Some(Analysis {
                input,
                result,
                summaries,
            });
        }
        Ok(None) => {
            let prompt = "Enter at least one day with a CAR-T count (0 for below detection).";
            view.prompt = Some(prompt.to_string());
        }
        Err(issues) => (view.cell_issues, view.horizon_issues) = (issues.cells, issues.horizons),
    }
    view
}

// ---------------------------------------------------------------------------------------------
// HTML

/// An editable grid (`kind` `kin` or `csf`, `columns` separated by `|`): a row of cell inputs per
/// draft row, each with a remove button.
fn editable_grid(kind: &str, caption: &str, columns: &str, rows: Vec<&[String]>) -> String {
    // Screen readers name a cell by its row and column ("Row 2, day", "CSF row 1, WBC (/µL)").
    let what = if kind == "csf" { "CSF " } else { "" };
    let mut body: Vec<String> = Vec::new();
    for (r, row) in rows.iter().enumerate() {
        let mut cells: Vec<String> = Vec::new();
        for (c, (value, name)) in row.iter().zip(columns.split('|')).enumerate() {
            // The CSF note (its last column) is free text, not a number.
            let (mode, class) = match (kind, c) {
                ("csf", 4) => ("", "cell note-cell"),
                _ => (" inputmode=\"decimal\"", "cell"),
            };
            let name = if (kind, c) == ("kin", 0) { "day" } else { name };
            let label = super::capitalise(&format!("{what}row {}, {name}", r + 1));
            let (value, label) = (esc(value), esc(&label));
            cells.push(td("", &format!("<input type=\"text\"{mode} autocomplete=\"off\" spellcheck=\"false\" class=\"{class}\" data-grid=\"{kind}\" data-row=\"{r}\" data-col=\"{c}\" id=\"{kind}-{r}-{c}\" value=\"{value}\" aria-label=\"{label}\" aria-describedby=\"{kind}-e-{r}-{c}\"><span class=\"cell-error\" id=\"{kind}-e-{r}-{c}\"></span>")));
        }
        let n = r + 1;
        cells.push(td("", &format!("<button type=\"button\" class=\"icon-btn\" data-action=\"{kind}-remove\" data-row=\"{r}\" aria-label=\"Remove {what}row {n}\">\u{2715}</button>")));
        body.push(tr(&format!("data-row=\"{r}\""), &cells));
    }
    // The column names are plain text that needs no escaping.
    let mut head: Vec<&str> = columns.split('|').collect();
    head.push("<span class=\"sr-only\">Remove row</span>");
    if rows.is_empty() && kind == "csf" {
        let n = head.len();
        body.push(format!(
            "<tr><td colspan=\"{n}\" class=\"muted\">No CSF sample entered.</td></tr>"
        ));
    }
    let attrs = format!("class=\"grid\" id=\"{kind}-grid\"");
    table(&attrs, caption, &head, &body, None)
}

/// The blood-count grid (rebuilt only when rows are added or removed).
pub fn grid_html(draft: &KineticsDraft) -> String {
    let caption = "Blood CAR-T cells/µL by day since infusion. Enter 0 for below detection; leave a cell empty if not measured.";
    let rows = draft.rows.iter().map(|r| &r[..]).collect();
    editable_grid("kin", caption, "Day|Total|CD4+|CD8+", rows)
}

pub fn csf_grid_html(draft: &KineticsDraft) -> String {
    let caption =
        "Cerebrospinal fluid samples (shown beside the blood series; not part of the AUC)";
    let columns = "Day|WBC (/µL)|CAR-T (% of leukocytes)|CD4+/CD8+ ratio|Note";
    let rows = draft.csf.iter().map(|r| &r[..]).collect();
    editable_grid("csf", caption, columns, rows)
}

const AUC_UNIT: &str = "cells/µL \u{d7} day";

/// The rows of the results table before and after the AUCs to the horizons: label and
/// `data-metric` key.
const FIRST_METRICS: &str = "C<sub>max</sub>:cmax|T<sub>max</sub>:tmax";
const LAST_METRICS: &str = "|AUC<sub>last</sub>:auclast|C<sub>last</sub> / T<sub>last</sub>:clast|Terminal half-life:halflife|AUC<sub>0\u{2013}\u{221e}</sub>:aucinf|Samples:n";

/// One series' cells of the results table, in the order of its rows (see [`results_html`]).
fn metric_cells(r: &SeriesResult, horizons: usize) -> Vec<String> {
    let unit =
        |x: f64, unit: &str| format!("{} <span class=\"unit\">{unit}</span>", format_result(x));
    let na = |why: &str| format!("<span class=\"na\">{why}</span>");
    let not_computable = |why: Option<&str>| match why {
        Some(why) => na(&format!("not computable \u{2014} {}", esc(why))),
        None => na("not computable"),
    };
    let all_zero = || na("none \u{2014} every value is 0");
    let day = |d: f64| esc(&day_time(d));
    let to_3 = |x: Option<f64>| x.map(|x| numbers::format_trimmed(x, 3)).unwrap_or_default();
    let mut cells = vec![unit(r.cmax, "cells/µL"), r.tmax.map_or_else(all_zero, day)];
    for auc in (0..horizons).map(|i| r.auc.get(i)) {
        let Some(auc) = auc else {
            cells.push(String::new());
            continue;
        };
        cells.push(match (auc.value, auc.extrapolated.map(format_result)) {
            (Some(x), _) => unit(x, AUC_UNIT),
            (None, None) => not_computable(auc.reason.as_deref()),
            (None, Some(x)) => not_computable(auc.reason.as_deref()) + &format!("<br><span class=\"extrap\">extrapolated with the terminal slope: {x} {AUC_UNIT}</span>"),
        });
    }
    let to = r.tlast.map(|d| format!(" (to {})", day(d)));
    cells.push(unit(r.auc_last, AUC_UNIT) + &to.unwrap_or_default());
    cells.push(match r.tlast {
        Some(d) => format!("{} cells/µL on {}", format_result(r.clast), day(d)),
        None => all_zero(),
    });
    let (first, last) = (to_3(r.lambda_z_first_day), to_3(r.lambda_z_last_day));
    let (n, r2) = (r.lambda_z_points.unwrap_or(0), to_3(r.lambda_z_adj_r2));
    let caution = (r
        .lambda_z_adj_r2
        .and_then(crate::kinetics::poor_fit_caution))
    .map(|c| format!("<br><span class=\"caution\">\u{26a0} {}</span>", esc(&c)));
    let caution = caution.unwrap_or_default();
    cells.push(match (r.half_life_days, r.lambda_z.map(format_result)) {
        (Some(t), Some(lz)) => unit(t, "days") + &format!("<br><span class=\"basis-small\">\u{3bb}z {lz} /day from {n} points, days {first}\u{2013}{last}, adjusted R\u{b2} {r2}</span>{caution}"),
        _ => not_computable(r.lambda_z_reason.as_deref()),
    });
    let slope = || na("not computable \u{2014} needs a terminal slope");
    cells.push(
        r.auc_inf
            .map_or_else(slope, |x| unit(x, AUC_UNIT) + &caution),
    );
    cells.push(r.n_samples.to_string());
    cells
}

/// The results table: one column per series, one row per metric, with units and the method.
pub fn results_html(view: &KineticsView) -> String {
    let Some(a) = &view.analysis else {
        let correct = "No results until the marked cells are corrected.";
        let (class, message) = match view.prompt.as_deref() {
            _ if view.has_issues() => ("status error", correct),
            prompt => ("status", prompt.unwrap_or("No results yet.")),
        };
        let message = esc(message);
        return format!("<p class=\"{class}\" id=\"kin-status\">{message}</p>");
    };
    let (s, horizons) = (&a.result.series, &a.input.horizons);
    let mut series = Vec::new();
    for (n, r) in SeriesName::ALL.into_iter().zip([&s.total, &s.cd4, &s.cd8]) {
        if let Some(r) = r {
            series.push((n, metric_cells(r, horizons.len())));
        }
    }
    let mut metrics = FIRST_METRICS.to_string();
    for h in horizons {
        let d = numbers::format_trimmed(h.days(), 2);
        metrics += &format!("|AUC<sub>0\u{2013}{d}</sub>:auc{d}");
    }
    metrics += LAST_METRICS;
    let method = a.input.method;
    let mut h = format!(
        "<table class=\"kin-results\"><caption>Kinetics by series \u{2014} AUC by the {method}; (0, 0) assumed at day 0 when day 0 was not sampled</caption><thead><tr><th scope=\"col\">Metric</th>"
    );
    for (n, _) in &series {
        let (key, label) = (n.api_name(), esc(n.label()));
        h += &format!("<th scope=\"col\" data-series=\"{key}\">{label}</th>");
    }
    h.push_str("</tr></thead><tbody>");
    let rows = metrics.split('|').filter_map(|m| m.split_once(':'));
    for (m, (label, key)) in rows.enumerate() {
        h += &format!("<tr data-metric=\"{key}\"><th scope=\"row\">{label}</th>");
        for (_, cells) in &series {
            h.push_str(&td("", cells.get(m).map_or("", String::as_str)));
        }
        h.push_str("</tr>");
    }
    h.push_str("</tbody></table>");
    if !a.result.ratio_cd4_cd8.is_empty() {
        let mut rows = Vec::new();
        for (day, ratio) in &a.result.ratio_cd4_cd8 {
            let na = "<span class=\"na\">not computable \u{2014} CD8+ is 0</span>";
            let ratio = ratio.map_or_else(|| na.to_string(), format_result);
            rows.push(tr("", &[td("", &esc(&day_time(*day))), td("", &ratio)]));
        }
        let caption = "CD4+/CD8+ CAR-T ratio on days with both subsets";
        let (attrs, head) = ("class=\"ratio\" id=\"kin-ratio\"", ["Day", "CD4+/CD8+"]);
        h += &table(attrs, caption, &head, &rows, None);
    }
    let (source, version) = (esc(KINETICS_SOURCE), crate::APP_VERSION);
    h + &format!("<p class=\"source\">Method: {source}. icans-calc {version}.</p>")
}

/// Generated table text cut at its rows: the text before the first row, then each row
/// (`<tr ...>` to its `</tr>`) with the text after it up to the next row. The page compares two
/// such cuts of the results to replace only the rows an edit changed (`results_html` writes no
/// nested tables and no other tag starting with "tr").
pub fn cut_at_rows(html: &str) -> (&str, Vec<(&str, &str)>) {
    // A row opens with "<tr " or "<tr>" (not another tag starting with "tr").
    let opens = |i: &usize| matches!(html.as_bytes().get(i + "<tr".len()), Some(b' ' | b'>'));
    let mut starts = html.match_indices("<tr").map(|(i, _)| i).filter(opens);
    let Some(first) = starts.next() else {
        return (html, Vec::new());
    };
    let (mut rows, mut start) = (Vec::new(), first);
    for next in starts.chain([html.len()]) {
        let segment = &html[start..next];
        let end = segment
            .find("</tr>")
            .map_or(segment.len(), |e| e + "</tr>".len());
        rows.push(segment.split_at(end));
        start = next;
    }
    (&html[..first], rows)
}

/// Preview of pasted text before it replaces or extends the table: how the block was split,
/// what each column is read as (a select per column to change it), the rows refused with their
/// line, and the rows read.
pub fn paste_preview_html(p: &PasteResult) -> String {
    if p.rows.is_empty() && p.issues.is_empty() {
        let nothing = "Nothing to read: paste rows of day, total, CD4+, CD8+.";
        return format!("<p class=\"status\">{nothing}</p>");
    }
    let (n, s) = (p.rows.len(), plural(p.rows.len(), "", "s"));
    let split = p.delimiter.map(|d| d.describe());
    let split = split.map_or(String::new(), |d| format!(", cells separated by {d}"));
    let header = match p.header {
        Some(_) => "; the first line is the header",
        None => "; no header, columns in the order day, total, CD4+, CD8+",
    };
    let mut h = format!("<p class=\"status\">Read {n} row{s}{split}{header}.</p>");
    if !p.columns.is_empty() {
        let mut options = vec![("", "not read")];
        for c in Column::ORDER {
            options.push((c.key(), c.label()));
        }
        let (mut head, mut selects) = (Vec::new(), Vec::new());
        for (i, col) in p.columns.iter().enumerate() {
            let n = i + 1;
            let cell = p.header_cells.get(i).filter(|c| !c.is_empty());
            let quoted = cell.map(|c| format!("\u{201c}{}\u{201d}", esc(c)));
            head.push(quoted.clone().unwrap_or_else(|| format!("Column {n}")));
            let name = quoted.map_or(format!("column {n}"), |q| format!("column {n} ({q})"));
            let attrs = format!("data-paste-col=\"{i}\" aria-label=\"What {name} holds\"");
            let chosen = col.map_or("", |c| c.key());
            selects.push(td("", &select(&attrs, &options, chosen)));
        }
        let head: Vec<&str> = head.iter().map(String::as_str).collect();
        let (caption, rows) = ("Columns are read as (change if wrong)", [tr("", &selects)]);
        let attrs = "class=\"preview\" id=\"paste-mapping\"";
        let mapping = table(attrs, caption, &head, &rows, None);
        h += &format!("<div class=\"table-scroll\">{mapping}</div>");
    }
    if !p.issues.is_empty() {
        let lines: Vec<String> = (p.issues.iter())
            .map(|i| format!("Line {}: {}", i.line, i.message))
            .collect();
        let lines = each("<li class=\"field-error\">", &lines, "</li>");
        h += &format!("<ul class=\"paste-issues\">{lines}</ul>");
    }
    if !p.rows.is_empty() {
        let mut rows = Vec::new();
        for (r, cells) in p.rows.iter().zip(pasted_rows(p)) {
            let mut tds = vec![td("", &r.line.to_string())];
            for c in &cells {
                tds.push(td("", if c.is_empty() { "\u{2014}" } else { c }));
            }
            rows.push(tr("", &tds));
        }
        let head = ["Line", "Day", "Total", "CD4+", "CD8+"];
        let attrs = "class=\"preview\" id=\"paste-preview-table\"";
        h.push_str(&table(attrs, "What was read", &head, &rows, None));
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
    parse_with_columns(&p.source, Some(&columns), MAX_RECORDS_PER_LIST)
}

/// Reads pasted text: the header's or the default column order, at most a list's records.
pub fn read_paste(text: &str) -> PasteResult {
    parse_with_columns(text, None, MAX_RECORDS_PER_LIST)
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_results_cut_at_rows_puts_back_together_to_the_same_text() {
        let html = "<table><caption>c</caption><thead><tr><th>M</th></tr></thead><tbody><tr data-metric=\"cmax\"><th>C</th><td>1</td></tr></tbody></table><table class=\"ratio\"><tr><td>2</td></tr></table><p>s</p>";
        let (head, rows) = cut_at_rows(html);
        assert_eq!(head, "<table><caption>c</caption><thead>");
        let row_texts: Vec<&str> = rows.iter().map(|(r, _)| *r).collect();
        assert_eq!(
            row_texts,
            [
                "<tr><th>M</th></tr>",
                "<tr data-metric=\"cmax\"><th>C</th><td>1</td></tr>",
                "<tr><td>2</td></tr>"
            ]
        );
        assert_eq!(rows[0].1, "</thead><tbody>");
        assert_eq!(rows[2].1, "</table><p>s</p>");
        let joined: String = rows.iter().map(|(r, a)| format!("{r}{a}")).collect();
        assert_eq!(format!("{head}{joined}"), html);
        let status = "<p class=\"status\" id=\"kin-status\">No results yet.</p>";
        assert_eq!(cut_at_rows(status), (status, Vec::new()));
    }

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
            .map(|c| {
                (
                    c.row,
                    c.problem.to_string().contains("at most 200 sampled days"),
                )
            })
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
        assert_eq!(echo(1, "31,6"), Some("= 31.6".to_string()));
        assert_eq!(echo(1, "31.6"), None);
        assert_eq!(echo(1, "abc"), None);
        assert_eq!(
            echo(0, "14.041666666666666"),
            Some("= day +14 01:00".to_string())
        );
        assert_eq!(echo(0, "14,5"), Some("= day +14 12:00".to_string()));
        assert_eq!(echo(0, "14"), None);
        assert_eq!(echo(0, "14 01:00"), Some("= day +14 01:00".to_string()));
        assert_eq!(echo(0, "abc"), None);
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
                .map(|i| i.problem.to_string())
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
        let m = &v.cell_issues[0].problem.to_string();
        assert!(m.contains("got 1e308"), "{m}");
        assert!(!m.contains("000000000000000000"), "{m}");
        let d = KineticsDraft {
            rows: vec![["14".into(), "5".into(), String::new(), String::new()]],
            horizons: ["1e308".into(), String::new(), String::new()],
            ..KineticsDraft::default()
        };
        let v = read_kinetics(&d);
        let issues = v.horizon_issues.iter().map(|(i, p)| (*i, p.to_string()));
        assert_eq!(
            issues.collect::<Vec<_>>(),
            vec![(
                0,
                "horizon must be at most 7305 days since infusion, got 1e308".to_string()
            )]
        );
        assert_eq!(echo(1, "1E308"), Some("= 1e308".to_string()));
    }

    #[test]
    fn a_new_grid_offers_the_apis_default_horizons_and_one_free_field() {
        let horizons = KineticsDraft::default().horizons;
        assert_eq!(horizons, ["28", "90", ""]);
    }

    #[test]
    fn a_horizon_listed_twice_is_refused_at_the_second_field_as_the_other_messages_quote_it() {
        let draft = KineticsDraft {
            horizons: ["1e-7".into(), "0,0000001".into(), String::new()],
            ..KineticsDraft::default()
        };
        let issues = read_kinetics(&draft).horizon_issues;
        let issues: Vec<_> = issues.iter().map(|(i, p)| (*i, p.to_string())).collect();
        assert_eq!(issues, [(1, "horizon 1e-7 is listed twice".to_string())]);
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
        assert!(
            v.cell_issues[0]
                .problem
                .to_string()
                .contains("must not be negative")
        );
    }

    #[test]
    fn a_half_life_from_a_poor_fit_is_shown_with_a_caution() {
        // Falls, then rises and falls again: the best terminal fit is poor (adjusted R² < 0.9).
        let poor = read_kinetics(&draft(&[
            ["7", "100", "", ""],
            ["14", "10", "", ""],
            ["21", "60", "", ""],
            ["28", "5", "", ""],
        ]));
        let html = results_html(&poor);
        let r2 = poor.analysis.as_ref().and_then(|a| {
            let total = a.result.series.total.as_ref()?;
            total.lambda_z_adj_r2
        });
        match r2 {
            Some(r2) if r2 < crate::kinetics::FLAG_HALF_LIFE_BELOW_ADJ_R2 => {
                assert!(
                    html.contains("a poor fit: adjusted R\u{b2} below 0.9"),
                    "{html}"
                );
            }
            other => panic!("expected a poor fit, got {other:?}"),
        }
        // A clean exponential decline: no caution.
        let clean = read_kinetics(&draft(&[
            ["7", "100", "", ""],
            ["14", "50", "", ""],
            ["21", "25", "", ""],
            ["28", "12.5", "", ""],
        ]));
        assert!(!results_html(&clean).contains("a poor fit"));
    }

    #[test]
    fn a_duplicate_day_is_reported_at_the_later_day_cell() {
        let v = read_kinetics(&draft(&[
            ["7", "5", "", ""],
            ["14", "6", "", ""],
            ["7", "1", "", ""],
        ]));
        assert_eq!((v.cell_issues[0].row, v.cell_issues[0].col), (2, 0));
        // Said with the row it is already in, counted as the rows are labelled (from 1).
        assert_eq!(
            v.cell_issues[0].problem.to_string(),
            "day 7 is already in row 1; enter one value per day"
        );
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
    fn the_paste_preview_shows_the_mapping_with_a_select_per_column_and_refused_lines() {
        let p = read_paste("Tag;Blut;CD4\n14;77,7;69,1\n21;30;1.234");
        let html = paste_preview_html(&p);
        assert!(html.contains("cells separated by semicolons"));
        assert_eq!(html.matches("<select data-paste-col=").count(), 3);
        assert!(html.contains("<option value=\"day\" selected>Day</option>"));
        assert!(html.contains("Line 3:"), "{html}");
        let again = reread_paste(&p, &["day".into(), "total".into(), "cd4".into()]);
        assert_eq!(again.rows.first().and_then(|r| r.counts[0]), Some(77.7));
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
