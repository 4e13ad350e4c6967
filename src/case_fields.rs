//! The facts of a case as the case builder shows them: a plain label, the legal meaning and
//! its citation, and how each reads and writes the engine's `Case`.
//!
//! Labels and meanings are catalog keys built from each variant's case-file name
//! (`case.fact.{key}.label`), so the tests below walk every variant to prove each key exists
//! in both languages. Citations stay as cited: they name English documents.

use std::fmt;

use threshold_engine::i18n::Text;
use threshold_engine::{Case, CaseError, Law, LawEra, ManualEdition};
use yew::AttrValue;

use crate::i18n::{t, tf, verbatim, Arg, Lang, Message};

/// A yes/no fact; `None` means "not given", which the engine assumes out loud.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Fact {
    ProhibitedPerson,
    LargeCapacitySemiautomatic,
    NfaWeapon,
    FullyAutomatic,
    StolenFirearm,
    AlteredSerial,
    KnewBuyerProhibited,
    MexicoNexus,
    KnewLeavingUs,
    OtherFelony,
    CriminalGroup,
    RelationshipOrFearMotive,
    PartsOrMagazines,
    ConversionDeviceTransferred,
    CrimeGunRecovered,
    IceJointInvestigation,
    AcceptsResponsibility,
    GovernmentMotion,
}

/// A number the user types.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Quantity {
    Firearms,
    Counts,
    PriorFelonies,
    HistoryPoints,
    ConversionDevices,
    AmmunitionRounds,
    DrugGrams,
    /// Entered in percent, stored as 0–1.
    EvidenceStrength,
}

/// What a field means in law and where that comes from.
pub struct LegalNote {
    pub meaning: AttrValue,
    pub citation: AttrValue,
}

/// Where a fact matters in the law of an edition, as the engine's data cites it.
pub fn fact_citation(edition: ManualEdition, key: &str) -> AttrValue {
    Law::embedded()
        .fact_citation(edition, key)
        .map(AttrValue::from)
        .unwrap_or_default()
}

/// An assumed fact in words: the field by its label and the value as the form would show
/// it ("Who the guns were for: Not shown (no trafficking increase)"), never the case-file
/// spelling (`trafficking_recipient = none`).
pub fn assumption_words(lang: Lang, field: &str, value: &str) -> String {
    let shown = match (field, value) {
        (_, "true") => t(lang, "case.fact.yes").to_string(),
        (_, "false") => t(lang, "case.fact.no").to_string(),
        ("manual", code) => ManualEdition::from_code(code)
            .map(|e| manual_label(lang, e).to_string())
            .unwrap_or_else(|| code.to_string()),
        ("role" | "trafficking_recipient" | "trafficking_933_conduct", code) => {
            let prefix = match field {
                "role" => "case.role",
                "trafficking_recipient" => "case.recipient",
                _ => "case.conduct_933",
            };
            let key = format!("{prefix}.{code}");
            if crate::i18n::catalog().contains(&key) {
                t(lang, &key).to_string()
            } else {
                code.to_string()
            }
        }
        (_, other) => other.to_string(),
    };
    match case_field_label(lang, field) {
        // An edition's name already says it is the Manual.
        Some(label) if field != "manual" => format!("{label}: {shown}"),
        _ => shown,
    }
}

/// A case field, as case files, CSV columns and share links name it, by its label in the
/// case builder; `None` for a name the builder does not show.
pub fn case_field_label(lang: Lang, name: &str) -> Option<AttrValue> {
    if let Some(quantity) = Quantity::ALL.into_iter().find(|q| q.key() == name) {
        return Some(quantity.label(lang));
    }
    if let Some(fact) = Fact::ALL.into_iter().find(|f| f.key() == name) {
        return Some(fact.label(lang));
    }
    let key = match name {
        "law_era" => "case.era.label",
        "manual" => "case.manual.label",
        "charge" => "case.charge.label",
        "criminal_history" => "case.history.label",
        "role" => "case.role.label",
        "trafficking_recipient" => "case.recipient.label",
        "trafficking_933_conduct" => "case.conduct_933.label",
        "offense_date" => "case.offense_date.label",
        "sentencing_date" => "case.sentencing_date.label",
        _ => return None,
    };
    Some(t(lang, key))
}

/// A case field's label in both languages, for a message rendered later.
pub fn case_field_words(name: &str) -> Option<Text> {
    let en = case_field_label(Lang::En, name)?;
    let es = case_field_label(Lang::Es, name)?;
    Some(Text::new(en.as_str(), es.as_str()))
}

/// Why a case cannot be used, naming the field by its label in the case builder (or, for a
/// name the builder does not show, as the file spells it).
pub fn case_error_words(error: &CaseError) -> Message {
    let field = case_field_words(&error.field)
        .map_or_else(|| verbatim(format!("“{}”", error.field)), Arg::from);
    Message::new("case.error.field")
        .with("field", field)
        .with("message", error.message.clone())
}

/// A law era as a choice in the form: "Law today (statutes as of …; Manual of …)".
pub fn era_label(lang: Lang, era: LawEra) -> AttrValue {
    let key = format!("case.era.{}.label", era.code());
    match era {
        LawEra::April2011 => t(lang, &key),
        LawEra::Today => tf(
            lang,
            &key,
            &[
                ("date", verbatim(era.date().written(lang))),
                (
                    "manual",
                    verbatim(era.default_manual().effective().written(lang)),
                ),
            ],
        )
        .into(),
    }
}

/// A law era inside a sentence: "law as of April 2011", in the engine's words.
pub fn era_phrase(lang: Lang, era: LawEra) -> AttrValue {
    AttrValue::from(era.label(lang))
}

/// A Guidelines Manual edition for people, in the engine's words.
pub fn manual_label(lang: Lang, edition: ManualEdition) -> AttrValue {
    AttrValue::Static(edition.label(lang))
}

impl Fact {
    pub const ALL: [Fact; 18] = [
        Fact::ProhibitedPerson,
        Fact::LargeCapacitySemiautomatic,
        Fact::NfaWeapon,
        Fact::FullyAutomatic,
        Fact::StolenFirearm,
        Fact::AlteredSerial,
        Fact::KnewBuyerProhibited,
        Fact::MexicoNexus,
        Fact::KnewLeavingUs,
        Fact::OtherFelony,
        Fact::CriminalGroup,
        Fact::RelationshipOrFearMotive,
        Fact::PartsOrMagazines,
        Fact::ConversionDeviceTransferred,
        Fact::CrimeGunRecovered,
        Fact::IceJointInvestigation,
        Fact::AcceptsResponsibility,
        Fact::GovernmentMotion,
    ];
    pub const KIND_OF_FIREARMS: [Fact; 8] = [
        Fact::LargeCapacitySemiautomatic,
        Fact::NfaWeapon,
        Fact::FullyAutomatic,
        Fact::PartsOrMagazines,
        Fact::ConversionDeviceTransferred,
        Fact::StolenFirearm,
        Fact::AlteredSerial,
        Fact::ProhibitedPerson,
    ];
    pub const KNOWLEDGE_AND_NEXUS: [Fact; 6] = [
        Fact::KnewBuyerProhibited,
        Fact::MexicoNexus,
        Fact::KnewLeavingUs,
        Fact::OtherFelony,
        Fact::CriminalGroup,
        Fact::RelationshipOrFearMotive,
    ];
    pub const INVESTIGATION: [Fact; 2] = [Fact::CrimeGunRecovered, Fact::IceJointInvestigation];
    pub const PLEA: [Fact; 2] = [Fact::AcceptsResponsibility, Fact::GovernmentMotion];

    /// The case-file name, used for element ids and test hooks.
    pub fn key(self) -> &'static str {
        match self {
            Fact::ProhibitedPerson => "prohibited_person",
            Fact::LargeCapacitySemiautomatic => "large_capacity_semiautomatic",
            Fact::NfaWeapon => "nfa_weapon",
            Fact::FullyAutomatic => "fully_automatic",
            Fact::StolenFirearm => "stolen_firearm",
            Fact::AlteredSerial => "altered_serial",
            Fact::KnewBuyerProhibited => "knew_buyer_prohibited",
            Fact::MexicoNexus => "mexico_nexus",
            Fact::KnewLeavingUs => "knew_leaving_us",
            Fact::OtherFelony => "other_felony",
            Fact::CriminalGroup => "criminal_group",
            Fact::RelationshipOrFearMotive => "relationship_or_fear_motive",
            Fact::PartsOrMagazines => "parts_or_magazines",
            Fact::ConversionDeviceTransferred => "conversion_device_transferred",
            Fact::CrimeGunRecovered => "crime_gun_recovered",
            Fact::IceJointInvestigation => "ice_joint_investigation",
            Fact::AcceptsResponsibility => "accepts_responsibility",
            Fact::GovernmentMotion => "government_motion",
        }
    }

    pub fn label(self, lang: Lang) -> AttrValue {
        t(lang, &format!("case.fact.{}.label", self.key()))
    }

    /// The fact's meaning, and where it matters in the law as `edition` numbers it (from
    /// the engine's data).
    pub fn note(self, lang: Lang, edition: ManualEdition) -> LegalNote {
        LegalNote {
            meaning: t(lang, &format!("case.fact.{}.meaning", self.key())),
            citation: fact_citation(edition, self.key()),
        }
    }

    pub fn get(self, case: &Case) -> Option<bool> {
        match self {
            Fact::ProhibitedPerson => case.prohibited_person,
            Fact::LargeCapacitySemiautomatic => case.large_capacity_semiautomatic,
            Fact::NfaWeapon => case.nfa_weapon,
            Fact::FullyAutomatic => case.fully_automatic,
            Fact::StolenFirearm => case.stolen_firearm,
            Fact::AlteredSerial => case.altered_serial,
            Fact::KnewBuyerProhibited => case.knew_buyer_prohibited,
            Fact::MexicoNexus => case.mexico_nexus,
            Fact::KnewLeavingUs => case.knew_leaving_us,
            Fact::OtherFelony => case.other_felony,
            Fact::CriminalGroup => case.criminal_group,
            Fact::RelationshipOrFearMotive => case.relationship_or_fear_motive,
            Fact::PartsOrMagazines => case.parts_or_magazines,
            Fact::ConversionDeviceTransferred => case.conversion_device_transferred,
            Fact::CrimeGunRecovered => case.crime_gun_recovered,
            Fact::IceJointInvestigation => case.ice_joint_investigation,
            Fact::AcceptsResponsibility => case.accepts_responsibility,
            Fact::GovernmentMotion => case.government_motion,
        }
    }

    pub fn set(self, case: &mut Case, value: Option<bool>) {
        let field = match self {
            Fact::ProhibitedPerson => &mut case.prohibited_person,
            Fact::LargeCapacitySemiautomatic => &mut case.large_capacity_semiautomatic,
            Fact::NfaWeapon => &mut case.nfa_weapon,
            Fact::FullyAutomatic => &mut case.fully_automatic,
            Fact::StolenFirearm => &mut case.stolen_firearm,
            Fact::AlteredSerial => &mut case.altered_serial,
            Fact::KnewBuyerProhibited => &mut case.knew_buyer_prohibited,
            Fact::MexicoNexus => &mut case.mexico_nexus,
            Fact::KnewLeavingUs => &mut case.knew_leaving_us,
            Fact::OtherFelony => &mut case.other_felony,
            Fact::CriminalGroup => &mut case.criminal_group,
            Fact::RelationshipOrFearMotive => &mut case.relationship_or_fear_motive,
            Fact::PartsOrMagazines => &mut case.parts_or_magazines,
            Fact::ConversionDeviceTransferred => &mut case.conversion_device_transferred,
            Fact::CrimeGunRecovered => &mut case.crime_gun_recovered,
            Fact::IceJointInvestigation => &mut case.ice_joint_investigation,
            Fact::AcceptsResponsibility => &mut case.accepts_responsibility,
            Fact::GovernmentMotion => &mut case.government_motion,
        };
        *field = value;
    }
}

/// How a quantity is typed and checked.
pub struct QuantityRule {
    pub min: f64,
    pub max: f64,
    pub whole: bool,
}

/// Why a typed quantity cannot be used; [`QuantityError::message`] says it in the reader's
/// language, `Display` in English for logs and tests.
#[derive(Debug, Clone, PartialEq)]
pub enum QuantityError {
    /// What was typed, trimmed.
    NotANumber(String),
    NotWhole,
    BelowMin(f64),
    AboveMax(Quantity),
}

impl QuantityError {
    pub fn message(&self, lang: Lang) -> String {
        match self {
            QuantityError::NotANumber(text) => tf(
                lang,
                "case.error.not_a_number",
                &[("text", verbatim(text.clone()))],
            ),
            QuantityError::NotWhole => t(lang, "case.error.not_whole").to_string(),
            QuantityError::BelowMin(min) => {
                tf(lang, "case.error.at_least", &[("min", Arg::Num(*min, 1))])
            }
            QuantityError::AboveMax(quantity) => tf(
                lang,
                "case.error.at_most",
                &[
                    ("max", Arg::Num(quantity.rule().max, 1)),
                    ("unit", Arg::from(Message::new(quantity.unit_key()))),
                ],
            ),
        }
    }
}

impl fmt::Display for QuantityError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message(Lang::En))
    }
}

impl Quantity {
    pub const ALL: [Quantity; 8] = [
        Quantity::Firearms,
        Quantity::ConversionDevices,
        Quantity::Counts,
        Quantity::PriorFelonies,
        Quantity::HistoryPoints,
        Quantity::EvidenceStrength,
        Quantity::AmmunitionRounds,
        Quantity::DrugGrams,
    ];

    pub fn key(self) -> &'static str {
        match self {
            Quantity::Firearms => "firearms",
            Quantity::Counts => "counts",
            Quantity::PriorFelonies => "prior_violent_or_drug_felonies",
            Quantity::HistoryPoints => "criminal_history_points",
            Quantity::ConversionDevices => "conversion_devices",
            Quantity::AmmunitionRounds => "ammunition_rounds",
            Quantity::DrugGrams => "drug_grams",
            Quantity::EvidenceStrength => "evidence_strength",
        }
    }

    pub fn label(self, lang: Lang) -> AttrValue {
        t(lang, &format!("case.quantity.{}.label", self.key()))
    }

    fn unit_key(self) -> String {
        format!("case.quantity.{}.unit", self.key())
    }

    /// The unit shown after the box, e.g. "firearms".
    pub fn unit(self, lang: Lang) -> AttrValue {
        t(lang, &self.unit_key())
    }

    /// Typed in percent (its box shows a % sign).
    pub fn in_percent(self) -> bool {
        matches!(self, Quantity::EvidenceStrength)
    }

    pub fn rule(self) -> QuantityRule {
        let (min, max, whole) = match self {
            Quantity::Firearms => (0.0, 1_000_000.0, true),
            Quantity::Counts => (1.0, 100.0, true),
            Quantity::PriorFelonies => (0.0, 50.0, true),
            Quantity::HistoryPoints => (0.0, 99.0, true),
            Quantity::ConversionDevices => (0.0, 1_000_000.0, true),
            Quantity::AmmunitionRounds => (0.0, 100_000_000.0, true),
            Quantity::DrugGrams => (0.0, 1.0e9, false),
            Quantity::EvidenceStrength => (0.0, 100.0, false),
        };
        QuantityRule { min, max, whole }
    }

    pub fn note(self, lang: Lang, edition: ManualEdition) -> LegalNote {
        let citation = match self {
            // The citation carries a note of Threshold's own, which is said in each language.
            Quantity::EvidenceStrength => t(lang, "case.quantity.evidence_strength.citation"),
            _ => fact_citation(edition, self.key()),
        };
        LegalNote {
            meaning: t(lang, &format!("case.quantity.{}.meaning", self.key())),
            citation,
        }
    }

    /// The value as the user sees it (percent for evidence).
    pub fn get(self, case: &Case) -> Option<f64> {
        match self {
            Quantity::Firearms => case.firearms.map(f64::from),
            Quantity::Counts => case.counts.map(f64::from),
            Quantity::PriorFelonies => case.prior_violent_or_drug_felonies.map(f64::from),
            Quantity::HistoryPoints => case.criminal_history_points.map(f64::from),
            Quantity::ConversionDevices => case.conversion_devices.map(f64::from),
            Quantity::AmmunitionRounds => case.ammunition_rounds.map(f64::from),
            Quantity::DrugGrams => case.drug_grams,
            Quantity::EvidenceStrength => case.evidence_strength.map(|s| s * 100.0),
        }
    }

    /// Stores a value already checked by [`Quantity::parse`]; the casts are within range.
    pub fn set(self, case: &mut Case, value: Option<f64>) {
        match self {
            Quantity::Firearms => case.firearms = value.map(|v| v as u32),
            Quantity::Counts => case.counts = value.map(|v| v as u32),
            Quantity::PriorFelonies => case.prior_violent_or_drug_felonies = value.map(|v| v as u8),
            Quantity::HistoryPoints => case.criminal_history_points = value.map(|v| v as u8),
            Quantity::ConversionDevices => case.conversion_devices = value.map(|v| v as u32),
            Quantity::AmmunitionRounds => case.ammunition_rounds = value.map(|v| v as u32),
            Quantity::DrugGrams => case.drug_grams = value,
            Quantity::EvidenceStrength => case.evidence_strength = value.map(|v| v / 100.0),
        }
    }

    /// Reads what the user typed: empty is "not given"; anything else must be a number in
    /// range, or the error says in plain words what is wrong.
    pub fn parse(self, text: &str) -> Result<Option<f64>, QuantityError> {
        let rule = self.rule();
        let cleaned: String = text
            .trim()
            .chars()
            .filter(|c| *c != ',' && *c != '_')
            .collect();
        let cleaned = cleaned.trim_end_matches('%');
        if cleaned.is_empty() {
            return Ok(None);
        }
        let value: f64 = cleaned
            .parse()
            .ok()
            .filter(|v: &f64| v.is_finite())
            .ok_or_else(|| QuantityError::NotANumber(text.trim().to_string()))?;
        if rule.whole && value.fract() != 0.0 {
            return Err(QuantityError::NotWhole);
        }
        if value < rule.min {
            return Err(QuantityError::BelowMin(rule.min));
        }
        if value > rule.max {
            return Err(QuantityError::AboveMax(self));
        }
        Ok(Some(value))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use threshold_engine::{ChargeId, LawEra};

    #[test]
    fn every_fact_reads_back_what_it_writes() {
        let all = [
            Fact::KIND_OF_FIREARMS.as_slice(),
            &Fact::KNOWLEDGE_AND_NEXUS,
            &Fact::INVESTIGATION,
            &Fact::PLEA,
        ]
        .concat();
        assert_eq!(all.len(), 18, "every Fact appears in one group");
        let mut listed = all.clone();
        listed.sort_by_key(|f| f.key());
        let mut every = Fact::ALL.to_vec();
        every.sort_by_key(|f| f.key());
        assert_eq!(listed, every, "the groups and ALL hold the same facts");
        let mut case = Case::new(LawEra::Today, ChargeId::Trafficking933);
        for fact in all {
            for value in [Some(true), Some(false), None] {
                fact.set(&mut case, value);
                assert_eq!(fact.get(&case), value, "{}", fact.key());
            }
        }
    }

    #[test]
    fn quantities_parse_plain_words_and_refuse_garbage() {
        assert_eq!(Quantity::Firearms.parse(" 1,200 "), Ok(Some(1200.0)));
        assert_eq!(Quantity::Firearms.parse(""), Ok(None));
        assert!(Quantity::Firearms.parse("abc").is_err());
        assert!(Quantity::Firearms.parse("-3").is_err());
        assert!(Quantity::Firearms.parse("2.5").is_err());
        assert!(Quantity::Firearms.parse("1e9").is_err());
        assert!(Quantity::Firearms.parse("NaN").is_err());
        assert!(Quantity::Firearms.parse("inf").is_err());
        assert!(Quantity::Counts.parse("0").is_err());
        assert_eq!(Quantity::EvidenceStrength.parse("75%"), Ok(Some(75.0)));
        assert!(Quantity::EvidenceStrength.parse("101").is_err());
        assert_eq!(Quantity::DrugGrams.parse("500.5"), Ok(Some(500.5)));
    }

    #[test]
    fn every_quantity_reads_back_what_it_writes() {
        let mut case = Case::new(LawEra::April2011, ChargeId::StrawPurchase922a6);
        for quantity in Quantity::ALL {
            let rule = quantity.rule();
            for value in [Some(rule.min), Some(rule.max), None] {
                quantity.set(&mut case, value);
                let back = quantity.get(&case);
                match (back, value) {
                    (Some(b), Some(v)) => assert!((b - v).abs() < 1e-6, "{}", quantity.key()),
                    (b, v) => assert_eq!(b, v, "{}", quantity.key()),
                }
            }
        }
    }

    /// The labels and notes are keys built from each variant, which the catalog scan cannot
    /// see: every one must be in the catalogs.
    #[test]
    fn every_run_time_key_is_in_the_catalogs() {
        let catalog = crate::i18n::catalog();
        let mut keys = Vec::new();
        for fact in Fact::ALL {
            keys.push(format!("case.fact.{}.label", fact.key()));
            keys.push(format!("case.fact.{}.meaning", fact.key()));
        }
        for quantity in Quantity::ALL {
            keys.push(format!("case.quantity.{}.label", quantity.key()));
            keys.push(format!("case.quantity.{}.meaning", quantity.key()));
            keys.push(quantity.unit_key());
        }
        for era in LawEra::ALL {
            keys.push(format!("case.era.{}.label", era.code()));
        }
        let missing: Vec<_> = keys.iter().filter(|k| !catalog.contains(k)).collect();
        assert!(missing.is_empty(), "missing from the catalogs: {missing:?}");
    }

    #[test]
    fn labels_and_notes_read_in_both_languages() {
        assert_eq!(
            Fact::ProhibitedPerson.label(Lang::En).as_str(),
            "The defendant was a prohibited person"
        );
        assert!(Fact::KnewBuyerProhibited
            .note(Lang::Es, ManualEdition::latest())
            .meaning
            .contains("prestanombres"));
        // Citations name English documents, stay as cited, and follow the edition's numbers.
        let ed = |code| ManualEdition::from_code(code).unwrap();
        assert_eq!(
            Fact::AcceptsResponsibility
                .note(Lang::Es, ed("2010"))
                .citation
                .as_str(),
            "USSG §3E1.1(a) (Nov. 1, 2010 Manual)"
        );
        assert!(Fact::OtherFelony
            .note(Lang::En, ed("2025"))
            .citation
            .contains("(b)(7)(B)"));
        assert_eq!(Quantity::Firearms.unit(Lang::Es).as_str(), "armas");
        assert_eq!(
            manual_label(Lang::Es, ManualEdition::from_code("2011").unwrap()).as_str(),
            "Manual de las Directrices, 1 de noviembre de 2011 (enmienda 753)"
        );
        for era in LawEra::ALL {
            assert_eq!(era_phrase(Lang::En, era).as_str(), era.to_string());
        }
    }

    /// Every field of a case file that the builder shows is named by its label, which the
    /// catalog scan cannot check (the keys are chosen by name).
    #[test]
    fn case_fields_are_named_by_their_labels() {
        let case = serde_json::to_value(Case::new(LawEra::Today, ChargeId::Trafficking933))
            .expect("a case is JSON");
        let mut full = Case::new(LawEra::Today, ChargeId::Trafficking933);
        for quantity in Quantity::ALL {
            quantity.set(&mut full, Some(quantity.rule().min));
        }
        for fact in Fact::ALL {
            fact.set(&mut full, Some(true));
        }
        let names: Vec<String> = serde_json::to_value(&full)
            .expect("a case is JSON")
            .as_object()
            .into_iter()
            .chain(case.as_object())
            .flat_map(|o| o.keys().cloned())
            .chain(
                [
                    "manual",
                    "criminal_history",
                    "role",
                    "trafficking_recipient",
                    "trafficking_933_conduct",
                    "offense_date",
                    "sentencing_date",
                ]
                .map(String::from),
            )
            .collect();
        for name in names {
            for lang in Lang::ALL {
                let label = case_field_label(lang, &name).unwrap_or_else(|| panic!("{name}"));
                assert!(
                    !label.contains('⟦') && !label.contains('_'),
                    "{name}: {label}"
                );
            }
        }
        assert_eq!(case_field_label(Lang::En, "colour"), None);
        let error = CaseError {
            field: "counts".into(),
            message: Message::new("error.case.counts"),
        };
        for (lang, text) in [
            (
                Lang::En,
                "Counts charged: must be a whole number from 1 to 100",
            ),
            (
                Lang::Es,
                "Cargos imputados: debe ser un número entero de 1 a 100",
            ),
        ] {
            assert_eq!(crate::i18n::render(lang, &case_error_words(&error)), text);
        }
    }

    #[test]
    fn quantity_errors_say_what_is_wrong_in_either_language() {
        let err = |q: Quantity, text: &str, lang| q.parse(text).unwrap_err().message(lang);
        assert_eq!(
            err(Quantity::Firearms, " abc ", Lang::En),
            "“abc” is not a number."
        );
        assert_eq!(
            err(Quantity::Firearms, "abc", Lang::Es),
            "“abc” no es un número."
        );
        assert_eq!(
            err(Quantity::Firearms, "2.5", Lang::En),
            "Enter a whole number."
        );
        assert_eq!(err(Quantity::Counts, "0", Lang::En), "Must be at least 1.");
        assert_eq!(err(Quantity::Counts, "0", Lang::Es), "Debe ser al menos 1.");
        assert_eq!(
            err(Quantity::Firearms, "2000000", Lang::En),
            "At most 1,000,000 firearms — check the number."
        );
        assert_eq!(
            err(Quantity::Firearms, "2000000", Lang::Es),
            "Como máximo 1,000,000 armas — revise el número."
        );
        assert_eq!(
            Quantity::Counts.parse("0").unwrap_err().to_string(),
            "Must be at least 1."
        );
    }

    /// The worksheet and the brief list assumed facts by label and in the form's words,
    /// never as `field = value`.
    #[test]
    fn assumed_facts_read_in_words() {
        let cases: [(Lang, &str, &str, &str); 5] = [
            (Lang::En, "knew_leaving_us", "false", "No"),
            (Lang::En, "manual", "2010", "Guidelines Manual"),
            (Lang::Es, "prior_violent_or_drug_felonies", "0", ": 0"),
            (Lang::En, "trafficking_recipient", "none", ""),
            (Lang::En, "role", "none", ""),
        ];
        for (lang, field, value, part) in cases {
            let words = assumption_words(lang, field, value);
            assert!(words.contains(part), "{words}");
            assert!(!words.contains(" = "), "{words}");
            assert!(
                !words
                    .split(|c: char| !c.is_ascii_alphanumeric() && c != '_')
                    .any(|w| w.contains('_')),
                "no identifier in {words}"
            );
        }
    }
}
