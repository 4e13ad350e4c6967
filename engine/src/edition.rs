//! The Guidelines Manual editions Threshold models: named dates, listed once in
//! `data/law/editions.json`, so a new edition is a row there and an amendment file.

use std::fmt;
use std::sync::OnceLock;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::i18n::{Lang, Text};
use crate::law::date::Date;

const EDITIONS_JSON: &str = include_str!("../data/law/editions.json");

/// One row of `editions.json`.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EditionRow {
    /// The short name used in files, links and the command line ("2025").
    pub code: String,
    /// The day the Manual took effect.
    pub effective: Date,
    /// The Manual for people.
    pub label: Text,
    /// Whether the edition's changes to the rules Threshold models were checked.
    pub checked: crate::law::Checked,
    /// What is known, modelled or not verified about the edition, in words.
    #[serde(default)]
    pub notes: Vec<Text>,
}

/// The list as read from the data, with the date the law is known to.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Editions {
    /// "Today" in the data: the statutes and Manuals are entered as in force on this day.
    pub law_as_of: Date,
    pub editions: Vec<EditionRow>,
}

pub(crate) fn editions() -> &'static Editions {
    static EDITIONS: OnceLock<Editions> = OnceLock::new();
    // Fixed at build time and checked by the tests: a failure here is a build defect.
    EDITIONS.get_or_init(|| parse_editions(EDITIONS_JSON).expect("editions.json is valid"))
}

pub(crate) fn parse_editions(text: &str) -> Result<Editions, String> {
    let e: Editions = serde_json::from_str(text).map_err(|e| format!("editions.json: {e}"))?;
    if e.editions.is_empty() || e.editions.len() > usize::from(u8::MAX) {
        return Err("editions.json: the list must hold 1 to 255 editions".into());
    }
    for pair in e.editions.windows(2) {
        if pair[0].effective >= pair[1].effective {
            return Err(format!(
                "editions.json: {} must take effect after {}",
                pair[1].code, pair[0].code
            ));
        }
    }
    for (i, row) in e.editions.iter().enumerate() {
        if e.editions[..i].iter().any(|r| r.code == row.code) {
            return Err(format!("editions.json: {} is listed twice", row.code));
        }
    }
    Ok(e)
}

/// An edition of the U.S. Sentencing Commission's Guidelines Manual, by its place in the
/// list: editions compare by date.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ManualEdition(u8);

impl ManualEdition {
    /// Every modelled edition, oldest first.
    pub fn all() -> impl DoubleEndedIterator<Item = ManualEdition> + ExactSizeIterator + Clone {
        (0..editions().editions.len()).map(|i| ManualEdition(i as u8))
    }

    fn row(self) -> &'static EditionRow {
        &editions().editions[usize::from(self.0)]
    }

    /// The short name used in data files, links and the command line.
    pub fn code(self) -> &'static str {
        &self.row().code
    }

    /// A label for people.
    pub fn label(self, lang: Lang) -> &'static str {
        self.row().label.get(lang)
    }

    /// How far the edition's changes to the modelled rules were checked.
    pub fn checked(self) -> crate::law::Checked {
        self.row().checked
    }

    /// What is known, modelled or not verified about the edition.
    pub fn notes(self) -> &'static [Text] {
        &self.row().notes
    }

    /// The day this Manual took effect.
    pub fn effective(self) -> Date {
        self.row().effective
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::all().find(|e| e.code() == code)
    }

    /// The newest edition Threshold models.
    pub fn latest() -> Self {
        ManualEdition((editions().editions.len() - 1) as u8)
    }

    /// The oldest edition, the base text the amendments are applied to.
    pub fn first() -> Self {
        ManualEdition(0)
    }

    /// The edition in force on a day; before the first modelled one, the first.
    pub fn in_force_on(date: Date) -> Self {
        Self::all()
            .rev()
            .find(|e| e.effective() <= date)
            .unwrap_or(Self::first())
    }

    /// The edition before this one, if any.
    pub fn previous(self) -> Option<Self> {
        self.0.checked_sub(1).map(ManualEdition)
    }

    /// Every code, for error messages ("2010, 2011, …").
    pub fn codes() -> String {
        Self::all().map(|e| e.code()).collect::<Vec<_>>().join(", ")
    }
}

/// The Manual a case asks for: an edition by name, or the one §1B1.11 chooses from the
/// offense and sentencing dates. Written `"2011"` or `"auto"` in case files and links.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub enum ManualChoice {
    Edition(ManualEdition),
    /// The Manual in force at sentencing, unless it gives a higher range than the one in force
    /// on the offense date (USSG §1B1.11).
    Auto,
}

impl ManualChoice {
    pub const AUTO: &'static str = "auto";

    /// The code in files and links.
    pub fn code(self) -> &'static str {
        match self {
            Self::Edition(e) => e.code(),
            Self::Auto => Self::AUTO,
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        if code == Self::AUTO {
            return Some(Self::Auto);
        }
        ManualEdition::from_code(code).map(Self::Edition)
    }

    /// The edition named, if one is.
    pub fn edition(self) -> Option<ManualEdition> {
        match self {
            Self::Edition(e) => Some(e),
            Self::Auto => None,
        }
    }
}

impl From<ManualEdition> for ManualChoice {
    fn from(e: ManualEdition) -> Self {
        Self::Edition(e)
    }
}

impl fmt::Debug for ManualChoice {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Edition(e) => e.fmt(f),
            Self::Auto => f.write_str("Manual auto"),
        }
    }
}

impl Serialize for ManualChoice {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.code())
    }
}

impl<'de> Deserialize<'de> for ManualChoice {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<ManualChoice, D::Error> {
        let code = String::deserialize(d)?;
        ManualChoice::from_code(&code).ok_or_else(|| {
            serde::de::Error::custom(format!(
                "unknown variant `{code}`, expected `auto` or one of {}",
                ManualEdition::all()
                    .map(|e| format!("`{}`", e.code()))
                    .collect::<Vec<_>>()
                    .join(", ")
            ))
        })
    }
}

/// The date the embedded law is entered as of: what "today's law" means.
pub fn law_as_of() -> Date {
    editions().law_as_of
}

impl fmt::Debug for ManualEdition {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Manual {}", self.code())
    }
}

impl fmt::Display for ManualEdition {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl Serialize for ManualEdition {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.code())
    }
}

impl<'de> Deserialize<'de> for ManualEdition {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<ManualEdition, D::Error> {
        let code = String::deserialize(d)?;
        ManualEdition::from_code(&code).ok_or_else(|| {
            serde::de::Error::custom(format!(
                "unknown variant `{code}`, expected one of {}",
                ManualEdition::all()
                    .map(|e| format!("`{}`", e.code()))
                    .collect::<Vec<_>>()
                    .join(", ")
            ))
        })
    }
}

/// Written by hand, as serde is: the codes of the editions in the embedded data, so a new
/// edition changes the checked-in schemas and their test says to regenerate them.
#[cfg(feature = "schema")]
fn codes_schema(codes: impl Iterator<Item = &'static str>, description: &str) -> schemars::Schema {
    let codes: Vec<&str> = codes.collect();
    schemars::json_schema!({
        "description": description,
        "type": "string",
        "enum": codes
    })
}

#[cfg(feature = "schema")]
impl schemars::JsonSchema for ManualEdition {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "ManualEdition".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        codes_schema(
            ManualEdition::all().map(ManualEdition::code),
            "A Guidelines Manual edition, by its year (each took effect on November 1).",
        )
    }
}

#[cfg(feature = "schema")]
impl schemars::JsonSchema for ManualChoice {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "ManualChoice".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        codes_schema(
            std::iter::once(ManualChoice::AUTO)
                .chain(ManualEdition::all().map(ManualEdition::code)),
            "A Guidelines Manual edition by its year, or \"auto\" for the one USSG §1B1.11 \
             chooses from the offense and sentencing dates.",
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn editions_read_in_order_and_by_code() {
        let all: Vec<_> = ManualEdition::all().collect();
        assert!(all.len() >= 3);
        for e in &all {
            assert_eq!(ManualEdition::from_code(e.code()), Some(*e));
            assert_eq!(
                serde_json::from_str::<ManualEdition>(&serde_json::to_string(e).unwrap()).unwrap(),
                *e
            );
            assert_eq!(ManualEdition::in_force_on(e.effective()), *e);
            assert!(!e.label(Lang::Es).is_empty());
        }
        assert!(all.windows(2).all(|w| w[0] < w[1]));
        assert_eq!(ManualEdition::first(), all[0]);
        assert_eq!(ManualEdition::latest(), *all.last().unwrap());
        assert!(law_as_of() >= ManualEdition::latest().effective());
        let err = serde_json::from_str::<ManualEdition>("\"1999\"").unwrap_err();
        assert!(err.to_string().contains("`2010`"), "{err}");
    }

    #[test]
    fn a_bad_list_is_refused() {
        let row = |code: &str, date: &str| {
            format!(
                r#"{{"code":"{code}","effective":"{date}","label":{{"en":"x","es":"x"}},"checked":"primary_text"}}"#
            )
        };
        let list = |rows: &[String]| {
            format!(
                r#"{{"law_as_of":"2026-12-01","editions":[{}]}}"#,
                rows.join(",")
            )
        };
        assert!(parse_editions(&list(&[row("a", "2010-11-01")])).is_ok());
        assert!(parse_editions(&list(&[])).is_err());
        assert!(parse_editions(&list(&[row("a", "2011-11-01"), row("b", "2010-11-01")])).is_err());
        assert!(parse_editions(&list(&[row("a", "2010-11-01"), row("a", "2011-11-01")])).is_err());
    }
}
