//! Case folding for matching typed text against the app's own names (drug brands, table
//! headers, file extensions).
//!
//! `str::to_lowercase` links the whole Unicode case table into the wasm (about 16 KB gzip) for
//! a job that only needs the letters the app's names are written in. [`fold_case`] lowers those
//! exactly as `to_lowercase` does, plus every other character whose lower case is one of them;
//! any other character is kept as it is. The test below checks every Unicode scalar value: a
//! match against a name written in [`is_name_letter`]s is the same with either.

/// Whether `c` can appear in a name text is matched against: ASCII, the lower-case letters of
/// Latin-1 ("dexaméthasone") and basic Cyrillic ("день").
pub fn is_name_letter(c: char) -> bool {
    c.is_ascii() || matches!(c, '\u{DF}'..='\u{FF}' | '\u{430}'..='\u{45F}')
}

/// `text` in lower case as far as matching against names of [`is_name_letter`]s goes.
pub fn fold_case(text: &str) -> String {
    let mut folded = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            // A-Z, Latin-1 capitals but the multiplication sign, basic Cyrillic capitals.
            'A'..='Z' | '\u{C0}'..='\u{D6}' | '\u{D8}'..='\u{DE}' | '\u{410}'..='\u{42F}' => {
                folded.push(char::from_u32(c as u32 + 0x20).unwrap_or(c));
            }
            '\u{400}'..='\u{40F}' => folded.push(char::from_u32(c as u32 + 0x50).unwrap_or(c)),
            // Capital I with dot above: "i" and a combining dot, as Unicode lowers it.
            '\u{130}' => folded.push_str("i\u{307}"),
            // Kelvin sign and Angstrom sign: their lower cases are a plain "k" and "å".
            '\u{212A}' => folded.push('k'),
            '\u{212B}' => folded.push('\u{E5}'),
            // Y with diaeresis and sharp s: their capitals lie outside Latin-1.
            '\u{178}' => folded.push('\u{FF}'),
            '\u{1E9E}' => folded.push('\u{DF}'),
            _ => folded.push(c),
        }
    }
    folded
}

#[cfg(test)]
mod tests {
    use super::*;

    /// For every character: the same text as `to_lowercase`, or, where they differ, neither
    /// holds a name letter and both are letters (or not) alike, so no match can differ.
    #[test]
    fn folding_matches_unicode_lower_case_for_every_name_letter() {
        let kind = |s: &str| {
            (
                s.chars().all(char::is_alphabetic),
                s.chars().all(char::is_alphanumeric),
                s.chars().any(char::is_alphabetic),
                s.chars().any(char::is_alphanumeric),
            )
        };
        let mut differing = 0;
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            let (ours, unicode) = (
                fold_case(&c.to_string()),
                c.to_lowercase().collect::<String>(),
            );
            if ours != unicode {
                differing += 1;
                let names = |s: &str| s.chars().any(is_name_letter);
                assert!(
                    !names(&ours) && !names(&unicode),
                    "{c:?}: {ours:?} vs {unicode:?}"
                );
                assert_eq!(kind(&ours), kind(&unicode), "{c:?}");
            }
        }
        // The characters left as typed (Greek, Armenian, ... capitals): many, all harmless.
        assert!(differing > 1000);
    }

    #[test]
    fn names_in_capitals_fold_to_the_names() {
        assert_eq!(fold_case("DEXAMÉTHASONE"), "dexaméthasone");
        assert_eq!(fold_case("ДЕНЬ"), "день");
        assert_eq!(fold_case("Solu-Medrol 125"), "solu-medrol 125");
        assert_eq!(fold_case("PREDNİSONE"), "predni\u{307}sone");
        assert_eq!(fold_case("×"), "×");
    }
}
