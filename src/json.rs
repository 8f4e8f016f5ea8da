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
use std::fmt;

#[derive(Debug, Clone, PartialEq)]
pub enum Json {
    Null,
    Bool(bool),
    Number(f64),
    String(String),
    Array(Vec<Json>),
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
            Json::Array(_) => "a list".into(),
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
            Json::Null | Json::Bool(_) | Json::Number(_) | Json::String(_) | Json::Array(_) => None,
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
