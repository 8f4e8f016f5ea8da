//! Reading a block of CAR-T counts copied from a spreadsheet.
//!
//! Cells are separated by tabs (what spreadsheets put on the clipboard) or, when a line has no
//! tab, by semicolons (CSV from European spreadsheet programs). A comma is never a separator
//! because it is a decimal mark. The first line is a header when its first cell is not a number;
//! header names pick the columns (day, total, CD4, CD8), otherwise the order is day, total, CD4+,
//! CD8+. Numbers may use a decimal comma or point; anything else is reported with its line.

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

    /// Recognises a header cell ("Day", "Tag", "total CAR-T/µL", "CD4+", "cd8 cells/ul").
    fn from_header(cell: &str) -> Option<Column> {
        let h = cell.trim().to_lowercase();
        if h.contains("cd4") {
            Some(Column::Cd4)
        } else if h.contains("cd8") {
            Some(Column::Cd8)
        } else if h.starts_with("day")
            || h.starts_with("tag")
            || h.starts_with("d+")
            || h == "d"
            || h.starts_with("день")
        {
            Some(Column::Day)
        } else if h.contains("total") || h.contains("car") || h.contains("all") {
            Some(Column::Total)
        } else {
            None
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
}

/// Reads pasted text. Never fails as a whole: lines it cannot read become issues.
pub fn parse_pasted_table(text: &str) -> PasteResult {
    let mut result = PasteResult::default();
    let mut columns: Vec<Option<Column>> = Column::ORDER.iter().copied().map(Some).collect();
    let mut first = true;
    for (i, raw_line) in text.lines().enumerate() {
        let line_no = i + 1;
        if raw_line.trim().is_empty() {
            continue;
        }
        let cells: Vec<&str> = if raw_line.contains('\t') {
            raw_line.split('\t').collect()
        } else {
            raw_line.split(';').collect()
        };
        if first {
            first = false;
            let first_cell = cells.first().map(|c| c.trim()).unwrap_or("");
            if numbers::parse_decimal(first_cell).is_err() && !first_cell.is_empty() {
                let mapped: Vec<Option<Column>> =
                    cells.iter().map(|c| Column::from_header(c)).collect();
                if !mapped.contains(&Some(Column::Day)) {
                    result.issues.push(PasteIssue {
                        line: line_no,
                        message: "header has no day column (name it \"Day\")".to_string(),
                    });
                    return result;
                }
                columns = mapped;
                result.header = Some(columns.clone());
                continue;
            }
        }
        match read_row(line_no, &cells, &columns) {
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

fn read_row(
    line: usize,
    cells: &[&str],
    columns: &[Option<Column>],
) -> Result<Option<PastedRow>, String> {
    let mut row = PastedRow {
        line,
        day: f64::NAN,
        total: None,
        cd4: None,
        cd8: None,
    };
    let mut have_day = false;
    if cells
        .iter()
        .skip(columns.len())
        .any(|c| !c.trim().is_empty())
    {
        return Err(format!(
            "has {} cells; expected at most {} (day, total, CD4+, CD8+)",
            cells.len(),
            columns.len()
        ));
    }
    for (cell, column) in cells.iter().zip(columns) {
        let Some(column) = column else { continue };
        let text = cell.trim();
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
    }
}
