//! Reading a block of CAR-T counts copied from a spreadsheet or a CSV file.
//!
//! The delimiter is chosen once for the whole block, never per line: a tab when any line has
//! one (what spreadsheets put on the clipboard), else a semicolon (European CSV), else a comma
//! (CSV with a decimal point: a comma delimiter means the decimal mark is a point), else runs of
//! spaces. Cells may be quoted ("14","77.7"). A byte-order mark is ignored.
//!
//! The first line is a header when its first cell is not a number; header names pick the
//! columns (English and German names, the page's own CSV headers with their units), otherwise
//! the order is day, total, CD4+, CD8+. The mapping is shown and can be changed per column.
//!
//! A row that could be read two ways is refused with its line number, never guessed: a
//! comma-separated row with more cells than the header (`14,7,80` under `day,total`: is it
//! 14.7?), a decimal comma inside a comma-separated block, a block that mixes decimal commas and
//! points, a row separated differently from the block.

use super::limits::MAX_RECORDS_PER_LIST;
use crate::numbers::{self, NumberError};

/// Which spreadsheet column holds what.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Column {
    Day,
    Total,
    Cd4,
    Cd8,
}

impl Column {
    pub const ORDER: [Column; 4] = [Column::Day, Column::Total, Column::Cd4, Column::Cd8];

    pub fn label(self) -> &'static str {
        match self {
            Column::Day => "Day",
            Column::Total => "Total CAR-T",
            Column::Cd4 => "CD4+ CAR-T",
            Column::Cd8 => "CD8+ CAR-T",
        }
    }

    /// The short name used in the mapping selects (`day`, `total`, `cd4`, `cd8`).
    pub fn key(self) -> &'static str {
        match self {
            Column::Day => "day",
            Column::Total => "total",
            Column::Cd4 => "cd4",
            Column::Cd8 => "cd8",
        }
    }

    pub fn from_key(key: &str) -> Option<Column> {
        Column::ORDER.into_iter().find(|c| c.key() == key)
    }

    /// Recognises a header cell: "Day", "Tag", "Day (days after infusion)", "Total CAR-T
    /// (cells/µL)", "Gesamt", "CD4+", "CD8 Zellen/µL". A cell naming both CD4 and CD8 (a ratio)
    /// and anything about CSF is not a blood column.
    pub fn from_header(cell: &str) -> Option<Column> {
        let h = cell.trim().to_lowercase();
        // The name before any unit or explanation: "total car-t (cells/µl)" -> "total car-t".
        let name = h.split(['(', '[']).next().unwrap_or("").trim();
        let words: Vec<&str> = name
            .split(|c: char| !c.is_alphanumeric() && c != '+')
            .filter(|w| !w.is_empty())
            .collect();
        let has = |w: &str| words.contains(&w);
        let cd4 = name.contains("cd4");
        let cd8 = name.contains("cd8");
        if name.contains("csf") || name.contains("liquor") || (cd4 && cd8) {
            return None;
        }
        if cd4 {
            return Some(Column::Cd4);
        }
        if cd8 {
            return Some(Column::Cd8);
        }
        let day_words = [
            "day", "days", "d", "d+", "tag", "tage", "tg", "time", "zeit", "день",
        ];
        if words.first().is_some_and(|w| day_words.contains(w)) {
            return Some(Column::Day);
        }
        let total_words = [
            "total",
            "gesamt",
            "insgesamt",
            "all",
            "alle",
            "car",
            "cart",
            "car-t",
            "zellen",
            "cells",
        ];
        if total_words.iter().any(|w| has(w)) || name.contains("car-t") {
            return Some(Column::Total);
        }
        None
    }
}

/// How the block's cells are separated.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Delimiter {
    Tab,
    Semicolon,
    Comma,
    Spaces,
}

impl Delimiter {
    pub fn describe(self) -> &'static str {
        match self {
            Delimiter::Tab => "tabs",
            Delimiter::Semicolon => "semicolons",
            Delimiter::Comma => "commas (decimal point)",
            Delimiter::Spaces => "spaces",
        }
    }
}

/// One pasted row: each cell as its number, or empty (not sampled).
#[derive(Debug, Clone, PartialEq)]
pub struct PastedRow {
    /// 1-based line number in the pasted text (for messages).
    pub line: usize,
    pub day: f64,
    pub total: Option<f64>,
    pub cd4: Option<f64>,
    pub cd8: Option<f64>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct PasteIssue {
    pub line: usize,
    pub message: String,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct PasteResult {
    pub rows: Vec<PastedRow>,
    pub issues: Vec<PasteIssue>,
    /// The header line's mapping, when the first line was a header.
    pub header: Option<Vec<Option<Column>>>,
    /// The delimiter chosen for the whole block (None: nothing to read).
    pub delimiter: Option<Delimiter>,
    /// What each column is read as (the header's mapping, the default order, or the user's).
    pub columns: Vec<Option<Column>>,
    /// The header cells as pasted (empty without a header), for the mapping display.
    pub header_cells: Vec<String>,
    /// The pasted text, kept so a changed mapping can read it again.
    pub source: String,
}

/// Splits one line at `delimiter`, honouring double quotes ("a;b" is one cell, "" a quote).
fn split_line(line: &str, delimiter: Delimiter) -> Vec<String> {
    if delimiter == Delimiter::Spaces {
        return line.split_whitespace().map(unquote).collect();
    }
    let sep = match delimiter {
        Delimiter::Tab => '\t',
        Delimiter::Semicolon => ';',
        Delimiter::Comma | Delimiter::Spaces => ',',
    };
    let mut cells = Vec::new();
    let mut cell = String::new();
    let mut quoted = false;
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' if quoted && chars.peek() == Some(&'"') => {
                cell.push('"');
                chars.next();
            }
            '"' => quoted = !quoted,
            c if c == sep && !quoted => cells.push(std::mem::take(&mut cell)),
            c => cell.push(c),
        }
    }
    cells.push(cell);
    cells
}

fn unquote(cell: &str) -> String {
    let t = cell.trim();
    t.strip_prefix('"')
        .and_then(|s| s.strip_suffix('"'))
        .map_or_else(|| t.to_string(), |s| s.replace("\"\"", "\""))
}

/// Whether `line` holds `sep` outside double quotes.
fn has_unquoted(line: &str, sep: char) -> bool {
    let mut quoted = false;
    line.chars().any(|c| {
        if c == '"' {
            quoted = !quoted;
        }
        c == sep && !quoted
    })
}

/// The delimiter of the whole block (see the module comment).
fn detect_delimiter(lines: &[(usize, &str)]) -> Delimiter {
    let any = |sep: char| lines.iter().any(|(_, l)| has_unquoted(l, sep));
    if any('\t') {
        Delimiter::Tab
    } else if any(';') {
        Delimiter::Semicolon
    } else if any(',') {
        Delimiter::Comma
    } else {
        Delimiter::Spaces
    }
}

/// Reads pasted text. Never fails as a whole: lines it cannot read become issues.
pub fn parse_pasted_table(text: &str) -> PasteResult {
    parse_with_columns(text, None)
}

/// Reads pasted text with the columns given by the user (`None`: from the header or the
/// default order).
pub fn parse_with_columns(text: &str, columns: Option<&[Option<Column>]>) -> PasteResult {
    let mut result = PasteResult {
        source: text.to_string(),
        ..PasteResult::default()
    };
    let text = text.trim_start_matches('\u{feff}');
    let lines: Vec<(usize, &str)> = text
        .lines()
        .enumerate()
        .map(|(i, l)| (i + 1, l.trim_end_matches('\r')))
        .filter(|(_, l)| !l.trim().is_empty())
        .collect();
    let Some(&(first_no, first_line)) = lines.first() else {
        return result;
    };
    let delimiter = detect_delimiter(&lines);
    result.delimiter = Some(delimiter);
    let first_cells = split_line(first_line, delimiter);
    let first_cell = first_cells.first().map(|c| c.trim()).unwrap_or("");
    let has_header = !first_cell.is_empty() && numbers::parse_decimal(first_cell).is_err();
    let mut data: &[(usize, &str)] = &lines;
    if has_header {
        result.header_cells = first_cells.iter().map(|c| c.trim().to_string()).collect();
        let mapped: Vec<Option<Column>> =
            first_cells.iter().map(|c| Column::from_header(c)).collect();
        result.header = Some(mapped.clone());
        result.columns = mapped;
        data = lines.get(1..).unwrap_or(&[]);
    } else {
        let widest = lines
            .iter()
            .map(|(_, l)| split_line(l, delimiter).len())
            .max()
            .unwrap_or(0);
        result.columns = Column::ORDER
            .iter()
            .copied()
            .map(Some)
            .chain(std::iter::repeat(None))
            .take(widest.max(1))
            .collect();
    }
    if let Some(chosen) = columns {
        result.columns = chosen.to_vec();
    }
    // Two columns read as the same thing: the later ones are not read, and it is said.
    let mut seen: Vec<Column> = Vec::new();
    for (i, slot) in result.columns.iter_mut().enumerate() {
        if let Some(c) = *slot {
            if seen.contains(&c) {
                result.issues.push(PasteIssue {
                    line: first_no,
                    message: format!(
                        "column {} is also read as {}; it is not read (choose another meaning in the column mapping)",
                        i + 1,
                        c.label()
                    ),
                });
                *slot = None;
            } else {
                seen.push(c);
            }
        }
    }
    if !result.columns.contains(&Some(Column::Day)) {
        result.issues.push(PasteIssue {
            line: first_no,
            message: "no column is read as the day: name it \u{201c}Day\u{201d} (or \u{201c}Tag\u{201d}), or choose it in the column mapping".to_string(),
        });
        return result;
    }
    if !has_header && columns.is_none() && result.columns.len() > Column::ORDER.len() {
        result.issues.push(PasteIssue {
            line: first_no,
            message: format!(
                "some rows have {} cells; columns after the fourth are not read (choose what they hold in the column mapping)",
                result.columns.len()
            ),
        });
    }
    if has_header {
        for (i, (cell, col)) in result.header_cells.iter().zip(&result.columns).enumerate() {
            if col.is_none() && !cell.is_empty() {
                result.issues.push(PasteIssue {
                    line: first_no,
                    message: format!(
                        "column {} \u{201c}{cell}\u{201d} is not read (choose what it holds in the column mapping if it is a count)",
                        i + 1
                    ),
                });
            }
        }
    }
    if data.len() > MAX_RECORDS_PER_LIST {
        result.issues.push(PasteIssue {
            line: first_no,
            message: format!(
                "the block has {} rows; at most {MAX_RECORDS_PER_LIST} are read at once",
                data.len()
            ),
        });
        return result;
    }
    let expected_cells = if has_header {
        result.header_cells.len()
    } else {
        most_common_width(data, delimiter)
    };
    let decimal_comma = block_decimal_mark(data, delimiter);
    for &(line_no, line) in data {
        let cells = split_line(line, delimiter);
        // A second header (the CSF section of the page's own CSV): the blood table ends here.
        let first = cells
            .first()
            .map(|c| c.trim().to_lowercase())
            .unwrap_or_default();
        if first.starts_with("csf") || first.starts_with("liquor") {
            result.issues.push(PasteIssue {
                line: line_no,
                message: "the CSF samples from here on are not read into the blood table; enter them in the CSF table".to_string(),
            });
            break;
        }
        match read_row(
            line_no,
            line,
            &cells,
            &result.columns,
            delimiter,
            expected_cells,
            decimal_comma,
        ) {
            Ok(Some(row)) => result.rows.push(row),
            Ok(None) => {}
            Err(message) => result.issues.push(PasteIssue {
                line: line_no,
                message,
            }),
        }
    }
    result
}

/// The cell count most lines have (headerless blocks): in a comma-separated block, a line
/// with another count may hold a decimal comma and is refused.
fn most_common_width(data: &[(usize, &str)], delimiter: Delimiter) -> usize {
    let widths: Vec<usize> = data
        .iter()
        .map(|(_, l)| split_line(l, delimiter).len())
        .collect();
    let mut best = (0, 0);
    for w in &widths {
        let n = widths.iter().filter(|x| *x == w).count();
        if n > best.1 || (n == best.1 && *w < best.0) {
            best = (*w, n);
        }
    }
    best.0
}

/// The block's decimal mark outside comma-separated blocks: `Some(true)` comma, `Some(false)`
/// point, `None` when no cell has a fraction. When both appear, the one in more cells.
fn block_decimal_mark(data: &[(usize, &str)], delimiter: Delimiter) -> Option<bool> {
    if delimiter == Delimiter::Comma {
        return Some(false);
    }
    let (mut commas, mut points) = (0, 0);
    for (_, l) in data {
        for c in split_line(l, delimiter) {
            commas += usize::from(c.contains(','));
            points += usize::from(c.contains('.'));
        }
    }
    match (commas, points) {
        (0, 0) => None,
        (c, p) => Some(c >= p),
    }
}

fn read_row(
    line_no: usize,
    line: &str,
    cells: &[String],
    columns: &[Option<Column>],
    delimiter: Delimiter,
    expected_cells: usize,
    decimal_comma: Option<bool>,
) -> Result<Option<PastedRow>, String> {
    let _ = line_no;
    if delimiter != Delimiter::Tab && has_unquoted(line, '\t') {
        return Err("this row is separated by tabs, the block by something else".to_string());
    }
    if matches!(delimiter, Delimiter::Comma | Delimiter::Spaces) && has_unquoted(line, ';') {
        return Err("this row is separated by semicolons, the block by something else".to_string());
    }
    let filled = cells.iter().filter(|c| !c.trim().is_empty()).count();
    if delimiter == Delimiter::Comma && cells.len() > expected_cells && filled > 0 {
        return Err(format!(
            "has {} cells where the block has {expected_cells}: a decimal comma? In comma-separated text write decimals with a point (14.5), or paste with semicolons or tabs",
            cells.len()
        ));
    }
    if cells
        .iter()
        .skip(columns.len())
        .any(|c| !c.trim().is_empty())
    {
        return Err(format!(
            "has {} cells; expected at most {}",
            cells.len(),
            columns.len()
        ));
    }
    let mut row = PastedRow {
        line: line_no,
        day: f64::NAN,
        total: None,
        cd4: None,
        cd8: None,
    };
    let mut have_day = false;
    for (cell, column) in cells.iter().zip(columns) {
        let Some(column) = column else { continue };
        let text = cell.trim();
        if delimiter == Delimiter::Comma && text.contains(',') {
            return Err(format!(
                "{} \u{201c}{text}\u{201d} has a comma inside comma-separated text: write the decimal with a point",
                column.label()
            ));
        }
        match decimal_comma {
            Some(true) if text.contains('.') => {
                return Err(format!(
                    "{} \u{201c}{text}\u{201d} has a decimal point where the block uses decimal commas (is it a thousands mark?)",
                    column.label()
                ));
            }
            Some(false) if text.contains(',') => {
                return Err(format!(
                    "{} \u{201c}{text}\u{201d} has a decimal comma where the block uses decimal points (is it a thousands mark?)",
                    column.label()
                ));
            }
            Some(_) | None => {}
        }
        let value = match numbers::parse_decimal(text) {
            Ok(x) => Some(x),
            Err(NumberError::Empty) => None,
            Err(e) => {
                return Err(format!(
                    "{} \u{201c}{text}\u{201d} is not read as a number: {e}",
                    column.label()
                ));
            }
        };
        match column {
            Column::Day => {
                if let Some(d) = value {
                    row.day = d;
                    have_day = true;
                }
            }
            Column::Total => row.total = value,
            Column::Cd4 => row.cd4 = value,
            Column::Cd8 => row.cd8 = value,
        }
    }
    if !have_day {
        if row.total.is_none() && row.cd4.is_none() && row.cd8.is_none() {
            return Ok(None);
        }
        return Err("has values but no day".to_string());
    }
    Ok(Some(row))
}

#[cfg(test)]
mod tests {
    use super::*;

    type Read = (f64, Option<f64>, Option<f64>, Option<f64>);

    fn read(text: &str) -> Vec<Read> {
        parse_pasted_table(text)
            .rows
            .iter()
            .map(|r| (r.day, r.total, r.cd4, r.cd8))
            .collect()
    }

    #[test]
    fn tab_separated_with_header_and_decimal_comma() {
        let r = parse_pasted_table("Day\tTotal\tCD4+\tCD8+\n14\t77,7\t69,1\t0,78\n28\t27,9\t\t\n");
        assert!(r.issues.is_empty(), "{:?}", r.issues);
        assert_eq!(r.rows.len(), 2);
        assert_eq!(
            (r.rows[0].day, r.rows[0].total, r.rows[0].cd4, r.rows[0].cd8),
            (14.0, Some(77.7), Some(69.1), Some(0.78))
        );
        assert_eq!((r.rows[1].total, r.rows[1].cd4), (Some(27.9), None));
    }

    #[test]
    fn semicolon_separated_without_header_uses_the_default_order() {
        let r = parse_pasted_table("0;0\n14;77.7\n28;27.9");
        assert_eq!(r.header, None);
        assert_eq!(
            r.rows.iter().map(|x| (x.day, x.total)).collect::<Vec<_>>(),
            vec![(0.0, Some(0.0)), (14.0, Some(77.7)), (28.0, Some(27.9))]
        );
    }

    #[test]
    fn header_picks_columns_in_any_order() {
        let r = parse_pasted_table("CD8 cells/µL\tday\tCD4 cells/µL\n1\t14\t89\n");
        assert_eq!(
            (r.rows[0].day, r.rows[0].cd4, r.rows[0].cd8, r.rows[0].total),
            (14.0, Some(89.0), Some(1.0), None)
        );
    }

    #[test]
    fn bad_cells_are_reported_by_line_and_other_lines_kept() {
        let r = parse_pasted_table("Day\tTotal\n7\t<0.5\n14\t1,234.5\n21\t3");
        assert_eq!(r.rows.len(), 1);
        assert_eq!(r.issues.len(), 2);
        assert_eq!(r.issues[0].line, 2);
        assert!(r.issues[0].message.contains("Total CAR-T"));
        assert_eq!(r.issues[1].line, 3);
    }

    #[test]
    fn values_without_a_day_are_an_issue_and_blank_lines_are_skipped() {
        let r = parse_pasted_table("\n\t5\n\n");
        assert_eq!(r.issues.len(), 1);
        assert!(r.rows.is_empty());
    }

    #[test]
    fn too_many_cells_is_an_issue() {
        let r = parse_pasted_table("1\t2\t3\t4\t5");
        assert_eq!(r.issues.len(), 1);
    }

    #[test]
    fn header_without_day_is_refused() {
        let r = parse_pasted_table("Total\tCD4\n1\t2");
        assert!(r.rows.is_empty());
        assert_eq!(r.issues.len(), 1);
        assert!(r.issues[0].message.contains("day"));
    }

    // The cases of the issue.

    #[test]
    fn comma_header_day_total_with_14_80_is_day_14_count_80_never_day_14_8() {
        assert_eq!(
            read("day,total\n14,80"),
            vec![(14.0, Some(80.0), None, None)]
        );
        let r = parse_pasted_table("day,total\n14,80");
        assert_eq!(r.delimiter, Some(Delimiter::Comma));
        assert!(r.issues.is_empty(), "{:?}", r.issues);
    }

    #[test]
    fn a_comma_row_with_more_cells_than_the_header_is_refused_with_its_line() {
        let r = parse_pasted_table("day,total\n7,6,2\n14,80");
        assert_eq!(r.rows.len(), 1);
        assert_eq!(r.issues.len(), 1);
        assert_eq!(r.issues[0].line, 2);
        assert!(
            r.issues[0].message.contains("decimal comma"),
            "{}",
            r.issues[0].message
        );
    }

    #[test]
    fn a_quoted_decimal_comma_in_comma_separated_text_is_refused() {
        let r = parse_pasted_table("\"Day\",\"Total\"\n\"14\",\"77,7\"\n\"28\",\"27.9\"");
        assert_eq!(r.rows.len(), 1);
        assert_eq!(r.issues[0].line, 2);
    }

    #[test]
    fn the_pages_own_kinetics_csv_pastes_back_in_both_styles() {
        let comma = "\u{feff}Day (days after infusion),Total CAR-T (cells/µL),CD4+ CAR-T (cells/µL),CD8+ CAR-T (cells/µL)\r\n0,0,0,0\r\n14,77.7,69.1,0.78\r\n28,27.9,,\r\n\r\nCSF day (days after infusion),CSF WBC (cells/µL),CSF CAR-T (% of leukocytes),CSF CD4+/CD8+ ratio,Note\r\n10,5,31.6,,after IT\r\n";
        let r = parse_pasted_table(comma);
        assert_eq!(
            r.rows
                .iter()
                .map(|x| (x.day, x.total, x.cd4, x.cd8))
                .collect::<Vec<_>>(),
            vec![
                (0.0, Some(0.0), Some(0.0), Some(0.0)),
                (14.0, Some(77.7), Some(69.1), Some(0.78)),
                (28.0, Some(27.9), None, None)
            ]
        );
        assert_eq!(r.issues.len(), 1, "only the CSF note: {:?}", r.issues);
        assert_eq!(r.issues[0].line, 6);
        let semicolon = comma
            .replace(',', ";")
            .replace("77.7", "77,7")
            .replace("69.1", "69,1")
            .replace("0.78", "0,78")
            .replace("27.9", "27,9")
            .replace("31.6", "31,6");
        let r = parse_pasted_table(&semicolon);
        assert_eq!(r.delimiter, Some(Delimiter::Semicolon));
        assert_eq!(r.rows.len(), 3);
        assert_eq!(r.rows[1].total, Some(77.7));
        assert_eq!(r.rows[1].cd8, Some(0.78));
    }

    #[test]
    fn a_german_header_reads_every_column() {
        let r = parse_pasted_table("Tag;Gesamt;CD4;CD8\n14;77,7;69,1;0,78");
        assert!(r.issues.is_empty(), "{:?}", r.issues);
        assert_eq!(
            read("Tag;Gesamt;CD4;CD8\n14;77,7;69,1;0,78"),
            vec![(14.0, Some(77.7), Some(69.1), Some(0.78))]
        );
        assert_eq!(
            read("Tag\tGesamt Zellen/µL\tCD4 Zellen/µL\tCD8 Zellen/µL\n7\t6,2\t5\t1"),
            vec![(7.0, Some(6.2), Some(5.0), Some(1.0))]
        );
    }

    #[test]
    fn space_separated_and_quoted_pastes_are_read() {
        assert_eq!(
            read("Day Total CD4 CD8\n14 77.7 69.1 0.78"),
            vec![(14.0, Some(77.7), Some(69.1), Some(0.78))]
        );
        assert_eq!(
            read("\"Day\";\"Total\"\n\"14\";\"77,7\""),
            vec![(14.0, Some(77.7), None, None)]
        );
        assert_eq!(
            read("14,80\n28,30"),
            vec![
                (14.0, Some(80.0), None, None),
                (28.0, Some(30.0), None, None)
            ]
        );
    }

    #[test]
    fn an_unknown_header_column_is_named_and_can_be_mapped() {
        let r = parse_pasted_table("Day;Blut;CD4\n14;77,7;69,1");
        assert_eq!(r.rows[0].total, None);
        assert!(
            r.issues.iter().any(|i| i.message.contains("Blut")),
            "{:?}",
            r.issues
        );
        let r = parse_with_columns(
            &r.source,
            Some(&[Some(Column::Day), Some(Column::Total), Some(Column::Cd4)]),
        );
        assert!(r.issues.is_empty(), "{:?}", r.issues);
        assert_eq!(r.rows[0].total, Some(77.7));
    }

    #[test]
    fn mixed_decimal_marks_are_refused_by_row() {
        let r = parse_pasted_table("Day;Total\n14;77,7\n21;30,2\n28;1.234");
        assert_eq!(r.rows.len(), 2);
        assert_eq!(r.issues.len(), 1);
        assert_eq!(r.issues[0].line, 4);
    }

    #[test]
    fn two_columns_mapped_to_one_meaning_are_reported() {
        let r = parse_pasted_table("Day\tTotal\tCAR-T\n14\t1\t2");
        assert!(
            r.issues
                .iter()
                .any(|i| i.message.contains("also read as Total"))
        );
        assert_eq!(r.rows[0].total, Some(1.0));
    }

    #[test]
    fn a_ratio_column_is_not_a_count() {
        assert_eq!(Column::from_header("CD4+/CD8+ ratio"), None);
        assert_eq!(
            Column::from_header("Day (days after infusion)"),
            Some(Column::Day)
        );
        assert_eq!(
            Column::from_header("Total CAR-T (cells/µL)"),
            Some(Column::Total)
        );
        assert_eq!(Column::from_header("CSF day"), None);
    }
}
