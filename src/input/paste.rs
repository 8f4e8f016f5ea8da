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

use crate::numbers::{self, NumberError};
use std::cmp::Reverse;

/// Which spreadsheet column holds what.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Column {
    Day,
    Total,
    Cd4,
    Cd8,
}

/// Words that name the day column when they begin a header cell, and words that name the total.
const DAY_WORDS: &str = "day days d d+ tag tage tg time zeit день";
const TOTAL_WORDS: &str = "total gesamt insgesamt all alle car cart zellen cells";

impl Column {
    pub const ORDER: [Column; 4] = [Column::Day, Column::Total, Column::Cd4, Column::Cd8];

    /// The short name used in the mapping selects (`day`, `total`, `cd4`, `cd8`) and the label.
    const fn names(self) -> (&'static str, &'static str) {
        match self {
            Column::Day => ("day", "Day"),
            Column::Total => ("total", "Total CAR-T"),
            Column::Cd4 => ("cd4", "CD4+ CAR-T"),
            Column::Cd8 => ("cd8", "CD8+ CAR-T"),
        }
    }

    pub fn label(self) -> &'static str {
        self.names().1
    }

    pub fn key(self) -> &'static str {
        self.names().0
    }

    pub fn from_key(key: &str) -> Option<Column> {
        Column::ORDER.into_iter().find(|c| c.key() == key)
    }

    /// Recognises a header cell: "Day", "Tag", "Day (days after infusion)", "Total CAR-T
    /// (cells/µL)", "Gesamt", "CD4+", "CD8 Zellen/µL". A cell naming both CD4 and CD8 (a ratio)
    /// and anything about CSF is not a blood column; nor is one whose unit the column does not
    /// take ([`unit_refused`]: "Time (h)", "CD4 %").
    pub fn from_header(cell: &str) -> Option<Column> {
        Column::named(cell).filter(|c| unit_refused(cell, *c).is_none())
    }

    /// The column a header cell names, whatever unit it gives.
    fn named(cell: &str) -> Option<Column> {
        let h = crate::text::fold_case(cell.trim());
        // The name before any unit or explanation: "total car-t (cells/µl)" -> "total car-t".
        let name = h.split(['(', '[']).next().unwrap_or("").trim();
        let words: Vec<&str> = (name.split(|c: char| !c.is_alphanumeric() && c != '+'))
            .filter(|w| !w.is_empty())
            .collect();
        let among = |list: &str, w: &str| list.split(' ').any(|x| x == w);
        let day = words.first().is_some_and(|w| among(DAY_WORDS, w));
        let total = name.contains("car-t") || words.iter().any(|w| among(TOTAL_WORDS, w));
        match (name.contains("cd4"), name.contains("cd8")) {
            _ if name.contains("csf") || name.contains("liquor") => None,
            (true, true) => None,
            (true, false) => Some(Column::Cd4),
            (false, true) => Some(Column::Cd8),
            (false, false) if day => Some(Column::Day),
            (false, false) => total.then_some(Column::Total),
        }
    }
}

// Units a header may name that its column does not take. The page's days are days since
// infusion and its counts CAR-T cells per µL of blood (SPEC §3 "Inputs carry units"); a column
// headed in hours read as days puts every sample 24 times too late, a percentage or a count per
// mL read as cells/µL is another quantity. Such a column is not read unasked: the mapping says
// why, and the user may still choose it there.

/// Words of a day column's header that name another time unit.
const TIME_UNITS_NOT_DAYS: [&str; 28] = [
    "h", "hr", "hrs", "hour", "hours", "stunde", "stunden", "std", "min", "mins", "minute",
    "minutes", "week", "weeks", "wk", "wks", "woche", "wochen", "month", "months", "mo", "monat",
    "monate", "year", "years", "yr", "jahr", "jahre",
];

/// Parts of a count column's header that name a unit other than cells/µL.
const COUNT_UNITS_NOT_PER_UL: [&str; 17] = [
    "%", "percent", "prozent", "/ml", "/l", "/dl", "/nl", "per ml", "pro ml", "10^", "10e", "x10",
    "\u{d7}10", "copies", "kopien", "/\u{b5}g", "dna",
];

/// Why the header `cell` is not read as `column`: its unit is not the column's, or (CD4+, CD8+)
/// it names the negative cells ("CD4-", "CD4 neg").
pub fn unit_refused(cell: &str, column: Column) -> Option<&'static str> {
    let h = crate::text::fold_case(cell.trim()).replace('\u{3bc}', "\u{b5}");
    let words: Vec<&str> = (h.split(|c: char| !c.is_alphanumeric()))
        .filter(|w| !w.is_empty())
        .collect();
    let negative = |marker: &str| {
        h.split(marker).skip(1).any(|rest| {
            let word = rest.trim_start();
            word.is_empty() || word.starts_with("neg") || rest.starts_with(['(', '/', ' '])
        })
    };
    match column {
        Column::Day => words
            .iter()
            .any(|w| TIME_UNITS_NOT_DAYS.contains(w))
            .then_some("its unit is not days since infusion"),
        Column::Cd4 | Column::Cd8 if negative("cd4-") || negative("cd8-") || h.contains("neg") => {
            Some("it names negative cells, not CD4+ or CD8+ CAR-T cells")
        }
        Column::Total | Column::Cd4 | Column::Cd8 => COUNT_UNITS_NOT_PER_UL
            .iter()
            .any(|u| h.contains(u))
            .then_some("its unit is not CAR-T cells per \u{b5}L of blood"),
    }
}

/// What is said of header column `n`, `cell`, that is not read: why, when its unit is not its
/// column's.
fn unread_column(n: usize, cell: &str) -> String {
    let refused = Column::named(cell).and_then(|c| Some((c, unit_refused(cell, c)?)));
    let Some((column, why)) = refused else {
        return format!(
            "column {n} \u{201c}{cell}\u{201d} is not read (choose what it holds in the column mapping if it is a count)"
        );
    };
    let (label, unit) = match column {
        Column::Day => ("the day", "days since infusion"),
        Column::Total | Column::Cd4 | Column::Cd8 => (column.label(), "CAR-T cells/\u{b5}L"),
    };
    format!(
        "column {n} \u{201c}{cell}\u{201d} is not read as {label}: {why}. Convert it to {unit}, or choose it in the column mapping if it is in {unit}"
    )
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
    /// The character (`' '`: runs of spaces) and how it is described.
    const fn parts(self) -> (char, &'static str) {
        match self {
            Delimiter::Tab => ('\t', "tabs"),
            Delimiter::Semicolon => (';', "semicolons"),
            Delimiter::Comma => (',', "commas (decimal point)"),
            Delimiter::Spaces => (' ', "spaces"),
        }
    }

    pub fn describe(self) -> &'static str {
        self.parts().1
    }
}

/// One pasted row: each cell as its number, or empty (not sampled).
#[derive(Debug, Clone, PartialEq)]
pub struct PastedRow {
    /// 1-based line number in the pasted text (for messages).
    pub line: usize,
    pub day: f64,
    /// Total, CD4+, CD8+ (the core's series order, [`crate::kinetics::SeriesName::ALL`]).
    pub counts: [Option<f64>; 3],
}

#[derive(Debug, Clone, PartialEq)]
pub struct PasteIssue {
    pub line: usize,
    pub message: String,
}

fn issue(line: usize, message: impl Into<String>) -> PasteIssue {
    let message = message.into();
    PasteIssue { line, message }
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

/// Splits one line at `sep` (`' '`: runs of spaces), honouring double quotes ("a;b" is one
/// cell, "" a quote).
fn split_line(line: &str, sep: char) -> Vec<String> {
    if sep == ' ' {
        return line.split_whitespace().map(unquote).collect();
    }
    let (mut cells, mut cell, mut quoted) = (Vec::new(), String::new(), false);
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' if quoted && chars.next_if_eq(&'"').is_some() => cell.push('"'),
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
    split_line(line, sep).len() > 1
}

/// Reads pasted text with the columns given by the user (`None`: from the header or the
/// default order); a block of more than `max_rows` data rows is refused as a whole (the most
/// a list of the case may hold). Never fails as a whole: lines it cannot read become issues.
pub fn parse_with_columns(
    text: &str,
    columns: Option<&[Option<Column>]>,
    max_rows: usize,
) -> PasteResult {
    let source = text.to_string();
    let mut result = PasteResult {
        source,
        ..PasteResult::default()
    };
    let lines: Vec<(usize, &str)> = (text.trim_start_matches('\u{feff}').lines().enumerate())
        .map(|(i, l)| (i + 1, l.trim_end_matches('\r')))
        .filter(|(_, l)| !l.trim().is_empty())
        .collect();
    let Some(&(first_no, first_line)) = lines.first() else {
        return result;
    };
    // The delimiter of the whole block (see the module comment).
    let delimiter = [Delimiter::Tab, Delimiter::Semicolon, Delimiter::Comma]
        .into_iter()
        .find(|d| lines.iter().any(|(_, l)| has_unquoted(l, d.parts().0)))
        .unwrap_or(Delimiter::Spaces);
    let sep = delimiter.parts().0;
    result.delimiter = Some(delimiter);
    let width = |l: &str| split_line(l, sep).len();
    let widths: Vec<usize> = lines.iter().map(|(_, l)| width(l)).collect();
    let first_cells = split_line(first_line, sep);
    let first_cell = first_cells.first().map_or("", |c| c.trim());
    let has_header = !first_cell.is_empty() && numbers::parse_decimal(first_cell).is_err();
    let data = if has_header {
        result.header_cells = first_cells.iter().map(|c| c.trim().to_string()).collect();
        result.columns = first_cells.iter().map(|c| Column::from_header(c)).collect();
        result.header = Some(result.columns.clone());
        lines.get(1..).unwrap_or(&[])
    } else {
        let widest = widths.iter().copied().max().unwrap_or(0).max(1);
        result.columns = vec![None; widest];
        for (slot, c) in result.columns.iter_mut().zip(Column::ORDER) {
            *slot = Some(c);
        }
        lines.as_slice()
    };
    if let Some(chosen) = columns {
        result.columns = chosen.to_vec();
    }
    // Two columns read as the same thing: the later ones are not read, and it is said.
    let mut seen: Vec<Column> = Vec::new();
    for (i, slot) in result.columns.iter_mut().enumerate() {
        match *slot {
            Some(c) if seen.contains(&c) => {
                let (n, label) = (i + 1, c.label());
                result.issues.push(issue(first_no, format!("column {n} is also read as {label}; it is not read (choose another meaning in the column mapping)")));
                *slot = None;
            }
            Some(c) => seen.push(c),
            None => {}
        }
    }
    let unread: Vec<(usize, &String)> = (result.header_cells.iter().enumerate())
        .filter(|(i, cell)| result.columns.get(*i) == Some(&None) && !cell.is_empty())
        .collect();
    if !result.columns.contains(&Some(Column::Day)) {
        // Said first when the day column is one of them ("Time (h)"): it is why no day is read.
        for (i, cell) in &unread {
            if Column::named(cell) == Some(Column::Day) {
                result
                    .issues
                    .push(issue(first_no, unread_column(i + 1, cell)));
            }
        }
        result.issues.push(issue(first_no, "no column is read as the day: name it \u{201c}Day\u{201d} (or \u{201c}Tag\u{201d}), or choose it in the column mapping"));
        return result;
    }
    // Days alone are read (a list of planned sampling days to fill in), but said: "Replace"
    // with such rows would otherwise swap the table's counts for empty rows unremarked (the
    // page's own course CSV pasted here maps only its day column).
    if !result.columns.iter().flatten().any(|c| *c != Column::Day) {
        result.issues.push(issue(first_no, "no column is read as a count (total, CD4+ or CD8+), so the rows below hold days only: choose what a column holds in the column mapping"));
    }
    for (i, cell) in unread {
        result
            .issues
            .push(issue(first_no, unread_column(i + 1, cell)));
    }
    let n = result.columns.len();
    if !has_header && columns.is_none() && n > Column::ORDER.len() {
        result.issues.push(issue(first_no, format!("some rows have {n} cells; columns after the fourth are not read (choose what they hold in the column mapping)")));
    }
    if data.len() > max_rows {
        let (n, max) = (data.len(), max_rows);
        let message = format!("the block has {n} rows; at most {max} are read at once");
        result.issues.push(issue(first_no, message));
        return result;
    }
    // The cells a line should have: the header's, else the count most lines have (of equal
    // counts the fewest); in a comma-separated block, a line with more may hold a decimal comma.
    let by_lines = |w: &&usize| (widths.iter().filter(|x| x == w).count(), Reverse(**w));
    let most_lines = widths.iter().max_by_key(by_lines).copied().unwrap_or(0);
    let n_header = result.header_cells.len();
    let expected_cells = if has_header { n_header } else { most_lines };
    // The block's decimal mark: a point in comma-separated text, else the mark in more cells
    // (`Some(true)`: comma), `None` when no cell has a fraction.
    let (mut commas, mut points) = (0, 0);
    for cell in data.iter().flat_map(|(_, l)| split_line(l, sep)) {
        commas += usize::from(cell.contains(','));
        points += usize::from(cell.contains('.'));
    }
    let decimal_comma = match delimiter {
        Delimiter::Comma => Some(false),
        _ => (commas + points > 0).then_some(commas >= points),
    };
    let block = (delimiter, expected_cells, decimal_comma);
    let csf = |c: &str| {
        ["csf", "liquor"]
            .iter()
            .any(|w| crate::text::fold_case(c.trim()).starts_with(w))
    };
    for &(line_no, line) in data {
        let cells = split_line(line, sep);
        // A second header (the CSF section of the page's own CSV): the blood table ends here.
        if cells.first().is_some_and(|c| csf(c)) {
            result.issues.push(issue(line_no, "the CSF samples from here on are not read into the blood table; enter them in the CSF table"));
            break;
        }
        match read_row(line_no, line, &cells, &result.columns, block) {
            Ok(row) => result.rows.extend(row),
            Err(message) => result.issues.push(issue(line_no, message)),
        }
    }
    result
}

/// One line's day and counts; `None` for a line without values. `block`: the block's
/// delimiter, cells per line and decimal mark (`Some(true)`: comma).
fn read_row(
    line: usize,
    line_text: &str,
    cells: &[String],
    columns: &[Option<Column>],
    (delimiter, expected_cells, decimal_comma): (Delimiter, usize, Option<bool>),
) -> Result<Option<PastedRow>, String> {
    let tabs = delimiter != Delimiter::Tab && has_unquoted(line_text, '\t');
    let semicolons = matches!(delimiter, Delimiter::Comma | Delimiter::Spaces);
    if tabs || (semicolons && has_unquoted(line_text, ';')) {
        let sep = if tabs { "tabs" } else { "semicolons" };
        return Err(format!(
            "this row is separated by {sep}, the block by something else"
        ));
    }
    let (n, filled) = (cells.len(), |c: &String| !c.trim().is_empty());
    if delimiter == Delimiter::Comma && n > expected_cells && cells.iter().any(filled) {
        return Err(format!(
            "has {n} cells where the block has {expected_cells}: a decimal comma? In comma-separated text write decimals with a point (14.5), or paste with semicolons or tabs"
        ));
    }
    if cells.iter().skip(columns.len()).any(filled) {
        return Err(format!("has {n} cells; expected at most {}", columns.len()));
    }
    let mut values = [None; 4];
    for (cell, column) in cells.iter().zip(columns) {
        let Some(column) = column else { continue };
        let (text, label) = (cell.trim(), column.label());
        let mixed = match (delimiter, decimal_comma) {
            (Delimiter::Comma, _) if text.contains(',') => {
                "has a comma inside comma-separated text: write the decimal with a point"
            }
            (_, Some(true)) if text.contains('.') => {
                "has a decimal point where the block uses decimal commas (is it a thousands mark?)"
            }
            (_, Some(false)) if text.contains(',') => {
                "has a decimal comma where the block uses decimal points (is it a thousands mark?)"
            }
            _ => "",
        };
        if !mixed.is_empty() {
            return Err(format!("{label} \u{201c}{text}\u{201d} {mixed}"));
        }
        let value = match numbers::parse_decimal(text) {
            Err(NumberError::Empty) => None,
            read => Some(read.map_err(|e| {
                format!("{label} \u{201c}{text}\u{201d} is not read as a number: {e}")
            })?),
        };
        if let Some(slot) = values.get_mut(*column as usize) {
            *slot = value;
        }
    }
    match values {
        [Some(day), counts @ ..] => Ok(Some(PastedRow { line, day, counts })),
        [None, None, None, None] => Ok(None),
        [None, ..] => Err("has values but no day".to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The page's limit (`view::limits::MAX_RECORDS_PER_LIST`).
    const MAX_ROWS: usize = 200;

    fn parse_pasted_table(text: &str) -> PasteResult {
        parse_with_columns(text, None, MAX_ROWS)
    }

    type Read = (f64, Option<f64>, Option<f64>, Option<f64>);

    fn read(text: &str) -> Vec<Read> {
        parse_pasted_table(text)
            .rows
            .iter()
            .map(|r| (r.day, r.counts[0], r.counts[1], r.counts[2]))
            .collect()
    }

    #[test]
    fn days_without_a_count_column_are_read_and_said() {
        let days_only = parse_pasted_table("Day;When;ICANS grade\n14;day +14;3\n15;day +15;0\n");
        assert_eq!(days_only.rows.len(), 2);
        let said: Vec<&str> = days_only
            .issues
            .iter()
            .map(|i| i.message.as_str())
            .collect();
        assert!(
            said[0].starts_with("no column is read as a count"),
            "{said:?}"
        );
        let planned = parse_pasted_table("0\n7\n14\n");
        assert_eq!((planned.rows.len(), planned.issues.len()), (3, 1));
        let counts = parse_pasted_table("Day;When;Total\n14;x;77,7\n");
        assert!(
            !counts
                .issues
                .iter()
                .any(|i| i.message.starts_with("no column is read as a count"))
        );
    }

    #[test]
    fn tab_separated_with_header_and_decimal_comma() {
        let r = parse_pasted_table("Day\tTotal\tCD4+\tCD8+\n14\t77,7\t69,1\t0,78\n28\t27,9\t\t\n");
        assert!(r.issues.is_empty(), "{:?}", r.issues);
        assert_eq!(r.rows.len(), 2);
        assert_eq!(
            (
                r.rows[0].day,
                r.rows[0].counts[0],
                r.rows[0].counts[1],
                r.rows[0].counts[2]
            ),
            (14.0, Some(77.7), Some(69.1), Some(0.78))
        );
        assert_eq!(
            (r.rows[1].counts[0], r.rows[1].counts[1]),
            (Some(27.9), None)
        );
    }

    #[test]
    fn semicolon_separated_without_header_uses_the_default_order() {
        let r = parse_pasted_table("0;0\n14;77.7\n28;27.9");
        assert_eq!(r.header, None);
        assert_eq!(
            r.rows
                .iter()
                .map(|x| (x.day, x.counts[0]))
                .collect::<Vec<_>>(),
            vec![(0.0, Some(0.0)), (14.0, Some(77.7)), (28.0, Some(27.9))]
        );
    }

    #[test]
    fn header_picks_columns_in_any_order() {
        let r = parse_pasted_table("CD8 cells/µL\tday\tCD4 cells/µL\n1\t14\t89\n");
        assert_eq!(
            (
                r.rows[0].day,
                r.rows[0].counts[1],
                r.rows[0].counts[2],
                r.rows[0].counts[0]
            ),
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
    fn a_header_whose_unit_the_column_does_not_take_is_not_read_unasked() {
        for (header, refused) in [
            ("Time (h)", Column::Day),
            ("Zeit (Stunden)", Column::Day),
            ("Day (weeks)", Column::Day),
            ("Total (cells/mL)", Column::Total),
            ("Total (x10^9/L)", Column::Total),
            ("Total (x10^3/\u{b5}L)", Column::Total),
            ("CAR-T copies/\u{b5}g DNA", Column::Total),
            ("CD19 CAR-T (%)", Column::Total),
            ("CD4 %", Column::Cd4),
            ("CD4+ (%)", Column::Cd4),
            ("CD8+ (% of CAR-T)", Column::Cd8),
            ("CD4-", Column::Cd4),
            ("CD8 negative", Column::Cd8),
        ] {
            assert_eq!(Column::named(header), Some(refused), "{header}");
            assert_eq!(Column::from_header(header), None, "{header}");
            assert!(unit_refused(header, refused).is_some(), "{header}");
        }
        for (header, read) in [
            ("Day (days after infusion)", Column::Day),
            ("Tag (d)", Column::Day),
            ("Time", Column::Day),
            ("Total CAR-T (cells/\u{b5}L)", Column::Total),
            ("Gesamt Zellen/\u{b5}l", Column::Total),
            ("CD4+ CAR-T (cells/\u{b5}L)", Column::Cd4),
            ("CD4-CAR-T", Column::Cd4),
            ("CD8 cells/\u{b5}L", Column::Cd8),
            ("CD8 /mm3", Column::Cd8),
        ] {
            assert_eq!(Column::from_header(header), Some(read), "{header}");
        }
        // Hours are not read as days: the block says why, and reads nothing unasked.
        let r = parse_pasted_table("Time (h)\tTotal\n24\t77.7");
        assert!(r.rows.is_empty());
        let said: Vec<&str> = r.issues.iter().map(|i| i.message.as_str()).collect();
        assert!(
            said.iter().any(|m| m.contains("\u{201c}Time (h)\u{201d} is not read as the day: its unit is not days since infusion. Convert it to days since infusion")),
            "{said:?}"
        );
        // A percentage beside the total is not read as CD4+ cells/µL.
        let r = parse_pasted_table("Day\tTotal\t%CD4\n14\t77.7\t85.3");
        assert_eq!(r.rows.len(), 1);
        assert_eq!(r.rows[0].counts, [Some(77.7), None, None]);
        let said: Vec<&str> = r.issues.iter().map(|i| i.message.as_str()).collect();
        assert!(
            said.iter().any(|m| m.contains(
                "is not read as CD4+ CAR-T: its unit is not CAR-T cells per \u{b5}L of blood"
            )),
            "{said:?}"
        );
        // The mapping still lets the user say what a column holds.
        let chosen = [Some(Column::Day), Some(Column::Total)];
        let r = parse_with_columns("Time (h)\tTotal\n24\t77.7", Some(&chosen), 200);
        assert_eq!(r.rows.len(), 1);
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
                .map(|x| (x.day, x.counts[0], x.counts[1], x.counts[2]))
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
        assert_eq!(r.rows[1].counts[0], Some(77.7));
        assert_eq!(r.rows[1].counts[2], Some(0.78));
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
        assert_eq!(r.rows[0].counts[0], None);
        assert!(
            r.issues.iter().any(|i| i.message.contains("Blut")),
            "{:?}",
            r.issues
        );
        let r = parse_with_columns(
            &r.source,
            Some(&[Some(Column::Day), Some(Column::Total), Some(Column::Cd4)]),
            MAX_ROWS,
        );
        assert!(r.issues.is_empty(), "{:?}", r.issues);
        assert_eq!(r.rows[0].counts[0], Some(77.7));
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
        assert_eq!(r.rows[0].counts[0], Some(1.0));
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
