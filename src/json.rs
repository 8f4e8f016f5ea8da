//! A JSON-compatible value as it arrives from JavaScript, a file or a test, and strict readers
//! over it.
//!
//! Why not `serde_json::Value`: it turns NaN into `null`, so "temperatureC: NaN" could not be
//! reported as what it is. Why not `#[derive(Deserialize)]` on the input types: serde's messages
//! do not name the field path and cannot say "must be 0-4, got 5". Every API function reads its
//! input through [`Fields`], which rejects unknown keys, wrong types and missing required fields.
//!
//! `null` counts as absent: JavaScript callers often spell an unset optional field as
//! `undefined` or `null`. A required field that is `null` is reported as missing.

use crate::error::{InputError, Problem, Range};
use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde::ser::{Serialize, SerializeMap, SerializeSeq, Serializer};
use std::fmt;

#[derive(Debug, Clone, PartialEq)]
pub enum Json {
    Null,
    Bool(bool),
    Number(f64),
    String(String),
    Array(Vec<Json>),
    /// A list of `[day, value]`-like lists of two numbers, held flat: what
    /// [`parse_text_with_pairs`] reads the JS API's `(n)` (a series) into. It stands for exactly
    /// the `Array` of two-number `Array`s with the same numbers ([`pairs_written_out`]); every
    /// reader that meets it says what it would say of that list. Why: built as `Array`s, a
    /// 1,000-sample series was 1,000 allocations, more than the analysis itself
    /// (BENCHMARKS.md, "The JS boundary").
    Pairs(Vec<(f64, f64)>),
    /// Keys in input order (duplicates are kept and rejected by [`Fields`]).
    Object(Vec<(String, Json)>),
}

impl Json {
    /// Short description of the value for "got …" in messages.
    pub fn describe(&self) -> String {
        match self {
            Json::Null => "null".into(),
            Json::Bool(b) => format!("{b}"),
            Json::Number(x) => format_number(*x),
            Json::String(s) => format!("text \"{}\"", truncate(s, 40)),
            Json::Array(_) | Json::Pairs(_) => "a list".into(),
            Json::Object(_) => "an object".into(),
        }
    }

    pub fn object(entries: Vec<(&str, Json)>) -> Json {
        Json::Object(
            entries
                .into_iter()
                .map(|(k, v)| (k.to_string(), v))
                .collect(),
        )
    }

    /// The value of `key` when this is an object that has it (for reading data already checked).
    pub fn get(&self, key: &str) -> Option<&Json> {
        match self {
            Json::Object(entries) => entries.iter().find(|(k, _)| k == key).map(|(_, v)| v),
            Json::Null
            | Json::Bool(_)
            | Json::Number(_)
            | Json::String(_)
            | Json::Array(_)
            | Json::Pairs(_) => None,
        }
    }

    /// The number under `key`, if there is one.
    pub fn number_at(&self, key: &str) -> Option<f64> {
        match self.get(key) {
            Some(Json::Number(x)) => Some(*x),
            Some(_) | None => None,
        }
    }

    /// The text under `key`, if there is one.
    pub fn text_at(&self, key: &str) -> Option<&str> {
        match self.get(key) {
            Some(Json::String(s)) => Some(s),
            Some(_) | None => None,
        }
    }
}

/// The items of the list a [`Json::Pairs`] stands for: each pair a two-number `Array`.
pub fn pairs_written_out(pairs: &[(f64, f64)]) -> Vec<Json> {
    pairs
        .iter()
        .map(|&(a, b)| Json::Array(vec![Json::Number(a), Json::Number(b)]))
        .collect()
}

fn truncate(s: &str, max_chars: usize) -> String {
    if s.chars().count() <= max_chars {
        s.to_string()
    } else {
        let head: String = s.chars().take(max_chars).collect();
        format!("{head}…")
    }
}

/// Numbers in messages: `5`, `0.1`, `NaN`, `Infinity`, `-Infinity` (JavaScript spelling).
pub fn format_number(x: f64) -> String {
    if x.is_nan() {
        "NaN".into()
    } else if x == f64::INFINITY {
        "Infinity".into()
    } else if x == f64::NEG_INFINITY {
        "-Infinity".into()
    } else {
        format!("{x}")
    }
}

impl<'de> Deserialize<'de> for Json {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(JsonVisitor)
    }
}

struct JsonVisitor;

impl<'de> Visitor<'de> for JsonVisitor {
    type Value = Json;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON value")
    }
    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Json, E> {
        Ok(Json::Bool(v))
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Json, E> {
        Ok(Json::Number(v as f64))
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Json, E> {
        Ok(Json::Number(v as f64))
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Json, E> {
        Ok(Json::Number(v))
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Json, E> {
        Ok(Json::String(v.to_string()))
    }
    fn visit_string<E: de::Error>(self, v: String) -> Result<Json, E> {
        Ok(Json::String(v))
    }
    fn visit_unit<E: de::Error>(self) -> Result<Json, E> {
        Ok(Json::Null)
    }
    fn visit_none<E: de::Error>(self) -> Result<Json, E> {
        Ok(Json::Null)
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Json, D::Error> {
        Json::deserialize(d)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Json, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element()? {
            items.push(item);
        }
        Ok(Json::Array(items))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Json, A::Error> {
        let mut entries = Vec::new();
        while let Some((k, v)) = map.next_entry::<String, Json>()? {
            entries.push((k, v));
        }
        Ok(Json::Object(entries))
    }
}

/// Builds field paths for messages: `medications[2].mg`.
pub fn child(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_string()
    } else {
        format!("{path}.{key}")
    }
}

pub fn index(path: &str, i: usize) -> String {
    format!("{path}[{i}]")
}

/// Strict reader over one JSON object: every key must be known, each taken at most once.
pub struct Fields<'a> {
    path: String,
    entries: &'a [(String, Json)],
}

impl<'a> Fields<'a> {
    /// Reads `value` as an object whose keys must all be in `allowed`.
    pub fn new(value: &'a Json, path: &str, allowed: &[&'static str]) -> Result<Self, InputError> {
        let Json::Object(entries) = value else {
            return Err(InputError::new(
                path,
                Problem::WrongType {
                    expected: "an object",
                    got: value.describe(),
                },
            ));
        };
        for (i, (key, _)) in entries.iter().enumerate() {
            if !allowed.contains(&key.as_str()) {
                return Err(InputError::new(
                    child(path, key),
                    Problem::UnknownField {
                        allowed: allowed.to_vec(),
                    },
                ));
            }
            if entries.iter().take(i).any(|(k, _)| k == key) {
                return Err(InputError::new(
                    child(path, key),
                    Problem::Rule("is given more than once"),
                ));
            }
        }
        Ok(Fields {
            path: path.to_string(),
            entries,
        })
    }

    pub fn path_of(&self, key: &str) -> String {
        child(&self.path, key)
    }

    pub fn path(&self) -> &str {
        &self.path
    }

    /// The value of `key`, or `None` when absent or `null`.
    pub fn optional(&self, key: &str) -> Option<&'a Json> {
        self.entries
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v)
            .filter(|v| !matches!(v, Json::Null))
    }

    pub fn required(&self, key: &str) -> Result<&'a Json, InputError> {
        self.optional(key)
            .ok_or_else(|| InputError::new(self.path_of(key), Problem::Required))
    }
}

/// A finite number (NaN and ±Infinity are rejected with their name).
pub fn number(value: &Json, path: &str) -> Result<f64, InputError> {
    match value {
        Json::Number(x) if x.is_finite() => Ok(*x),
        Json::Number(x) => Err(InputError::new(
            path,
            Problem::NotFinite {
                got: format_number(*x),
            },
        )),
        other => Err(InputError::new(
            path,
            Problem::WrongType {
                expected: "a number",
                got: other.describe(),
            },
        )),
    }
}

/// A finite number inside `range`.
pub fn number_in(value: &Json, path: &str, range: Range) -> Result<f64, InputError> {
    let x = number(value, path)?;
    if range.contains(x) {
        Ok(x)
    } else {
        Err(InputError::new(path, Problem::OutOfRange { range, got: x }))
    }
}

/// A whole number in `min..=max` (ICE item points).
pub fn whole_number_in(value: &Json, path: &str, min: u8, max: u8) -> Result<u8, InputError> {
    let x = number(value, path)?;
    if x.fract() != 0.0 {
        return Err(InputError::new(path, Problem::NotWholeNumber { got: x }));
    }
    let range = Range::inclusive(f64::from(min), f64::from(max), "");
    if !range.contains(x) {
        return Err(InputError::new(path, Problem::OutOfRange { range, got: x }));
    }
    // In range 0..=255 and whole, so the conversion is exact.
    Ok(x as u8)
}

pub fn text<'a>(value: &'a Json, path: &str) -> Result<&'a str, InputError> {
    match value {
        Json::String(s) => Ok(s),
        other => Err(InputError::new(
            path,
            Problem::WrongType {
                expected: "text",
                got: other.describe(),
            },
        )),
    }
}

pub fn array<'a>(value: &'a Json, path: &str) -> Result<&'a [Json], InputError> {
    match value {
        Json::Array(items) => Ok(items),
        other => Err(InputError::new(
            path,
            Problem::WrongType {
                expected: "a list",
                got: other.describe(),
            },
        )),
    }
}

/// The items of a list, a [`Json::Pairs`] written out (for readers that take any list; the
/// kinetics reader takes its pairs as they are).
pub fn list<'a>(value: &'a Json, path: &str) -> Result<std::borrow::Cow<'a, [Json]>, InputError> {
    match value {
        Json::Pairs(pairs) => Ok(std::borrow::Cow::Owned(pairs_written_out(pairs))),
        other => array(other, path).map(std::borrow::Cow::Borrowed),
    }
}

/// One of a closed set of words, mapped through a table of `(api name, value)` pairs.
pub fn one_of<T: Copy>(
    value: &Json,
    path: &str,
    table: &[(&'static str, T)],
) -> Result<T, InputError> {
    let word = match value {
        Json::String(s) => s.as_str(),
        other => {
            return Err(InputError::new(
                path,
                Problem::WrongType {
                    expected: "text (one of the listed options)",
                    got: other.describe(),
                },
            ));
        }
    };
    table
        .iter()
        .find(|(name, _)| *name == word)
        .map(|(_, v)| *v)
        .ok_or_else(|| {
            InputError::new(
                path,
                Problem::UnknownValue {
                    got: word.to_string(),
                    allowed: table.iter().map(|(n, _)| *n).collect(),
                },
            )
        })
}

/// A [`Json`] value written out as it reads (objects keep their key order).
impl Serialize for Json {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Json::Null => s.serialize_unit(),
            Json::Bool(b) => s.serialize_bool(*b),
            Json::Number(x) => s.serialize_f64(*x),
            Json::String(t) => s.serialize_str(t),
            Json::Array(items) => {
                let mut seq = s.serialize_seq(Some(items.len()))?;
                for item in items {
                    seq.serialize_element(item)?;
                }
                seq.end()
            }
            Json::Pairs(pairs) => Json::Array(pairs_written_out(pairs)).serialize(s),
            Json::Object(entries) => {
                let mut map = s.serialize_map(Some(entries.len()))?;
                for (k, v) in entries {
                    map.serialize_entry(k, v)?;
                }
                map.end()
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn obj(entries: Vec<(&str, Json)>) -> Json {
        Json::object(entries)
    }

    #[test]
    fn unknown_key_is_named_with_its_path() {
        let v = obj(vec![("consciusness", Json::String("alert".into()))]);
        let err = Fields::new(&v, "", &["consciousness"])
            .err()
            .map(|e| e.to_string());
        assert_eq!(
            err.as_deref(),
            Some("consciusness: unknown field; expected one of: consciousness")
        );
    }

    #[test]
    fn null_counts_as_absent_and_required_null_is_missing() {
        let v = obj(vec![("a", Json::Null)]);
        let f = Fields::new(&v, "x", &["a"]).ok();
        assert!(f.as_ref().is_some_and(|f| f.optional("a").is_none()));
        let err = f.map(|f| f.required("a").err().map(|e| e.to_string()));
        assert_eq!(err, Some(Some("x.a: is required".to_string())));
    }

    #[test]
    fn nan_is_reported_by_name_not_as_null() {
        let err = number(&Json::Number(f64::NAN), "temperatureC")
            .err()
            .map(|e| e.to_string());
        assert_eq!(
            err.as_deref(),
            Some("temperatureC: must be a finite number, got NaN")
        );
    }

    #[test]
    fn text_where_a_number_belongs_is_a_type_error() {
        let err = number(&Json::String("38,5".into()), "t")
            .err()
            .map(|e| e.to_string());
        assert_eq!(
            err.as_deref(),
            Some("t: must be a number, got text \"38,5\"")
        );
    }

    #[test]
    fn fractions_are_not_item_points() {
        let err = whole_number_in(&Json::Number(2.5), "ice.naming", 0, 3)
            .err()
            .map(|e| e.to_string());
        assert_eq!(
            err.as_deref(),
            Some("ice.naming: must be a whole number, got 2.5")
        );
        assert_eq!(
            whole_number_in(&Json::Number(3.0), "ice.naming", 0, 3),
            Ok(3)
        );
        assert!(whole_number_in(&Json::Number(-0.0), "ice.naming", 0, 3).is_ok());
    }

    #[test]
    fn unknown_enum_word_lists_the_options() {
        let table = [("none", 0), ("focalEdema", 3)];
        let err = one_of(&Json::String("edema".into()), "icpEdema", &table)
            .err()
            .map(|e| e.to_string());
        assert_eq!(
            err.as_deref(),
            Some("icpEdema: unknown value \"edema\"; expected one of: none, focalEdema")
        );
    }

    #[test]
    fn duplicate_keys_are_rejected() {
        let v = obj(vec![("a", Json::Bool(true)), ("a", Json::Bool(false))]);
        assert!(Fields::new(&v, "", &["a"]).is_err());
    }

    #[test]
    fn deserializes_from_serde_json_text() {
        let v: Json = serde_json::from_str(r#"{"a":[1,2.5,"x",null,true]}"#).unwrap_or(Json::Null);
        assert_eq!(
            v,
            obj(vec![(
                "a",
                Json::Array(vec![
                    Json::Number(1.0),
                    Json::Number(2.5),
                    Json::String("x".into()),
                    Json::Null,
                    Json::Bool(true)
                ])
            )])
        );
    }
}

/// Why a JSON text could not be read, with the byte offset where reading stopped.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JsonTextError {
    pub offset: usize,
    pub problem: &'static str,
}

impl fmt::Display for JsonTextError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} (at character {})", self.problem, self.offset + 1)
    }
}

/// Deepest nesting read from a file (a case is 5 levels deep, a cohort file 6).
pub const MAX_TEXT_DEPTH: usize = 64;

/// Reads a JSON text (RFC 8259) into [`Json`], in one pass, without the JavaScript engine: a
/// cohort file of 10,000 cases is read in well under a second, where converting the browser's
/// parsed objects value by value takes many. Object keys keep their order and duplicates, so
/// [`Fields`] can refuse them as it does for API input. A leading byte-order mark is skipped.
pub fn parse_text(text: &str) -> Result<Json, JsonTextError> {
    let mut reader = TextReader {
        text,
        bytes: text.as_bytes(),
        at: 0,
        numbers: None,
        next_number: 0,
        pairs: false,
    };
    if reader.bytes.starts_with("\u{feff}".as_bytes()) {
        reader.at = 3;
    }
    let value = reader.value(0)?;
    reader.skip_space();
    if reader.at < reader.bytes.len() {
        return Err(reader.error("text after the end of the JSON value"));
    }
    Ok(value)
}

/// Reads the text the JS API's boundary writes (`www/boundary.js`): JSON in which every number
/// is a `#` whose value is the next of `numbers`, so numbers cross with their exact bits (NaN,
/// ±Infinity and -0 too) and are neither formatted nor parsed, and `(n)` stands for a list of n
/// `[#,#]` pairs (a series). Every number must be used.
/// [`parse_text`] refuses `#`, so no file or stored text can be read this way by mistake.
pub fn parse_text_with_numbers(text: &str, numbers: &[f64]) -> Result<Json, JsonTextError> {
    parse_marked_text(text, numbers, false)
}

/// [`parse_text_with_numbers`], with each `(n)` read as one [`Json::Pairs`] instead of n
/// two-number `Array`s: for readers that take a series' pairs as they are (`kinetics`), which
/// then need no allocation per sample. The same text gives the same value once written out
/// ([`pairs_written_out`]) and the same errors.
pub fn parse_text_with_pairs(text: &str, numbers: &[f64]) -> Result<Json, JsonTextError> {
    parse_marked_text(text, numbers, true)
}

fn parse_marked_text(text: &str, numbers: &[f64], pairs: bool) -> Result<Json, JsonTextError> {
    let mut reader = TextReader {
        text,
        bytes: text.as_bytes(),
        at: 0,
        numbers: Some(numbers),
        next_number: 0,
        pairs,
    };
    let value = reader.value(0)?;
    if reader.at < reader.bytes.len() {
        return Err(reader.error("text after the end of the JSON value"));
    }
    if reader.next_number != numbers.len() {
        return Err(reader.error("numbers left over"));
    }
    Ok(value)
}

/// A large JSON list, located without reading it: the small wrapper around it and where each
/// element is, so a caller can read the elements a few at a time (the Cohort tab reads a
/// 10,000-case file between frames instead of in one long task).
#[derive(Debug, Clone, PartialEq)]
pub struct SplitList {
    /// The text with the list emptied (`[]` in its place), to be read at once with
    /// [`parse_text`].
    pub wrapper: String,
    /// Byte ranges of the list's elements in the text, in order; each is read with
    /// [`parse_text`] on its own.
    pub elements: Vec<std::ops::Range<usize>>,
}

/// Finds the elements of the top-level list, or of the list under the top-level object's key
/// `key`. `None` when the text has no such list or is not built as JSON around it: the caller
/// then reads the whole text, whose reader names the error. Only the structure is followed
/// here (strings, brackets, commas); every element and the wrapper are still read in full by
/// [`parse_text`], so nothing unchecked gets through.
pub fn split_list(text: &str, key: &str) -> Option<SplitList> {
    let b = text.as_bytes();
    let start = skip_space(
        b,
        if b.starts_with("\u{feff}".as_bytes()) {
            3
        } else {
            0
        },
    );
    let list_start = match b.get(start)? {
        b'[' => start,
        b'{' => list_under_key(b, start, key.as_bytes())?,
        _ => return None,
    };
    let mut elements = Vec::new();
    let mut at = skip_space(b, list_start + 1);
    let list_end = if b.get(at) == Some(&b']') {
        at
    } else {
        loop {
            let end = skip_value(b, at)?;
            elements.push(at..end);
            at = skip_space(b, end);
            match b.get(at)? {
                b',' => at = skip_space(b, at + 1),
                b']' => break at,
                _ => return None,
            }
        }
    };
    let wrapper = format!("{}{}", text.get(..=list_start)?, text.get(list_end..)?);
    Some(SplitList { wrapper, elements })
}

/// The position of the `[` that opens the value of `key` in the object opening at `open`.
fn list_under_key(b: &[u8], open: usize, key: &[u8]) -> Option<usize> {
    let mut at = skip_space(b, open + 1);
    loop {
        match b.get(at)? {
            b'"' => {
                let key_end = skip_string(b, at)?;
                let colon = skip_space(b, key_end);
                if b.get(colon) != Some(&b':') {
                    return None;
                }
                let value = skip_space(b, colon + 1);
                if b.get(at + 1..key_end - 1)? == key && b.get(value) == Some(&b'[') {
                    return Some(value);
                }
                at = skip_space(b, skip_value(b, value)?);
            }
            b',' => at = skip_space(b, at + 1),
            _ => return None,
        }
    }
}

fn skip_space(b: &[u8], mut at: usize) -> usize {
    while matches!(b.get(at), Some(b' ' | b'\t' | b'\r' | b'\n')) {
        at += 1;
    }
    at
}

/// The position just after the string opening at `at` (its closing quote included).
fn skip_string(b: &[u8], at: usize) -> Option<usize> {
    let mut j = at + 1;
    loop {
        match b.get(j)? {
            b'\\' => j += 2,
            b'"' => return Some(j + 1),
            _ => j += 1,
        }
    }
}

/// The position just after the value starting at `at` (a string, a nested object or list,
/// or a bare number, `true`, `false` or `null`).
fn skip_value(b: &[u8], at: usize) -> Option<usize> {
    match b.get(at)? {
        b'"' => skip_string(b, at),
        b'[' | b'{' => {
            let (mut depth, mut j) = (0usize, at);
            loop {
                match b.get(j)? {
                    b'"' => {
                        j = skip_string(b, j)?;
                        continue;
                    }
                    b'[' | b'{' => depth += 1,
                    b']' | b'}' => {
                        depth = depth.checked_sub(1)?;
                        if depth == 0 {
                            return Some(j + 1);
                        }
                    }
                    _ => {}
                }
                j += 1;
            }
        }
        _ => {
            let mut j = at;
            while !matches!(
                b.get(j),
                None | Some(b',' | b']' | b'}' | b' ' | b'\t' | b'\r' | b'\n')
            ) {
                j += 1;
            }
            (j > at).then_some(j)
        }
    }
}

struct TextReader<'a> {
    text: &'a str,
    bytes: &'a [u8],
    at: usize,
    /// The values of `#` marks ([`parse_text_with_numbers`]); `None` for plain JSON.
    numbers: Option<&'a [f64]>,
    next_number: usize,
    /// `(n)` read as one [`Json::Pairs`] ([`parse_text_with_pairs`]).
    pairs: bool,
}

impl TextReader<'_> {
    fn error(&self, problem: &'static str) -> JsonTextError {
        JsonTextError {
            offset: self.at,
            problem,
        }
    }

    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.at).copied()
    }

    fn skip_space(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.at += 1;
        }
    }

    fn expect_word(&mut self, word: &[u8], value: Json) -> Result<Json, JsonTextError> {
        if self.bytes.get(self.at..self.at + word.len()) == Some(word) {
            self.at += word.len();
            Ok(value)
        } else {
            Err(self.error("unexpected character"))
        }
    }

    fn value(&mut self, depth: usize) -> Result<Json, JsonTextError> {
        if depth > MAX_TEXT_DEPTH {
            return Err(self.error("nested too deeply"));
        }
        self.skip_space();
        match self.peek() {
            None => Err(self.error("the text ends before a value")),
            Some(b'{') => self.object(depth),
            Some(b'[') => self.array(depth),
            Some(b'"') => self.string().map(Json::String),
            Some(b't') => self.expect_word(b"true", Json::Bool(true)),
            Some(b'f') => self.expect_word(b"false", Json::Bool(false)),
            Some(b'n') => self.expect_word(b"null", Json::Null),
            Some(b'-' | b'0'..=b'9') => self.number(),
            Some(b'#') => self.marked_number(),
            Some(b'(') if self.numbers.is_some() => self.marked_pair_list(depth),
            Some(_) => Err(self.error("unexpected character")),
        }
    }

    fn array(&mut self, depth: usize) -> Result<Json, JsonTextError> {
        self.at += 1;
        if depth < MAX_TEXT_DEPTH
            && let Some(items) = self.marked_number_list()
        {
            return Ok(Json::Array(items));
        }
        let mut items = Vec::new();
        self.skip_space();
        if self.peek() == Some(b']') {
            self.at += 1;
            return Ok(Json::Array(items));
        }
        loop {
            items.push(self.value(depth + 1)?);
            self.skip_space();
            match self.peek() {
                Some(b',') => self.at += 1,
                Some(b']') => {
                    self.at += 1;
                    return Ok(Json::Array(items));
                }
                _ => return Err(self.error("expected , or ] in a list")),
            }
        }
    }

    fn object(&mut self, depth: usize) -> Result<Json, JsonTextError> {
        self.at += 1;
        let mut entries = Vec::new();
        self.skip_space();
        if self.peek() == Some(b'}') {
            self.at += 1;
            return Ok(Json::Object(entries));
        }
        loop {
            self.skip_space();
            if self.peek() != Some(b'"') {
                return Err(self.error("expected a quoted key"));
            }
            let key = self.string()?;
            self.skip_space();
            if self.peek() != Some(b':') {
                return Err(self.error("expected : after a key"));
            }
            self.at += 1;
            entries.push((key, self.value(depth + 1)?));
            self.skip_space();
            match self.peek() {
                Some(b',') => self.at += 1,
                Some(b'}') => {
                    self.at += 1;
                    return Ok(Json::Object(entries));
                }
                _ => return Err(self.error("expected , or } in an object")),
            }
        }
    }

    /// The items of a list of numbers only, `#,#,…,#]` just after its `[`, as the boundary
    /// writes every such list (a series' `[day, value]` samples, the horizons): read in one go
    /// and allocated once at their count, where item by item a 1,000-sample series cost more
    /// than its analysis. `None` (nothing read) for anything else, which the item-by-item
    /// reading then reads or refuses as it always has.
    fn marked_number_list(&mut self) -> Option<Vec<Json>> {
        let numbers = self.numbers?;
        let rest = self.bytes.get(self.at..)?;
        let mut count = 0;
        loop {
            match rest.get(2 * count..2 * count + 2)? {
                [b'#', b','] => count += 1,
                [b'#', b']'] => break count += 1,
                _ => return None,
            }
        }
        let values = numbers.get(self.next_number..self.next_number + count)?;
        self.next_number += count;
        self.at += 2 * count;
        Some(values.iter().map(|&x| Json::Number(x)).collect())
    }

    /// `(n)`: a list of `n` (at least 1) `[#,#]` pairs, the boundary's short form of
    /// `[[#,#],[#,#],…]` for a series of `[day, value]` samples. It reads as exactly what that
    /// text reads as; writing and reading a 1,000-sample series' 6,000 characters was about a
    /// quarter of the call. The pairs' numbers are two levels below the list, so the depth limit
    /// is the one that text would meet.
    fn marked_pair_list(&mut self, depth: usize) -> Result<Json, JsonTextError> {
        if depth + 2 > MAX_TEXT_DEPTH {
            return Err(self.error("nested too deeply"));
        }
        self.at += 1;
        let start = self.at;
        while matches!(self.peek(), Some(b'0'..=b'9')) {
            self.at += 1;
        }
        let count = self
            .text
            .get(start..self.at)
            .and_then(|digits| digits.parse::<usize>().ok())
            .filter(|&n| n > 0)
            .ok_or_else(|| self.error("expected a count of pairs"))?;
        if self.peek() != Some(b')') {
            return Err(self.error("expected ) after a count of pairs"));
        }
        self.at += 1;
        let end = count
            .checked_mul(2)
            .and_then(|marks| marks.checked_add(self.next_number))
            .ok_or_else(|| self.error("too many pairs"))?;
        let values = self
            .numbers
            .and_then(|n| n.get(self.next_number..end))
            .ok_or_else(|| self.error("fewer numbers than pairs"))?;
        self.next_number = end;
        if self.pairs {
            let mut pairs = Vec::with_capacity(count);
            for pair in values.chunks_exact(2) {
                if let &[a, b] = pair {
                    pairs.push((a, b));
                }
            }
            return Ok(Json::Pairs(pairs));
        }
        let pair = |p: &[f64]| Json::Array(p.iter().map(|&x| Json::Number(x)).collect());
        Ok(Json::Array(values.chunks_exact(2).map(pair).collect()))
    }

    fn marked_number(&mut self) -> Result<Json, JsonTextError> {
        let x = self
            .numbers
            .and_then(|n| n.get(self.next_number))
            .copied()
            .ok_or_else(|| self.error("unexpected character"))?;
        self.at += 1;
        self.next_number += 1;
        Ok(Json::Number(x))
    }

    fn number(&mut self) -> Result<Json, JsonTextError> {
        let start = self.at;
        if self.peek() == Some(b'-') {
            self.at += 1;
        }
        let digits = |r: &mut Self| {
            let from = r.at;
            while matches!(r.peek(), Some(b'0'..=b'9')) {
                r.at += 1;
            }
            r.at - from
        };
        let int_start = self.at;
        let n_int = digits(self);
        if n_int == 0 || (n_int > 1 && self.bytes.get(int_start) == Some(&b'0')) {
            return Err(self.error("not a JSON number"));
        }
        if self.peek() == Some(b'.') {
            self.at += 1;
            if digits(self) == 0 {
                return Err(self.error("not a JSON number"));
            }
        }
        if matches!(self.peek(), Some(b'e' | b'E')) {
            self.at += 1;
            if matches!(self.peek(), Some(b'+' | b'-')) {
                self.at += 1;
            }
            if digits(self) == 0 {
                return Err(self.error("not a JSON number"));
            }
        }
        let text = std::str::from_utf8(self.bytes.get(start..self.at).unwrap_or_default())
            .map_err(|_| self.error("not a JSON number"))?;
        // Rust and JavaScript both round a decimal to the nearest double, so the value is the one
        // JSON.parse would give; an overflow gives an infinity, which the readers then refuse.
        text.parse::<f64>()
            .map(Json::Number)
            .map_err(|_| self.error("not a JSON number"))
    }

    fn string(&mut self) -> Result<String, JsonTextError> {
        self.at += 1;
        let mut out = String::new();
        loop {
            let start = self.at;
            while let Some(b) = self.peek() {
                if b == b'"' || b == b'\\' || b < 0x20 {
                    break;
                }
                self.at += 1;
            }
            // The reader's input is text, and a chunk ends at an ASCII byte or the end, so it is
            // whole characters: taken as they are, not checked again.
            let chunk = self
                .text
                .get(start..self.at)
                .ok_or_else(|| self.error("not UTF-8 text"))?;
            out.push_str(chunk);
            match self.peek() {
                Some(b'"') => {
                    self.at += 1;
                    return Ok(out);
                }
                Some(b'\\') => {
                    self.at += 1;
                    let escaped = self.peek().ok_or_else(|| self.error("unfinished text"))?;
                    self.at += 1;
                    match escaped {
                        b'"' => out.push('"'),
                        b'\\' => out.push('\\'),
                        b'/' => out.push('/'),
                        b'b' => out.push('\u{8}'),
                        b'f' => out.push('\u{c}'),
                        b'n' => out.push('\n'),
                        b'r' => out.push('\r'),
                        b't' => out.push('\t'),
                        b'u' => out.push(self.unicode_escape()?),
                        _ => return Err(self.error("unknown escape in text")),
                    }
                }
                Some(_) => return Err(self.error("a control character inside text")),
                None => return Err(self.error("unfinished text")),
            }
        }
    }

    fn hex4(&mut self) -> Result<u32, JsonTextError> {
        let digits = self
            .bytes
            .get(self.at..self.at + 4)
            .and_then(|h| std::str::from_utf8(h).ok())
            .and_then(|h| u32::from_str_radix(h, 16).ok())
            .ok_or_else(|| self.error("bad \\u escape"))?;
        self.at += 4;
        Ok(digits)
    }

    fn unicode_escape(&mut self) -> Result<char, JsonTextError> {
        let first = self.hex4()?;
        let code = if (0xD800..0xDC00).contains(&first) {
            if self.bytes.get(self.at..self.at + 2) != Some(b"\\u") {
                return Err(self.error("unpaired surrogate in \\u escape"));
            }
            self.at += 2;
            let second = self.hex4()?;
            if !(0xDC00..0xE000).contains(&second) {
                return Err(self.error("unpaired surrogate in \\u escape"));
            }
            0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00)
        } else {
            first
        };
        char::from_u32(code).ok_or_else(|| self.error("unpaired surrogate in \\u escape"))
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod text_tests {
    use super::*;

    #[test]
    fn reads_what_json_parse_reads() {
        let v = parse_text(
            "\u{feff} {\"a\": [1, -2.5e1, true, null, \"x\\n\\u00b5\\ud83d\\ude00\"], \"a\": {}} ",
        )
        .unwrap();
        assert_eq!(
            v,
            Json::Object(vec![
                (
                    "a".into(),
                    Json::Array(vec![
                        Json::Number(1.0),
                        Json::Number(-25.0),
                        Json::Bool(true),
                        Json::Null,
                        Json::String("x\n\u{b5}\u{1f600}".into()),
                    ])
                ),
                ("a".into(), Json::Object(vec![])),
            ])
        );
        assert_eq!(parse_text("77.7").unwrap(), Json::Number(77.7));
        assert_eq!(parse_text("0.1").unwrap(), Json::Number(0.1));
    }

    #[test]
    fn refuses_what_json_parse_refuses() {
        for bad in [
            "",
            "{",
            "[1,]",
            "{\"a\" 1}",
            "01",
            "1.",
            ".5",
            "+1",
            "NaN",
            "'a'",
            "\"\t\"",
            "[1] 2",
            "{\"a\":1,}",
            "\"\\ud800\"",
            "\"\\x\"",
            "tru",
        ] {
            assert!(parse_text(bad).is_err(), "{bad:?}");
        }
        let deep = "[".repeat(MAX_TEXT_DEPTH + 2);
        assert_eq!(parse_text(&deep).unwrap_err().problem, "nested too deeply");
        assert_eq!(
            parse_text("[1,]").unwrap_err().to_string(),
            "unexpected character (at character 4)"
        );
    }

    /// The eight-bytes-at-a-time scan says what the byte-by-byte one says: every byte value at
    /// every place of texts up to 17 bytes long (two words and a rest), beside clean bytes and beside other bytes.
    #[test]
    fn escape_scan_agrees_with_a_byte_by_byte_scan() {
        let by_byte = |b: &[u8]| b.iter().any(|&b| b < 0x20 || b == b'"' || b == b'\\');
        for len in 0..=17 {
            for at in 0..len {
                for byte in 0..=255u8 {
                    for fill in [b'a', 0x7f, 0x80, 0x5d] {
                        let mut text = vec![fill; len];
                        text[at] = byte;
                        assert_eq!(
                            first_escape(&text, 0, false).is_some(),
                            by_byte(&text),
                            "{text:?}"
                        );
                        for from in 0..=len {
                            let first = text[from..].iter().position(|&b| by_byte(&[b]));
                            let got = first_escape(&text, from, false);
                            assert_eq!(got, first.map(|k| from + k), "{text:?} from {from}");
                            let first = text[from..]
                                .iter()
                                .position(|&b| b >= 0x80 || by_byte(&[b]));
                            let got = first_escape(&text, from, true);
                            assert_eq!(got, first.map(|k| from + k), "{text:?} from {from}");
                        }
                        let or_high = by_byte(&text) || text.iter().any(|&b| b >= 0x80);
                        assert_eq!(first_escape(&text, 0, true).is_some(), or_high, "{text:?}");
                    }
                }
            }
            assert_eq!(first_escape(&vec![b'a'; len], 0, true), None);
        }
    }

    /// `(n)` reads exactly as the `[[#,#],…]` list of n pairs it stands for, numbers, errors and
    /// depth limit included.
    #[test]
    fn a_pair_list_reads_as_the_pairs_written_out() {
        let expand = |text: &str| {
            let mut out = String::new();
            let mut rest = text;
            while let Some(open) = rest.find('(') {
                let close = open + rest[open..].find(')').unwrap();
                let n: usize = rest[open + 1..close].parse().unwrap();
                out.push_str(&rest[..open]);
                out.push('[');
                out.push_str(&vec!["[#,#]"; n].join(","));
                out.push(']');
                rest = &rest[close + 1..];
            }
            out + rest
        };
        let texts = [
            "(1)",
            "(3)",
            "{\"series\":{\"total\":(2),\"cd4\":(1)},\"horizonsDays\":[#,#]}",
            "[#,(2),\"a\",(1)]",
            "{\"series\":{\"total\":(1000)}}",
        ];
        for text in texts {
            let long = expand(text);
            let marks = long.matches('#').count();
            let numbers: Vec<f64> = (0..marks).map(|i| i as f64 * 1.25 - 3.0).collect();
            let short = parse_text_with_numbers(text, &numbers);
            assert!(short.is_ok(), "{text}");
            assert_eq!(short, parse_text_with_numbers(&long, &numbers), "{text}");
            // Numbers left over or missing are refused, as in the long form.
            assert!(parse_text_with_numbers(text, &numbers[1..]).is_err());
            let mut more = numbers.clone();
            more.push(1.0);
            assert!(parse_text_with_numbers(text, &more).is_err());
        }
        // Bits cross unchanged.
        let exact = parse_text_with_numbers("(1)", &[-0.0, f64::NAN]).unwrap();
        let Json::Array(pairs) = exact else {
            panic!("a list")
        };
        let Json::Array(pair) = &pairs[0] else {
            panic!("a pair")
        };
        assert!(matches!(pair[0], Json::Number(x) if x == 0.0 && x.is_sign_negative()));
        assert!(matches!(pair[1], Json::Number(x) if x.is_nan()));
        // Malformed counts, and plain JSON, are refused.
        for bad in [
            "(0)",
            "()",
            "(2",
            "(-1)",
            "(1,)",
            "( 1)",
            "(99999999999999999999999)",
        ] {
            assert!(parse_text_with_numbers(bad, &[1.0, 2.0]).is_err(), "{bad}");
        }
        assert!(parse_text("(1)").is_err());
        // The pairs are one level below the list: the deepest place a pair may stand.
        let at = |depth: usize| format!("{}(1){}", "[".repeat(depth), "]".repeat(depth));
        let long_at = |depth: usize| expand(&at(depth));
        for depth in MAX_TEXT_DEPTH - 3..=MAX_TEXT_DEPTH + 1 {
            let short = parse_text_with_numbers(&at(depth), &[1.0, 2.0]).map_err(|e| e.problem);
            let long = parse_text_with_numbers(&long_at(depth), &[1.0, 2.0]).map_err(|e| e.problem);
            assert_eq!(short, long, "depth {depth}");
        }
    }

    /// The boundary's text read with its numbers gives what the same text with the numbers
    /// written out gives (lists of numbers only are read in one go: see `marked_number_list`).
    #[test]
    fn marked_numbers_read_as_the_numbers_written_out() {
        let texts = [
            "[#,#]",
            "[[#,#],[#,#],[#,#]]",
            "{\"series\":{\"total\":[[#,#],[#,#]]},\"horizonsDays\":[#,#,#]}",
            "[#]",
            "[]",
            "[#,\"a\",#]",
            "[\"a\",#,#]",
            "[#,[#],#,{\"b\":[#,#]},null]",
            "[ #,#]",
            "[#, #]",
            "[#,#,]",
            "[#,#",
            "[#,",
            "[#",
            "[#,#]]",
        ];
        for text in texts {
            let marks = text.matches('#').count();
            let numbers: Vec<f64> = (0..marks).map(|i| i as f64 + 0.5).collect();
            let mut next = 0;
            let written: String = text
                .chars()
                .map(|c| {
                    if c == '#' {
                        next += 1;
                        format!("{}", next as f64 - 0.5)
                    } else {
                        c.to_string()
                    }
                })
                .collect();
            // (Offsets of errors differ: "1.5" is longer than "#".)
            let problem = |e: JsonTextError| e.problem;
            assert_eq!(
                parse_text_with_numbers(text, &numbers).map_err(problem),
                parse_text(&written).map_err(problem),
                "{text}"
            );
        }
        // Too few numbers, or too many: refused as before.
        assert!(parse_text_with_numbers("[#,#]", &[1.0]).is_err());
        assert!(parse_text_with_numbers("[#,#]", &[1.0, 2.0, 3.0]).is_err());
        let exact = parse_text_with_numbers("[#,#,#]", &[-0.0, f64::NAN, f64::INFINITY]).unwrap();
        let Json::Array(items) = exact else {
            panic!("a list")
        };
        assert!(matches!(items[0], Json::Number(x) if x == 0.0 && x.is_sign_negative()));
        assert!(matches!(items[1], Json::Number(x) if x.is_nan()));
        assert_eq!(items[2], Json::Number(f64::INFINITY));
        // Past the deepest nesting a list is refused whatever it holds.
        let deep = format!(
            "{}#{}",
            "[".repeat(MAX_TEXT_DEPTH + 1),
            "]".repeat(MAX_TEXT_DEPTH + 1)
        );
        assert_eq!(
            parse_text_with_numbers(&deep, &[1.0]).unwrap_err().problem,
            "nested too deeply"
        );
        let deepest = format!(
            "{}#{}",
            "[".repeat(MAX_TEXT_DEPTH),
            "]".repeat(MAX_TEXT_DEPTH)
        );
        assert!(parse_text_with_numbers(&deepest, &[1.0]).is_ok());
    }

    fn elements_of(text: &str, key: &str) -> Option<(String, Vec<String>)> {
        let split = split_list(text, key)?;
        let parts = split
            .elements
            .iter()
            .map(|r| text.get(r.clone()).unwrap().to_string())
            .collect();
        Some((split.wrapper, parts))
    }

    #[test]
    fn a_split_list_gives_the_wrapper_and_each_element_as_written() {
        let text = "\u{feff} { \"schema\": \"x\", \"cases\" : [ {\"a\": \"] } ,\\\" [\"}, [1, {\"b\": []}], -2.5e1 ,true,null,\"s\" ] , \"n\": 1 } ";
        let (wrapper, parts) = elements_of(text, "cases").unwrap();
        assert_eq!(
            parts,
            [
                "{\"a\": \"] } ,\\\" [\"}",
                "[1, {\"b\": []}]",
                "-2.5e1",
                "true",
                "null",
                "\"s\""
            ]
        );
        assert_eq!(
            wrapper,
            "\u{feff} { \"schema\": \"x\", \"cases\" : [] , \"n\": 1 } "
        );
        // Read piece by piece, the text gives exactly what reading it whole gives.
        let whole = parse_text(text).unwrap();
        let Some(Json::Array(items)) = whole.get("cases") else {
            panic!("cases")
        };
        let pieces: Vec<Json> = parts.iter().map(|p| parse_text(p).unwrap()).collect();
        assert_eq!(&pieces, items);
        assert_eq!(parse_text(&wrapper).unwrap().get("n"), whole.get("n"));
    }

    #[test]
    fn a_top_level_list_splits_and_an_empty_one_has_no_elements() {
        assert_eq!(
            elements_of("[{\"x\":1},{\"y\":[2]}]", "cases").unwrap(),
            (
                "[]".to_string(),
                vec!["{\"x\":1}".into(), "{\"y\":[2]}".into()]
            )
        );
        assert_eq!(
            elements_of(" [ ] ", "cases").unwrap(),
            (" [] ".to_string(), vec![])
        );
    }

    #[test]
    fn a_text_not_built_around_such_a_list_is_left_to_the_full_reader() {
        for text in [
            "",
            "12",
            "{\"cases\": {}}",
            "{\"other\": [1]}",
            "{\"cases\": [1, 2}",
            "[1 2]",
            "[1, 2",
            "[\"unterminated]",
            "{\"a\" 1, \"cases\": []}",
            "[{\"a\": [}]",
        ] {
            assert_eq!(split_list(text, "cases"), None, "{text}");
        }
    }
}

/// One step of the way to a value inside a written result: an object's key or a list's index.
#[derive(Debug, Clone, PartialEq)]
pub enum PathPart {
    /// A struct field (its serialized name).
    Field(&'static str),
    /// A map's key.
    Key(String),
    Index(usize),
}

/// A result written as JSON text ([`to_text`]), with the numbers JSON text cannot hold.
#[derive(Debug, Clone, PartialEq)]
pub struct ResultText {
    /// The result as JSON text; each NaN or ±Infinity is written as `null`.
    pub text: String,
    /// Where each NaN / ±Infinity is and its value: the wasm boundary puts them back after
    /// `JSON.parse`, so a result reads as the number it is, never as `null`.
    pub non_finite: Vec<(Vec<PathPart>, f64)>,
}

/// Why a result could not be written (a type JavaScript numbers or JSON objects cannot hold).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WriteError(pub String);

impl fmt::Display for WriteError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for WriteError {}

impl serde::ser::Error for WriteError {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        WriteError(msg.to_string())
    }
}

/// Writes a result as the JSON text whose `JSON.parse` is the value serde-wasm-bindgen's
/// JSON-compatible mode builds (`None` and `()` as `null`, maps as objects, unit variants as
/// their name, other variants as `{ name: value }`, 64-bit integers only within ±(2^53 - 1)).
/// The wasm boundary then needs one string and one `JSON.parse`, where building the object
/// field by field costs a call into JavaScript for every key and value.
pub fn to_text<T: Serialize + ?Sized>(value: &T) -> Result<ResultText, WriteError> {
    write_text(&value, false)
}

/// [`to_text`] with every character outside ASCII written as a `\uXXXX` escape (UTF-16 code
/// units, as JSON allows), so the text `JSON.parse` reads is the same value. For the wasm
/// boundary: Chromium decodes ASCII-only bytes into a string and parses it about twice as fast
/// as the same text with a "–" or "µ" in it (a 1.1 KB `gradeIcans` result: 2.7-5.1 against
/// 6.6-8.6 µs, three runs; the source citation's en dashes were the only such characters).
pub fn to_ascii_text<T: Serialize + ?Sized>(value: &T) -> Result<ResultText, WriteError> {
    write_text(&value, true)
}

/// Not generic (the value comes behind a pointer, as each field's does): compiled once, not once
/// per result type.
fn write_text(value: &dyn WriteValue, ascii: bool) -> Result<ResultText, WriteError> {
    let mut w = TextWriter {
        // Most results (an ICANS grade with its domains) fit without growing.
        out: String::with_capacity(2048),
        path: Vec::new(),
        non_finite: Vec::new(),
        ascii,
    };
    value.write_to(&mut w)?;
    Ok(ResultText {
        text: w.out,
        non_finite: w.non_finite,
    })
}

/// Where the first byte of `bytes` at or after `from` is that must be escaped in a JSON string
/// (a control character, `"` or `\\`; with `ascii`, also any byte of a character outside
/// ASCII). Eight bytes are tested at a time: every result carries long constant texts (the
/// `source` citation, the units) that are scanned on every call, and at `opt-level = "z"` a
/// byte-by-byte scan was most of writing them; a long text with one escape in it (the source
/// citation's en dashes, in ASCII mode) is stepped over the same way between its escapes. The
/// word tests are the exact "has a byte less than n" and "has a zero byte" tests of Anderson's
/// "Bit Twiddling Hacks" (Stanford, `HasLessInWord`, `ZeroInWord`): a word has such a byte
/// exactly when the test is non-zero.
fn first_escape(bytes: &[u8], from: usize, ascii: bool) -> Option<usize> {
    const ONES: u64 = u64::MAX / 255; // 0x0101…01
    const HIGH: u64 = ONES * 0x80;
    let has_zero = |w: u64| w.wrapping_sub(ONES) & !w & HIGH != 0;
    let needs = |b: u8| b < 0x20 || b == b'"' || b == b'\\' || (ascii && b >= 0x80);
    let mut words = bytes.get(from..)?.chunks_exact(8);
    let mut at = from;
    for chunk in &mut words {
        let mut word = [0u8; 8];
        word.copy_from_slice(chunk);
        let w = u64::from_le_bytes(word);
        let control = w.wrapping_sub(ONES * 0x20) & !w & HIGH != 0;
        if control
            || (ascii && w & HIGH != 0)
            || has_zero(w ^ (ONES * u64::from(b'"')))
            || has_zero(w ^ (ONES * u64::from(b'\\')))
        {
            return chunk.iter().position(|&b| needs(b)).map(|k| at + k);
        }
        at += 8;
    }
    words
        .remainder()
        .iter()
        .position(|&b| needs(b))
        .map(|k| at + k)
}

struct TextWriter {
    out: String,
    /// Where the value being written is (kept only so a non-finite number can be found again).
    path: Vec<PathPart>,
    non_finite: Vec<(Vec<PathPart>, f64)>,
    /// Characters outside ASCII written as escapes ([`to_ascii_text`]).
    ascii: bool,
}

/// The largest integer a JavaScript number holds exactly (`Number.MAX_SAFE_INTEGER`).
const MAX_SAFE_INTEGER: u64 = (1 << 53) - 1;

impl TextWriter {
    fn write_f64(&mut self, x: f64) {
        use std::fmt::Write as _;
        if !x.is_finite() {
            self.non_finite.push((self.path.clone(), x));
            self.out.push_str("null");
        } else if x.fract() == 0.0 && x.abs() <= MAX_SAFE_INTEGER as f64 {
            // Whole numbers (grades, days, counts: most of a result) without the float printer:
            // the digits of the integer, which is exactly the shortest text for it; -0 keeps its
            // sign ("-0", which JSON.parse reads as -0).
            if x.is_sign_negative() {
                self.out.push('-');
            }
            self.write_digits(x.abs() as u64);
        } else {
            // Rust prints the shortest text that reads back as the same double, as JavaScript
            // does.
            let _ = write!(self.out, "{x}");
        }
    }

    /// The decimal digits of `v`.
    fn write_digits(&mut self, mut v: u64) {
        let mut digits = [0u8; 20];
        let mut at = digits.len();
        loop {
            at -= 1;
            if let Some(d) = digits.get_mut(at) {
                *d = b'0' + (v % 10) as u8;
            }
            v /= 10;
            if v == 0 || at == 0 {
                break;
            }
        }
        for &d in digits.get(at..).unwrap_or_default() {
            self.out.push(char::from(d));
        }
    }

    fn write_u64(&mut self, v: u64) -> Result<(), WriteError> {
        if v > MAX_SAFE_INTEGER {
            return Err(WriteError(format!(
                "{v} can't be represented as a JavaScript number"
            )));
        }
        self.write_digits(v);
        Ok(())
    }

    fn write_i64(&mut self, v: i64) -> Result<(), WriteError> {
        if v.unsigned_abs() > MAX_SAFE_INTEGER {
            return Err(WriteError(format!(
                "{v} can't be represented as a JavaScript number"
            )));
        }
        if v < 0 {
            self.out.push('-');
        }
        self.write_digits(v.unsigned_abs());
        Ok(())
    }

    /// `\\u` and the four hex digits of a UTF-16 code unit (without the float printer's
    /// formatting machinery).
    fn write_unicode_escape(&mut self, unit: u16) {
        const HEX: &[u8; 16] = b"0123456789abcdef";
        self.out.push_str("\\u");
        for shift in [12, 8, 4, 0] {
            let digit = HEX.get(usize::from((unit >> shift) & 0xf)).copied();
            self.out.push(char::from(digit.unwrap_or(b'0')));
        }
    }

    fn write_str(&mut self, s: &str) {
        self.out.push('"');
        // Most text (field names, grades, messages) needs no escape: it is copied in one piece;
        // other text in pieces between the bytes that must be escaped.
        let bytes = s.as_bytes();
        let Some(mut at) = first_escape(bytes, 0, self.ascii) else {
            self.out.push_str(s);
            self.out.push('"');
            return;
        };
        let mut from = 0;
        loop {
            let escape = match bytes.get(at).copied().unwrap_or_default() {
                b'"' => "\\\"",
                b'\\' => "\\\\",
                b'\n' => "\\n",
                b'\r' => "\\r",
                b'\t' => "\\t",
                0x08 => "\\b",
                0x0c => "\\f",
                _ => "", // another control character, or (ASCII mode) a character outside ASCII
            };
            self.out.push_str(s.get(from..at).unwrap_or_default());
            // `at` is where a character starts: everything before it from `from` is ASCII or
            // (not in ASCII mode) whole characters that need no escape.
            let c = s
                .get(at..)
                .and_then(|rest| rest.chars().next())
                .unwrap_or('\u{fffd}');
            if escape.is_empty() {
                for &unit in c.encode_utf16(&mut [0; 2]).iter() {
                    self.write_unicode_escape(unit);
                }
            } else {
                self.out.push_str(escape);
            }
            from = at + c.len_utf8();
            match first_escape(bytes, from, self.ascii) {
                Some(next) => at = next,
                None => break,
            }
        }
        self.out.push_str(s.get(from..).unwrap_or_default());
        self.out.push('"');
    }

    /// Opens a list (`[`) or an object (`{`), inside `{"name":` for an enum's data-carrying
    /// variant.
    fn open(&mut self, bracket: char, variant: Option<&'static str>) -> Compound<'_> {
        if let Some(name) = variant {
            self.open_variant(name);
        }
        self.out.push(bracket);
        Compound {
            w: self,
            first: true,
            index: 0,
            variant: variant.is_some(),
        }
    }

    /// `{"name":` for an enum's data-carrying variant, closed by [`TextWriter::close_variant`].
    fn open_variant(&mut self, variant: &'static str) {
        self.out.push('{');
        self.write_str(variant);
        self.out.push(':');
        self.path.push(PathPart::Field(variant));
    }

    fn close_variant(&mut self) {
        self.path.pop();
        self.out.push('}');
    }
}

/// A list, object or variant being written; `first` says whether a comma is due.
struct Compound<'a> {
    w: &'a mut TextWriter,
    first: bool,
    index: usize,
    /// Closes `{"name": ...}` around the value (data-carrying enum variants).
    variant: bool,
}

impl Compound<'_> {
    fn comma(&mut self) {
        if !self.first {
            self.w.out.push(',');
        }
        self.first = false;
    }

    // The steps around each value are kept out of line, and the value is passed on as a
    // `&dyn WriteValue`: the generic `element` / `field` are then only a call, where before
    // each value type compiled its own copy with the whole of that value's writing inlined in it
    // (13.5 KB of wasm in all).
    #[inline(never)]
    fn begin_element(&mut self) {
        self.comma();
        self.w.path.push(PathPart::Index(self.index));
        self.index += 1;
    }

    #[inline(never)]
    fn begin_field(&mut self, key: &'static str) {
        self.comma();
        self.w.write_str(key);
        self.w.out.push(':');
        self.w.path.push(PathPart::Field(key));
    }

    fn element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), WriteError> {
        self.element_dyn(&value)
    }

    #[inline(never)]
    fn element_dyn(&mut self, value: &dyn WriteValue) -> Result<(), WriteError> {
        self.begin_element();
        value.write_to(self.w)?;
        self.w.path.pop();
        Ok(())
    }

    fn field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<(), WriteError> {
        self.field_dyn(key, &value)
    }

    #[inline(never)]
    fn field_dyn(&mut self, key: &'static str, value: &dyn WriteValue) -> Result<(), WriteError> {
        self.begin_field(key);
        value.write_to(self.w)?;
        self.w.path.pop();
        Ok(())
    }

    fn end(self, close: char) {
        self.w.out.push(close);
        if self.variant {
            self.w.close_variant();
        }
    }
}

/// A value written through a [`TextWriter`], behind a pointer so that the steps around each
/// field and element are compiled once, not once per value type.
trait WriteValue {
    fn write_to(&self, w: &mut TextWriter) -> Result<(), WriteError>;
}

impl<T: Serialize + ?Sized> WriteValue for &T {
    fn write_to(&self, w: &mut TextWriter) -> Result<(), WriteError> {
        (**self).serialize(w)
    }
}

/// Every integer type is written through the 64-bit writer of its sign.
macro_rules! integers {
    ($($method:ident: $t:ty => $via:ident),*) => {$(
        fn $method(self, v: $t) -> Result<(), WriteError> {
            self.$via(v.into())
        }
    )*};
}

impl<'a> Serializer for &'a mut TextWriter {
    type Ok = ();
    type Error = WriteError;
    type SerializeSeq = Compound<'a>;
    type SerializeTuple = Compound<'a>;
    type SerializeTupleStruct = Compound<'a>;
    type SerializeTupleVariant = Compound<'a>;
    type SerializeMap = Compound<'a>;
    type SerializeStruct = Compound<'a>;
    type SerializeStructVariant = Compound<'a>;

    fn serialize_bool(self, v: bool) -> Result<(), WriteError> {
        self.out.push_str(if v { "true" } else { "false" });
        Ok(())
    }
    integers!(
        serialize_i8: i8 => write_i64,
        serialize_i16: i16 => write_i64,
        serialize_i32: i32 => write_i64,
        serialize_i64: i64 => write_i64,
        serialize_u8: u8 => write_u64,
        serialize_u16: u16 => write_u64,
        serialize_u32: u32 => write_u64,
        serialize_u64: u64 => write_u64
    );
    fn serialize_f32(self, v: f32) -> Result<(), WriteError> {
        self.write_f64(v.into());
        Ok(())
    }
    fn serialize_f64(self, v: f64) -> Result<(), WriteError> {
        self.write_f64(v);
        Ok(())
    }
    fn serialize_char(self, v: char) -> Result<(), WriteError> {
        self.write_str(v.encode_utf8(&mut [0; 4]));
        Ok(())
    }
    fn serialize_str(self, v: &str) -> Result<(), WriteError> {
        self.write_str(v);
        Ok(())
    }
    /// Bytes as a list of numbers (serde-wasm-bindgen's JSON-compatible mode does the same).
    fn serialize_bytes(self, v: &[u8]) -> Result<(), WriteError> {
        let mut seq = self.serialize_seq(Some(v.len()))?;
        for b in v {
            serde::ser::SerializeSeq::serialize_element(&mut seq, b)?;
        }
        serde::ser::SerializeSeq::end(seq)
    }
    fn serialize_none(self) -> Result<(), WriteError> {
        self.out.push_str("null");
        Ok(())
    }
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<(), WriteError> {
        value.serialize(self)
    }
    fn serialize_unit(self) -> Result<(), WriteError> {
        self.out.push_str("null");
        Ok(())
    }
    fn serialize_unit_struct(self, _name: &'static str) -> Result<(), WriteError> {
        self.serialize_unit()
    }
    fn serialize_unit_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
    ) -> Result<(), WriteError> {
        self.write_str(variant);
        Ok(())
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        value: &T,
    ) -> Result<(), WriteError> {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        value: &T,
    ) -> Result<(), WriteError> {
        self.open_variant(variant);
        value.serialize(&mut *self)?;
        self.close_variant();
        Ok(())
    }
    fn serialize_seq(self, _len: Option<usize>) -> Result<Compound<'a>, WriteError> {
        Ok(self.open('[', None))
    }
    fn serialize_tuple(self, len: usize) -> Result<Compound<'a>, WriteError> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_struct(
        self,
        _name: &'static str,
        len: usize,
    ) -> Result<Compound<'a>, WriteError> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        _len: usize,
    ) -> Result<Compound<'a>, WriteError> {
        Ok(self.open('[', Some(variant)))
    }
    fn serialize_map(self, _len: Option<usize>) -> Result<Compound<'a>, WriteError> {
        Ok(self.open('{', None))
    }
    fn serialize_struct(self, _name: &'static str, len: usize) -> Result<Compound<'a>, WriteError> {
        self.serialize_map(Some(len))
    }
    fn serialize_struct_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        _len: usize,
    ) -> Result<Compound<'a>, WriteError> {
        Ok(self.open('{', Some(variant)))
    }
}

/// The four list-like parts of a serde serializer all write the same: `[a,b,...]`.
macro_rules! list_like {
    ($($part:ident::$add:ident),*) => {$(
        impl serde::ser::$part for Compound<'_> {
            type Ok = ();
            type Error = WriteError;
            fn $add<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), WriteError> {
                self.element(value)
            }
            fn end(self) -> Result<(), WriteError> {
                Compound::end(self, ']');
                Ok(())
            }
        }
    )*};
}

list_like!(
    SerializeSeq::serialize_element,
    SerializeTuple::serialize_element,
    SerializeTupleStruct::serialize_field,
    SerializeTupleVariant::serialize_field
);

impl serde::ser::SerializeMap for Compound<'_> {
    type Ok = ();
    type Error = WriteError;
    /// Keys must be text (as JavaScript object keys are); the key is kept in the path.
    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<(), WriteError> {
        self.comma();
        let mut k = TextWriter {
            out: String::new(),
            path: Vec::new(),
            non_finite: Vec::new(),
            ascii: self.w.ascii,
        };
        key.serialize(&mut k)?;
        let name = match parse_text(&k.out) {
            Ok(Json::String(name)) => name,
            Ok(_) | Err(_) => return Err(WriteError("a map key is not text".into())),
        };
        self.w.out.push_str(&k.out);
        self.w.out.push(':');
        self.w.path.push(PathPart::Key(name));
        Ok(())
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), WriteError> {
        value.serialize(&mut *self.w)?;
        self.w.path.pop();
        Ok(())
    }
    fn end(self) -> Result<(), WriteError> {
        Compound::end(self, '}');
        Ok(())
    }
}

/// A struct and a struct variant's fields both write `{"name":value,...}`.
macro_rules! struct_like {
    ($($part:ident),*) => {$(
        impl serde::ser::$part for Compound<'_> {
            type Ok = ();
            type Error = WriteError;
            fn serialize_field<T: Serialize + ?Sized>(
                &mut self,
                key: &'static str,
                value: &T,
            ) -> Result<(), WriteError> {
                self.field(key, value)
            }
            fn end(self) -> Result<(), WriteError> {
                Compound::end(self, '}');
                Ok(())
            }
        }
    )*};
}

struct_like!(SerializeStruct, SerializeStructVariant);
