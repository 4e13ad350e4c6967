//! serde's error sentences as messages: serde writes them in English only, so the common
//! forms are recognised and said again in the reader's language; anything else is shown as
//! serde wrote it, marked in Spanish as a technical detail. The English reads exactly as
//! serde's own text.

use crate::i18n::{Arg, Lang, Message, Text};

/// The keys this module chooses at run time (the catalog scan cannot see them).
#[cfg(test)]
pub(crate) const KEYS: [&str; 14] = [
    "serde.at",
    "serde.invalid_type",
    "serde.invalid_value",
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
    let recognised = recognise(body).map(|message| message.with("at", at));
    match recognised {
        // Only when the English comes back exactly as serde wrote it: a form half
        // recognised must not change what an English reader sees.
        Some(message) if message.render(Lang::En) == text => message,
        _ => Message::new("serde.technical").verbatim("detail", text),
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

fn recognise(body: &str) -> Option<Message> {
    if let Some(rest) = body.strip_prefix("invalid type: ") {
        let (found, expected) = rest.split_once(", expected ")?;
        return Some(
            Message::new("serde.invalid_type")
                .with("found", unexpected(found))
                .with("expected", expected_thing(expected)),
        );
    }
    if let Some(rest) = body.strip_prefix("invalid value: ") {
        let (found, expected) = rest.split_once(", expected ")?;
        return Some(
            Message::new("serde.invalid_value")
                .with("found", unexpected(found))
                .with("expected", expected_thing(expected)),
        );
    }
    for (prefix, key) in [
        ("missing field `", "serde.missing_field"),
        ("duplicate field `", "serde.duplicate_field"),
    ] {
        if let Some(name) = body.strip_prefix(prefix).and_then(|r| r.strip_suffix('`')) {
            return Some(Message::new(key).verbatim("name", name));
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
                    .verbatim("name", name)
                    .with("tail", choices(tail)),
            );
        }
    }
    if let Some(what) = body.strip_prefix("EOF while parsing ") {
        let es = match what {
            "a value" => "un valor",
            "a list" => "una lista",
            "an object" => "un objeto",
            "a string" => "un texto",
            _ => return None,
        };
        return Some(Message::new("serde.eof").with("what", Text::new(what, es)));
    }
    if let Some(token) = body.strip_prefix("expected ") {
        let es = match token {
            "value" => "un valor".to_string(),
            "ident" => "una palabra clave de JSON".to_string(),
            _ => token.replace("` or `", "` o `"),
        };
        return Some(Message::new("serde.expected").with("token", Text::new(token, es)));
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

/// What serde found, e.g. `string "x"`, `integer `-1``, `map`.
fn unexpected(found: &str) -> Text {
    let es = if let Some(s) = found.strip_prefix("string ") {
        format!("el texto {s}")
    } else if let Some(n) = found.strip_prefix("integer ") {
        format!("el número entero {n}")
    } else if let Some(n) = found.strip_prefix("floating point ") {
        format!("el número decimal {n}")
    } else if let Some(b) = found.strip_prefix("boolean ") {
        format!("el valor lógico {b}")
    } else if let Some(c) = found.strip_prefix("character ") {
        format!("el carácter {c}")
    } else {
        match found {
            "null" | "unit value" => "el valor null (vacío)".to_string(),
            "sequence" => "una lista".to_string(),
            "map" => "un objeto".to_string(),
            _ => found.to_string(),
        }
    };
    Text::new(found, es)
}

/// What serde expected, e.g. `u32`, `a string`, `struct Case`.
fn expected_thing(expected: &str) -> Text {
    let es = match expected {
        "u8" | "u16" | "u32" | "u64" | "usize" => "un número entero no negativo".to_string(),
        "i8" | "i16" | "i32" | "i64" | "isize" => "un número entero".to_string(),
        "f32" | "f64" => "un número".to_string(),
        "a string" => "un texto".to_string(),
        "a boolean" => "un valor lógico (true o false)".to_string(),
        "a sequence" => "una lista".to_string(),
        "a map" => "un objeto".to_string(),
        _ => match expected.strip_prefix("struct ") {
            Some(name) => format!("un objeto ({name})"),
            None => expected.to_string(),
        },
    };
    Text::new(expected, es)
}

/// The end of an unknown field or variant error: what would have been accepted.
fn choices(tail: &str) -> Text {
    let es = if let Some(list) = tail.strip_prefix("expected one of ") {
        format!("se esperaba uno de {list}")
    } else if let Some(list) = tail.strip_prefix("expected ") {
        format!("se esperaba {}", list.replace("` or `", "` o `"))
    } else {
        match tail {
            "there are no fields" => "no admite ningún campo".to_string(),
            "there are no variants" => "no admite ningún valor".to_string(),
            _ => tail.to_string(),
        }
    };
    Text::new(tail, es)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn both(text: &str) -> String {
        let message = serde_detail(text);
        assert_eq!(message.render(Lang::En), text, "English must stay serde's");
        message.render(Lang::Es)
    }

    #[test]
    fn common_forms_read_in_spanish_and_english_stays_serdes() {
        for (en, es) in [
            (
                "invalid type: string \"many\", expected u32 at line 12 column 22",
                "tipo no válido: se encontró el texto \"many\" y se esperaba un número entero no negativo (línea 12, columna 22)",
            ),
            (
                "invalid value: integer `-1`, expected u64",
                "valor no válido: se encontró el número entero `-1` y se esperaba un número entero no negativo",
            ),
            (
                "invalid type: sequence, expected struct Header at line 1 column 0",
                "tipo no válido: se encontró una lista y se esperaba un objeto (Header) (línea 1, columna 0)",
            ),
            (
                "missing field `case` at line 3 column 1",
                "falta el campo `case` (línea 3, columna 1)",
            ),
            (
                "unknown field `colour`, expected one of `referrals`, `organiser_share`",
                "campo desconocido `colour`; se esperaba uno de `referrals`, `organiser_share`",
            ),
            (
                "unknown variant `nope`, expected `today` or `april_2011`",
                "valor desconocido `nope`; se esperaba `today` o `april_2011`",
            ),
            (
                "unknown field `x`, there are no fields",
                "campo desconocido `x`; no admite ningún campo",
            ),
            (
                "trailing characters at line 1 column 4",
                "hay caracteres de más después del final (línea 1, columna 4)",
            ),
            (
                "EOF while parsing a value at line 1 column 0",
                "el texto termina antes de completar un valor (línea 1, columna 0)",
            ),
            (
                "expected `,` or `}` at line 2 column 5",
                "se esperaba `,` o `}` (línea 2, columna 5)",
            ),
        ] {
            assert_eq!(both(en), es, "{en}");
        }
    }

    #[test]
    fn anything_else_is_marked_as_a_technical_detail() {
        let text = "firearms must be at most 1000000 at line 4 column 2";
        assert_eq!(both(text), format!("detalle técnico (en inglés): {text}"));
        assert_eq!(
            both("invalid type: oops"),
            "detalle técnico (en inglés): invalid type: oops"
        );
    }

    #[test]
    fn every_key_chosen_here_is_in_the_catalog() {
        for key in KEYS {
            assert!(crate::i18n::engine_catalog().contains(key), "{key}");
        }
    }
}
