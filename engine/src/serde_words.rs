//! serde's error sentences as messages in plain words: serde writes them in English and in
//! its own terms ("invalid type: string \"x\", expected u32"), so the common forms are
//! recognised and said again, in either language, in words a reader of the file knows
//! ("should be a whole number of 0 or more, not the text \"x\""). Anything else is shown as
//! serde wrote it, marked in Spanish as a technical detail.

use crate::i18n::{Arg, Message, Text};

/// The keys this module chooses at run time (the catalog scan cannot see them).
#[cfg(test)]
pub(crate) const KEYS: [&str; 14] = [
    "serde.at",
    "serde.invalid_type",
    "serde.invalid_length",
    "serde.missing_field",
    "serde.duplicate_field",
    "serde.unknown_field",
    "serde.unknown_variant",
    "serde.trailing",
    "serde.trailing_comma",
    "serde.eof",
    "serde.expected",
    "serde.invalid_number",
    "serde.out_of_range",
    "serde.technical",
];

/// serde's (or serde_json's) error text as a message in both languages.
pub fn serde_detail(text: &str) -> Message {
    let (body, at) = split_location(text);
    match recognise(body) {
        Some(message) => message.with("at", at),
        None => Message::new("serde.technical").verbatim("detail", text),
    }
}

/// serde_json ends data and syntax errors with " at line L column C".
fn split_location(text: &str) -> (&str, Arg) {
    if let Some((body, place)) = text.rsplit_once(" at line ") {
        if let Some((line, column)) = place.split_once(" column ") {
            let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
            if digits(line) && digits(column) {
                let at = Message::new("serde.at")
                    .verbatim("line", line)
                    .verbatim("column", column);
                return (body, Arg::from(at));
            }
        }
    }
    (text, Arg::Verbatim(String::new()))
}

/// serde quotes names and values in backticks; a reader sees quotation marks.
fn quoted(name: &str) -> String {
    format!("“{}”", name.trim_matches('`'))
}

/// A list serde writes as "`a`, `b` or `c`", quoted for a reader in each language.
fn quoted_list(list: &str) -> Text {
    let names = |or: &str| {
        list.split(", ")
            .flat_map(|part| part.split(" or "))
            .map(quoted)
            .collect::<Vec<_>>()
            .join(or)
    };
    Text::new(names(", "), names(", "))
}

fn recognise(body: &str) -> Option<Message> {
    for prefix in ["invalid type: ", "invalid value: "] {
        if let Some(rest) = body.strip_prefix(prefix) {
            let (found, expected) = rest.split_once(", expected ")?;
            return Some(
                Message::new("serde.invalid_type")
                    .with("found", unexpected(found))
                    .with("expected", expected_thing(expected)?),
            );
        }
    }
    if let Some(rest) = body.strip_prefix("invalid length ") {
        let (count, _) = rest.split_once(", expected ")?;
        count.bytes().all(|b| b.is_ascii_digit()).then_some(())?;
        return Some(Message::new("serde.invalid_length").verbatim("count", count));
    }
    for (prefix, key) in [
        ("missing field `", "serde.missing_field"),
        ("duplicate field `", "serde.duplicate_field"),
    ] {
        if let Some(name) = body.strip_prefix(prefix).and_then(|r| r.strip_suffix('`')) {
            return Some(Message::new(key).verbatim("name", quoted(name)));
        }
    }
    for (prefix, key) in [
        ("unknown field `", "serde.unknown_field"),
        ("unknown variant `", "serde.unknown_variant"),
    ] {
        if let Some(rest) = body.strip_prefix(prefix) {
            let (name, tail) = rest.split_once("`, ")?;
            return Some(
                Message::new(key)
                    .verbatim("name", quoted(name))
                    .with("tail", choices(tail)?),
            );
        }
    }
    if let Some(what) = body.strip_prefix("EOF while parsing ") {
        let words = match what {
            "a value" => Text::new("a value", "un valor"),
            "a list" => Text::new("a list", "una lista"),
            "an object" => Text::new("a group of named values", "un grupo de valores con nombre"),
            "a string" => Text::new("a text in quotes", "un texto entre comillas"),
            _ => return None,
        };
        return Some(Message::new("serde.eof").with("what", words));
    }
    if let Some(token) = body.strip_prefix("expected ") {
        let words = match token {
            "value" => Text::new("a value", "un valor"),
            "ident" => Text::new("true, false or null", "true, false o null"),
            _ if token.starts_with('`') => {
                let list = quoted_list(token);
                let or = |text: &str, word: &str| match text.rsplit_once(", ") {
                    Some((head, last)) => format!("{head} {word} {last}"),
                    None => text.to_string(),
                };
                Text::new(or(&list.en, "or"), or(&list.es, "o"))
            }
            _ => return None,
        };
        return Some(Message::new("serde.expected").with("token", words));
    }
    let key = match body {
        "trailing characters" => "serde.trailing",
        "trailing comma" => "serde.trailing_comma",
        "invalid number" => "serde.invalid_number",
        "number out of range" => "serde.out_of_range",
        _ => return None,
    };
    Some(Message::new(key))
}

/// What serde found, e.g. `string "x"`, `integer `-1``, `map`, in a reader's words.
fn unexpected(found: &str) -> Text {
    let plain = |s: &str| s.trim_matches('`').to_string();
    if let Some(s) = found.strip_prefix("string ") {
        return Text::new(format!("the text {s}"), format!("el texto {s}"));
    }
    for prefix in ["integer ", "floating point ", "boolean "] {
        if let Some(value) = found.strip_prefix(prefix) {
            return Text::same(plain(value));
        }
    }
    if let Some(c) = found.strip_prefix("character ") {
        return Text::same(quoted(c));
    }
    match found {
        "null" | "unit value" => Text::new("nothing (null)", "nada (null)"),
        "sequence" => Text::new("a list", "una lista"),
        "map" => Text::new("a group of named values", "un grupo de valores con nombre"),
        _ => Text::same(found),
    }
}

/// What serde expected, e.g. `u32`, `a string`, `struct Case`, in a reader's words; `None`
/// for a form with no such words, which is then shown as serde wrote it.
fn expected_thing(expected: &str) -> Option<Text> {
    let words = match expected {
        "u8" | "u16" | "u32" | "u64" | "usize" => {
            Text::new("a whole number of 0 or more", "un número entero de 0 o más")
        }
        "i8" | "i16" | "i32" | "i64" | "isize" => Text::new("a whole number", "un número entero"),
        "f32" | "f64" => Text::new("a number", "un número"),
        "a string" | "a borrowed string" => {
            Text::new("a text in quotes", "un texto entre comillas")
        }
        "a boolean" => Text::new("true or false", "true o false"),
        "a sequence" => Text::new("a list", "una lista"),
        "a map" => Text::new("a group of named values", "un grupo de valores con nombre"),
        _ if expected.starts_with("struct ") => {
            Text::new("a group of named values", "un grupo de valores con nombre")
        }
        _ if expected.starts_with("enum ") || expected.starts_with("variant ") => {
            Text::new("one of the allowed values", "uno de los valores admitidos")
        }
        _ => return None,
    };
    Some(words)
}

/// The end of an unknown name or value error: what would have been accepted.
fn choices(tail: &str) -> Option<Text> {
    if let Some(list) = tail
        .strip_prefix("expected one of ")
        .or_else(|| tail.strip_prefix("expected "))
    {
        let list = quoted_list(list);
        return Some(Text::new(
            format!("allowed here: {}", list.en),
            format!("se admite: {}", list.es),
        ));
    }
    match tail {
        "there are no fields" => Some(Text::new(
            "nothing is allowed here",
            "aquí no se admite nada",
        )),
        "there are no variants" => Some(Text::new(
            "no value is allowed here",
            "aquí no se admite ningún valor",
        )),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;

    #[test]
    fn common_forms_read_in_plain_words_in_both_languages() {
        for (serde, en, es) in [
            (
                "invalid type: string \"many\", expected u32 at line 12 column 22",
                "should be a whole number of 0 or more, not the text \"many\" (line 12, column 22)",
                "debería ser un número entero de 0 o más, no el texto \"many\" (línea 12, columna 22)",
            ),
            (
                "invalid value: integer `-1`, expected u64",
                "should be a whole number of 0 or more, not -1",
                "debería ser un número entero de 0 o más, no -1",
            ),
            (
                "invalid type: floating point `2.5`, expected u8",
                "should be a whole number of 0 or more, not 2.5",
                "debería ser un número entero de 0 o más, no 2.5",
            ),
            (
                "invalid type: string \"x\", expected f64",
                "should be a number, not the text \"x\"",
                "debería ser un número, no el texto \"x\"",
            ),
            (
                "invalid type: integer `3`, expected a boolean",
                "should be true or false, not 3",
                "debería ser true o false, no 3",
            ),
            (
                "invalid type: sequence, expected struct Header at line 1 column 0",
                "should be a group of named values, not a list (line 1, column 0)",
                "debería ser un grupo de valores con nombre, no una lista (línea 1, columna 0)",
            ),
            (
                "invalid type: null, expected a string",
                "should be a text in quotes, not nothing (null)",
                "debería ser un texto entre comillas, no nada (null)",
            ),
            (
                "invalid length 1, expected struct Header with 2 elements at line 1 column 3",
                "has the wrong number of items (1) (line 1, column 3)",
                "tiene un número de elementos equivocado (1) (línea 1, columna 3)",
            ),
            (
                "missing field `case` at line 3 column 1",
                "“case” is missing (line 3, column 1)",
                "falta “case” (línea 3, columna 1)",
            ),
            (
                "duplicate field `case`",
                "“case” is given twice",
                "“case” aparece dos veces",
            ),
            (
                "unknown field `colour`, expected one of `referrals`, `organiser_share`",
                "“colour” is not a name Threshold reads here; allowed here: “referrals”, “organiser_share”",
                "“colour” no es un nombre que Threshold lea aquí; se admite: “referrals”, “organiser_share”",
            ),
            (
                "unknown variant `nope`, expected `today` or `april_2011`",
                "“nope” is not a value Threshold knows here; allowed here: “today”, “april_2011”",
                "“nope” no es un valor que Threshold conozca aquí; se admite: “today”, “april_2011”",
            ),
            (
                "unknown field `x`, there are no fields",
                "“x” is not a name Threshold reads here; nothing is allowed here",
                "“x” no es un nombre que Threshold lea aquí; aquí no se admite nada",
            ),
            (
                "trailing characters at line 1 column 4",
                "there is more text after the end (line 1, column 4)",
                "hay más texto después del final (línea 1, columna 4)",
            ),
            (
                "EOF while parsing a value at line 1 column 0",
                "the text ends in the middle of a value (line 1, column 0)",
                "el texto termina a mitad de un valor (línea 1, columna 0)",
            ),
            (
                "expected `,` or `}` at line 2 column 5",
                "“,” or “}” should come here (line 2, column 5)",
                "aquí debería ir “,” o “}” (línea 2, columna 5)",
            ),
            (
                "expected value at line 1 column 1",
                "a value should come here (line 1, column 1)",
                "aquí debería ir un valor (línea 1, columna 1)",
            ),
            (
                "number out of range at line 1 column 30",
                "a number is too large (line 1, column 30)",
                "un número es demasiado grande (línea 1, columna 30)",
            ),
        ] {
            let message = serde_detail(serde);
            assert_eq!(message.render(Lang::En), en, "{serde}");
            assert_eq!(message.render(Lang::Es), es, "{serde}");
            for text in [en, es] {
                assert!(!text.contains('`') && !text.contains("u32"), "{text}");
            }
        }
    }

    /// serde's own messages, from serde itself: the forms above are the ones it writes.
    #[test]
    fn serdes_real_errors_are_recognised() {
        #[derive(serde::Deserialize, Debug)]
        #[serde(deny_unknown_fields)]
        #[allow(dead_code)]
        struct Header {
            count: u32,
            share: f64,
        }
        for json in [
            r#"{"count": "many", "share": 1}"#,
            r#"{"count": -1, "share": 1}"#,
            r#"{"count": 1}"#,
            r#"{"count": 1, "share": 1, "colour": 2}"#,
            r#"[1]"#,
            r#"{"count": 1, "share": 1} x"#,
            r#"{"count": 1,"#,
            r#"{"count" 1}"#,
        ] {
            let error = serde_json::from_str::<Header>(json)
                .unwrap_err()
                .to_string();
            let message = serde_detail(&error);
            assert_ne!(message.key, "serde.technical", "{json}: {error}");
        }
    }

    #[test]
    fn anything_else_is_marked_as_a_technical_detail() {
        let text = "firearms must be at most 1000000 at line 4 column 2";
        let message = serde_detail(text);
        assert_eq!(message.render(Lang::En), text);
        assert_eq!(
            message.render(Lang::Es),
            format!("detalle técnico (en inglés): {text}")
        );
        for odd in [
            "invalid type: oops",
            "invalid type: string \"x\", expected a date written 2011-04-01",
        ] {
            assert_eq!(serde_detail(odd).key, "serde.technical", "{odd}");
        }
    }

    #[test]
    fn every_key_chosen_here_is_in_the_catalog() {
        for key in KEYS {
            assert!(crate::i18n::engine_catalog().contains(key), "{key}");
        }
    }
}
