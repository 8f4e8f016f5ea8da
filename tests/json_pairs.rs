//! `Json::Pairs` (a series read flat from the JS API's `(n)`, `json::parse_text_with_pairs`)
//! against the `Array` of two-number `Array`s the same text reads as otherwise
//! (`json::parse_text_with_numbers`): the same value once written out (`json::pairs_written_out`), the same text errors, and
//! the same `kinetics` results and errors (field and message), for random values written as
//! `www/boundary.js` writes them — number lists, pair lists, empty, nested and mixed lists, and
//! NaN, -0 and ±Infinity, which cross in the numbers array.
#![cfg(not(target_arch = "wasm32"))]

use icans_calc::api;
use icans_calc::json::{self, Json};
use proptest::prelude::*;

/// A value as a caller hands it to the JS API.
#[derive(Debug, Clone)]
enum V {
    Null,
    Bool(bool),
    Num(f64),
    Text(String),
    List(Vec<V>),
    Obj(Vec<(String, V)>),
}

/// The text and numbers `www/boundary.js` writes for `v`: `#` per number, `[#,…]` for a list of
/// numbers only, `(n)` for a non-empty list of two-number lists only.
fn write(v: &V, out: &mut String, numbers: &mut Vec<f64>) {
    match v {
        V::Null => out.push_str("null"),
        V::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        V::Num(x) => {
            numbers.push(*x);
            out.push('#');
        }
        V::Text(s) => out.push_str(&serde_json::to_string(s).unwrap_or_default()),
        V::List(items) => {
            let pair = |item: &V| matches!(item, V::List(p) if p.len() == 2 && p.iter().all(|x| matches!(x, V::Num(_))));
            if !items.is_empty() && items.iter().all(pair) {
                for item in items {
                    if let V::List(p) = item {
                        for x in p {
                            if let V::Num(x) = x {
                                numbers.push(*x);
                            }
                        }
                    }
                }
                out.push_str(&format!("({})", items.len()));
                return;
            }
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write(item, out, numbers);
            }
            out.push(']');
        }
        V::Obj(entries) => {
            out.push('{');
            for (i, (k, item)) in entries.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                out.push_str(&serde_json::to_string(k).unwrap_or_default());
                out.push(':');
                write(item, out, numbers);
            }
            out.push('}');
        }
    }
}

/// A value as text that tells every number by its bits (NaN, -0 and ±Infinity included).
fn canon(j: &Json) -> String {
    match j {
        Json::Null => "null".into(),
        Json::Bool(b) => b.to_string(),
        Json::Number(x) => format!("n{:016x}", x.to_bits()),
        Json::String(s) => format!("{s:?}"),
        Json::Array(items) => format!(
            "[{}]",
            items.iter().map(canon).collect::<Vec<_>>().join(",")
        ),
        // As the list it stands for: a reader of either gets the same numbers in the same places.
        Json::Pairs(pairs) => canon(&Json::Array(json::pairs_written_out(pairs))),
        Json::Object(entries) => format!(
            "{{{}}}",
            entries
                .iter()
                .map(|(k, v)| format!("{k:?}:{}", canon(v)))
                .collect::<Vec<_>>()
                .join(",")
        ),
    }
}

/// `kinetics` on `input`, as text that can be compared (result text and non-finite numbers, or
/// the error's field and message).
fn kinetics_outcome(input: &Json) -> String {
    match api::kinetics(input) {
        Ok(result) => match json::to_ascii_text(&result) {
            Ok(t) => format!("ok {} {:?}", t.text, t.non_finite),
            Err(e) => format!("write error {e:?}"),
        },
        Err(e) => format!("error {} | {}", e.field, e),
    }
}

/// Reads `text` both ways and checks they agree; returns the two values when both read.
fn both(text: &str, numbers: &[f64]) -> Option<(Json, Json)> {
    let plain = json::parse_text_with_numbers(text, numbers);
    let pairs = json::parse_text_with_pairs(text, numbers);
    assert_eq!(
        pairs.as_ref().map(canon),
        plain.as_ref().map(canon),
        "{text} {numbers:?}"
    );
    Some((plain.ok()?, pairs.ok()?))
}

fn number() -> impl Strategy<Value = f64> {
    prop_oneof![
        4 => (0u32..60).prop_map(f64::from),
        3 => -5.0f64..500.0,
        1 => Just(f64::NAN),
        1 => Just(-0.0),
        1 => Just(f64::INFINITY),
        1 => Just(f64::NEG_INFINITY),
        1 => any::<f64>(),
    ]
}

fn pair() -> impl Strategy<Value = V> {
    (number(), number()).prop_map(|(a, b)| V::List(vec![V::Num(a), V::Num(b)]))
}

/// Any value, lists of every kind in it.
fn value() -> impl Strategy<Value = V> {
    let leaf = prop_oneof![
        Just(V::Null),
        any::<bool>().prop_map(V::Bool),
        number().prop_map(V::Num),
        "[a-z]{0,4}".prop_map(V::Text),
    ];
    leaf.prop_recursive(5, 64, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(V::List),
            prop::collection::vec(number().prop_map(V::Num), 0..6).prop_map(V::List),
            prop::collection::vec(pair(), 0..6).prop_map(V::List),
            prop::collection::vec(("[a-z]{1,3}", inner), 0..4).prop_map(V::Obj),
        ]
    })
}

/// A series: mostly pairs (days from a small range, so duplicates happen), sometimes spoiled.
fn series() -> impl Strategy<Value = V> {
    let day = prop_oneof![30 => (0u32..2000).prop_map(|d| f64::from(d) * 0.25), 1 => (0u32..4).prop_map(f64::from), 1 => number()];
    let count = prop_oneof![12 => 0.0f64..500.0, 1 => number()];
    let sample = (day, count)
        .prop_map(|(d, v)| V::List(vec![V::Num(d), V::Num(v)]))
        .boxed();
    prop_oneof![
        16 => prop::collection::vec(sample.clone(), 0..40).prop_map(V::List),
        1 => (prop::collection::vec(sample, 1..10), value(), any::<prop::sample::Index>()).prop_map(
            |(mut items, odd, at)| {
                let at = at.index(items.len() + 1);
                items.insert(at, odd);
                V::List(items)
            }
        ),
        1 => value(),
    ]
}

/// A `kinetics` input, right or wrong in any of its parts.
fn kinetics_input() -> impl Strategy<Value = V> {
    let names = prop_oneof![
        12 => prop::sample::subsequence(vec!["total", "cd4", "cd8"], 1..=3),
        1 => prop::collection::vec(prop::sample::select(vec!["total", "cd4", "cd8", "cd9"]), 0..4),
    ];
    let series_set = prop_oneof![
        9 => (names, prop::collection::vec(series(), 4)).prop_map(|(names, series)| V::Obj(
            names.into_iter().zip(series).map(|(k, v)| (k.to_string(), v)).collect()
        )),
        1 => series(),
    ];
    let method = prop_oneof![
        3 => Just(None),
        3 => Just(Some(V::Text("linear".into()))),
        3 => Just(Some(V::Text("linUpLogDown".into()))),
        1 => value().prop_map(Some),
    ];
    let horizon = prop_oneof![8 => (1u32..400).prop_map(f64::from), 1 => number()];
    let horizons = prop_oneof![
        6 => Just(None),
        6 => prop::collection::vec(horizon.prop_map(V::Num), 0..4).prop_map(|h| Some(V::List(h))),
        1 => prop::collection::vec(pair(), 1..3).prop_map(|h| Some(V::List(h))),
        1 => value().prop_map(Some),
    ];
    (series_set, method, horizons, prop::bool::weighted(0.05)).prop_map(|(s, m, h, extra)| {
        let mut entries = vec![("series".to_string(), s)];
        if let Some(m) = m {
            entries.push(("method".into(), m));
        }
        if let Some(h) = h {
            entries.push(("horizonsDays".into(), h));
        }
        if extra {
            entries.push(("seriesTotal".into(), V::Null));
        }
        V::Obj(entries)
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(3_000))]

    /// Any value reads the same both ways.
    #[test]
    fn any_value_reads_the_same(v in value()) {
        let (mut text, mut numbers) = (String::new(), Vec::new());
        write(&v, &mut text, &mut numbers);
        prop_assert!(both(&text, &numbers).is_some(), "{text}");
    }

    /// `kinetics` says the same of the same input read either way.
    #[test]
    fn kinetics_says_the_same(v in kinetics_input()) {
        let (mut text, mut numbers) = (String::new(), Vec::new());
        write(&v, &mut text, &mut numbers);
        let (plain, pairs) = both(&text, &numbers).unwrap_or((Json::Null, Json::Null));
        prop_assert_eq!(kinetics_outcome(&pairs), kinetics_outcome(&plain), "{}", text);
    }

    /// Texts whose counts and numbers do not match fail the same way, at the same place.
    #[test]
    fn broken_texts_fail_the_same(
        parts in prop::collection::vec(prop::sample::select(vec![
            "(", ")", "(0)", "(1)", "(2)", "(3)", "(x)", "#", ",", "[", "]", "{\"a\":", "}", "(999999999999999999999)",
        ]), 0..8),
        numbers in prop::collection::vec(number(), 0..8),
    ) {
        let text: String = parts.concat();
        both(&text, &numbers);
    }
}

/// The samples of a pair list are the core's to judge, with the sample's path, as before: the
/// first bad one in the caller's order.
#[test]
fn a_bad_sample_is_named_as_before() {
    let cases: [(&[f64], &str); 5] = [
        (&[0.0, 1.0, 7.0, f64::NAN], "series.total[1]"),
        (&[0.0, 1.0, f64::INFINITY, 2.0], "series.total[1]"),
        (&[0.0, 1.0, 7.0, -0.0, 7.0, 3.0], "series.total[2]"),
        (&[-0.0, 1.0, 7.0, -1.0], "series.total[1]"),
        (&[0.0, 1.0, -1.0, 2.0], "series.total[1]"),
    ];
    for (numbers, field) in cases {
        let text = format!("{{\"series\":{{\"total\":({})}}}}", numbers.len() / 2);
        let (plain, pairs) = both(&text, numbers).unwrap_or((Json::Null, Json::Null));
        assert!(matches!(
            pairs.get("series").and_then(|s| s.get("total")),
            Some(Json::Pairs(_))
        ));
        let got = kinetics_outcome(&pairs);
        assert_eq!(got, kinetics_outcome(&plain));
        assert!(
            got.starts_with(&format!("error {field} | {field}: ")),
            "{got}"
        );
    }
}
