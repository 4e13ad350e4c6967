//! The statutes: each charge's penalties as dated periods (a period runs from its `from` day
//! until the next one begins), read from `data/law/statutes.json`.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::cite::Verification;
use super::date::Date;
use super::{ChargeId, GuidelineSection, LawEra};
use crate::i18n::Text;

/// Where a penalty is written in the U.S. Code, and the law that put it there.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StatuteCite {
    /// "18 U.S.C. 924(a)(8)".
    pub section: String,
    /// The public law that wrote the text, when it is later than the base date.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub law: Option<String>,
    /// What the model leaves out of the provision, in a few words.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub href: Option<String>,
}

/// A charge's imprisonment limits from one day until the next period begins.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Penalty {
    /// The first day the penalty applies to an offense; `None` for one in force before
    /// every date Threshold models.
    pub from: Option<Date>,
    /// Mandatory minimum in months (0 when none).
    #[serde(default)]
    pub min_months: u32,
    /// Maximum per count in months; `None` means life.
    pub max_months: Option<u32>,
    pub cite: StatuteCite,
    pub verified: Verification,
}

impl Penalty {
    /// The citation as a reader checks it: "18 U.S.C. 924(a)(8) (Pub. L. 117-159, …, in force
    /// from June 25, 2022); the 15-year minimum of 924(e) is not modelled".
    pub fn citation(&self) -> String {
        let c = &self.cite;
        let mut out = c.section.clone();
        match (&c.law, self.from) {
            (Some(law), Some(from)) => {
                out.push_str(&format!(" ({law}, in force from {})", from.short_en()))
            }
            (Some(law), None) => out.push_str(&format!(" ({law})")),
            (None, Some(from)) => out.push_str(&format!(" (in force from {})", from.short_en())),
            (None, None) => {}
        }
        if let Some(note) = &c.note {
            out.push_str("; ");
            out.push_str(note);
        }
        out
    }
}

/// A fact a charge needs before a prosecutor could bring it, beyond the conduct every firearms
/// charge shares; a charge whose element the facts do not show is not offered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Element {
    /// Knowing, or having reasonable cause to believe, the buyer or recipient was barred from
    /// having guns or meant a felony use (922(d), 932(b), 933(a)).
    RecipientKnowledge,
    /// Reasonable cause to believe the gun would be used in a felony, terrorism or drug
    /// trafficking (932(c)(2)).
    FelonyPurpose,
    /// A defendant barred from having guns (922(g)).
    ProhibitedDefendant,
    /// A proven export, which ATF alone cannot show: a joint ATF–ICE investigation and a
    /// Mexico nexus (554, 2778).
    ExportNexus,
    /// The drug facts a drug conspiracy needs.
    DrugFacts,
    /// A firearm on the U.S. Munitions List (2778): any firearm before `from`, the day ordinary
    /// firearms moved to the Commerce Control List; a fully automatic one from then on.
    MunitionsListFirearm,
    /// A firearm on the Commerce Control List (4819): from `from`, one not fully automatic.
    CommerceControlListFirearm,
}

/// An element with the provision that requires it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ChargeElement {
    pub element: Element,
    /// The day the element's rule changed, for elements that say so.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from: Option<Date>,
    pub cite: StatuteCite,
    pub verified: Verification,
}

/// One entry of the charge catalog.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Charge {
    pub id: ChargeId,
    /// The offence explained in words; the statute is shown beside it.
    pub name: Text,
    /// The section and a few plain words, for tables and the answer card ("§932, straw
    /// purchasing (2022)").
    pub short_name: Text,
    pub statute: String,
    pub guideline: GuidelineSection,
    /// How the guideline the charge is sentenced under was verified (Appendix A).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub guideline_verified: Option<Verification>,
    /// For drug charges: the quantity (grams of cocaine) assumed when the case gives none,
    /// the threshold of the statutory tier.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub assumed_drug_grams: Option<f64>,
    /// What the facts must show before the charge is offered.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub elements: Vec<ChargeElement>,
    /// Oldest first; before the first period's `from` the offence did not exist.
    pub penalties: Vec<Penalty>,
}

impl Charge {
    /// The penalty for an offense committed on a day; `None` when the offence did not exist.
    pub fn penalty_on(&self, date: Date) -> Option<&Penalty> {
        self.penalties
            .iter()
            .rev()
            .find(|p| p.from.is_none_or(|from| from <= date))
    }

    /// The penalty in an era (on the era's day).
    pub fn penalty_in(&self, era: LawEra) -> Option<&Penalty> {
        self.penalty_on(era.date())
    }

    /// True when the offence existed in the era.
    pub fn exists_in(&self, era: LawEra) -> bool {
        self.penalty_in(era).is_some()
    }

    /// True when the offence existed on the day.
    pub fn exists_on(&self, date: Date) -> bool {
        self.penalty_on(date).is_some()
    }

    /// Where the offence begins, for a reader told it did not yet exist: the citation of its
    /// first penalty, which says the day it took effect.
    pub fn enacted(&self) -> String {
        self.penalties
            .first()
            .map(Penalty::citation)
            .unwrap_or_else(|| self.statute.clone())
    }
}

/// A class of felony (18 U.S.C. 3559(a)), by the least maximum that puts an offense in it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FelonyClass {
    pub class: String,
    /// Months; `None` for the class of life imprisonment.
    pub from_max_months: Option<u32>,
}

/// How a maximum sets the class, and which classes bar probation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SentencingStatutes {
    pub felony_classes: ClassTable,
    pub probation_barred: ProbationBar,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ClassTable {
    pub cite: StatuteCite,
    pub verified: Verification,
    /// From the most serious down.
    pub classes: Vec<FelonyClass>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProbationBar {
    pub cite: StatuteCite,
    pub verified: Verification,
    pub classes: Vec<String>,
}

impl SentencingStatutes {
    /// The class of a felony with this maximum per count (`None` is life).
    pub fn class_of(&self, max_months: Option<u32>) -> Option<&FelonyClass> {
        self.felony_classes
            .classes
            .iter()
            .find(|c| match (c.from_max_months, max_months) {
                (None, None) => true,
                (None, Some(_)) => false,
                (Some(_), None) => true,
                (Some(from), Some(max)) => max >= from,
            })
    }

    /// The class, if it bars probation.
    pub fn bars_probation(&self, max_months: Option<u32>) -> Option<&FelonyClass> {
        self.class_of(max_months)
            .filter(|c| self.probation_barred.classes.contains(&c.class))
    }
}

/// Reads `statutes.json`: named sources, the felony classes, then the charges; a `verified`
/// names a source.
pub(crate) fn read_statutes(text: &str) -> Result<(SentencingStatutes, Vec<Charge>), String> {
    #[derive(Deserialize)]
    #[serde(deny_unknown_fields)]
    struct File {
        sources: BTreeMap<String, Verification>,
        felony_classes: Value,
        probation_barred: Value,
        charges: Vec<Value>,
    }
    let file: File = serde_json::from_str(text).map_err(|e| format!("statutes.json: {e}"))?;
    let resolve = |mut v: Value, what: &str| -> Result<Value, String> {
        let verified = super::amend::verification(&v["verified"], &file.sources)
            .map_err(|e| format!("statutes.json, {what}: {e}"))?;
        v["verified"] = serde_json::to_value(verified).expect("a verification serializes");
        Ok(v)
    };
    let general = SentencingStatutes {
        felony_classes: serde_json::from_value(resolve(file.felony_classes.clone(), "classes")?)
            .map_err(|e| format!("statutes.json, felony_classes: {e}"))?,
        probation_barred: serde_json::from_value(resolve(
            file.probation_barred.clone(),
            "probation",
        )?)
        .map_err(|e| format!("statutes.json, probation_barred: {e}"))?,
    };
    let mut charges = Vec::with_capacity(file.charges.len());
    for mut charge in file.charges {
        let id = charge["id"].as_str().unwrap_or("?").to_string();
        if let Some(v) = charge.get("guideline_verified").cloned() {
            let verified = super::amend::verification(&v, &file.sources)
                .map_err(|e| format!("statutes.json, {id}: {e}"))?;
            charge["guideline_verified"] =
                serde_json::to_value(verified).expect("a verification serializes");
        }
        for list in ["penalties", "elements"] {
            for row in charge[list].as_array_mut().into_iter().flatten() {
                let verified = super::amend::verification(&row["verified"], &file.sources)
                    .map_err(|e| format!("statutes.json, {id}: {e}"))?;
                row["verified"] =
                    serde_json::to_value(verified).expect("a verification serializes");
            }
        }
        let charge: Charge =
            serde_json::from_value(charge).map_err(|e| format!("statutes.json, {id}: {e}"))?;
        if charge.penalties.is_empty() {
            return Err(format!("statutes.json, {id}: no penalty"));
        }
        let dated: Vec<Option<Date>> = charge.penalties.iter().map(|p| p.from).collect();
        let ordered = dated.windows(2).all(|w| match (w[0], w[1]) {
            (None, Some(_)) => true,
            (Some(a), Some(b)) => a < b,
            _ => false,
        });
        if !ordered {
            return Err(format!(
                "statutes.json, {id}: penalties must run oldest first, only the first undated"
            ));
        }
        charges.push(charge);
    }
    Ok((general, charges))
}
