//! No clinical threshold is written into the page layer: `src/view` and `src/web` render the
//! core's tables and named constants (issue 10, "every clinical rule once, in the core").
//!
//! The rule this test enforces, on the non-test code of `src/view/**/*.rs` and `src/web/**/*.rs`
//! (each file up to its first `#[cfg(test)]`; comment lines and attributes are skipped):
//!
//! 1. **Numeric literals in code**: every float literal (`38.0`, `12.0`, `1_200.0`), and every
//!    integer that is compared with or ends an inclusive range (`n == 8`, `x < 12`, `1..=8`), is
//!    flagged, unless it is a clock, size or tolerance value ([`non_clinical_value`]: 0, 1, 2,
//!    23, 24, 59, 60, 1440, 1000, 10⁶, or below 10⁻³). Other integers (array lengths, indices,
//!    digits after the point, `0..3` over columns, named limits such as `PAGE_ROWS = 100`) are
//!    not thresholds.
//! 2. **Numbers inside string literals** are flagged when they read as a clinical statement:
//!    - after a comparison sign (`≥ 10`, `< 9.0`, `> 6`, `&lt; 3`, `\u{2265} 2`),
//!    - before a clinical unit (`38 °C`, `6 L/min`, `120 years`, `1200 /µL`, `9.0 g/dL`,
//!      `650 ng/mL`, `30 mg/L`, `15 mg`),
//!    - as a range (`7–9`, `0-120`, `1\u{2013}8`) or a score out of a maximum (`0/10`, `0/4`),
//!    - after "grade" or a grade tag (`grade 4`, `G3`).
//!
//!    Not flagged: named timing, layout and size constants (`const CHUNK_MS: f64 = 8.0;`, names
//!    ending in `_MS`, `_PX`, `_BYTES`), `\u{...}` escapes, numbers in HTML attributes and text that is not a rule
//!    (`colspan="6"`, `Row {}`, `e.g. 39`, `Line 3`), and a number followed by `px`, `%`, `ms`,
//!    `kB` or `MB` (layout, timing and file sizes).
//!
//! Files owned by work not yet done may still hold some: they are listed, exactly, in
//! [`KNOWN_REMAINING`]. The test fails on any occurrence not listed (new code must use the
//! core's constants) AND on a listed entry that is gone (so the list only ever shrinks).

#![cfg(not(target_arch = "wasm32"))]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    clippy::string_slice
)]

use std::fs;
use std::path::{Path, PathBuf};

/// Occurrences still to be moved into the core, as `path:trimmed line` (line numbers would
/// churn with every edit). Each entry must still occur; remove it when the literal goes.
///
/// Empty: the last ones (the Cohort tab's "grade ≤ 1" and "grade 0") now come from the core's
/// `case::IMPROVED_AT_MOST` and `case::RESOLVED_AT`. New code must use the core's constants.
const KNOWN_REMAINING: &[&str] = &[];

const UNITS: [&str; 20] = [
    "°C",
    "\\u{b0}C",
    "°F",
    "\\u{b0}F",
    "L/min",
    "years",
    "year",
    "/µL",
    "/\\u{b5}L",
    "g/dL",
    "g/L",
    "mg/L",
    "mg/dL",
    "ng/mL",
    "mmol/L",
    "mg",
    "cells/µL",
    "×10",
    "\\u{d7}10",
    "points",
];
const SIGNS: [&str; 10] = [
    "≥",
    "≤",
    "<",
    ">",
    "\\u{2265}",
    "\\u{2264}",
    "&lt;",
    "&gt;",
    "&ge;",
    "&le;",
];
const DASHES: [&str; 3] = ["-", "–", "\\u{2013}"];

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            rust_files(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}

/// One piece of a line: code or the inside of a string literal.
enum Piece {
    Code(String),
    Text(String),
}

/// Splits a line into code and string contents. A string open at the end of the line continues
/// on the next (`in_string` carries over).
fn pieces(line: &str, in_string: &mut bool) -> Vec<Piece> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        if *in_string {
            match c {
                '\\' => {
                    cur.push(c);
                    if let Some(n) = chars.next() {
                        cur.push(n);
                    }
                }
                '"' => {
                    out.push(Piece::Text(std::mem::take(&mut cur)));
                    *in_string = false;
                }
                _ => cur.push(c),
            }
        } else {
            match c {
                '"' => {
                    out.push(Piece::Code(std::mem::take(&mut cur)));
                    *in_string = true;
                }
                '/' if chars.peek() == Some(&'/') => break,
                // The char literal '"' would otherwise open a string.
                '\'' if chars.clone().take(2).eq(['"', '\'']) => {
                    cur.push_str("'\"'");
                    chars.next();
                    chars.next();
                }
                _ => cur.push(c),
            }
        }
    }
    if *in_string {
        out.push(Piece::Text(cur));
    } else {
        out.push(Piece::Code(cur));
    }
    out
}

/// The numbers in `s` as (start, end) byte spans: digits with an optional fraction, not part of
/// an identifier or a `\u{...}` escape.
fn numbers(s: &str) -> Vec<(usize, usize)> {
    let b = s.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        if b[i].is_ascii_digit() {
            let prev = if i == 0 { b' ' } else { b[i - 1] };
            let start = i;
            while i < b.len() && (b[i].is_ascii_digit() || b[i] == b'_') {
                i += 1;
            }
            if i + 1 < b.len() && (b[i] == b'.' || b[i] == b',') && b[i + 1].is_ascii_digit() {
                i += 1;
                while i < b.len() && (b[i].is_ascii_digit() || b[i] == b'_') {
                    i += 1;
                }
            }
            let in_escape = s[..start]
                .rfind("\\u{")
                .is_some_and(|u| !s[u..start].contains('}'));
            let in_ident = prev.is_ascii_alphanumeric() || prev == b'_';
            if !in_escape && !in_ident {
                out.push((start, i));
            }
        } else {
            i += 1;
        }
    }
    out
}

/// Clock and size constants (hours, minutes, bytes) and numeric tolerances are not clinical.
fn non_clinical_value(x: f64) -> bool {
    [0.0, 1.0, 2.0, 23.0, 24.0, 59.0, 60.0, 1440.0, 1000.0, 1e6].contains(&x) || x.abs() < 1e-3
}

fn code_flags(code: &str) -> bool {
    numbers(code).iter().any(|&(a, e)| {
        let lit = code[a..e].replace('_', "");
        let rest = &code[e..];
        let Ok(x) = lit.parse::<f64>() else {
            return false;
        };
        let is_float = lit.contains('.') || rest.starts_with("f64") || rest.starts_with('e');
        let before = code[..a].trim_end();
        // Compared with, or the end of an inclusive range (`a < 12.0`, `n == 8`, `1..=8`);
        // an assignment, a match arm or a plain `0..3` loop over columns is not a comparison.
        let compared = ["==", "!=", "<=", ">=", "..="]
            .iter()
            .any(|s| before.ends_with(s))
            || (before.ends_with('<') && !before.ends_with("<<"))
            || (before.ends_with('>') && !before.ends_with("=>") && !before.ends_with("->"))
            || rest.trim_start().starts_with("..=");
        (is_float || compared) && !non_clinical_value(x)
    })
}

fn text_flags(text: &str) -> bool {
    numbers(text).iter().any(|&(a, e)| {
        let head = &text[..a];
        let before = head.trim_end();
        let tail = &text[e..];
        let after = tail.trim_start();
        if ["px", "%", "ms", "kB", "MB"]
            .iter()
            .any(|u| after.starts_with(u))
        {
            return false;
        }
        // `<` and `>` count only when spaced ("> 5 min"), not as a tag's end ("<sub>0").
        let sign = SIGNS.iter().any(|s| {
            if s.len() == 1 {
                head.ends_with(&format!("{s} ")) && !head.ends_with(&format!("{s}{s} "))
            } else {
                before.ends_with(s)
            }
        });
        // A unit, unless the number defines the unit ("1 mmol/L = 1.611 g/dL").
        let unit = UNITS
            .iter()
            .any(|u| after.starts_with(u) && !after[u.len()..].trim_start().starts_with('='));
        let digit_follows = |t: &str| t.starts_with(|c: char| c.is_ascii_digit());
        let digit_precedes = |t: &str| t.ends_with(|c: char| c.is_ascii_digit());
        let range = DASHES.iter().any(|d| {
            (tail.starts_with(d) && digit_follows(&tail[d.len()..]))
                || (head.ends_with(d) && digit_precedes(&head[..head.len() - d.len()]))
        });
        let score = (tail.starts_with('/') && digit_follows(&tail[1..]))
            || (head.ends_with('/') && digit_precedes(&head[..head.len() - 1]));
        let grade = before.to_lowercase().ends_with("grade") || head.ends_with('G');
        sign || unit || range || score || grade
    })
}

/// Every flagged line of the page layer, as `path:trimmed line`.
fn occurrences(root: &Path) -> Vec<(String, usize)> {
    let mut files = Vec::new();
    rust_files(&root.join("src/view"), &mut files);
    rust_files(&root.join("src/web"), &mut files);
    files.sort();
    let mut out = Vec::new();
    for f in files {
        let text = fs::read_to_string(&f).unwrap();
        let rel = f
            .strip_prefix(root)
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/");
        let mut in_string = false;
        for (n, line) in text.lines().enumerate() {
            let t = line.trim();
            if t.starts_with("#[cfg(test)]") {
                break;
            }
            if !in_string && (t.starts_with("//") || t.starts_with("#[") || t.starts_with("#![")) {
                continue;
            }
            // A named timing, layout or size constant (`const CHUNK_MS: f64 = 8.0;`).
            let named_non_clinical = (t.starts_with("const ") || t.starts_with("pub const "))
                && t.split(':')
                    .next()
                    .is_some_and(|name| ["_MS", "_PX", "_BYTES"].iter().any(|u| name.ends_with(u)));
            if named_non_clinical {
                continue;
            }
            let flagged = pieces(line, &mut in_string).iter().any(|p| match p {
                Piece::Code(c) => code_flags(c),
                Piece::Text(s) => text_flags(s),
            });
            if flagged {
                out.push((format!("{rel}:{t}"), n + 1));
            }
        }
    }
    out
}

#[test]
fn the_page_layer_holds_no_clinical_threshold_literal() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let found = occurrences(root);
    let new: Vec<String> = found
        .iter()
        .filter(|(entry, _)| !KNOWN_REMAINING.contains(&entry.as_str()))
        .map(|(entry, line)| {
            let (path, text) = entry.split_once(':').unwrap_or((entry, ""));
            format!("{path}:{line}: {text}")
        })
        .collect();
    let gone: Vec<&&str> = KNOWN_REMAINING
        .iter()
        .filter(|k| !found.iter().any(|(e, _)| e == **k))
        .collect();
    assert!(
        new.is_empty(),
        "clinical threshold literals in the page layer (use the core's named constants):\n{}\n\nEvery occurrence now, as KNOWN_REMAINING entries:\n{}",
        new.join("\n"),
        found
            .iter()
            .map(|(e, _)| format!("    {e:?},"))
            .collect::<Vec<_>>()
            .join("\n")
    );
    assert!(
        gone.is_empty(),
        "KNOWN_REMAINING lists entries that are gone; remove them from the list:\n{gone:#?}"
    );
}

#[test]
fn the_rule_flags_thresholds_and_passes_layout() {
    let flagged = |line: &str| {
        let mut s = false;
        pieces(line, &mut s).iter().any(|p| match p {
            Piece::Code(c) => code_flags(c),
            Piece::Text(t) => text_flags(t),
        })
    };
    for bad in [
        "let x = 38.0;",
        "if age < 12.0 {",
        "\"Fever \\u{2265} 38 °C\"",
        "\"G2 \\u{2264} 6 L/min\"",
        "\"7\\u{2013}9\"",
        "\"0/10 unarousable\"",
        "\"(grade 4)\"",
        "\"Age must be 0-120 years\"",
        "\"&lt; 3.0\"",
    ] {
        assert!(flagged(bad), "{bad}");
    }
    for good in [
        "let i = 0;",
        "x + 1",
        "format_fixed(x, 1)",
        "\"<td colspan=\\\"6\\\">\"",
        "\"Row {}, day\"",
        "\"\\u{2014} G\"",
        "\"width: 44px\"",
        "\"e.g. 39\"",
        "// 38 °C in a comment",
    ] {
        assert!(!flagged(good), "{good}");
    }
}
