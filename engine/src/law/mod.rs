//! The law as data: the charge catalog with its dated statutory limits, and the
//! Guidelines of every Manual edition, resolved once from the base text and the amendment
//! files in `data/law/`.

pub mod amend;
pub mod cite;
pub mod date;
pub mod manual;
pub mod statutes;

use std::fmt;
use std::sync::{Arc, OnceLock};

use serde::{Deserialize, Serialize};

use crate::edition::ManualEdition;
use crate::i18n::{Lang, Message};

pub use cite::{Checked, Cite, Verification};
pub use date::Date;
pub use manual::{
    AcceptanceRule, BaseLevelRule, CapTier, ChapterFive, ChapterOne, ChapterThree, ChargeRule,
    ConversionDeviceTier, ConversionDevices, CountTable, DrugGuideline, DrugTier,
    ExportControlGuideline, ExportGuideline, ExtraAcceptance, FirearmCountTier, FirearmsGuideline,
    Increase, LevelRule, Manual, ManualText, MitigatingReduction, MitigatingRoleCap, Provenance,
    Provision, RoleAdjustment, SmallArmsRule, TraffickingTier, WeaponRequirement, ZeroPointRule,
    ZoneBands,
};
pub use statutes::{
    Charge, ChargeElement, Element, FelonyClass, Penalty, SentencingStatutes, StatuteCite,
};

const STATUTES_JSON: &str = include_str!("../../data/law/statutes.json");
const FACTS_JSON: &str = include_str!("../../data/law/facts.json");
const BASE_TEXT_JSON: &str = include_str!("../../data/law/manual-2010.json");
// The amendment files, listed by `build.rs` so that a new file needs no change here.
include!(concat!(env!("OUT_DIR"), "/amendment_files.rs"));

/// The amendment files as embedded: (file name, text).
#[cfg(test)]
pub(crate) fn amendment_files() -> &'static [(&'static str, &'static str)] {
    AMENDMENT_FILES
}

/// Which body of statutes applies: the law the seed paper described, or the law today.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum LawEra {
    /// Statutes as in force in April 2011, when the seed paper was published.
    #[serde(rename = "april_2011")]
    April2011,
    /// Statutes today, after the Bipartisan Safer Communities Act (Pub. L. 117-159, 2022).
    Today,
}

impl LawEra {
    pub const ALL: [LawEra; 2] = [Self::April2011, Self::Today];

    /// The short name used in case files and on the command line.
    pub fn code(self) -> &'static str {
        match self {
            Self::April2011 => "april_2011",
            Self::Today => "today",
        }
    }

    /// The day the era stands for: April 1, 2011, when the seed paper was published, or the
    /// day the embedded law is entered as of.
    pub fn date(self) -> Date {
        match self {
            Self::April2011 => Date::new(2011, 4, 1).expect("a real day"),
            Self::Today => crate::edition::law_as_of(),
        }
    }

    /// The Manual edition a court would use in this era when the case names none: the one in
    /// force on the era's day (the Nov. 2010 Manual in April 2011; the newest one today).
    pub fn default_manual(self) -> ManualEdition {
        ManualEdition::in_force_on(self.date())
    }
}

impl LawEra {
    /// The era in words ("law as of April 2011"), for the reader's language.
    pub fn message(self) -> Message {
        match self {
            Self::April2011 => Message::new("law_era.april_2011"),
            Self::Today => Message::new("law_era.today").with("date", Message::date(self.date())),
        }
    }

    pub fn label(self, lang: Lang) -> String {
        self.message().render(lang)
    }
}

/// English, as the command line and logs write it.
impl fmt::Display for LawEra {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.message().fmt(f)
    }
}

/// A charge a prosecutor can bring, by its statute.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub enum ChargeId {
    /// 18 U.S.C. 922(a)(6) / 924(a)(2), the "straw purchase" false statement.
    #[serde(rename = "straw_purchase_922a6")]
    StrawPurchase922a6,
    /// 18 U.S.C. 924(a)(1)(A), false statement in a dealer's records.
    #[serde(rename = "false_record_924a1a")]
    FalseRecord924a1a,
    /// 18 U.S.C. 922(a)(1)(A) / 924(a)(1)(D), dealing without a licence.
    #[serde(rename = "unlicensed_dealing_922a1a")]
    UnlicensedDealing922a1a,
    /// 18 U.S.C. 922(d), transfer to a prohibited person.
    #[serde(rename = "transfer_to_prohibited_922d")]
    TransferToProhibited922d,
    /// 18 U.S.C. 922(g), possession by a prohibited person.
    #[serde(rename = "prohibited_possession_922g")]
    ProhibitedPossession922g,
    /// 18 U.S.C. 554, smuggling goods from the United States.
    #[serde(rename = "smuggling_554")]
    Smuggling554,
    /// 22 U.S.C. 2778, Arms Export Control Act: for firearms on the U.S. Munitions List, which
    /// since March 9, 2020 means fully automatic ones.
    #[serde(rename = "arms_export_2778")]
    ArmsExport2778,
    /// 50 U.S.C. 4819, Export Control Reform Act (2018): items on the Commerce Control List,
    /// which ordinary firearms joined on March 9, 2020.
    #[serde(rename = "export_control_4819")]
    ExportControl4819,
    /// 18 U.S.C. 932(b)(1), straw purchasing (2022).
    #[serde(rename = "straw_purchase_932")]
    StrawPurchase932,
    /// 18 U.S.C. 932(b)(2), straw purchasing for a felony, terrorism or drug trafficking (2022).
    #[serde(rename = "straw_purchase_932_felony")]
    StrawPurchase932Felony,
    /// 18 U.S.C. 933, trafficking in firearms (2022).
    #[serde(rename = "trafficking_933")]
    Trafficking933,
    /// 21 U.S.C. 846 with 841(b)(1)(A): drug conspiracy, 10 years to life.
    #[serde(rename = "drug_conspiracy_841b1a")]
    DrugConspiracy841b1a,
    /// 21 U.S.C. 846 with 841(b)(1)(B): drug conspiracy, 5 to 40 years.
    #[serde(rename = "drug_conspiracy_841b1b")]
    DrugConspiracy841b1b,
    /// 21 U.S.C. 846 with 841(b)(1)(C): drug conspiracy, up to 20 years.
    #[serde(rename = "drug_conspiracy_841b1c")]
    DrugConspiracy841b1c,
}

impl ChargeId {
    /// The charge's statute as a reader cites it ("18 U.S.C. 922(a)(6), 924(a)(2)"), for
    /// messages a person reads; the case-file code when the embedded law lacks the charge.
    pub fn statute_text(self) -> String {
        Law::embedded()
            .charge(self)
            .map_or_else(|_| self.code().to_string(), |c| c.statute.clone())
    }

    /// An export charge (18 U.S.C. 554, 22 U.S.C. 2778, 50 U.S.C. 4819), which must also
    /// prove the export or its attempt.
    pub fn is_export(self) -> bool {
        matches!(
            self,
            Self::Smuggling554 | Self::ArmsExport2778 | Self::ExportControl4819
        )
    }

    pub const ALL: [ChargeId; 14] = [
        Self::StrawPurchase922a6,
        Self::FalseRecord924a1a,
        Self::UnlicensedDealing922a1a,
        Self::TransferToProhibited922d,
        Self::ProhibitedPossession922g,
        Self::Smuggling554,
        Self::ArmsExport2778,
        Self::ExportControl4819,
        Self::StrawPurchase932,
        Self::StrawPurchase932Felony,
        Self::Trafficking933,
        Self::DrugConspiracy841b1a,
        Self::DrugConspiracy841b1b,
        Self::DrugConspiracy841b1c,
    ];

    /// The identifier used in case files, links and CSV.
    pub fn code(self) -> &'static str {
        match self {
            Self::StrawPurchase922a6 => "straw_purchase_922a6",
            Self::FalseRecord924a1a => "false_record_924a1a",
            Self::UnlicensedDealing922a1a => "unlicensed_dealing_922a1a",
            Self::TransferToProhibited922d => "transfer_to_prohibited_922d",
            Self::ProhibitedPossession922g => "prohibited_possession_922g",
            Self::Smuggling554 => "smuggling_554",
            Self::ArmsExport2778 => "arms_export_2778",
            Self::ExportControl4819 => "export_control_4819",
            Self::StrawPurchase932 => "straw_purchase_932",
            Self::StrawPurchase932Felony => "straw_purchase_932_felony",
            Self::Trafficking933 => "trafficking_933",
            Self::DrugConspiracy841b1a => "drug_conspiracy_841b1a",
            Self::DrugConspiracy841b1b => "drug_conspiracy_841b1b",
            Self::DrugConspiracy841b1c => "drug_conspiracy_841b1c",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|c| c.code() == code)
    }
}

impl fmt::Display for ChargeId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// The Chapter Two guideline that sets a charge's offense level.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum GuidelineSection {
    /// §2K2.1, firearms.
    #[serde(rename = "firearms_2k2_1")]
    Firearms2K2_1,
    /// §2M5.2, exportation of arms without a licence.
    #[serde(rename = "export_2m5_2")]
    Export2M5_2,
    /// §2M5.1, evasion of export controls (the guideline Appendix A gives 50 U.S.C. 4819).
    #[serde(rename = "export_2m5_1")]
    Export2M5_1,
    /// §2D1.1, drug trafficking.
    #[serde(rename = "drugs_2d1_1")]
    Drugs2D1_1,
}

impl GuidelineSection {
    /// The section as the Manual writes it.
    pub fn citation(self) -> &'static str {
        match self {
            Self::Firearms2K2_1 => "USSG §2K2.1",
            Self::Export2M5_2 => "USSG §2M5.2",
            Self::Export2M5_1 => "USSG §2M5.1",
            Self::Drugs2D1_1 => "USSG §2D1.1",
        }
    }
}

/// Who the defendant knew, or had reason to believe, would receive the firearms; ordered
/// from least to most serious, since a rule needing the lesser is met by the greater.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Recipient {
    /// No such knowledge shown.
    None,
    /// A prohibited person (e.g. an unlawful alien, a felon).
    ProhibitedPerson,
    /// Someone with a violent, drug or domestic-violence conviction, under a criminal-justice
    /// sentence, or who meant to use or dispose of the firearms unlawfully (e.g. a cartel).
    Dangerous,
}

/// What a defendant convicted under 18 U.S.C. 933 did: its three subsections.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Conduct933 {
    /// 933(a)(1): shipped, transported, transferred or otherwise disposed of a firearm.
    Transferred,
    /// 933(a)(2): received a firearm.
    Received,
    /// 933(a)(3): attempted or conspired to commit (a)(1) or (a)(2).
    AttemptedOrConspired,
}

impl Conduct933 {
    pub const ALL: [Conduct933; 3] = [
        Self::Transferred,
        Self::Received,
        Self::AttemptedOrConspired,
    ];

    /// The case-file spelling.
    pub fn code(self) -> &'static str {
        match self {
            Self::Transferred => "transferred",
            Self::Received => "received",
            Self::AttemptedOrConspired => "attempted_or_conspired",
        }
    }
}

/// A conviction a rule names: a charge, and for 933 the subsections it covers (all when
/// empty).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Conviction {
    pub charge: ChargeId,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub conduct: Vec<Conduct933>,
}

/// The defendant's role in the offense (USSG §3B1.1, §3B1.2).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// No role adjustment.
    None,
    /// Organizer or leader of five or more participants (§3B1.1(a)), e.g. a broker.
    OrganizerLeader,
    /// Manager or supervisor of five or more participants (§3B1.1(b)).
    ManagerSupervisor,
    /// Organizer, leader, manager or supervisor of a smaller activity (§3B1.1(c)).
    OrganizerSmall,
    /// Minor participant (§3B1.2(b)).
    Minor,
    /// Between minor and minimal (§3B1.2).
    MinorMinimal,
    /// Minimal participant (§3B1.2(a)).
    Minimal,
}

impl Role {
    /// Every role, from no adjustment through aggravating to mitigating.
    pub const ALL: [Role; 7] = [
        Self::None,
        Self::OrganizerLeader,
        Self::ManagerSupervisor,
        Self::OrganizerSmall,
        Self::Minor,
        Self::MinorMinimal,
        Self::Minimal,
    ];

    /// True for an aggravating (organiser, broker, manager) role.
    pub fn is_aggravating(self) -> bool {
        matches!(
            self,
            Self::OrganizerLeader | Self::ManagerSupervisor | Self::OrganizerSmall
        )
    }
}

/// All the law the engine applies. Clone it and edit fields to model a change in the law;
/// [`Law::embedded`] is the law as entered from the statutes and Manuals.
#[derive(Debug, Clone, PartialEq)]
pub struct Law {
    /// Felony classes and the classes that bar probation.
    pub sentencing_statutes: SentencingStatutes,
    pub charges: Vec<Charge>,
    /// Every modelled Manual edition, oldest first. Shared, because a proposal's world and
    /// every change's attribution clone the law on each keystroke and edit one edition at
    /// most: `manual_mut` copies only the edition it changes.
    pub manuals: Vec<Arc<Manual>>,
}

/// The law as it stood on one day (`Law::in_force_on`).
#[derive(Debug, Clone)]
pub struct InForce<'a> {
    pub day: Date,
    pub manual: &'a Manual,
    /// Every charge that existed that day, in catalog order, with its penalty.
    pub charges: Vec<(&'a Charge, &'a Penalty)>,
}

/// A part of the law the engine needs but the (edited) law lacks, as the whole sentence
/// ("the law has no charge …") in the reader's language.
#[derive(Debug, Clone, PartialEq)]
pub struct MissingLaw(pub Message);

impl MissingLaw {
    /// "the law has no {part}".
    pub(crate) fn part(part: Message) -> MissingLaw {
        MissingLaw(Message::new("error.missing_law").with("part", part))
    }

    pub fn message(&self) -> Message {
        self.0.clone()
    }
}

impl fmt::Display for MissingLaw {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

impl Law {
    /// The law embedded at build time, parsed once.
    pub fn embedded() -> &'static Law {
        static LAW: OnceLock<Law> = OnceLock::new();
        // The files are fixed at build time and parsed by the tests, so a failure here is a
        // build defect, not something user input can cause.
        LAW.get_or_init(|| Law::parse_embedded().expect("embedded law files are valid"))
    }

    pub(crate) fn parse_embedded() -> Result<Law, String> {
        let amendments = amend::read_amendments(AMENDMENT_FILES)?;
        let (sentencing_statutes, charges) = statutes::read_statutes(STATUTES_JSON)?;
        Ok(Law {
            sentencing_statutes,
            charges,
            manuals: amend::resolve(BASE_TEXT_JSON, &amendments)?
                .into_iter()
                .map(Arc::new)
                .collect(),
        })
    }

    /// The amendment files, in date order, as the loader read them.
    pub fn amendments() -> &'static [amend::Amendment] {
        static AMENDMENTS: OnceLock<Vec<amend::Amendment>> = OnceLock::new();
        AMENDMENTS.get_or_init(|| {
            amend::read_amendments(AMENDMENT_FILES).expect("embedded amendment files are valid")
        })
    }

    pub fn charge(&self, id: ChargeId) -> Result<&Charge, MissingLaw> {
        self.charges.iter().find(|c| c.id == id).ok_or_else(|| {
            MissingLaw::part(Message::new("law.part.charge").verbatim("charge", id.code()))
        })
    }

    /// The charges that existed in an era, in catalog order.
    pub fn charges_in(&self, era: LawEra) -> impl Iterator<Item = &Charge> {
        self.charges_on(era.date())
    }

    /// The charges that existed on a day, in catalog order.
    pub fn charges_on(&self, day: Date) -> impl Iterator<Item = &Charge> {
        self.charges.iter().filter(move |c| c.exists_on(day))
    }

    /// Where a case fact matters in the law, cited as `edition` numbers it: the rules that
    /// read the fact, and any other provision or report, from `data/law/facts.json`. A rule
    /// the edition does not yet have is named with the edition that brings it.
    pub fn fact_citation(&self, edition: ManualEdition, fact: &str) -> Option<String> {
        #[derive(Deserialize)]
        struct Row {
            fact: String,
            rules: Vec<String>,
            also: Vec<String>,
        }
        #[derive(Deserialize)]
        struct File {
            facts: Vec<Row>,
        }
        static FACTS: OnceLock<Vec<Row>> = OnceLock::new();
        // Fixed at build time; a test reads every row.
        let rows = FACTS.get_or_init(|| {
            serde_json::from_str::<File>(FACTS_JSON)
                .expect("facts.json is valid")
                .facts
        });
        let row = rows.iter().find(|r| r.fact == fact)?;
        let manual = self.manual(edition).ok()?;
        let mut sections: Vec<&str> = Vec::new();
        for id in &row.rules {
            if let Some(cite) = manual.cites.get(id) {
                if !sections.contains(&cite.section.as_str()) {
                    sections.push(&cite.section);
                }
            }
        }
        let mut parts = Vec::new();
        if !sections.is_empty() {
            parts.push(format!(
                "USSG {} ({} Manual)",
                sections.join(", "),
                edition.effective().short_en()
            ));
        } else if let Some((later, cite)) = row.rules.iter().find_map(|id| {
            self.manuals
                .iter()
                .find(|m| m.edition > edition && m.cites.contains_key(id))
                .map(|m| (m.edition, &m.cites[id]))
        }) {
            parts.push(format!(
                "USSG {}, from the {} Manual",
                cite.section,
                later.effective().short_en()
            ));
        }
        parts.extend(row.also.iter().cloned());
        Some(parts.join("; "))
    }

    /// The law in force on a day: the Manual a court sentencing that day starts from
    /// (§1B1.11(a); the ex post facto check needs the offense date too, see `evaluate`) and
    /// every charge that existed, with its penalty for an offense committed that day.
    pub fn in_force_on(&self, day: Date) -> Result<InForce<'_>, MissingLaw> {
        let manual = self.manual(ManualEdition::in_force_on(day))?;
        let charges = self
            .charges
            .iter()
            .filter_map(|charge| charge.penalty_on(day).map(|penalty| (charge, penalty)))
            .collect();
        Ok(InForce {
            day,
            manual,
            charges,
        })
    }

    /// One edition's text, with where each rule came from.
    pub fn manual(&self, edition: ManualEdition) -> Result<&Manual, MissingLaw> {
        self.manuals
            .iter()
            .find(|m| m.edition == edition)
            .map(|m| &**m)
            .ok_or_else(|| {
                MissingLaw::part(
                    Message::new("law.part.manual").verbatim("edition", edition.code()),
                )
            })
    }

    /// One edition's text, to edit (a scenario changing a rule).
    pub fn manual_mut(&mut self, edition: ManualEdition) -> Option<&mut ManualText> {
        self.manuals
            .iter_mut()
            .find(|m| m.edition == edition)
            .map(|m| &mut Arc::make_mut(m).text)
    }

    /// Marks rules of an edition as a proposal's, not the law's: their worksheet steps then
    /// say so instead of how the law's text was verified.
    pub fn mark_proposal<'a>(
        &mut self,
        edition: ManualEdition,
        ids: impl IntoIterator<Item = &'a str>,
    ) {
        let Some(m) = self.manuals.iter_mut().find(|m| m.edition == edition) else {
            return;
        };
        let m = Arc::make_mut(m);
        for id in ids {
            m.provenance.insert(
                id.to_string(),
                Provenance {
                    amended_by: Vec::new(),
                    verified: Verification {
                        status: Checked::Proposal,
                        how: "changed by the proposal".into(),
                        href: None,
                    },
                },
            );
        }
    }

    pub fn firearms_guideline(
        &self,
        edition: ManualEdition,
    ) -> Result<&FirearmsGuideline, MissingLaw> {
        self.manual(edition).map(|m| &m.text.firearms)
    }

    pub fn export_guideline(&self, edition: ManualEdition) -> Result<&ExportGuideline, MissingLaw> {
        self.manual(edition).map(|m| &m.text.export)
    }

    pub fn drug_guideline(&self, edition: ManualEdition) -> Result<&DrugGuideline, MissingLaw> {
        self.manual(edition).map(|m| &m.text.drugs)
    }

    pub fn chapter_three(&self, edition: ManualEdition) -> Result<&ChapterThree, MissingLaw> {
        self.manual(edition).map(|m| &m.text.chapter_three)
    }

    pub fn zones(&self, edition: ManualEdition) -> Result<&ZoneBands, MissingLaw> {
        self.manual(edition).map(|m| &m.text.zones)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_law_parses_and_covers_every_charge_and_edition() {
        let law = Law::parse_embedded().unwrap();
        for id in ChargeId::ALL {
            let charge = law.charge(id).unwrap();
            for p in &charge.penalties {
                assert!(p.cite.section.contains("U.S.C."), "{id}: {:?}", p.cite);
                assert!(!p.verified.how.is_empty(), "{id}");
            }
            assert_eq!(ChargeId::from_code(id.code()), Some(id));
        }
        for edition in ManualEdition::all() {
            law.manual(edition).unwrap();
        }
        assert_eq!(law.manuals.len(), ManualEdition::all().len());
    }

    /// The day before and the day the BSCA took effect, and the first day of a Manual.
    #[test]
    fn in_force_on_follows_the_day() {
        let law = Law::embedded();
        let day = |s: &str| s.parse::<Date>().unwrap();
        let before = law.in_force_on(day("2022-06-24")).unwrap();
        let after = law.in_force_on(day("2022-06-25")).unwrap();
        let has = |f: &InForce, id| f.charges.iter().any(|(c, _)| c.id == id);
        assert!(!has(&before, ChargeId::Trafficking933) && has(&after, ChargeId::Trafficking933));
        let max_922d = |f: &InForce| {
            f.charges
                .iter()
                .find(|(c, _)| c.id == ChargeId::TransferToProhibited922d)
                .and_then(|(_, p)| p.max_months)
        };
        assert_eq!(
            (max_922d(&before), max_922d(&after)),
            (Some(120), Some(180))
        );
        assert_eq!(before.manual.edition.code(), "2021");
        let manual_on = |s| law.in_force_on(day(s)).unwrap().manual.edition.code();
        assert_eq!(
            (manual_on("2025-10-31"), manual_on("2025-11-01")),
            ("2024", "2025")
        );
    }

    /// Every fact's citation names only rules the law has, and follows the edition's numbers.
    #[test]
    fn fact_citations_follow_the_edition() {
        let law = Law::embedded();
        let ed = |c| ManualEdition::from_code(c).unwrap();
        assert_eq!(
            law.fact_citation(ed("2011"), "other_felony").unwrap(),
            "USSG §2K2.1(b)(6)(B) (Nov. 1, 2011 Manual)"
        );
        assert_eq!(
            law.fact_citation(ed("2025"), "other_felony").unwrap(),
            "USSG §2K2.1(b)(7)(B) (Nov. 1, 2025 Manual)"
        );
        assert_eq!(
            law.fact_citation(ed("2010"), "knew_leaving_us").unwrap(),
            "USSG §2K2.1(b)(6)(A), from the Nov. 1, 2011 Manual"
        );
        let text = include_str!("../../data/law/facts.json");
        let v: serde_json::Value = serde_json::from_str(text).unwrap();
        let latest = law.manual(ManualEdition::latest()).unwrap();
        for row in v["facts"].as_array().unwrap() {
            for id in row["rules"].as_array().unwrap() {
                let id = id.as_str().unwrap();
                assert!(
                    latest.cites.contains_key(id),
                    "facts.json names {id}, which no rule has"
                );
            }
            let fact = row["fact"].as_str().unwrap();
            assert!(
                law.fact_citation(ManualEdition::latest(), fact).is_some(),
                "{fact}"
            );
        }
    }

    #[test]
    fn serde_names_match_codes() {
        for id in ChargeId::ALL {
            assert_eq!(serde_json::to_string(&id).unwrap(), format!("\"{id}\""));
        }
    }

    /// The statutory table of REFERENCE §1, era by era: (charge, max 2011, max today) in
    /// months, `None` = did not exist; life is checked separately.
    #[test]
    fn statutory_maxima_per_era() {
        use ChargeId::*;
        let law = Law::embedded();
        let cases: [(ChargeId, Option<u32>, Option<u32>); 12] = [
            (StrawPurchase922a6, Some(120), Some(120)),
            (FalseRecord924a1a, Some(60), Some(60)),
            (UnlicensedDealing922a1a, Some(60), Some(60)),
            (TransferToProhibited922d, Some(120), Some(180)),
            (ProhibitedPossession922g, Some(120), Some(180)),
            (Smuggling554, Some(120), Some(120)),
            (ArmsExport2778, Some(240), Some(240)),
            (StrawPurchase932, None, Some(180)),
            (StrawPurchase932Felony, None, Some(300)),
            (Trafficking933, None, Some(180)),
            (DrugConspiracy841b1b, Some(480), Some(480)),
            (DrugConspiracy841b1c, Some(240), Some(240)),
        ];
        for (id, then, now) in cases {
            let charge = law.charge(id).unwrap();
            for (era, expected) in [(LawEra::April2011, then), (LawEra::Today, now)] {
                let penalty = charge.penalty_in(era);
                assert_eq!(penalty.is_some(), expected.is_some(), "{id} {era:?}");
                if let Some(p) = penalty {
                    assert_eq!(p.max_months, expected, "{id} {era:?}");
                }
            }
        }
        let a = law.charge(DrugConspiracy841b1a).unwrap();
        for era in LawEra::ALL {
            let p = a.penalty_in(era).unwrap();
            assert_eq!((p.min_months, p.max_months), (120, None));
        }
        let b = law.charge(DrugConspiracy841b1b).unwrap();
        assert_eq!(b.penalty_in(LawEra::April2011).unwrap().min_months, 60);
        // The BSCA's day: 933 exists from June 25, 2022, and 922(d) rises to 15 years.
        let day = |s: &str| s.parse::<Date>().unwrap();
        let t = law.charge(Trafficking933).unwrap();
        assert!(!t.exists_on(day("2022-06-24")) && t.exists_on(day("2022-06-25")));
        let d = law.charge(TransferToProhibited922d).unwrap();
        assert_eq!(
            d.penalty_on(day("2022-06-24")).unwrap().max_months,
            Some(120)
        );
        assert_eq!(
            d.penalty_on(day("2022-06-25")).unwrap().max_months,
            Some(180)
        );
    }

    /// Every rule of every edition has a stable id, a citation to a section of the Manual,
    /// and a record of how its text was verified.
    #[test]
    fn every_rule_has_an_id_a_citation_and_a_verification() {
        fn walk(v: &serde_json::Value, ids: &mut Vec<String>) {
            match v {
                serde_json::Value::Object(map) => {
                    if let Some(id) = map.get("id").and_then(|i| i.as_str()) {
                        let section = map["cite"]["section"].as_str().unwrap_or_default();
                        assert!(
                            section.starts_with('§') || section.starts_with("Ch. "),
                            "{id}: section {section:?}"
                        );
                        ids.push(id.to_string());
                    }
                    map.values().for_each(|c| walk(c, ids));
                }
                serde_json::Value::Array(items) => items.iter().for_each(|c| walk(c, ids)),
                _ => {}
            }
        }
        let law = Law::embedded();
        for manual in &law.manuals {
            let mut ids = Vec::new();
            walk(&serde_json::to_value(&manual.text).unwrap(), &mut ids);
            assert!(ids.len() > 30, "{:?}", manual.edition);
            for id in &ids {
                let p = manual.provenance.get(id);
                assert!(
                    p.is_some(),
                    "{id} in {:?} has no provenance",
                    manual.edition
                );
                assert!(!p.unwrap().verified.how.is_empty());
            }
            let mut unique = ids.clone();
            unique.sort();
            unique.dedup();
            assert_eq!(unique.len(), ids.len(), "an id is used twice");
        }
    }
}
