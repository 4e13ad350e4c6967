//! The facts of one firearms-trafficking case and the charge brought, as a user enters them;
//! every fact a rule may need is optional so that a missing one is assumed out loud.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::edition::{ManualChoice, ManualEdition};
use crate::i18n::Message;
use crate::law::Date;
use crate::law::{ChargeId, Conduct933, LawEra, Recipient, Role};
use crate::CriminalHistory;

/// Upper bounds that keep every figure finite and meaningful; beyond them the input is a
/// typing mistake, not a case. The schema of case files states them too.
const MAX_FIREARMS: u32 = 1_000_000;
const MAX_COUNTS: u32 = 100;
const MAX_PRIOR_FELONIES: u8 = 50;
const MAX_HISTORY_POINTS: u8 = 99;
const MAX_ROUNDS: u32 = 100_000_000;
const MAX_DRUG_GRAMS: f64 = 1.0e9;

/// One case: the charge, the legal era and Manual, and the facts. Field names are stable:
/// they are the JSON and CSV column names and go into share links.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Case {
    /// A free label (a name for the scenario or profile).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    /// Which statutes apply when no offense date is given: `april_2011` or `today`.
    pub law_era: LawEra,
    /// The day of the offense (YYYY-MM-DD): the statutes in force that day apply, and the
    /// Manual is chosen by §1B1.11 unless the case names one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub offense_date: Option<Date>,
    /// The day of sentencing; with an offense date and none given, the day the law is
    /// entered as of.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sentencing_date: Option<Date>,
    /// Guidelines Manual: an edition's code, or `auto` for §1B1.11; when absent, `auto` if an
    /// offense date is given, else the era's Manual.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub manual: Option<ManualChoice>,
    /// The charge of conviction.
    pub charge: ChargeId,
    /// For a 933 conviction, what the defendant did: transferred, received, or attempted or
    /// conspired (933(a)(1)–(3)).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub trafficking_933_conduct: Option<Conduct933>,
    /// Number of counts of that charge (1 when absent).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schema", schemars(range(min = 1, max = MAX_COUNTS)))]
    pub counts: Option<u32>,
    /// Criminal history category I–VI.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub criminal_history: Option<CriminalHistory>,
    /// Criminal history points (§4A1.1); they set the category when it is not given, and
    /// decide rules that need 0 or at most 1 point.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schema", schemars(range(max = MAX_HISTORY_POINTS)))]
    pub criminal_history_points: Option<u8>,
    /// Number of firearms involved (§2K2.1(b)(1), §2M5.2(a)).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schema", schemars(range(max = MAX_FIREARMS)))]
    pub firearms: Option<u32>,
    /// Prior felony convictions for a crime of violence or a controlled-substance offense.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schema", schemars(range(max = MAX_PRIOR_FELONIES)))]
    pub prior_violent_or_drug_felonies: Option<u8>,
    /// The defendant was a prohibited person (felon, unlawful alien, …) at the time.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub prohibited_person: Option<bool>,
    /// A semi-automatic firearm able to accept a large-capacity magazine was involved.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub large_capacity_semiautomatic: Option<bool>,
    /// A firearm described in 26 U.S.C. 5845(a) (machine gun, short-barrelled rifle, …).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub nfa_weapon: Option<bool>,
    /// The defendant knew or had reason to believe the firearm would go to a prohibited person.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub knew_buyer_prohibited: Option<bool>,
    /// Who the defendant knew or had reason to believe would receive the firearms (§2K2.1(b)(5)).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub trafficking_recipient: Option<Recipient>,
    /// Any firearm was stolen (§2K2.1(b)(4)(A)).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stolen_firearm: Option<bool>,
    /// Any firearm had an altered or obliterated serial number (§2K2.1(b)(4)(B); from Nov.
    /// 2024 one modified so that the original cannot be read by the unaided eye).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub altered_serial: Option<bool>,
    /// Machinegun conversion devices the defendant possessed (§2K2.1(b)(5) from Nov. 2025).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schema", schemars(range(max = MAX_FIREARMS)))]
    pub conversion_devices: Option<u32>,
    /// The defendant transferred or sold a machinegun conversion device, or attempted or
    /// conspired to (§2K2.1(b)(5)(A)(ii) from Nov. 2025).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub conversion_device_transferred: Option<bool>,
    /// The firearms went to Mexico, or were meant to (a prosecution factor: where the guns
    /// went, not what the defendant knew).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mexico_nexus: Option<bool>,
    /// The defendant possessed a firearm while leaving or attempting to leave the United
    /// States, or possessed or transferred one knowing, intending or having reason to believe
    /// it would be taken out of the country (§2K2.1(b)(6)(A) from Nov. 2011).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub knew_leaving_us: Option<bool>,
    /// A firearm was used, possessed or transferred in connection with another felony.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub other_felony: Option<bool>,
    /// The trafficking was committed through the defendant's part in a group of five or more
    /// whose primary purposes include crime, knowingly (§2K2.1(b)(8) from Nov. 2023).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub criminal_group: Option<bool>,
    /// The defendant was moved by an intimate or family relationship or by threats or fear and
    /// was otherwise unlikely to offend, or was unusually vulnerable to being persuaded
    /// (§2K2.1(b)(9) from Nov. 2023).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub relationship_or_fear_motive: Option<bool>,
    /// Any weapon exported was fully automatic (§2M5.2).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fully_automatic: Option<bool>,
    /// Rounds of ammunition exported (§2M5.2(a)(2): none allowed at level 14 in the 2010
    /// Manual, up to 500 from Nov. 2011).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schema", schemars(range(max = MAX_ROUNDS)))]
    pub ammunition_rounds: Option<u32>,
    /// The export included firearm parts or spare magazines besides the small arms, which
    /// takes it out of §2M5.2(a)(2)'s "only" small arms.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parts_or_magazines: Option<bool>,
    /// Grams of cocaine for the drug-conspiracy comparator (§2D1.1).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schema", schemars(range(min = 0.0, max = MAX_DRUG_GRAMS)))]
    pub drug_grams: Option<f64>,
    /// Role in the offense (§3B1.1 / §3B1.2).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<Role>,
    /// The defendant accepts responsibility (pleads guilty), §3E1.1(a).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub accepts_responsibility: Option<bool>,
    /// The government moves for the further level of §3E1.1(b).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub government_motion: Option<bool>,
    /// A firearm was recovered at a crime scene (prosecution model).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub crime_gun_recovered: Option<bool>,
    /// Strength of the evidence of criminal intent, 0 (none) to 1 (overwhelming).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schema", schemars(range(min = 0.0, max = 1.0)))]
    pub evidence_strength: Option<f64>,
    /// ICE took part in a joint investigation (prosecution model).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ice_joint_investigation: Option<bool>,
}

impl Case {
    /// A case with only the required fields: everything else will be assumed.
    pub fn new(law_era: LawEra, charge: ChargeId) -> Case {
        Case {
            label: None,
            law_era,
            offense_date: None,
            sentencing_date: None,
            manual: None,
            charge,
            trafficking_933_conduct: None,
            counts: None,
            criminal_history: None,
            criminal_history_points: None,
            firearms: None,
            prior_violent_or_drug_felonies: None,
            prohibited_person: None,
            large_capacity_semiautomatic: None,
            nfa_weapon: None,
            knew_buyer_prohibited: None,
            trafficking_recipient: None,
            stolen_firearm: None,
            altered_serial: None,
            conversion_devices: None,
            conversion_device_transferred: None,
            mexico_nexus: None,
            knew_leaving_us: None,
            other_felony: None,
            criminal_group: None,
            relationship_or_fear_motive: None,
            fully_automatic: None,
            ammunition_rounds: None,
            parts_or_magazines: None,
            drug_grams: None,
            role: None,
            accepts_responsibility: None,
            government_motion: None,
            crime_gun_recovered: None,
            evidence_strength: None,
            ice_joint_investigation: None,
        }
    }

    /// The criminal history category: the one given, or the one the points give.
    pub fn history_category(&self) -> Option<CriminalHistory> {
        self.criminal_history.or(self
            .criminal_history_points
            .map(CriminalHistory::from_points))
    }

    /// The day whose statutes apply: the offense date, or the era's day.
    pub fn statute_date(&self) -> Date {
        self.offense_date.unwrap_or(self.law_era.date())
    }

    /// The day of sentencing: the one given; with an offense date only, the day the law is
    /// entered as of; otherwise the era's day.
    pub fn sentencing_day(&self) -> Date {
        match (self.sentencing_date, self.offense_date) {
            (Some(day), _) => day,
            (None, Some(_)) => crate::edition::law_as_of(),
            (None, None) => self.law_era.date(),
        }
    }

    /// True when §1B1.11 chooses the Manual: asked for, or implied by an offense date.
    pub fn manual_by_dates(&self) -> bool {
        match self.manual {
            Some(ManualChoice::Auto) => true,
            Some(ManualChoice::Edition(_)) => false,
            None => self.offense_date.is_some(),
        }
    }

    /// The Manual edition without the ex post facto comparison: the one named, or the one in
    /// force at sentencing. `evaluate` applies §1B1.11 in full and reports the edition used.
    pub fn manual_edition(&self) -> ManualEdition {
        match self.manual {
            Some(ManualChoice::Edition(e)) => e,
            _ if self.manual_by_dates() => ManualEdition::in_force_on(self.sentencing_day()),
            _ => self.law_era.default_manual(),
        }
    }

    /// Checks the ranges JSON types cannot express.
    pub fn validate(&self) -> Result<(), CaseError> {
        fn check(ok: bool, field: &'static str, key: &'static str) -> Result<(), CaseError> {
            if ok {
                Ok(())
            } else {
                Err(CaseError {
                    field: field.to_string(),
                    message: Message::new(key),
                })
            }
        }
        if let Some(counts) = self.counts {
            check(
                (1..=MAX_COUNTS).contains(&counts),
                "counts",
                "error.case.counts",
            )?;
        }
        // A day before the first modelled Manual would need a Manual Threshold does not have:
        // refused, not silently evaluated under a later one.
        let first = ManualEdition::first().effective();
        for (field, day) in [
            ("offense_date", self.offense_date),
            ("sentencing_date", self.sentencing_date),
        ] {
            if day.is_some_and(|d| d < first) {
                return Err(CaseError {
                    field: field.to_string(),
                    message: Message::new("error.case.before_first_manual")
                        .with("date", Message::date(first)),
                });
            }
        }
        if let (Some(offense), Some(sentencing)) = (self.offense_date, self.sentencing_date) {
            check(
                sentencing >= offense,
                "sentencing_date",
                "error.case.sentencing_before_offense",
            )?;
        }
        if let Some(points) = self.criminal_history_points {
            check(
                points <= MAX_HISTORY_POINTS,
                "criminal_history_points",
                "error.case.history_points",
            )?;
            if let Some(category) = self.criminal_history {
                if CriminalHistory::from_points(points) != category {
                    return Err(CaseError {
                        field: "criminal_history_points".into(),
                        message: Message::new("error.case.points_and_category")
                            .with("points", u32::from(points))
                            .verbatim("category", category.roman())
                            .verbatim(
                                "points_category",
                                CriminalHistory::from_points(points).roman(),
                            ),
                    });
                }
            }
        }
        if let Some(firearms) = self.firearms {
            check(firearms <= MAX_FIREARMS, "firearms", "error.case.firearms")?;
        }
        if let Some(priors) = self.prior_violent_or_drug_felonies {
            check(
                priors <= MAX_PRIOR_FELONIES,
                "prior_violent_or_drug_felonies",
                "error.case.priors",
            )?;
        }
        if let Some(devices) = self.conversion_devices {
            check(
                devices <= MAX_FIREARMS,
                "conversion_devices",
                "error.case.conversion_devices",
            )?;
        }
        if let Some(rounds) = self.ammunition_rounds {
            check(
                rounds <= MAX_ROUNDS,
                "ammunition_rounds",
                "error.case.rounds",
            )?;
        }
        if let Some(grams) = self.drug_grams {
            check(
                grams.is_finite() && (0.0..=MAX_DRUG_GRAMS).contains(&grams),
                "drug_grams",
                "error.case.drug_grams",
            )?;
        }
        if let Some(strength) = self.evidence_strength {
            check(
                strength.is_finite() && (0.0..=1.0).contains(&strength),
                "evidence_strength",
                "error.case.evidence",
            )?;
        }
        Ok(())
    }

    /// Facts that can each be entered but rarely hold together, for the reader to check:
    /// said, never refused, since an old or lightly sentenced felony can leave the record
    /// at category I.
    pub fn record_warnings(&self) -> Vec<Message> {
        let mut warnings = Vec::new();
        let priors = self.prior_violent_or_drug_felonies.unwrap_or(0);
        // Only a category the user gave (or points that make it): an assumed category I is
        // already said out loud as an assumption.
        if priors >= 1 && self.history_category() == Some(CriminalHistory::I) {
            // §4A1.1(a): a prison sentence of over a year and a month counts 3 points, and
            // 2 points already make category II.
            let key = if priors == 1 {
                "warning.record.prior_felony_category_i"
            } else {
                "warning.record.prior_felonies_category_i"
            };
            warnings.push(Message::new(key).with("count", u32::from(priors)));
        }
        warnings
    }

    /// Reads one case from JSON, naming the field at fault when it cannot.
    pub fn from_json(text: &str) -> Result<Case, CaseError> {
        let mut deserializer = serde_json::Deserializer::from_str(text);
        let case: Case = serde_path_to_error::deserialize(&mut deserializer).map_err(|e| {
            let path = e.path().to_string();
            CaseError::from_serde(&path, &e.into_inner())
        })?;
        deserializer.end().map_err(|e| CaseError {
            field: "(case)".into(),
            message: Message::new("error.case.trailing").verbatim("detail", e.to_string()),
        })?;
        case.validate()?;
        Ok(case)
    }

    /// Reads one case from a JSON value (e.g. built from a CSV row).
    pub fn from_value(value: serde_json::Value) -> Result<Case, CaseError> {
        let case: Case = serde_path_to_error::deserialize(value).map_err(|e| {
            let path = e.path().to_string();
            CaseError::from_serde(&path, &e.into_inner())
        })?;
        case.validate()?;
        Ok(case)
    }
}

/// Why a case could not be read: the field and what is wrong with it, in plain words.
#[derive(Debug, Clone, PartialEq)]
pub struct CaseError {
    /// As named in case files: the same in every language.
    pub field: String,
    pub message: Message,
}

impl CaseError {
    fn from_serde(path: &str, error: &serde_json::Error) -> CaseError {
        let text = error.to_string();
        // serde reports unknown and missing fields in the message, not the path.
        let field = if let Some(name) = quoted_after(&text, "unknown field `") {
            name
        } else if let Some(name) = quoted_after(&text, "missing field `") {
            name
        } else if path.is_empty() || path == "." || path.starts_with('[') {
            "(case)".to_string()
        } else {
            path.to_string()
        };
        let message = match text.find(" at line ") {
            Some(cut) => &text[..cut],
            None => &text,
        };
        CaseError {
            field,
            message: crate::serde_words::serde_detail(message),
        }
    }

    /// The whole error in the reader's language.
    pub fn message(&self) -> Message {
        Message::new("error.field")
            .verbatim("field", &self.field)
            .with("message", self.message.clone())
    }
}

fn quoted_after(text: &str, prefix: &str) -> Option<String> {
    let start = text.find(prefix)? + prefix.len();
    let end = text[start..].find('`')?;
    Some(text[start..start + end].to_string())
}

impl fmt::Display for CaseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.message().fmt(f)
    }
}

impl std::error::Error for CaseError {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn minimal_case_reads() {
        let case =
            Case::from_json(r#"{"law_era":"april_2011","charge":"straw_purchase_922a6"}"#).unwrap();
        assert_eq!(
            case,
            Case::new(LawEra::April2011, ChargeId::StrawPurchase922a6)
        );
        assert_eq!(case.manual_edition().code(), "2010");
    }

    #[test]
    fn errors_name_the_field() {
        let cases = [
            (
                r#"{"law_era":"2011","charge":"straw_purchase_922a6"}"#,
                "law_era",
            ),
            (r#"{"law_era":"today"}"#, "charge"),
            (r#"{"law_era":"today","charge":"x"}"#, "charge"),
            (
                r#"{"law_era":"today","charge":"trafficking_933","firarms":3}"#,
                "firarms",
            ),
            (
                r#"{"law_era":"today","charge":"trafficking_933","firearms":-3}"#,
                "firearms",
            ),
            (
                r#"{"law_era":"today","charge":"trafficking_933","firearms":"many"}"#,
                "firearms",
            ),
            (
                r#"{"law_era":"today","charge":"trafficking_933","counts":0}"#,
                "counts",
            ),
            (
                r#"{"law_era":"today","charge":"trafficking_933","evidence_strength":1.5}"#,
                "evidence_strength",
            ),
            (
                r#"{"law_era":"today","charge":"trafficking_933","criminal_history":"VII"}"#,
                "criminal_history",
            ),
            (
                r#"{"law_era":"today","charge":"trafficking_933","manual":"2019"}"#,
                "manual",
            ),
            (
                r#"{"law_era":"today","charge":"trafficking_933","role":"boss"}"#,
                "role",
            ),
            (r#"[1,2]"#, "(case)"),
            (
                r#"{"law_era":"today","charge":"trafficking_933"} x"#,
                "(case)",
            ),
        ];
        for (text, field) in cases {
            let error = Case::from_json(text).unwrap_err();
            assert_eq!(error.field, field, "{text}: {error}");
            assert!(!error.message.to_string().is_empty());
        }
    }

    #[test]
    fn prior_felonies_with_category_i_are_questioned_not_refused() {
        let with = |priors: Option<u8>, category: Option<CriminalHistory>, points: Option<u8>| {
            let mut case = Case::new(LawEra::Today, ChargeId::Trafficking933);
            case.prior_violent_or_drug_felonies = priors;
            case.criminal_history = category;
            case.criminal_history_points = points;
            assert!(case.validate().is_ok());
            case.record_warnings()
                .iter()
                .map(|m| m.render(crate::i18n::Lang::En))
                .collect::<Vec<_>>()
        };
        use CriminalHistory::{I, II};
        let one = "A prior felony for violence or drug trafficking usually puts criminal history above category I: a prison sentence of more than a year and a month counts 3 points (category II). It can stay at I only if the sentence was too old to count or very short. Check the record; the results use category I as entered.";
        let many = "50 prior felonies for violence or drug trafficking usually put criminal history well above category I: each prison sentence of more than a year and a month counts 3 points. They can stay at I only if the sentences were too old to count or very short. Check the record; the results use category I as entered.";
        for (priors, category, points, expected) in [
            (Some(1), Some(I), None, vec![one.to_string()]),
            (Some(50), Some(I), None, vec![many.to_string()]),
            (Some(2), None, Some(1), vec![many.replace("50", "2")]),
            (Some(0), Some(I), None, vec![]),
            (None, Some(I), None, vec![]),
            (Some(3), Some(II), None, vec![]),
            (Some(3), None, Some(4), vec![]),
            // No category given: the engine's own assumption says so already.
            (Some(3), None, None, vec![]),
        ] {
            assert_eq!(
                with(priors, category, points),
                expected,
                "{priors:?} {category:?} {points:?}"
            );
        }
        let mut case = Case::new(LawEra::Today, ChargeId::Trafficking933);
        case.prior_violent_or_drug_felonies = Some(2);
        case.criminal_history = Some(I);
        let es = case.record_warnings()[0].render(crate::i18n::Lang::Es);
        assert!(es.starts_with("2 condenas graves anteriores"), "{es}");
    }

    #[test]
    fn round_trips_through_json() {
        let mut case = Case::new(LawEra::Today, ChargeId::Trafficking933);
        case.firearms = Some(12);
        case.role = Some(Role::OrganizerLeader);
        case.trafficking_recipient = Some(Recipient::Dangerous);
        case.evidence_strength = Some(0.75);
        let text = serde_json::to_string(&case).unwrap();
        assert_eq!(Case::from_json(&text).unwrap(), case);
    }
}
