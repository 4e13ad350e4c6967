//! The worksheet: the ordered steps and stated assumptions that show how each number arose.

use std::fmt::{self, Write as _};

use serde::{Deserialize, Serialize};

use crate::i18n::{english, Lang, Message, Text};

/// One step of the computation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Step {
    /// The rule applied, e.g. "§2K2.1(b)(1)(A)".
    pub rule: String,
    /// The rule's stable id in the law's data, when the step applies a Manual rule: the
    /// same across editions however the Commission renumbers it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rule_id: Option<String>,
    /// How the rule's present text was verified, for a step that applies a rule of the
    /// law's data (a Manual rule by its id, or the statute's penalty).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub checked: Option<crate::law::Checked>,
    /// Where the rule comes from (statute, Manual edition and section, report): the same in
    /// both languages, except a report cited with words of Threshold's own around it. JSON
    /// carries the English, as it always has.
    #[serde(with = "english_citation")]
    pub citation: Text,
    /// Offense level before the step, when the step changes or sets a level.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub level_before: Option<i32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub level_after: Option<i32>,
    /// One line, rendered in the reader's language. JSON carries it as English text, as it
    /// always has, so consumers of the command line's output keep working.
    #[serde(with = "english")]
    pub reason: Message,
}

impl Step {
    /// The rule's name: a citation stays as cited, but the few rules named in words (the
    /// Sentencing Table, the zones, the expected sentence) are named in `lang`.
    pub fn rule_in(&self, lang: Lang) -> String {
        let key = match self.rule.as_str() {
            RULE_TABLE => "worksheet.rule.table",
            RULE_ZONES => "worksheet.rule.zones",
            RULE_EXPECTED => "worksheet.rule.expected",
            _ => return self.rule.clone(),
        };
        Message::new(key).render(lang)
    }
}

pub(crate) const RULE_TABLE: &str = "§5A Sentencing Table";
pub(crate) const RULE_ZONES: &str = "§5B1.1 / §5C1.1 zones";
pub(crate) const RULE_EXPECTED: &str = "expected imposed sentence";

/// A fact a rule needed but the case did not give, and the value used instead.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Assumption {
    /// The case field, as named in case files.
    pub field: String,
    /// The value as case files spell it (`true`, `3`, `none`): the same in every language.
    pub value: String,
    #[serde(with = "english")]
    pub reason: Message,
}

/// Everything the computation did, in order.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Worksheet {
    pub steps: Vec<Step>,
    pub assumptions: Vec<Assumption>,
}

impl Worksheet {
    /// The worksheet as plain text, one line per step.
    pub fn to_text(&self) -> String {
        let mut out = String::new();
        for (i, step) in self.steps.iter().enumerate() {
            let levels = match (step.level_before, step.level_after) {
                (Some(b), Some(a)) => format!(" [{b} → {a}]"),
                (None, Some(a)) => format!(" [{a}]"),
                _ => String::new(),
            };
            let _ = writeln!(
                out,
                "{:>2}. {}{}: {} ({})",
                i + 1,
                step.rule,
                levels,
                step.reason.render(Lang::En),
                step.citation.en
            );
        }
        for a in &self.assumptions {
            let _ = writeln!(
                out,
                "assumed {} = {}: {}",
                a.field,
                a.value,
                a.reason.render(Lang::En)
            );
        }
        out
    }
}

/// Where the computation reports its steps. The worksheet records them; [`Silent`] drops
/// them, so bulk runs (Monte Carlo over caseloads) pay nothing for text they never show:
/// a reason is a closure, called (and its message built) only when recorded.
pub(crate) trait Recorder {
    fn step(
        &mut self,
        rule: &str,
        citation: impl Citation,
        levels: (Option<i32>, Option<i32>),
        reason: impl FnOnce() -> Message,
    );
    /// `reason` is a key of the engine's catalog.
    fn assume(&mut self, field: &str, value: fmt::Arguments<'_>, reason: &'static str);
}

impl Recorder for Worksheet {
    fn step(
        &mut self,
        rule: &str,
        citation: impl Citation,
        (level_before, level_after): (Option<i32>, Option<i32>),
        reason: impl FnOnce() -> Message,
    ) {
        let rule_id = citation.rule_id();
        self.steps.push(Step {
            rule: rule.to_string(),
            rule_id,
            checked: None,
            citation: citation.cited(),
            level_before,
            level_after,
            reason: reason(),
        });
    }

    fn assume(&mut self, field: &str, value: fmt::Arguments<'_>, reason: &'static str) {
        self.assumptions.push(Assumption {
            field: field.to_string(),
            value: value.to_string(),
            reason: Message::new(reason),
        });
    }
}

/// What a step cites: a plain citation (the same in both languages) or a source with prose in
/// both; copied only when a worksheet records the step.
pub(crate) trait Citation {
    fn cited(self) -> Text;

    /// The stable id of the rule cited, if it is a rule of the law's data.
    fn rule_id(&self) -> Option<String> {
        None
    }
}

impl Citation for &str {
    fn cited(self) -> Text {
        Text::same(self)
    }
}

impl Citation for &String {
    fn cited(self) -> Text {
        Text::same(self.as_str())
    }
}

impl Citation for &Text {
    fn cited(self) -> Text {
        self.clone()
    }
}

/// A statute's penalty, cited with the law that wrote it; formatted only when recorded.
impl Citation for &crate::law::Penalty {
    fn cited(self) -> Text {
        Text::same(self.citation())
    }
}

/// A rule of a Manual edition by its id, cited with the edition: written out only when
/// recorded, so a bulk run formats no citation it never shows.
pub(crate) struct RuleRef<'a> {
    id: &'a str,
    cite: &'a crate::law::Cite,
    edition: crate::edition::ManualEdition,
}

pub(crate) fn rule_ref<'a>(
    id: &'a str,
    cite: &'a crate::law::Cite,
    edition: crate::edition::ManualEdition,
) -> RuleRef<'a> {
    RuleRef { id, cite, edition }
}

impl Citation for RuleRef<'_> {
    fn cited(self) -> Text {
        Text::same(self.cite.in_manual(self.edition))
    }

    fn rule_id(&self) -> Option<String> {
        Some(self.id.to_string())
    }
}

/// A citation written to JSON as its English, read back as the same in both languages.
mod english_citation {
    use super::Text;
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(citation: &Text, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&citation.en)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Text, D::Error> {
        Ok(Text::same(String::deserialize(d)?))
    }
}

/// A recorder that keeps nothing.
pub(crate) struct Silent;

impl Recorder for Silent {
    fn step(
        &mut self,
        _: &str,
        _: impl Citation,
        _: (Option<i32>, Option<i32>),
        _: impl FnOnce() -> Message,
    ) {
    }
    fn assume(&mut self, _: &str, _: fmt::Arguments<'_>, _: &'static str) {}
}

/// A recorder that keeps only the ids of the rules applied: a case's timeline asks which
/// rules each edition applied, and needs none of the words.
#[derive(Default)]
pub(crate) struct RulesApplied(pub Vec<String>);

impl Recorder for RulesApplied {
    fn step(
        &mut self,
        _: &str,
        citation: impl Citation,
        _: (Option<i32>, Option<i32>),
        _: impl FnOnce() -> Message,
    ) {
        if let Some(id) = citation.rule_id() {
            self.0.push(id);
        }
    }
    fn assume(&mut self, _: &str, _: fmt::Arguments<'_>, _: &'static str) {}
}

/// The value of an optional fact, recording an assumption when it is missing; `reason` is
/// a key of the engine's catalog.
pub(crate) fn fact<T: Copy + Serialize, R: Recorder>(
    given: Option<T>,
    field: &str,
    assumed: T,
    reason: &'static str,
    rec: &mut R,
) -> T {
    given.unwrap_or_else(|| {
        rec.assume(field, format_args!("{}", ValueText(&assumed)), reason);
        assumed
    })
}

/// A case value as case files spell it (`true`, `3`, `none`), written only when recorded.
struct ValueText<'a, T>(&'a T);

impl<T: Serialize> fmt::Display for ValueText<'_, T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match serde_json::to_value(self.0) {
            Ok(serde_json::Value::String(s)) => f.write_str(&s),
            Ok(other) => write!(f, "{other}"),
            Err(_) => f.write_str("?"),
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::case::Case;
    use crate::evaluate::evaluate;
    use crate::i18n::Lang;
    use crate::imposed::SentencingParams;
    use crate::law::{ChargeId, Law, LawEra, Recipient, Role};
    use crate::CriminalHistory;

    /// Cases that between them reach every kind of step and assumption.
    fn cases() -> Vec<Case> {
        let mut out = Vec::new();
        for era in LawEra::ALL {
            for charge in ChargeId::ALL {
                let mut bare = Case::new(era, charge);
                bare.counts = None;
                out.push(bare);
                let mut full = Case::new(era, charge);
                full.firearms = Some(250);
                full.counts = Some(3);
                full.altered_serial = Some(true);
                full.trafficking_recipient = Some(Recipient::Dangerous);
                full.mexico_nexus = Some(true);
                full.role = Some(Role::OrganizerLeader);
                full.criminal_history = Some(CriminalHistory::VI);
                full.prior_violent_or_drug_felonies = Some(2);
                full.fully_automatic = Some(true);
                out.push(full);
            }
        }
        out
    }

    #[test]
    fn every_step_and_assumption_reads_in_both_languages() {
        let law = Law::embedded();
        let params = SentencingParams::embedded();
        let mut steps = 0;
        for case in cases() {
            let Ok(e) = evaluate(&case, law, params) else {
                continue;
            };
            for step in &e.worksheet.steps {
                let (en, es) = (step.reason.render(Lang::En), step.reason.render(Lang::Es));
                assert!(!en.contains('⟦') && !es.contains('⟦'), "{en} / {es}");
                assert!(!step.rule_in(Lang::Es).contains('⟦'));
                steps += 1;
            }
            for a in &e.worksheet.assumptions {
                let es = a.reason.render(Lang::Es);
                assert!(!es.contains('⟦') && es != a.reason.render(Lang::En), "{es}");
            }
        }
        assert!(steps > 100);
    }

    /// JSON keeps the English sentence, as the command line has always written it.
    #[test]
    fn json_carries_english_reasons() {
        let mut case = Case::new(LawEra::April2011, ChargeId::StrawPurchase922a6);
        case.firearms = Some(5);
        let e = evaluate(&case, Law::embedded(), SentencingParams::embedded()).unwrap();
        let json = serde_json::to_value(&e.worksheet).unwrap();
        let reasons: Vec<&str> = json["steps"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| s["reason"].as_str().unwrap())
            .collect();
        assert!(reasons.contains(&"5 firearms: +2"), "{reasons:?}");
        assert!(reasons.contains(&"acceptance of responsibility: -2"));
        assert_eq!(
            json["assumptions"][0]["reason"].as_str(),
            Some(e.worksheet.assumptions[0].reason.render(Lang::En).as_str())
        );
        let es: Vec<String> = e
            .worksheet
            .steps
            .iter()
            .map(|s| s.reason.render(Lang::Es))
            .collect();
        assert!(es.contains(&"5 armas de fuego: +2".to_string()), "{es:?}");
        assert!(e.worksheet.to_text().contains("5 firearms: +2"));
        // Read back, a reason is kept as the text it was.
        let back: super::Worksheet = serde_json::from_value(json.clone()).unwrap();
        assert_eq!(back.steps[2].reason.render(Lang::Es), reasons[2]);
    }
}
