//! The JS API's results written as JSON text (`json::to_text`, what the wasm boundary hands to
//! `JSON.parse`) read back as exactly what serde writes, key order included; and the boundary's
//! input text (`json::parse_text_with_numbers`) reads as the plain JSON it stands for.
#![cfg(not(target_arch = "wasm32"))]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use icans_calc::api;
use icans_calc::example::example_case_json;
use icans_calc::json::{self, Json, PathPart, parse_text, parse_text_with_numbers, to_text};
use serde::Serialize;

/// Keys in order, numbers as f64: the shape a `JSON.parse` of either text gives (read by the
/// crate's reader, which rounds each decimal to the nearest double as `JSON.parse` does;
/// serde_json's default reader can be one unit in the last place off).
fn read(text: &str) -> Json {
    parse_text(text).unwrap()
}

fn same_as_serde<T: Serialize>(value: &T) {
    let ours = to_text(value).unwrap();
    assert!(ours.non_finite.is_empty());
    assert_eq!(
        read(&ours.text),
        read(&serde_json::to_string(value).unwrap())
    );
}

fn input(text: &str) -> Json {
    parse_text(text).unwrap()
}

#[test]
fn every_api_result_reads_back_as_serde_writes_it() {
    let icans = [
        r#"{"ageYears":39,"ice":{"orientation":1,"naming":1,"commands":0,"writing":0,"attention":0},"consciousness":"awakensToVoice","seizure":"none","motor":"none","icpEdema":"none"}"#,
        r#"{"ice":"unarousable"}"#,
        r#"{"ageYears":5,"capd":["never","rarely","sometimes","often","always","never","never","never"],"otherCause":["consciousness"],"consciousness":"unarousable"}"#,
        r#"{"consciousness":"alert"}"#,
    ];
    for t in icans {
        same_as_serde(&api::grade_icans(&input(t)).unwrap());
    }
    for t in [
        r#"{"fever":"present","hypotension":"oneVasopressor","oxygen":"nasalCannula","oxygenLitersPerMin":6}"#,
        r#"{"temperatureC":37}"#,
        r#"{"fever":"masked","oxygen":"cpap"}"#,
    ] {
        same_as_serde(&api::grade_crs(&input(t)).unwrap());
    }
    for t in [
        r#"{"series":{"total":[[14,77.7],[28,27.9],[90,2.5],[180,0.76]],"cd4":[[14,40],[28,10]],"cd8":[[14,0.5],[28,0]]}}"#,
        r#"{"series":{"total":[[0,0],[7,128],[14,64],[21,32],[28,16]]},"method":"linUpLogDown","horizonsDays":[28,90,3.5]}"#,
        r#"{"series":{"total":[[1,0],[2,0]]}}"#,
    ] {
        same_as_serde(&api::kinetics(&input(t)).unwrap());
    }
    same_as_serde(
        &api::steroid_dose(&input(
            r#"{"medications":[{"day":14,"drug":"dexamethasone","mg":20,"route":"iv"},{"day":14.04,"drug":"dexamethasone","mg":4,"route":"it"},{"day":15,"drug":"methylprednisolone","mg":1000,"route":"iv"},{"day":15,"drug":"tocilizumab","mg":560,"route":"iv"}]}"#,
        ))
        .unwrap(),
    );
    same_as_serde(
        &api::hematotox(&input(
            r#"{"plateletsPerUl":120000,"ancPerUl":900,"hbGPerDl":8.5,"crpMgPerL":45,"ferritinNgPerMl":2500}"#,
        ))
        .unwrap(),
    );
    let example = example_case_json();
    same_as_serde(&api::evaluate_case(&example).unwrap());
    same_as_serde(&api::evaluate_cohort(&Json::Array(vec![example.clone(), Json::Null])).unwrap());
    // Batch elements: `{ ok }` / `{ error: { field, message } }` (newtype variants).
    let batch = api::batch(
        &[input(r#"{"ice":"unarousable"}"#), input(r#"{"ice":5}"#)],
        api::grade_icans,
    );
    same_as_serde(&batch);
    // The case file as the page saves it.
    same_as_serde(&api::case_to_json(&api::parse_case(&example).unwrap()));
}

#[test]
fn numbers_are_written_so_json_parse_gives_the_same_double() {
    for x in [
        0.0,
        -0.0,
        0.1,
        77.7,
        1333.0,
        1e21,
        1e-7,
        5e-324,
        f64::MAX,
        f64::MIN_POSITIVE,
        -2.5e-300,
        1.0 / 3.0,
        14.0,
        -28.0,
        9007199254740991.0,
        9007199254740992.0,
        -9007199254740993.0,
        1e300,
        123456789012345.0,
    ] {
        let text = to_text(&x).unwrap().text;
        let back: f64 = text.parse().unwrap();
        assert_eq!(back.to_bits(), x.to_bits(), "{x} written as {text}");
    }
    assert_eq!(to_text(&-0.0).unwrap().text, "-0");
    assert_eq!(to_text(&0.0).unwrap().text, "0");
    assert_eq!(to_text(&[14.0, -3.0, 7.5]).unwrap().text, "[14,-3,7.5]");
    assert_eq!(
        to_text(&(0u8, -5i32, 1234567u64)).unwrap().text,
        "[0,-5,1234567]"
    );
    assert!(
        to_text(&(1u64 << 53))
            .unwrap_err()
            .to_string()
            .contains("JavaScript number")
    );
    assert_eq!(
        to_text(&((1u64 << 53) - 1)).unwrap().text,
        "9007199254740991"
    );
    assert!(to_text(&i64::MIN).is_err());
}

#[test]
fn text_is_escaped_as_json_requires() {
    let s = "a\"b\\c\n\r\t\u{8}\u{c}\u{1}\u{1f}µ😀\u{2028}";
    let out = to_text(&s).unwrap().text;
    assert_eq!(
        out,
        "\"a\\\"b\\\\c\\n\\r\\t\\b\\f\\u0001\\u001fµ😀\u{2028}\""
    );
    assert_eq!(read(&out), Json::String(s.into()));
}

#[test]
fn non_finite_numbers_are_written_as_null_with_their_place() {
    #[derive(Serialize)]
    #[serde(rename_all = "camelCase")]
    struct Inner {
        adj_r2: f64,
        list: Vec<Option<f64>>,
    }
    #[derive(Serialize)]
    enum Wrap {
        Ok(Inner),
    }
    let value = vec![Wrap::Ok(Inner {
        adj_r2: f64::NAN,
        list: vec![Some(1.0), None, Some(f64::NEG_INFINITY)],
    })];
    let out = to_text(&value).unwrap();
    assert_eq!(out.text, r#"[{"Ok":{"adjR2":null,"list":[1,null,null]}}]"#);
    assert_eq!(out.non_finite.len(), 2);
    assert_eq!(
        out.non_finite[0].0,
        [
            PathPart::Index(0),
            PathPart::Field("Ok"),
            PathPart::Field("adjR2")
        ]
    );
    assert!(out.non_finite[0].1.is_nan());
    assert_eq!(
        out.non_finite[1],
        (
            vec![
                PathPart::Index(0),
                PathPart::Field("Ok"),
                PathPart::Field("list"),
                PathPart::Index(2)
            ],
            f64::NEG_INFINITY
        )
    );
    // A map's keys are kept as text in the place.
    let map = Json::Object(vec![("x y".into(), Json::Number(f64::INFINITY))]);
    let out = to_text(&map).unwrap();
    assert_eq!(out.text, r#"{"x y":null}"#);
    assert_eq!(out.non_finite[0].0, [PathPart::Key("x y".into())]);
    // A bare number.
    let out = to_text(&f64::NAN).unwrap();
    assert_eq!((out.text.as_str(), out.non_finite[0].0.len()), ("null", 0));
}

#[test]
fn unit_and_options_are_null_and_unit_variants_their_name() {
    #[derive(Serialize)]
    enum E {
        A,
        B(u8, u8),
        C { x: u8 },
    }
    assert_eq!(to_text(&()).unwrap().text, "null");
    assert_eq!(to_text(&None::<u8>).unwrap().text, "null");
    assert_eq!(
        to_text(&(E::A, E::B(1, 2), E::C { x: 3 })).unwrap().text,
        r#"["A",{"B":[1,2]},{"C":{"x":3}}]"#
    );
    assert_eq!(
        serde_json::to_string(&(E::A, E::B(1, 2), E::C { x: 3 })).unwrap(),
        r#"["A",{"B":[1,2]},{"C":{"x":3}}]"#
    );
}

#[test]
fn the_boundary_text_reads_as_the_json_it_stands_for() {
    let numbers = [39.0, 1.0, -0.0, f64::NAN, f64::INFINITY, 5e-324];
    let v = parse_text_with_numbers(
        r##"{"ageYears":#,"ice":{"orientation":#,"x":[#,#,null,true,"#"]},"y":#,"z":#}"##,
        &numbers,
    )
    .unwrap();
    let Json::Object(entries) = &v else { panic!() };
    assert_eq!(entries[0], ("ageYears".into(), Json::Number(39.0)));
    let Some(Json::Array(items)) = v.get("ice").and_then(|i| i.get("x")) else {
        panic!()
    };
    let Json::Number(z) = items[0] else { panic!() };
    assert!(z == 0.0 && z.is_sign_negative(), "-0 keeps its sign");
    assert!(matches!(items[1], Json::Number(x) if x.is_nan()));
    assert_eq!(
        items[4],
        Json::String("#".into()),
        "a # inside text is text"
    );
    assert_eq!(v.number_at("y"), Some(f64::INFINITY));
    assert_eq!(v.number_at("z"), Some(5e-324));
    // Every mark needs its number and every number its mark.
    assert!(parse_text_with_numbers("[#,#]", &[1.0]).is_err());
    assert!(parse_text_with_numbers("[#]", &[1.0, 2.0]).is_err());
    // Plain JSON numbers still read; the plain reader refuses marks.
    assert_eq!(
        parse_text_with_numbers("[1.5]", &[]).unwrap(),
        Json::Array(vec![Json::Number(1.5)])
    );
    assert!(parse_text("[#]").is_err());
    assert!(json::parse_text("{\"a\":#}").is_err());
}

/// What the wasm boundary hands to `JSON.parse` (`json::to_ascii_text`): ASCII only, every other
/// character as a `\u` escape, and read back it is exactly the value of the plain text
/// (`to_text`), non-finite numbers' places included.
#[test]
fn the_boundary_text_is_ascii_and_reads_as_the_plain_text() {
    fn same<T: Serialize>(value: &T) {
        let plain = to_text(value).unwrap();
        let ascii = json::to_ascii_text(value).unwrap();
        assert!(ascii.text.is_ascii(), "{}", ascii.text);
        assert_eq!(read(&ascii.text), read(&plain.text));
        assert_eq!(ascii.non_finite.len(), plain.non_finite.len());
        for ((pa, xa), (pp, xp)) in ascii.non_finite.iter().zip(&plain.non_finite) {
            assert_eq!((pa, xa.to_bits()), (pp, xp.to_bits()));
        }
    }
    let icans = r#"{"ageYears":39,"ice":{"orientation":1,"naming":1,"commands":0,"writing":0,"attention":0},"consciousness":"awakensToVoice","seizure":"none","motor":"none","icpEdema":"none"}"#;
    let result = api::grade_icans(&input(icans)).unwrap();
    assert!(
        !to_text(&result).unwrap().text.is_ascii(),
        "the source has en dashes"
    );
    same(&result);
    same(&api::grade_crs(&input(r#"{"fever":"masked","oxygen":"cpap"}"#)).unwrap());
    same(
        &api::kinetics(&input(
            r#"{"series":{"total":[[0,0],[7,128],[14,64],[21,32],[28,16]]}}"#,
        ))
        .unwrap(),
    );
    let example = example_case_json();
    same(&api::evaluate_case(&example).unwrap());
    same(&api::evaluate_cohort(&Json::Array(vec![example.clone(), Json::Null])).unwrap());
    same(&api::batch(
        &[input(r#"{"ice":"unarousable"}"#), input(r#"{"ice":5}"#)],
        api::grade_icans,
    ));
    same(&(f64::NAN, "µ×–", vec![f64::INFINITY]));
    let s = "a\"b\\c\n\r\t\u{8}\u{c}\u{1}\u{1f}µ😀\u{2028}";
    same(&s);
    assert_eq!(
        json::to_ascii_text(&s).unwrap().text,
        "\"a\\\"b\\\\c\\n\\r\\t\\b\\f\\u0001\\u001f\\u00b5\\ud83d\\ude00\\u2028\""
    );
    // A map's keys too.
    let map: std::collections::BTreeMap<&str, f64> = [("µL", 1.5), ("x", f64::NAN)].into();
    same(&map);
    assert_eq!(
        json::to_ascii_text(&map).unwrap().text,
        r#"{"x":null,"\u00b5L":1.5}"#
    );
}

/// Every string, escaped or not: the plain text is byte for byte what serde_json writes, and the
/// ASCII text reads back as the same string.
#[test]
fn strings_are_written_as_serde_json_writes_them() {
    let pieces = [
        "a", "\"", "\\", "\n", "\r", "\t", "\u{8}", "\u{c}", "\u{0}", "\u{1f}", "\u{7f}", "µ", "×",
        "–", "😀", "\u{2028}", "\u{ffff}", "/", " ", "abcdefgh",
    ];
    let mut seed = 7u64;
    for _ in 0..20_000 {
        let mut s = String::new();
        seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        let len = (seed >> 59) as usize;
        for k in 0..len {
            let pick = (seed >> (k * 3 % 50)) as usize % pieces.len();
            s.push_str(pieces[pick]);
        }
        assert_eq!(
            to_text(&s).unwrap().text,
            serde_json::to_string(&s).unwrap()
        );
        let ascii = json::to_ascii_text(&s).unwrap().text;
        assert!(ascii.is_ascii());
        assert_eq!(read(&ascii), Json::String(s.clone()));
    }
}
