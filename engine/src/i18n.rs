//! Languages, message catalogs and number and date formats: the engine states its findings as
//! keys with arguments, and each reader renders them in English or Spanish.
//!
//! A catalog is data: a JSON object from key to `{"en": …, "es": …}` templates, where
//! `{name}` is replaced by the argument `name`. Prose that belongs to a data row (a charge's
//! name, a parameter's meaning) is a [`Text`] carrying both languages in the row itself.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::fmt;
use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

/// A language the app speaks.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    #[default]
    En,
    Es,
}

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::En, Lang::Es];

    /// The BCP 47 tag for `<html lang>`: Spanish follows Mexican usage (CLDR es-MX), the
    /// usage of the binational audience.
    pub fn tag(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Es => "es-MX",
        }
    }

    /// The short code links and storage use.
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Es => "es",
        }
    }

    /// The language named by a code or tag (`es`, `es-MX`, `EN-us`), if it is one of ours.
    pub fn from_code(code: &str) -> Option<Lang> {
        let primary = code.split(['-', '_']).next().unwrap_or_default();
        match primary.to_ascii_lowercase().as_str() {
            "en" => Some(Lang::En),
            "es" => Some(Lang::Es),
            _ => None,
        }
    }

    /// The language's own name, as a switch shows it.
    pub fn endonym(self) -> &'static str {
        match self {
            Lang::En => "English",
            Lang::Es => "Español",
        }
    }

    fn number_style(self) -> &'static NumberStyle {
        match self {
            Lang::En => &NumberStyle::EN,
            Lang::Es => &NumberStyle::ES_MX,
        }
    }
}

/// Prose of a data row in both languages: `{"en": "…", "es": "…"}`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Text {
    pub en: String,
    pub es: String,
}

impl Text {
    pub fn new(en: impl Into<String>, es: impl Into<String>) -> Text {
        Text {
            en: en.into(),
            es: es.into(),
        }
    }

    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::En => &self.en,
            Lang::Es => &self.es,
        }
    }

    /// Text written the same in both languages: a pure citation.
    pub fn same(text: impl Into<String>) -> Text {
        let text = text.into();
        Text {
            en: text.clone(),
            es: text,
        }
    }

    /// Whether both languages are written (a data test checks every row).
    pub fn is_complete(&self) -> bool {
        !self.en.trim().is_empty() && !self.es.trim().is_empty()
    }
}

/// A value put into a message.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Arg {
    /// A whole number, grouped per language.
    Int(i64),
    /// A number shown with at most this many decimals.
    Num(f64, u8),
    /// A difference: [`Arg::Num`] with its sign, "+" or a true minus, and "0" unsigned.
    Signed(f64, u8),
    /// Written the same in every language: a citation, a statute, a name the user typed.
    Verbatim(String),
    /// Data prose in both languages.
    Text(Text),
    /// Another message, rendered in the same language.
    Message(Box<Message>),
}

impl From<i64> for Arg {
    fn from(v: i64) -> Arg {
        Arg::Int(v)
    }
}
impl From<i32> for Arg {
    fn from(v: i32) -> Arg {
        Arg::Int(i64::from(v))
    }
}
impl From<u32> for Arg {
    fn from(v: u32) -> Arg {
        Arg::Int(i64::from(v))
    }
}
impl From<usize> for Arg {
    fn from(v: usize) -> Arg {
        Arg::Int(i64::try_from(v).unwrap_or(i64::MAX))
    }
}
impl From<Text> for Arg {
    fn from(v: Text) -> Arg {
        Arg::Text(v)
    }
}
impl From<&Text> for Arg {
    fn from(v: &Text) -> Arg {
        Arg::Text(v.clone())
    }
}
impl From<Message> for Arg {
    fn from(v: Message) -> Arg {
        Arg::Message(Box::new(v))
    }
}

/// A sentence to be rendered in the reader's language: a catalog key and its arguments.
/// Keys and argument names are usually literals, borrowed rather than copied, so that a
/// worksheet of messages costs little more to build than one of English strings.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Message {
    pub key: Cow<'static, str>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub args: Vec<(Cow<'static, str>, Arg)>,
}

impl Message {
    pub fn new(key: impl Into<Cow<'static, str>>) -> Message {
        Message {
            key: key.into(),
            args: Vec::new(),
        }
    }

    /// Adds the argument `name`.
    pub fn with(mut self, name: &'static str, value: impl Into<Arg>) -> Message {
        self.args.push((Cow::Borrowed(name), value.into()));
        self
    }

    /// Adds text written the same in both languages.
    pub fn verbatim(self, name: &'static str, value: impl Into<String>) -> Message {
        self.with(name, Arg::Verbatim(value.into()))
    }

    /// Adds a number shown with at most `decimals` decimals.
    pub fn number(self, name: &'static str, value: f64, decimals: u8) -> Message {
        self.with(name, Arg::Num(value, decimals))
    }

    /// Adds a difference, signed, with at most `decimals` decimals.
    pub fn signed(self, name: &'static str, value: f64, decimals: u8) -> Message {
        self.with(name, Arg::Signed(value, decimals))
    }

    /// The message in `lang`, from the engine's own catalog.
    pub fn render(&self, lang: Lang) -> String {
        engine_catalog().render(self, lang)
    }
}

/// A catalog key alone is a message (the engine's tests check every key it uses).
impl From<&'static str> for Message {
    fn from(key: &'static str) -> Message {
        Message::new(key)
    }
}

impl Message {
    /// Text shown as it is in every language: a name the user typed, a citation.
    pub fn verbatim_text(text: impl Into<String>) -> Message {
        Message::new("text.verbatim").verbatim("text", text)
    }

    /// Data prose in both languages, as a message.
    pub fn text(text: &Text) -> Message {
        Message::new("text.verbatim").with("text", text)
    }

    /// A day written out in the reader's language ("November 1, 2025").
    pub fn date(day: crate::law::Date) -> Message {
        Message::text(&Text::new(day.written(Lang::En), day.written(Lang::Es)))
    }
}

/// A message field written to JSON as its English text, as such fields were before they
/// were messages, so consumers of the command line's JSON keep working; text read back is
/// kept verbatim. Use with `#[serde(with = "crate::i18n::english")]`.
pub mod english {
    use super::{Lang, Message};
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(message: &Message, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&message.render(Lang::En))
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Message, D::Error> {
        Ok(Message::verbatim_text(String::deserialize(d)?))
    }
}

/// A source: a pure citation is a JSON string, the same in both languages (it cites an
/// English document and stays as cited); a source with prose of our own around its
/// citations is `{"en": …, "es": …}`. Written back the same way, so data files, edited
/// copies and older files all read. Use with `#[serde(with = "crate::i18n::cited")]`.
pub mod cited {
    use super::Text;
    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    pub fn serialize<S: Serializer>(text: &Text, s: S) -> Result<S::Ok, S::Error> {
        if text.en == text.es {
            s.serialize_str(&text.en)
        } else {
            text.serialize(s)
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Text, D::Error> {
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Source {
            Cited(String),
            Both(Text),
        }
        Ok(match Source::deserialize(d)? {
            Source::Cited(text) => Text::same(text),
            Source::Both(text) => text,
        })
    }
}

/// [`english`] for a list of messages.
pub mod english_list {
    use super::{Lang, Message};
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(messages: &[Message], s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(messages.iter().map(|m| m.render(Lang::En)))
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<Message>, D::Error> {
        let texts = Vec::<String>::deserialize(d)?;
        Ok(texts.into_iter().map(Message::verbatim_text).collect())
    }
}

/// English, for logs and the command line; readers in the app use [`Message::render`] or
/// their own catalog.
impl fmt::Display for Message {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.render(Lang::En))
    }
}

/// Why input (parameters, a caseload mix, imported cases) cannot be used, as a message in
/// the reader's language; `Display` is English, for logs and the command line.
#[derive(Debug, Clone, PartialEq)]
pub struct InputError(pub Message);

impl InputError {
    pub fn new(key: &'static str) -> InputError {
        InputError(Message::new(key))
    }

    pub fn message(&self) -> Message {
        self.0.clone()
    }
}

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

impl std::error::Error for InputError {}

/// A number as Rust prints it (`0.5`, `1e300`, `NaN`): for echoing a value a user typed
/// back in an error, where grouping or rounding would misquote it.
pub fn raw(value: f64) -> Arg {
    Arg::Verbatim(value.to_string())
}

/// A message template in both languages.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    pub en: String,
    pub es: String,
}

impl Entry {
    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::En => &self.en,
            Lang::Es => &self.es,
        }
    }
}

/// Why a catalog cannot be used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CatalogError(pub String);

impl fmt::Display for CatalogError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for CatalogError {}

/// Message templates by key.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Catalog {
    entries: BTreeMap<String, Entry>,
}

impl Catalog {
    /// Reads a catalog, refusing an empty template, a template whose placeholders differ
    /// between languages, or a key already present in `self`.
    pub fn add_json(&mut self, source: &str, json: &str) -> Result<(), CatalogError> {
        let entries: BTreeMap<String, Entry> =
            serde_json::from_str(json).map_err(|e| CatalogError(format!("{source}: {e}")))?;
        for (key, entry) in entries {
            for lang in Lang::ALL {
                if entry.get(lang).trim().is_empty() {
                    return Err(CatalogError(format!(
                        "{source}: {key} has no {} text",
                        lang.code()
                    )));
                }
            }
            let (en, es) = (placeholders(&entry.en), placeholders(&entry.es));
            if en != es {
                return Err(CatalogError(format!(
                    "{source}: {key} uses {en:?} in English but {es:?} in Spanish"
                )));
            }
            if self.entries.contains_key(&key) {
                return Err(CatalogError(format!("{source}: {key} is defined twice")));
            }
            self.entries.insert(key, entry);
        }
        Ok(())
    }

    pub fn contains(&self, key: &str) -> bool {
        self.entries.contains_key(key)
    }

    pub fn keys(&self) -> impl Iterator<Item = &str> {
        self.entries.keys().map(String::as_str)
    }

    pub fn entry(&self, key: &str) -> Option<&Entry> {
        self.entries.get(key)
    }

    /// The template for `key`, or the key in ⟦brackets⟧ so a missing one shows and tests
    /// find it.
    pub fn get(&self, key: &str, lang: Lang) -> std::borrow::Cow<'_, str> {
        match self.entries.get(key) {
            Some(entry) => std::borrow::Cow::Borrowed(entry.get(lang)),
            None => std::borrow::Cow::Owned(format!("⟦{key}⟧")),
        }
    }

    /// The template for `key` with `{name}` placeholders filled.
    pub fn format(&self, key: &str, args: &[(&str, Arg)], lang: Lang) -> String {
        self.fill_args(key, lang, args.iter().map(|(n, a)| (*n, a)))
    }

    pub fn render(&self, message: &Message, lang: Lang) -> String {
        let args = message.args.iter().map(|(n, a)| (n.as_ref(), a));
        self.fill_args(&message.key, lang, args)
    }

    fn fill_args<'a>(
        &self,
        key: &str,
        lang: Lang,
        args: impl Iterator<Item = (&'a str, &'a Arg)> + Clone,
    ) -> String {
        fill(&self.get(key, lang), |name| {
            args.clone()
                .find(|(n, _)| *n == name)
                .map(|(_, arg)| self.arg(arg, lang))
        })
    }

    fn arg(&self, arg: &Arg, lang: Lang) -> String {
        match arg {
            Arg::Int(v) => integer(lang, *v),
            Arg::Num(v, decimals) => number(lang, *v, *decimals),
            Arg::Signed(v, decimals) => signed(lang, *v, *decimals),
            Arg::Verbatim(s) => s.clone(),
            Arg::Text(t) => t.get(lang).to_string(),
            Arg::Message(m) => self.render(m, lang),
        }
    }
}

/// The placeholder names of a template, sorted and deduplicated.
pub fn placeholders(template: &str) -> Vec<String> {
    let mut names = Vec::new();
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        let after = &rest[open + 1..];
        match after.find('}') {
            Some(close) => {
                names.push(after[..close].to_string());
                rest = &after[close + 1..];
            }
            None => break,
        }
    }
    names.sort();
    names.dedup();
    names
}

fn fill(template: &str, mut value: impl FnMut(&str) -> Option<String>) -> String {
    let mut out = String::with_capacity(template.len() + 16);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        match after.find('}') {
            Some(close) => {
                let name = &after[..close];
                match value(name) {
                    Some(v) => out.push_str(&v),
                    // Visible, so a missing argument is found rather than read as prose.
                    None => {
                        out.push('⟦');
                        out.push_str(name);
                        out.push('⟧');
                    }
                }
                rest = &after[close + 1..];
            }
            None => {
                out.push_str(&rest[open..]);
                rest = "";
            }
        }
    }
    out.push_str(rest);
    out
}

/// The engine's catalog: worksheet steps, assumptions, decline reasons and errors.
pub fn engine_catalog() -> &'static Catalog {
    static CATALOG: OnceLock<Catalog> = OnceLock::new();
    CATALOG.get_or_init(|| {
        let mut catalog = Catalog::default();
        // A broken embedded catalog is caught by the engine's tests; at run time the page
        // still shows, with ⟦keys⟧ where text is missing.
        let _ = catalog.add_json("engine/data/messages.json", ENGINE_MESSAGES);
        catalog
    })
}

/// The engine's message catalog as embedded.
pub const ENGINE_MESSAGES: &str = include_str!("../data/messages.json");

/// How a language writes numbers (CLDR).
struct NumberStyle {
    decimal: char,
    group: char,
    /// Between a number and `%`.
    percent_gap: &'static str,
}

impl NumberStyle {
    const EN: NumberStyle = NumberStyle {
        decimal: '.',
        group: ',',
        percent_gap: "",
    };
    /// es-MX as CLDR writes it: the point for decimals, the comma for thousands, `10%`.
    const ES_MX: NumberStyle = NumberStyle {
        decimal: '.',
        group: ',',
        percent_gap: "",
    };
}

/// A whole number with the language's thousands separator.
pub fn integer(lang: Lang, value: i64) -> String {
    let digits = value.unsigned_abs().to_string();
    let group = lang.number_style().group;
    let mut out = String::with_capacity(digits.len() + digits.len() / 3 + 1);
    if value < 0 {
        out.push('-');
    }
    for (i, digit) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(group);
        }
        out.push(digit);
    }
    out
}

/// A number with at most `decimals` decimals (trailing zeros dropped) and grouped thousands;
/// "—" when it is not a number.
pub fn number(lang: Lang, value: f64, decimals: u8) -> String {
    if !value.is_finite() {
        return "—".into();
    }
    let decimals = decimals.min(6);
    let text = format!("{:.*}", usize::from(decimals), value.abs());
    let (whole, fraction) = text.split_once('.').unwrap_or((&text, ""));
    let fraction = fraction.trim_end_matches('0');
    let negative = value < 0.0 && (whole.bytes().any(|b| b != b'0') || !fraction.is_empty());
    let whole: i64 = whole.parse().unwrap_or(0);
    let mut out = String::new();
    if negative {
        out.push('-');
    }
    out.push_str(&integer(lang, whole));
    if !fraction.is_empty() {
        out.push(lang.number_style().decimal);
        out.push_str(fraction);
    }
    out
}

/// A difference with its sign: "+7.6", "−2" (a true minus), and "0" when it rounds to
/// nothing, so a reader never sees "+0".
pub fn signed(lang: Lang, value: f64, decimals: u8) -> String {
    let text = number(lang, value.abs(), decimals);
    if text == "0" || text == "—" {
        text
    } else if value > 0.0 {
        format!("+{text}")
    } else {
        format!("\u{2212}{text}")
    }
}

/// A whole percentage as the language writes it: "10%".
pub fn percent(lang: Lang, whole_percent: &str) -> String {
    format!("{whole_percent}{}%", lang.number_style().percent_gap)
}

const MONTHS_EN: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];
const MONTHS_ES: [&str; 12] = [
    "enero",
    "febrero",
    "marzo",
    "abril",
    "mayo",
    "junio",
    "julio",
    "agosto",
    "septiembre",
    "octubre",
    "noviembre",
    "diciembre",
];

/// A date written out: "November 27, 2026" or "27 de noviembre de 2026"; an ISO date
/// (`2026-11-27…`) that cannot be read is returned as given.
pub fn date(lang: Lang, iso: &str) -> String {
    let parts: Option<(i32, usize, u32)> = (|| {
        let year = iso.get(0..4)?.parse().ok()?;
        let month: usize = iso.get(5..7)?.parse().ok()?;
        let day = iso.get(8..10)?.parse().ok()?;
        (iso.get(4..5)? == "-" && iso.get(7..8)? == "-").then_some(())?;
        ((1..=12).contains(&month) && (1..=31).contains(&day)).then_some((year, month, day))
    })();
    match parts {
        Some((year, month, day)) => match lang {
            Lang::En => format!("{} {day}, {year}", MONTHS_EN[month - 1]),
            Lang::Es => format!("{day} de {} de {year}", MONTHS_ES[month - 1]),
        },
        None => iso.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_engine_catalog_reads_and_is_complete() {
        let mut catalog = Catalog::default();
        catalog
            .add_json("engine/data/messages.json", ENGINE_MESSAGES)
            .expect("the engine's catalog must read");
        assert_eq!(*engine_catalog(), catalog);
    }

    #[test]
    fn catalogs_refuse_gaps_mismatched_placeholders_and_duplicates() {
        let mut c = Catalog::default();
        let missing = c.add_json("t", r#"{"a": {"en": "Hello"}}"#).unwrap_err();
        assert!(missing.0.contains("es"), "{missing}");
        let empty = c
            .add_json("t", r#"{"a": {"en": "Hi", "es": " "}}"#)
            .unwrap_err();
        assert!(empty.0.contains("a has no es text"), "{empty}");
        let mismatch = c
            .add_json("t", r#"{"a": {"en": "{n} guns", "es": "{m} armas"}}"#)
            .unwrap_err();
        assert!(mismatch.0.contains("uses"), "{mismatch}");
        c.add_json("t", r#"{"a": {"en": "{n} guns", "es": "{n} armas"}}"#)
            .unwrap();
        let twice = c
            .add_json("u", r#"{"a": {"en": "x", "es": "y"}}"#)
            .unwrap_err();
        assert!(twice.0.contains("defined twice"), "{twice}");
    }

    #[test]
    fn messages_fill_placeholders_in_either_language() {
        let mut c = Catalog::default();
        c.add_json(
            "t",
            r#"{
                "guns": {"en": "{n} firearms: +{k}", "es": "{n} armas de fuego: +{k}"},
                "outer": {"en": "Because {inner}.", "es": "Porque {inner}."},
                "named": {"en": "Under {law}", "es": "Conforme a {law}"}
            }"#,
        )
        .unwrap();
        let guns = Message::new("guns").with("n", 1500).with("k", 4);
        assert_eq!(c.render(&guns, Lang::En), "1,500 firearms: +4");
        assert_eq!(c.render(&guns, Lang::Es), "1,500 armas de fuego: +4");
        let outer = Message::new("outer").with("inner", guns);
        assert_eq!(
            c.render(&outer, Lang::Es),
            "Porque 1,500 armas de fuego: +4."
        );
        let named = Message::new("named").with("law", Text::new("the Act", "la Ley"));
        assert_eq!(c.render(&named, Lang::Es), "Conforme a la Ley");
        assert_eq!(c.render(&Message::new("nope"), Lang::En), "⟦nope⟧");
        assert_eq!(
            c.render(&Message::new("guns"), Lang::En),
            "⟦n⟧ firearms: +⟦k⟧"
        );
    }

    #[test]
    fn numbers_and_dates_per_language() {
        assert_eq!(number(Lang::En, 1_234_567.46, 1), "1,234,567.5");
        assert_eq!(number(Lang::Es, 1_234_567.46, 1), "1,234,567.5");
        assert_eq!(number(Lang::En, 12.0, 2), "12");
        assert_eq!(number(Lang::En, -0.04, 1), "0");
        assert_eq!(number(Lang::En, -1500.0, 0), "-1,500");
        assert_eq!(number(Lang::En, f64::NAN, 1), "—");
        assert_eq!(integer(Lang::Es, -1_000_000), "-1,000,000");
        assert_eq!(date(Lang::En, "2026-11-27T23:00:00Z"), "November 27, 2026");
        assert_eq!(date(Lang::Es, "2026-11-27"), "27 de noviembre de 2026");
        assert_eq!(date(Lang::Es, "2026-13-27"), "2026-13-27");
        assert_eq!(date(Lang::Es, "today"), "today");
    }

    /// Every embedded data file but the catalog, by name: the law's base text, its
    /// amendments (as `build.rs` lists them) and the models' data.
    fn data_files() -> Vec<(&'static str, &'static str)> {
        let mut files = vec![
            (
                "law/statutes.json",
                include_str!("../data/law/statutes.json"),
            ),
            (
                "law/editions.json",
                include_str!("../data/law/editions.json"),
            ),
            (
                "law/manual-2010.json",
                include_str!("../data/law/manual-2010.json"),
            ),
            ("presets.json", include_str!("../data/presets.json")),
            (
                "prosecution_params.json",
                include_str!("../data/prosecution_params.json"),
            ),
            (
                "sentencing_params.json",
                include_str!("../data/sentencing_params.json"),
            ),
            ("population.json", include_str!("../data/population.json")),
            ("calibration.json", include_str!("../data/calibration.json")),
            (
                "prosecution_calibration.json",
                include_str!("../data/prosecution_calibration.json"),
            ),
        ];
        files.extend_from_slice(crate::law::amendment_files());
        files
    }

    type JsonObject = serde_json::Map<String, serde_json::Value>;

    /// Calls `visit(file, path, object)` on every JSON object of the named data files, depth
    /// first; an object for which it returns `false` is not searched further.
    fn each_object(files: &[&str], mut visit: impl FnMut(&str, &str, &JsonObject) -> bool) {
        type Visit<'a> = dyn FnMut(&str, &str, &JsonObject) -> bool + 'a;
        fn walk(file: &str, path: &str, v: &serde_json::Value, visit: &mut Visit<'_>) {
            match v {
                serde_json::Value::Object(map) if visit(file, path, map) => {
                    for (k, child) in map {
                        walk(file, &format!("{path}.{k}"), child, visit);
                    }
                }
                serde_json::Value::Array(items) => {
                    for (i, child) in items.iter().enumerate() {
                        walk(file, &format!("{path}[{i}]"), child, visit);
                    }
                }
                _ => {}
            }
        }
        for (file, text) in data_files().iter().filter(|(f, _)| files.contains(f)) {
            let v: serde_json::Value = serde_json::from_str(text).unwrap();
            walk(file, "", &v, &mut visit);
        }
    }

    /// Every `{"en", "es"}` object in every embedded data file has both languages written.
    #[test]
    fn every_text_in_the_data_is_complete_in_both_languages() {
        let mut found = 0;
        let all: Vec<&str> = data_files().iter().map(|(f, _)| *f).collect();
        each_object(&all, |file, path, map| {
            if !(map.contains_key("en") || map.contains_key("es")) {
                return true;
            }
            let text: Text = serde_json::from_value(serde_json::Value::Object(map.clone()))
                .unwrap_or_else(|e| panic!("{file} {path}: not a Text: {e}"));
            assert!(text.is_complete(), "{file} {path}: {text:?}");
            assert_ne!(
                text.en.trim(),
                text.es.trim(),
                "{file} {path}: untranslated"
            );
            found += 1;
            false
        });
        // 13 charge names, 8 base-level reasons, a drug, 21 preset texts, 37 meanings, the
        // editions' labels, and the amendments' titles and changes.
        assert!(found >= 95, "{found} texts");
    }

    /// A source is a pure citation (one string for both languages) or our own prose with
    /// citations inside, in both languages: Spanish prose that keeps every figure and every
    /// cited name of the English.
    #[test]
    fn sources_with_prose_are_in_both_languages_and_keep_their_citations() {
        const PROSE: [&str; 12] = [
            "Assumption",
            "assumed",
            "calibrated",
            "share",
            "referral",
            "declined",
            " the ",
            " is ",
            " are ",
            " of the ",
            "effective",
            " from ",
        ];
        const CITED: [&str; 12] = [
            "Goodman",
            "DOJ OIG",
            "TRAC",
            "USSC",
            "USSG",
            "U.S.C.",
            "Pew Research Center",
            "GRIT",
            "REFERENCE",
            "H.R.",
            "§",
            "logit",
        ];
        fn figures(s: &str) -> Vec<&str> {
            s.split(|c: char| !(c.is_ascii_digit() || c == '.' || c == ','))
                .map(|t| t.trim_matches(|c: char| c == '.' || c == ','))
                .filter(|t| !t.is_empty())
                .collect()
        }
        let mut prose = 0;
        let files = [
            "presets.json",
            "prosecution_params.json",
            "sentencing_params.json",
            "population.json",
            "prosecution_calibration.json",
        ];
        each_object(&files, |file, path, map| {
            for (k, child) in map {
                if k != "source" && k != "charge_source" {
                    continue;
                }
                let at = format!("{path}.{k}");
                let text: Text = cited::deserialize(child.clone())
                    .unwrap_or_else(|e| panic!("{file} {at}: {e}"));
                if text.en == text.es {
                    for word in PROSE {
                        assert!(
                            !text.en.contains(word),
                            "{file} {at} has prose ({word:?}) but no Spanish: {}",
                            text.en
                        );
                    }
                    continue;
                }
                prose += 1;
                assert!(text.is_complete(), "{file} {at}");
                if text.en.starts_with("Assumption") {
                    assert!(text.es.starts_with("Supuesto"), "{file} {at}");
                }
                for name in CITED {
                    assert_eq!(
                        text.en.matches(name).count(),
                        text.es.matches(name).count(),
                        "{file} {at}: {name:?} not kept as cited"
                    );
                }
                for figure in figures(&text.en) {
                    assert!(
                        text.es.contains(figure),
                        "{file} {at}: {figure} missing in Spanish"
                    );
                }
            }
            true
        });
        // 17 prosecution, 9 sentencing, 14 caseload mix, 4 calibration, 10 preset sources.
        assert!(prose >= 54, "{prose} sources with prose");
    }

    #[test]
    fn a_source_reads_as_a_citation_or_as_prose_and_writes_back_the_same_way() {
        #[derive(Debug, PartialEq, Serialize, Deserialize)]
        struct Row {
            #[serde(with = "cited")]
            source: Text,
        }
        let citation = r#"{"source":"USSG §2K2.1 (Nov. 1, 2010 Manual)"}"#;
        let row: Row = serde_json::from_str(citation).unwrap();
        assert_eq!(row.source, Text::same("USSG §2K2.1 (Nov. 1, 2010 Manual)"));
        assert_eq!(serde_json::to_string(&row).unwrap(), citation);
        let prose = r#"{"source":{"en":"Assumption","es":"Supuesto"}}"#;
        let row: Row = serde_json::from_str(prose).unwrap();
        assert_eq!(row.source.get(Lang::Es), "Supuesto");
        assert_eq!(serde_json::to_string(&row).unwrap(), prose);
        assert!(serde_json::from_str::<Row>(r#"{"source":{"en":"x"}}"#).is_err());
    }

    /// Every key the engine's source names (`"worksheet.…"`, `"error.…"`, …) is in its
    /// catalog; keys built from an enum are checked by walking the enum.
    #[test]
    fn every_key_the_engine_uses_is_in_its_catalog() {
        let catalog = engine_catalog();
        let prefixes = [
            "worksheet.",
            "assume.",
            "error.",
            "law.",
            "law_era.",
            "range.",
            "output.",
            "side_by_side.",
            "difference.",
            "answer.",
            "nothing_moves.",
            "decline.",
            "not_considered.",
            "text.",
            "serde.",
            "stamp.",
        ];
        let mut missing = Vec::new();
        let mut seen = 0;
        let mut stack = vec![std::path::PathBuf::from(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/src"
        ))];
        while let Some(dir) = stack.pop() {
            for entry in std::fs::read_dir(&dir).unwrap() {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    stack.push(path);
                    continue;
                }
                if path.extension().is_none_or(|e| e != "rs") {
                    continue;
                }
                let source = std::fs::read_to_string(&path).unwrap();
                for literal in source.split('"').skip(1).step_by(2) {
                    let is_key = prefixes.iter().any(|p| literal.starts_with(p))
                        && literal.bytes().all(|b| {
                            b.is_ascii_lowercase() || b.is_ascii_digit() || b"._".contains(&b)
                        })
                        && !literal.ends_with('.');
                    if is_key {
                        seen += 1;
                        if !catalog.contains(literal) {
                            missing.push(format!("{}: {literal}", path.display()));
                        }
                    }
                }
            }
        }
        assert!(seen > 100, "{seen} keys found");
        assert!(
            missing.is_empty(),
            "not in engine/data/messages.json: {missing:#?}"
        );
        for lang in Lang::ALL {
            for era in crate::LawEra::ALL {
                assert!(!era.label(lang).contains('⟦'));
            }
            for reason in crate::prosecution::DeclineReason::ALL {
                assert!(!reason.label(lang).contains('⟦'));
            }
            for output in crate::scenario::Output::ALL {
                assert!(!output.label(lang).contains('⟦'));
            }
        }
        assert_eq!(
            Message::new("side_by_side.method").render(Lang::En),
            crate::scenario::ATTRIBUTION_METHOD
        );
    }

    #[test]
    fn codes_round_trip() {
        for lang in Lang::ALL {
            assert_eq!(Lang::from_code(lang.code()), Some(lang));
            assert_eq!(Lang::from_code(lang.tag()), Some(lang));
        }
        assert_eq!(Lang::from_code("EN-us"), Some(Lang::En));
        assert_eq!(Lang::from_code("fr"), None);
        assert_eq!(Lang::from_code(""), None);
    }
}
