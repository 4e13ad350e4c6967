//! The law as data: the charge catalog with statutory limits per legal era, and the
//! Guidelines rules of each Manual edition, parsed once from the files in `data/`.

use std::fmt;
use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

use crate::i18n::{Lang, Message, Text};
use crate::ManualEdition;

const CHARGES_JSON: &str = include_str!("../data/charges.json");
const FIREARMS_JSON: &str = include_str!("../data/guideline_2k2_1.json");
const EXPORT_JSON: &str = include_str!("../data/guideline_2m5_2.json");
const DRUGS_JSON: &str = include_str!("../data/guideline_2d1_1.json");
const CHAPTER_THREE_JSON: &str = include_str!("../data/chapter_three.json");

/// Which body of statutes applies: the law the seed paper described, or the law today.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
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

    /// The Manual edition a court would normally use in this era when the case names none:
    /// the Nov. 2010 Manual was in force in April 2011; the Nov. 2023 Manual is the newest
    /// one modelled for today.
    pub fn default_manual(self) -> ManualEdition {
        match self {
            Self::April2011 => ManualEdition::Nov2010,
            Self::Today => ManualEdition::Nov2023,
        }
    }
}

impl LawEra {
    /// The era in words ("law as of April 2011"), for the reader's language.
    pub fn message(self) -> Message {
        Message::new(match self {
            Self::April2011 => "law_era.april_2011",
            Self::Today => "law_era.today",
        })
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
    /// 22 U.S.C. 2778, Arms Export Control Act.
    #[serde(rename = "arms_export_2778")]
    ArmsExport2778,
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
    pub const ALL: [ChargeId; 13] = [
        Self::StrawPurchase922a6,
        Self::FalseRecord924a1a,
        Self::UnlicensedDealing922a1a,
        Self::TransferToProhibited922d,
        Self::ProhibitedPossession922g,
        Self::Smuggling554,
        Self::ArmsExport2778,
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
            Self::Drugs2D1_1 => "USSG §2D1.1",
        }
    }
}

/// A charge's statutory imprisonment limits in one legal era.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StatutoryLimits {
    pub era: LawEra,
    /// False when the offence did not exist in this era.
    pub exists: bool,
    /// Mandatory minimum in months (0 when none).
    #[serde(default)]
    pub min_months: u32,
    /// Maximum in months; `None` means life (or, when `exists` is false, nothing).
    #[serde(default)]
    pub max_months: Option<u32>,
    pub source: String,
}

/// One entry of the charge catalog.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Charge {
    pub id: ChargeId,
    /// The offence explained in words; the statute is shown beside it.
    pub name: Text,
    pub statute: String,
    pub guideline: GuidelineSection,
    /// For drug charges: the quantity (grams of cocaine) assumed when the case gives none,
    /// the threshold of the statutory tier.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub assumed_drug_grams: Option<f64>,
    pub limits: Vec<StatutoryLimits>,
}

impl Charge {
    /// The limits in an era, if the catalog has them.
    pub fn limits_in(&self, era: LawEra) -> Option<&StatutoryLimits> {
        self.limits.iter().find(|l| l.era == era)
    }

    /// True when the offence existed in the era.
    pub fn exists_in(&self, era: LawEra) -> bool {
        self.limits_in(era).is_some_and(|l| l.exists)
    }
}

/// What kind of weapon a §2K2.1(a) base level needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum WeaponRequirement {
    Any,
    /// A semi-automatic firearm capable of accepting a large-capacity magazine, or an NFA weapon.
    LargeCapacityOrNfa,
    /// A firearm described in 26 U.S.C. 5845(a).
    Nfa,
}

/// Who the defendant knew, or had reason to believe, would receive the firearms; ordered
/// from least to most serious, since a rule needing the lesser is met by the greater.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
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

/// One base offense level of §2K2.1(a).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BaseLevelRule {
    pub subsection: String,
    pub level: i32,
    /// Felony convictions for a crime of violence or controlled-substance offense needed.
    pub min_prior_felonies: u8,
    pub weapon: WeaponRequirement,
    /// Needs a prohibited person or a conviction the edition treats as one.
    pub requires_status: bool,
    /// Why the level applies, in words (the worksheet shows it).
    pub reason: Text,
    pub source: String,
}

/// A numeric adjustment with its citation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Increase {
    pub increase: i32,
    pub source: String,
}

/// A row of the §2K2.1(b)(1) number-of-firearms table.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FirearmCountTier {
    pub min_firearms: u32,
    pub increase: i32,
    pub source: String,
}

/// A level with its citation (a cap or a floor).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LevelRule {
    pub level: i32,
    pub source: String,
}

/// One tier of §2K2.1(b)(5) trafficking; the greatest applicable tier is applied.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TraffickingTier {
    pub subsection: String,
    pub increase: i32,
    pub min_firearms: u32,
    /// The least serious recipient that triggers the tier; `None` when only a conviction does.
    pub recipient: Option<Recipient>,
    /// Convictions that trigger the tier by themselves.
    #[serde(default)]
    pub convicted_under: Vec<ChargeId>,
    pub source: String,
}

/// A specific offense characteristic named by its subsection.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SubsectionIncrease {
    pub subsection: String,
    pub increase: i32,
    pub source: String,
}

/// §2K2.1 as one Manual edition writes it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FirearmsGuideline {
    pub edition: ManualEdition,
    pub base_levels: Vec<BaseLevelRule>,
    /// Convictions that count as prohibited-person status for (a)(4)(B) and (a)(6).
    pub status_conviction_charges: Vec<ChargeId>,
    pub status_source: String,
    /// Convictions that count as status when the defendant knew or had reason to believe a
    /// prohibited person would get the firearm (amendment 753).
    pub knowledge_variant_charges: Vec<ChargeId>,
    pub firearm_count_table: Vec<FirearmCountTier>,
    pub stolen: Increase,
    pub altered_serial: Increase,
    pub characteristics_cap: LevelRule,
    pub trafficking_tiers: Vec<TraffickingTier>,
    /// (b)(6)(A), the export enhancement; `None` before amendment 753.
    pub export: Option<SubsectionIncrease>,
    pub other_felony: SubsectionIncrease,
    pub felony_floor: LevelRule,
}

/// §2M5.2 as one Manual edition writes it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ExportGuideline {
    pub edition: ManualEdition,
    pub base_level: i32,
    pub base_source: String,
    pub small_arms_level: i32,
    pub small_arms_max_weapons: u32,
    /// Ammunition limit of the small-arms level; `None` when the edition sets none.
    pub small_arms_max_rounds: Option<u32>,
    pub small_arms_source: String,
}

/// A row of the Drug Quantity Table: this level from this many grams up.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DrugTier {
    pub min_grams: f64,
    pub level: i32,
}

/// The §2D1.1(c) quantity table for one drug in one edition.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DrugGuideline {
    pub edition: ManualEdition,
    pub drug: Text,
    pub source: String,
    /// Ordered from the largest quantity down.
    pub tiers: Vec<DrugTier>,
}

/// The defendant's role in the offense (USSG §3B1.1, §3B1.2).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
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

/// A role adjustment row.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RoleAdjustment {
    pub role: Role,
    pub adjustment: i32,
    pub subsection: String,
    pub source: String,
}

/// §3E1.1 acceptance of responsibility.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AcceptanceRule {
    pub reduction: i32,
    pub subsection: String,
    pub source: String,
    pub extra_reduction: i32,
    pub extra_subsection: String,
    /// The further reduction needs this level or more before acceptance.
    pub extra_min_level: i32,
    pub extra_source: String,
}

/// The Chapter Three adjustments of one edition.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ChapterThree {
    pub edition: ManualEdition,
    pub roles: Vec<RoleAdjustment>,
    pub acceptance: AcceptanceRule,
}

/// All the law the engine applies. Clone it and edit fields to model a change in the law;
/// [`Law::embedded`] is the law as entered from the statutes and Manuals.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Law {
    pub charges: Vec<Charge>,
    pub firearms: Vec<FirearmsGuideline>,
    pub export: Vec<ExportGuideline>,
    pub drugs: Vec<DrugGuideline>,
    pub chapter_three: Vec<ChapterThree>,
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

/// "§2K2.1 for the 2010 Manual".
fn guideline_part(section: &str, edition: ManualEdition) -> Message {
    Message::new("law.part.guideline")
        .verbatim("section", section)
        .verbatim("edition", edition.code())
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
        fn parse<T: serde::de::DeserializeOwned>(name: &str, text: &str) -> Result<T, String> {
            serde_json::from_str(text).map_err(|e| format!("{name}: {e}"))
        }
        Ok(Law {
            charges: parse("charges.json", CHARGES_JSON)?,
            firearms: parse("guideline_2k2_1.json", FIREARMS_JSON)?,
            export: parse("guideline_2m5_2.json", EXPORT_JSON)?,
            drugs: parse("guideline_2d1_1.json", DRUGS_JSON)?,
            chapter_three: parse("chapter_three.json", CHAPTER_THREE_JSON)?,
        })
    }

    pub fn charge(&self, id: ChargeId) -> Result<&Charge, MissingLaw> {
        self.charges.iter().find(|c| c.id == id).ok_or_else(|| {
            MissingLaw::part(Message::new("law.part.charge").verbatim("charge", id.code()))
        })
    }

    /// The charges that existed in an era, in catalog order.
    pub fn charges_in(&self, era: LawEra) -> impl Iterator<Item = &Charge> {
        self.charges.iter().filter(move |c| c.exists_in(era))
    }

    pub fn firearms_guideline(
        &self,
        edition: ManualEdition,
    ) -> Result<&FirearmsGuideline, MissingLaw> {
        self.firearms
            .iter()
            .find(|g| g.edition == edition)
            .ok_or_else(|| MissingLaw::part(guideline_part("§2K2.1", edition)))
    }

    pub fn export_guideline(&self, edition: ManualEdition) -> Result<&ExportGuideline, MissingLaw> {
        self.export
            .iter()
            .find(|g| g.edition == edition)
            .ok_or_else(|| MissingLaw::part(guideline_part("§2M5.2", edition)))
    }

    pub fn drug_guideline(&self, edition: ManualEdition) -> Result<&DrugGuideline, MissingLaw> {
        self.drugs
            .iter()
            .find(|g| g.edition == edition)
            .ok_or_else(|| MissingLaw::part(guideline_part("§2D1.1", edition)))
    }

    pub fn chapter_three(&self, edition: ManualEdition) -> Result<&ChapterThree, MissingLaw> {
        self.chapter_three
            .iter()
            .find(|g| g.edition == edition)
            .ok_or_else(|| {
                MissingLaw::part(
                    Message::new("law.part.chapter_three").verbatim("edition", edition.code()),
                )
            })
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
            for era in LawEra::ALL {
                let limits = charge.limits_in(era).unwrap();
                assert!(!limits.source.is_empty(), "{id} {era:?} has no source");
            }
            assert_eq!(ChargeId::from_code(id.code()), Some(id));
        }
        for edition in ManualEdition::ALL {
            law.firearms_guideline(edition).unwrap();
            law.export_guideline(edition).unwrap();
            law.drug_guideline(edition).unwrap();
            law.chapter_three(edition).unwrap();
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
                let limits = charge.limits_in(era).unwrap();
                assert_eq!(limits.exists, expected.is_some(), "{id} {era:?}");
                if expected.is_some() {
                    assert_eq!(limits.max_months, expected, "{id} {era:?}");
                }
            }
        }
        let a = law.charge(DrugConspiracy841b1a).unwrap();
        for era in LawEra::ALL {
            let limits = a.limits_in(era).unwrap();
            assert_eq!((limits.min_months, limits.max_months), (120, None));
        }
        let b = law.charge(DrugConspiracy841b1b).unwrap();
        assert_eq!(b.limits_in(LawEra::April2011).unwrap().min_months, 60);
    }

    /// Every row of the law carries its source.
    #[test]
    fn every_rule_has_a_source() {
        let law = Law::embedded();
        let mut sources: Vec<&str> = Vec::new();
        for g in &law.firearms {
            sources.extend(g.base_levels.iter().map(|r| r.source.as_str()));
            sources.extend(g.firearm_count_table.iter().map(|r| r.source.as_str()));
            sources.extend(g.trafficking_tiers.iter().map(|r| r.source.as_str()));
            sources.extend([
                g.status_source.as_str(),
                &g.stolen.source,
                &g.altered_serial.source,
                &g.characteristics_cap.source,
                &g.other_felony.source,
                &g.felony_floor.source,
            ]);
            sources.extend(g.export.iter().map(|e| e.source.as_str()));
        }
        for g in &law.export {
            sources.extend([g.base_source.as_str(), &g.small_arms_source]);
        }
        sources.extend(law.drugs.iter().map(|g| g.source.as_str()));
        for c in &law.chapter_three {
            sources.extend(c.roles.iter().map(|r| r.source.as_str()));
            sources.extend([c.acceptance.source.as_str(), &c.acceptance.extra_source]);
        }
        assert!(sources.len() > 60);
        for source in sources {
            assert!(
                source.contains("USSG"),
                "{source:?} names no Manual section"
            );
        }
    }
}
