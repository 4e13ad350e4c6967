//! Policy what-if: a scenario is a named, sparse set of changes to a baseline (the law, the
//! sentencing and prosecution parameters, and a few policy knobs), each change with a label
//! and its source or assumption, so every difference it makes can be traced to a rule.
//!
//! Implementation note: a scenario never edits the embedded data; [`Scenario::apply`] clones
//! the baseline and returns an [`Applied`] world that every model (one case, a caseload,
//! sensitivity) reads. Attribution ([`side_by_side`]) re-applies each change alone, which is
//! why a change is a self-contained item rather than a diff of two worlds.

pub(crate) mod compare;

use std::fmt;
use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

use crate::case::Case;
use crate::i18n::{Lang, Message, Text};
use crate::imposed::{SentencingOverrides, SentencingParams};
use crate::law::{
    ChargeId, Checked, Cite, FirearmCountTier, Increase, Law, LawEra, Penalty, Verification,
};
use crate::prosecution::{ProsecutionOverrides, ProsecutionParams};
use crate::{ManualChoice, ManualEdition};

pub(crate) use compare::best_option;
pub use compare::{
    case_outputs, nothing_moves, referral_outcomes, side_by_side, side_by_side_markdown,
    CaseOutputs, Cause, NothingMoves, Output, OutputValue, SideBySide, SideBySideRow,
    ATTRIBUTION_METHOD,
};

const PRESETS_JSON: &str = include_str!("../../data/presets.json");

/// The status quo a scenario is measured against: the law and both parameter sets. The UI
/// passes the user's edited assumptions here, so a scenario is always "these changes on top
/// of what I am looking at".
#[derive(Debug, Clone, PartialEq)]
pub struct Baseline {
    pub law: Law,
    pub sentencing: SentencingParams,
    pub prosecution: ProsecutionParams,
}

impl Baseline {
    /// The embedded law and parameters.
    pub fn embedded() -> Baseline {
        Baseline {
            law: Law::embedded().clone(),
            sentencing: SentencingParams::embedded().clone(),
            prosecution: ProsecutionParams::embedded().clone(),
        }
    }
}

/// An output a proposal says it moves, on its probe case or the default caseload; the
/// tests hold every preset to its claims.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Claim {
    /// The Guidelines range.
    GuidelineRange,
    /// The expected sentence.
    ExpectedSentence,
    /// The chance a U.S. Attorney accepts the referral.
    Acceptance,
    /// The chance of a conviction.
    Conviction,
    /// Expected months of prison per referral.
    PrisonMonthsPerReferral,
    /// The charge that yields the most prison per referral.
    BestCharge,
    /// Expected accepted referrals over the default caseload.
    CaseloadAccepted,
    /// Expected prison-years over the default caseload.
    CaseloadPrisonYears,
}

/// A proposal: a named set of changes to the law or to the models' assumptions, each with
/// its label and source. The presets are proposals too; a user copies one and edits it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Scenario {
    /// A short identifier: a preset's, or one the user chose.
    pub id: String,
    /// The proposal's name, as the page and the brief show it.
    pub name: String,
    /// One paragraph for people: what the proposal did and how it is modelled.
    #[serde(default)]
    pub description: String,
    /// Where the proposal is documented.
    #[serde(default)]
    pub source: String,
    /// Outputs the proposal is expected to move, on its probe case and the default caseload.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub claims: Vec<Claim>,
    /// The case the claims are checked on, when not the standard one (ten rifles to Mexico
    /// for a cartel): a proposal that only matters for large rings names such a case.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub probe: Option<Case>,
    /// The changes, applied in order; none at all is the status quo.
    pub changes: Vec<Change>,
}

/// One change with its human label and where it comes from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Change {
    /// Shown beside every output this change moves.
    pub label: String,
    /// The statute, bill, rule or reasoning behind the numbers.
    pub source: String,
    /// True when a number in the change is a labelled guess rather than a sourced figure.
    #[serde(default)]
    pub assumption: bool,
    /// What the change does.
    pub rule: Rule,
}

/// What a change does: `kind` names it, and the other keys are its arguments.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum Rule {
    /// A charge's statutory maximum per count in one era, in months (null for life).
    StatutoryMax {
        charge: ChargeId,
        era: LawEra,
        max_months: Option<u32>,
    },
    /// A charge's mandatory minimum per count in one era, in months (0 removes it).
    MandatoryMin {
        charge: ChargeId,
        era: LawEra,
        min_months: u32,
    },
    /// Makes an offence exist in an era where it did not (e.g. 933 in the 2011 world), with
    /// its maximum (null for life) and minimum per count, in months.
    OffenceAvailable {
        charge: ChargeId,
        era: LawEra,
        max_months: Option<u32>,
        #[serde(default)]
        min_months: u32,
    },
    /// Evaluates every case under this era's statutes (the Manual stays the case's own;
    /// add a "manual" change for the era's Guidelines).
    LawEra { era: LawEra },
    /// Evaluates every case under this Guidelines Manual.
    Manual { edition: ManualEdition },
    /// A §2K2.1(a) base offense level, by subsection (e.g. "§2K2.1(a)(7)").
    BaseLevel {
        edition: ManualEdition,
        subsection: String,
        level: i32,
    },
    /// Every §2K2.1(b)(5) trafficking tier's increase.
    TraffickingIncrease {
        edition: ManualEdition,
        increase: i32,
    },
    /// The §2K2.1(b)(6)(A) export increase; adds the enhancement to a Manual without one.
    ExportIncrease {
        edition: ManualEdition,
        increase: i32,
    },
    /// Replaces the §2K2.1(b)(1) number-of-firearms table.
    FirearmCountTable {
        edition: ManualEdition,
        tiers: Vec<CountTier>,
    },
    /// Sets parameters of the prosecution model, by name.
    ProsecutionParams { set: ProsecutionOverrides },
    /// Sets parameters of the likely-sentence model, by name.
    SentencingParams { set: SentencingOverrides },
    /// Moves the acceptance log-odds of every referral: a U.S. Attorney more (positive) or
    /// less (negative) willing to take firearms cases.
    AcceptanceShift { log_odds: f64 },
    /// Share of caseload referrals investigated jointly with ICE (caseload only).
    IceJointShare { share: f64 },
    /// ATF's multiple-sales reporting of rifles: more multi-gun buyers of the covered rifles
    /// referred, better evidence on them, their organisers identified.
    MultipleSalesReporting {
        /// Extra referrals, as a share of the covered referrals (caseload only).
        extra_referral_share: f64,
        /// Added to the evidence strength of a covered case (capped at 1).
        evidence_boost: f64,
        /// Share of covered referrals that now reach the organiser (caseload only).
        organiser_share: f64,
    },
}

/// A row of a replacement (b)(1) table.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct CountTier {
    /// The fewest firearms the row applies to.
    pub min_firearms: u32,
    /// The offense levels it adds.
    pub increase: i32,
}

/// The policy knobs that act on a caseload rather than on the law.
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize, Deserialize)]
pub struct Policy {
    pub ice_joint_share: Option<f64>,
    pub multiple_sales: Option<MultipleSales>,
}

/// See [`Rule::MultipleSalesReporting`].
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct MultipleSales {
    pub extra_referral_share: f64,
    pub evidence_boost: f64,
    pub organiser_share: f64,
}

impl MultipleSales {
    /// A case the reporting rule reaches: two or more firearms, among them a semi-automatic
    /// rifle able to take a detachable (large-capacity) magazine. The rule's caliber (> .22)
    /// and border-state conditions are not case facts; the caseload mix assumes them.
    pub fn covers(case: &Case) -> bool {
        case.firearms.unwrap_or(1) >= 2 && case.large_capacity_semiautomatic == Some(true)
    }
}

/// A baseline with a scenario's changes applied: what every model reads.
#[derive(Debug, Clone, PartialEq)]
pub struct Applied {
    pub law: Law,
    pub sentencing: SentencingParams,
    pub prosecution: ProsecutionParams,
    /// When set, every case is evaluated under this era.
    pub law_era: Option<LawEra>,
    /// When set, every case is evaluated under this Manual.
    pub manual: Option<ManualEdition>,
    pub policy: Policy,
}

impl Applied {
    /// The baseline itself, unchanged.
    pub fn baseline(base: &Baseline) -> Applied {
        Applied {
            law: base.law.clone(),
            sentencing: base.sentencing.clone(),
            prosecution: base.prosecution.clone(),
            law_era: None,
            manual: None,
            policy: Policy::default(),
        }
    }

    /// The case as this world sees it: its era and Manual replaced when the scenario sets
    /// them, and its evidence strengthened when the multiple-sales rule reaches it.
    pub fn case(&self, case: &Case) -> Case {
        let mut c = case.clone();
        if let Some(era) = self.law_era {
            // An era change moves the statutes only: the case keeps the Manual it was
            // evaluated under, so "today's statutes" and "today's Guidelines" can be
            // attributed separately (a scenario wanting both names the Manual too). Its
            // dates would pin the statutes, so the era replaces them.
            let kept = crate::evaluate::manual_used(case, &self.law);
            c.manual = Some(ManualChoice::Edition(kept));
            c.law_era = era;
            c.offense_date = None;
            c.sentencing_date = None;
        }
        if let Some(edition) = self.manual {
            c.manual = Some(ManualChoice::Edition(edition));
        }
        if let Some(rule) = self.policy.multiple_sales {
            if MultipleSales::covers(&c) {
                let evidence = c
                    .evidence_strength
                    .unwrap_or(self.prosecution.assumed_evidence_strength.value);
                c.evidence_strength = Some((evidence + rule.evidence_boost).clamp(0.0, 1.0));
            }
        }
        c
    }
}

/// Why a scenario could not be read or applied: the change (by position and label) and the
/// field at fault.
#[derive(Debug, Clone, PartialEq)]
pub struct ScenarioError {
    /// The field's path in scenario files: the same in every language.
    pub field: String,
    pub message: Message,
}

impl ScenarioError {
    /// The whole error in the reader's language, naming the field by its path in the file,
    /// as the command line prints it for someone editing the file.
    pub fn message(&self) -> Message {
        Message::new("error.field")
            .verbatim("field", &self.field)
            .with("message", self.message.clone())
    }

    /// The whole error with the field's place in words ("change 1, maximum in months: …"),
    /// for the page: its readers see the proposal's changes, not the file's paths.
    pub fn plain_message(&self) -> Message {
        Message::new("error.scenario.at")
            .with("place", place_words(&self.field))
            .with("message", self.message.clone())
    }
}

/// A field path such as `changes[0].rule.max_months` in words: "change 1, rule, maximum in
/// months". A name without words of its own is spaced out, so no identifier reaches a reader.
fn place_words(path: &str) -> Message {
    let mut parts: Vec<Message> = Vec::new();
    for segment in path.split('.').filter(|s| !s.is_empty()) {
        let (name, index) = match segment.split_once('[') {
            Some((name, rest)) => (name, rest.trim_end_matches(']').parse::<usize>().ok()),
            None => (segment, None),
        };
        match (name, index) {
            ("changes", Some(i)) => {
                parts.push(Message::new("error.scenario.place.change").with("n", i + 1))
            }
            _ => {
                let key = format!("scenario.field.{name}");
                parts.push(if crate::i18n::engine_catalog().contains(&key) {
                    Message::new(key)
                } else {
                    Message::verbatim_text(name.replace('_', " "))
                });
            }
        }
    }
    // "a, b, c" as nested pairs, so each part is worded in the reader's language.
    let mut parts = parts.into_iter().rev();
    let Some(last) = parts.next() else {
        return Message::new("error.scenario.place.whole");
    };
    parts.fold(last, |rest, first| {
        Message::new("error.scenario.place.pair")
            .with("first", first)
            .with("rest", rest)
    })
}

/// English, for the command line and logs.
impl fmt::Display for ScenarioError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.message().fmt(f)
    }
}

impl std::error::Error for ScenarioError {}

fn error(field: impl Into<String>, message: impl Into<Message>) -> ScenarioError {
    ScenarioError {
        field: field.into(),
        message: message.into(),
    }
}

fn quoted_after(text: &str, prefix: &str) -> Option<String> {
    let start = text.find(prefix)? + prefix.len();
    let end = text[start..].find('`')?;
    Some(text[start..start + end].to_string())
}

/// Beyond life (470 months in the Sentencing Table) a number of months is a typing mistake.
const MAX_STATUTE_MONTHS: u32 = 1200;

/// How a scenario's prose reads in the reader's language. A scenario serializes its name,
/// description and change labels as plain strings (share links and proposal files made
/// before there was Spanish must still open and show the same view), so the Spanish is
/// not in the scenario: it is found in the presets. A preset whose text is unedited reads
/// in the reader's language; anything a user wrote, or edited, is shown verbatim.
impl Scenario {
    /// The preset this scenario was copied from, if its id is a preset's.
    fn preset_text(&self) -> Option<&'static PresetText> {
        let i = presets().iter().position(|p| p.id == self.id)?;
        preset_texts().get(i)
    }

    pub fn name_in(&self, lang: Lang) -> String {
        self.name_message().render(lang)
    }

    /// The name up to its colon ("H.R. 2554 (2011)"), for a column or chart with no room for
    /// all of it; a name without one is already short enough, and is kept whole.
    pub fn short_name_in(&self, lang: Lang) -> String {
        let name = self.name_in(lang);
        match name.split_once(": ") {
            Some((short, _)) if !short.trim().is_empty() => short.to_string(),
            _ => name,
        }
    }

    /// Where the proposal is documented: a preset's source in `lang` while unedited (its
    /// citations stay as cited inside the Spanish), verbatim otherwise. Found by its text,
    /// like a change's label, so a renamed copy of a preset keeps its Spanish source.
    pub fn source_in(&self, lang: Lang) -> &str {
        preset_texts()
            .iter()
            .find(|t| t.source.en == self.source)
            .map_or(&self.source, |t| t.source.get(lang))
    }

    pub fn description_in(&self, lang: Lang) -> String {
        match self.preset_text() {
            Some(t) if t.description.en == self.description => t.description.get(lang).into(),
            _ => self.description.clone(),
        }
    }

    /// The name as a message: the preset's text while unedited, else verbatim.
    pub fn name_message(&self) -> Message {
        match self.preset_text() {
            Some(t) if t.name.en == self.name => Message::text(&t.name),
            _ => Message::verbatim_text(&self.name),
        }
    }
}

impl Change {
    /// The label in `lang` when it is a preset's label as written, verbatim otherwise.
    pub fn label_in(&self, lang: Lang) -> String {
        self.label_message().render(lang)
    }

    /// The source in `lang` when it is a preset change's source as written, verbatim
    /// otherwise.
    pub fn source_in(&self, lang: Lang) -> &str {
        preset_texts()
            .iter()
            .flat_map(|t| &t.change_sources)
            .find(|t| t.en == self.source)
            .map_or(&self.source, |t| t.get(lang))
    }

    pub fn label_message(&self) -> Message {
        preset_texts()
            .iter()
            .flat_map(|t| &t.labels)
            .find(|t| t.en == self.label)
            .map_or_else(|| Message::verbatim_text(&self.label), Message::text)
    }
}

impl Scenario {
    /// Reads a scenario from JSON, naming the field at fault.
    pub fn from_json(text: &str) -> Result<Scenario, ScenarioError> {
        let mut deserializer = serde_json::Deserializer::from_str(text);
        let scenario: Scenario =
            serde_path_to_error::deserialize(&mut deserializer).map_err(|e| {
                let path = e.path().to_string();
                let inner = e.into_inner().to_string();
                let message = match inner.find(" at line ") {
                    Some(cut) => inner[..cut].to_string(),
                    None => inner,
                };
                // serde names a missing or unknown field in the message, not the path.
                let named = ["unknown field `", "missing field `"]
                    .iter()
                    .find_map(|prefix| quoted_after(&message, prefix));
                let field = match named {
                    Some(name) if path == "." => name,
                    Some(name) => format!("{path}.{name}"),
                    None if path == "." => "(scenario)".into(),
                    None => path,
                };
                error(field, crate::serde_words::serde_detail(&message))
            })?;
        deserializer.end().map_err(|e| {
            error(
                "(scenario)",
                Message::new("error.scenario.trailing").verbatim("detail", e.to_string()),
            )
        })?;
        scenario.apply(&Baseline::embedded())?;
        Ok(scenario)
    }

    /// The same scenario with only one of its changes: the basis of attribution.
    pub fn only(&self, index: usize) -> Scenario {
        Scenario {
            changes: self.changes.get(index).cloned().into_iter().collect(),
            claims: Vec::new(),
            ..self.clone()
        }
    }

    /// The baseline with every change applied in order (a later change to the same rule
    /// wins), checked so that no model sees an impossible world.
    pub fn apply(&self, base: &Baseline) -> Result<Applied, ScenarioError> {
        let mut w = Applied::baseline(base);
        for (i, change) in self.changes.iter().enumerate() {
            let at = |field: &str| format!("changes[{i}].rule.{field}");
            apply_rule(&mut w, &change.rule, &at)?;
        }
        Ok(w)
    }
}

/// The charge's penalty from the era's day on, as a period of its own, so that an edit leaves
/// the law before that day as it was; `None` when the offence did not exist then and
/// `create` is false. A created or edited period is marked as the proposal's, not the law.
fn penalty_from<'a>(
    law: &'a mut Law,
    charge: ChargeId,
    era: LawEra,
    create: bool,
    at: &dyn Fn(&str) -> String,
) -> Result<Option<&'a mut Penalty>, ScenarioError> {
    let day = era.date();
    let c = law
        .charges
        .iter_mut()
        .find(|c| c.id == charge)
        .ok_or_else(|| {
            error(
                at("charge"),
                Message::new("error.scenario.no_charge")
                    .verbatim("charge", charge.statute_text())
                    .with("era", era.message()),
            )
        })?;
    let index = match c.penalties.iter().position(|p| p.from == Some(day)) {
        Some(i) => i,
        None => {
            let in_force = c
                .penalties
                .iter()
                .rposition(|p| p.from.is_none_or(|from| from <= day));
            let mut period = match (in_force, create) {
                (Some(i), _) => c.penalties[i].clone(),
                (None, true) => c.penalties[0].clone(),
                (None, false) => return Ok(None),
            };
            period.from = Some(day);
            let i = in_force.map_or(0, |i| i + 1);
            c.penalties.insert(i, period);
            i
        }
    };
    let period = &mut c.penalties[index];
    period.verified = Verification {
        status: Checked::Proposal,
        how: "changed by the proposal".into(),
        href: None,
    };
    Ok(Some(period))
}

fn firearms_mut<'a>(
    law: &'a mut Law,
    edition: ManualEdition,
    at: &dyn Fn(&str) -> String,
) -> Result<&'a mut crate::law::FirearmsGuideline, ScenarioError> {
    law.manual_mut(edition)
        .map(|text| &mut text.firearms)
        .ok_or_else(|| {
            error(
                at("edition"),
                Message::new("error.scenario.no_firearms_guideline")
                    .verbatim("edition", edition.code()),
            )
        })
}

fn check_level(level: i32, field: String) -> Result<(), ScenarioError> {
    if (-20..=43).contains(&level) {
        Ok(())
    } else {
        Err(error(field, "error.scenario.level"))
    }
}

fn check_share(value: f64, field: String) -> Result<(), ScenarioError> {
    if value.is_finite() && (0.0..=1.0).contains(&value) {
        Ok(())
    } else {
        Err(error(field, "error.scenario.share"))
    }
}

fn scenario_source(what: &str) -> String {
    format!("changed by the scenario: {what}")
}

fn apply_rule(
    w: &mut Applied,
    rule: &Rule,
    at: &dyn Fn(&str) -> String,
) -> Result<(), ScenarioError> {
    match rule {
        Rule::StatutoryMax {
            charge,
            era,
            max_months,
        } => {
            let Some(limits) = penalty_from(&mut w.law, *charge, *era, false, at)? else {
                return Err(error(
                    at("charge"),
                    Message::new("error.scenario.charge_absent_use")
                        .verbatim("charge", charge.statute_text())
                        .with("era", era.message()),
                ));
            };
            if let Some(max) = max_months {
                if *max == 0 || *max > MAX_STATUTE_MONTHS || *max < limits.min_months {
                    return Err(error(at("max_months"), "error.scenario.max_months"));
                }
            }
            limits.max_months = *max_months;
            limits.cite.note = Some(scenario_source("statutory maximum"));
        }
        Rule::MandatoryMin {
            charge,
            era,
            min_months,
        } => {
            let Some(limits) = penalty_from(&mut w.law, *charge, *era, false, at)? else {
                return Err(error(
                    at("charge"),
                    Message::new("error.scenario.charge_absent")
                        .verbatim("charge", charge.statute_text())
                        .with("era", era.message()),
                ));
            };
            if limits.max_months.is_some_and(|m| *min_months > m) {
                return Err(error(at("min_months"), "error.scenario.min_above_max"));
            }
            limits.min_months = *min_months;
            limits.cite.note = Some(scenario_source("mandatory minimum"));
        }
        Rule::OffenceAvailable {
            charge,
            era,
            max_months,
            min_months,
        } => {
            if max_months.is_some_and(|m| m == 0 || m > MAX_STATUTE_MONTHS || m < *min_months) {
                return Err(error(at("max_months"), "error.scenario.offence_max"));
            }
            let limits = penalty_from(&mut w.law, *charge, *era, true, at)?
                .expect("a period is created when asked");
            limits.max_months = *max_months;
            limits.min_months = *min_months;
            limits.cite.note = Some(scenario_source("offence made available"));
        }
        Rule::LawEra { era } => w.law_era = Some(*era),
        Rule::Manual { edition } => w.manual = Some(*edition),
        Rule::BaseLevel {
            edition,
            subsection,
            level,
        } => {
            check_level(*level, at("level"))?;
            let g = firearms_mut(&mut w.law, *edition, at)?;
            let rule = g
                .base_levels
                .iter_mut()
                .find(|r| &r.cite.section == subsection)
                .ok_or_else(|| {
                    error(
                        at("subsection"),
                        Message::new("error.scenario.no_base_level")
                            .verbatim("subsection", format!("{subsection:?}"))
                            .verbatim("edition", edition.code()),
                    )
                })?;
            rule.level = *level;
            rule.cite.note = Some(format!("as {}", scenario_source("base level")));
            let id = rule.id.clone();
            w.law.mark_proposal(*edition, [id.as_str()]);
        }
        Rule::TraffickingIncrease { edition, increase } => {
            check_level(*increase, at("increase"))?;
            let g = firearms_mut(&mut w.law, *edition, at)?;
            for tier in &mut g.trafficking_tiers {
                tier.increase = *increase;
            }
            let ids: Vec<String> = g.trafficking_tiers.iter().map(|t| t.id.clone()).collect();
            w.law
                .mark_proposal(*edition, ids.iter().map(String::as_str));
        }
        Rule::ExportIncrease { edition, increase } => {
            check_level(*increase, at("increase"))?;
            firearms_mut(&mut w.law, *edition, at)?;
            w.law.mark_proposal(*edition, ["2k2_1.leaving_us"]);
            let g = firearms_mut(&mut w.law, *edition, at)?;
            match &mut g.export {
                Some(export) => export.increase = *increase,
                None => {
                    g.export = Some(Increase {
                        id: "2k2_1.leaving_us".into(),
                        cite: Cite {
                            section: "§2K2.1(b)(6)(A)".into(),
                            note: Some(scenario_source("export enhancement added")),
                            amendment: None,
                            href: None,
                        },
                        increase: *increase,
                    })
                }
            }
        }
        Rule::FirearmCountTable { edition, tiers } => {
            let mut previous = 0;
            for (k, tier) in tiers.iter().enumerate() {
                check_level(tier.increase, at(&format!("tiers[{k}].increase")))?;
                if tier.min_firearms <= previous {
                    return Err(error(
                        at(&format!("tiers[{k}].min_firearms")),
                        "error.scenario.tiers",
                    ));
                }
                previous = tier.min_firearms;
            }
            let g = firearms_mut(&mut w.law, *edition, at)?;
            g.firearm_count.tiers = tiers
                .iter()
                .enumerate()
                .map(|(k, t)| FirearmCountTier {
                    id: format!("2k2_1.firearm_count.proposal_{k}"),
                    cite: Cite {
                        section: g.firearm_count.cite.section.clone(),
                        note: Some(scenario_source("firearms table")),
                        amendment: None,
                        href: None,
                    },
                    min_firearms: t.min_firearms,
                    increase: t.increase,
                })
                .collect();
            let ids: Vec<String> = g.firearm_count.tiers.iter().map(|t| t.id.clone()).collect();
            w.law
                .mark_proposal(*edition, ids.iter().map(String::as_str));
        }
        Rule::ProsecutionParams { set } => {
            w.prosecution = w
                .prosecution
                .with_overrides(set)
                .map_err(|m| error(at("set"), m.message()))?;
        }
        Rule::SentencingParams { set } => {
            w.sentencing = w
                .sentencing
                .with_overrides(set)
                .map_err(|m| error(at("set"), m.message()))?;
        }
        Rule::AcceptanceShift { log_odds } => {
            if !(log_odds.is_finite() && (-10.0..=10.0).contains(log_odds)) {
                return Err(error(at("log_odds"), "error.scenario.log_odds"));
            }
            let shifted = w.prosecution.acceptance_intercept.value + log_odds;
            w.prosecution = w
                .prosecution
                .with_overrides(&ProsecutionOverrides {
                    acceptance_intercept: Some(shifted),
                    ..Default::default()
                })
                .map_err(|m| error(at("log_odds"), m.message()))?;
        }
        Rule::IceJointShare { share } => {
            check_share(*share, at("share"))?;
            w.policy.ice_joint_share = Some(*share);
        }
        Rule::MultipleSalesReporting {
            extra_referral_share,
            evidence_boost,
            organiser_share,
        } => {
            if !(extra_referral_share.is_finite() && (0.0..=5.0).contains(extra_referral_share)) {
                return Err(error(
                    at("extra_referral_share"),
                    "error.scenario.extra_referrals",
                ));
            }
            check_share(*evidence_boost, at("evidence_boost"))?;
            check_share(*organiser_share, at("organiser_share"))?;
            w.policy.multiple_sales = Some(MultipleSales {
                extra_referral_share: *extra_referral_share,
                evidence_boost: *evidence_boost,
                organiser_share: *organiser_share,
            });
        }
    }
    Ok(())
}

/// The case a preset's single-case claims are checked on: a Mexico-bound straw purchaser of
/// ten rifles for a cartel who knew where they were going, the typical Gunrunner referral of
/// the seed paper.
pub fn standard_probe() -> Case {
    let mut case = Case::new(LawEra::April2011, ChargeId::StrawPurchase922a6);
    case.firearms = Some(10);
    case.trafficking_recipient = Some(crate::law::Recipient::Dangerous);
    case.mexico_nexus = Some(true);
    case.knew_leaving_us = Some(true);
    case.large_capacity_semiautomatic = Some(true);
    case
}

/// The presets of `data/presets.json`, parsed once.
pub fn presets() -> &'static [Scenario] {
    &preset_data().0
}

/// A preset's prose in both languages, by the preset's position in [`presets`].
#[derive(Debug, Clone, PartialEq)]
pub struct PresetText {
    pub name: Text,
    pub description: Text,
    /// A citation alone is the same in both languages.
    pub source: Text,
    /// One per change, in order.
    pub labels: Vec<Text>,
    /// One per change, in order; a citation alone is the same in both languages.
    pub change_sources: Vec<Text>,
    pub probe_label: Option<Text>,
}

/// The texts of every preset, in the order of [`presets`].
pub fn preset_texts() -> &'static [PresetText] {
    &preset_data().1
}

fn preset_data() -> &'static (Vec<Scenario>, Vec<PresetText>) {
    static PRESETS: OnceLock<(Vec<Scenario>, Vec<PresetText>)> = OnceLock::new();
    // Fixed at build time; the tests parse and apply every preset.
    PRESETS.get_or_init(|| parse_presets(PRESETS_JSON).expect("embedded presets are valid"))
}

/// Reads `presets.json`, whose prose is `{"en", "es"}`: the texts go to a side table and
/// the scenarios keep their English, so a preset serializes (into links and proposal
/// files) exactly as it always has.
fn parse_presets(json: &str) -> Result<(Vec<Scenario>, Vec<PresetText>), String> {
    fn take(v: &mut serde_json::Value, key: &str) -> Result<Text, String> {
        let text: Text =
            serde_json::from_value(v[key].take()).map_err(|e| format!("{key}: {e}"))?;
        v[key] = serde_json::Value::String(text.en.clone());
        Ok(text)
    }
    // A source is a plain string when it is a citation alone.
    fn take_source(v: &mut serde_json::Value, key: &str) -> Result<Text, String> {
        if v.get(key).is_none_or(serde_json::Value::is_string) {
            let text = v.get(key).and_then(|s| s.as_str()).unwrap_or_default();
            return Ok(Text::same(text));
        }
        take(v, key)
    }
    let mut values: Vec<serde_json::Value> =
        serde_json::from_str(json).map_err(|e| e.to_string())?;
    let mut scenarios = Vec::with_capacity(values.len());
    let mut texts = Vec::with_capacity(values.len());
    for v in &mut values {
        let name = take(v, "name")?;
        let description = take(v, "description")?;
        let source = take_source(v, "source")?;
        let probe_label = match v.get_mut("probe") {
            Some(probe) if probe.get("label").is_some() => Some(take(probe, "label")?),
            _ => None,
        };
        let mut labels = Vec::new();
        let mut change_sources = Vec::new();
        if let Some(changes) = v.get_mut("changes").and_then(|c| c.as_array_mut()) {
            for change in changes {
                labels.push(take(change, "label")?);
                change_sources.push(take_source(change, "source")?);
            }
        }
        let scenario: Scenario = serde_json::from_value(v.take()).map_err(|e| e.to_string())?;
        scenarios.push(scenario);
        texts.push(PresetText {
            name,
            description,
            source,
            labels,
            change_sources,
            probe_label,
        });
    }
    Ok((scenarios, texts))
}

/// A preset by its id.
pub fn preset(id: &str) -> Option<&'static Scenario> {
    presets().iter().find(|s| s.id == id)
}

/// A scenario named by a preset id, or given as JSON text (what `--scenario` accepts).
pub fn scenario_from_name_or_json(name_or_json: &str) -> Result<Scenario, ScenarioError> {
    if name_or_json.trim_start().starts_with('{') {
        Scenario::from_json(name_or_json)
    } else {
        preset(name_or_json).cloned().ok_or_else(|| {
            let ids: Vec<&str> = presets().iter().map(|s| s.id.as_str()).collect();
            error(
                "scenario",
                Message::new("error.scenario.no_preset")
                    .verbatim("name", format!("{name_or_json:?}"))
                    .verbatim("ids", ids.join(", ")),
            )
        })
    }
}

/// The presets as a Markdown table: id, name, source (`threshold scenario list`).
pub fn presets_markdown() -> String {
    let mut out = String::from("| id | name | source |\n|---|---|---|\n");
    for s in presets() {
        out.push_str(&format!("| {} | {} | {} |\n", s.id, s.name, s.source));
    }
    out
}

#[cfg(test)]
mod tests;
