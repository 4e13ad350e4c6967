//! One Guidelines Manual edition as the rule code reads it: the base text with every
//! amendment up to the edition applied. Each rule keeps its stable id and its citation.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::cite::{Cite, Verification};
use super::{ChargeId, Conviction, Recipient, Role};
use crate::edition::ManualEdition;
use crate::i18n::Text;

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

/// One base offense level of §2K2.1(a).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BaseLevelRule {
    pub id: String,
    pub cite: Cite,
    pub level: i32,
    /// Felony convictions for a crime of violence or controlled-substance offense needed.
    pub min_prior_felonies: u8,
    pub weapon: WeaponRequirement,
    /// Needs a prohibited person or a conviction the edition treats as one.
    pub requires_status: bool,
    /// Why the level applies, in words (the worksheet shows it).
    pub reason: Text,
}

/// Convictions a rule treats alike (e.g. those that count as prohibited-person status).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ChargeRule {
    pub id: String,
    pub cite: Cite,
    pub charges: Vec<ChargeId>,
}

/// A numeric adjustment with its citation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Increase {
    pub id: String,
    pub cite: Cite,
    pub increase: i32,
}

/// A level with its citation (a cap or a floor).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LevelRule {
    pub id: String,
    pub cite: Cite,
    pub level: i32,
}

/// The §2K2.1(b)(1) number-of-firearms table.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CountTable {
    pub id: String,
    pub cite: Cite,
    pub tiers: Vec<FirearmCountTier>,
}

/// A row of the §2K2.1(b)(1) number-of-firearms table.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FirearmCountTier {
    pub id: String,
    pub cite: Cite,
    pub min_firearms: u32,
    pub increase: i32,
}

/// One tier of the §2K2.1 trafficking enhancement; the greatest applicable tier is applied.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TraffickingTier {
    pub id: String,
    pub cite: Cite,
    pub increase: i32,
    pub min_firearms: u32,
    /// The least serious recipient that triggers the tier; `None` when only a conviction does.
    pub recipient: Option<Recipient>,
    /// Convictions that trigger the tier by themselves.
    #[serde(default)]
    pub convicted_under: Vec<Conviction>,
}

/// §2K2.1 as one Manual edition writes it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FirearmsGuideline {
    pub base_levels: Vec<BaseLevelRule>,
    /// Convictions that count as prohibited-person status for (a)(4)(B) and (a)(6).
    pub status_conviction: ChargeRule,
    /// Convictions that count as status when the defendant knew or had reason to believe a
    /// prohibited person would get the firearm (amendment 753); `None` before it.
    pub knowledge_variant: Option<ChargeRule>,
    pub firearm_count: CountTable,
    pub stolen: Increase,
    pub altered_serial: Increase,
    /// Machinegun conversion devices (amendment 834, Nov. 2025); `None` before it.
    pub conversion_devices: Option<ConversionDevices>,
    pub characteristics_cap: LevelRule,
    pub trafficking_tiers: Vec<TraffickingTier>,
    /// The leaving-the-United-States enhancement; `None` before amendment 753.
    pub export: Option<Increase>,
    pub other_felony: Increase,
    pub felony_floor: LevelRule,
    /// +2 for trafficking through a criminal group of five or more (amendment 819).
    pub criminal_group: Option<Increase>,
    /// −2 for a trafficker moved by a relationship, threats or fear, or unusually vulnerable,
    /// with at most one criminal-history point (amendment 819).
    pub mitigating: Option<MitigatingReduction>,
}

/// §2K2.1(b)(5) from Nov. 2025: machinegun conversion devices, the greatest tier applying.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ConversionDevices {
    pub id: String,
    pub cite: Cite,
    pub tiers: Vec<ConversionDeviceTier>,
}

/// A tier: so many devices possessed, or (where `any_transferred`) any transferred or sold.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ConversionDeviceTier {
    pub id: String,
    pub cite: Cite,
    pub increase: i32,
    pub min_possessed: u32,
    pub any_transferred: bool,
}

/// The mitigating reduction of §2K2.1 (2023: (b)(9); 2025: (b)(10)).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MitigatingReduction {
    pub id: String,
    pub cite: Cite,
    pub decrease: i32,
    /// The defendant may have at most this many criminal-history points.
    pub max_history_points: u8,
}

/// The §2M5.2(a)(2) small-arms level and its limits.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SmallArmsRule {
    pub id: String,
    pub cite: Cite,
    pub level: i32,
    pub max_weapons: u32,
    /// Ammunition limit of the small-arms level; `None` when the edition sets none.
    pub max_rounds: Option<u32>,
}

/// §2M5.2 as one Manual edition writes it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExportGuideline {
    pub base: LevelRule,
    pub small_arms: SmallArmsRule,
    /// The small-arms level is for "only" small arms (and, from 2011, their ammunition):
    /// parts or spare magazines beyond them take a case out of it, as courts read the word.
    pub only_small_arms: Provision,
}

/// §2M5.1 for a firearms export under 50 U.S.C. 4819: 26 where national-security controls
/// were evaded, 14 otherwise.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExportControlGuideline {
    pub national_security: LevelRule,
    pub otherwise: LevelRule,
    /// Why a firearms export counts as evading national-security controls: the firearms'
    /// entries on the Commerce Control List give that reason for control.
    pub firearms_controlled_for_national_security: Provision,
}

/// A row of the Drug Quantity Table: this level from this many grams up.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DrugTier {
    pub min_grams: f64,
    pub level: i32,
}

/// The §2D1.1(c) quantity table for one drug in one edition.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DrugGuideline {
    pub id: String,
    pub cite: Cite,
    pub drug: Text,
    /// Ordered from the largest quantity down.
    pub tiers: Vec<DrugTier>,
    pub mitigating_role_cap: MitigatingRoleCap,
}

/// One step of the §2D1.1(a)(5) cap: a base level in this span comes down by `decrease`,
/// or to `to_level`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CapTier {
    pub min_level: i32,
    /// `None`: and every level above.
    pub max_level: Option<i32>,
    pub decrease: Option<i32>,
    pub to_level: Option<i32>,
}

/// §2D1.1(a)(5): a defendant with a mitigating role starts from a lower base level.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MitigatingRoleCap {
    pub id: String,
    pub cite: Cite,
    pub tiers: Vec<CapTier>,
    /// A minimal participant (the 4-level reduction) above this comes down to it.
    pub minimal_participant_max: i32,
}

/// §4C1.1 (from amendment 821): 2 levels off for a zero-point offender, unless a condition
/// of (a) bars it; the two bars the facts can reach are cited.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ZeroPointRule {
    pub id: String,
    pub cite: Cite,
    pub decrease: i32,
    /// (a)(7): a firearm possessed, transferred or sold in connection with the offense.
    pub firearm_bar: Provision,
    /// (a)(10): an aggravating-role adjustment.
    pub role_bar: Provision,
}

/// A role adjustment row.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RoleAdjustment {
    pub id: String,
    pub cite: Cite,
    pub role: Role,
    pub adjustment: i32,
}

/// The further level of §3E1.1(b).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExtraAcceptance {
    pub id: String,
    pub cite: Cite,
    pub reduction: i32,
    /// The further reduction needs this level or more before acceptance.
    pub min_level: i32,
}

/// §3E1.1 acceptance of responsibility.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AcceptanceRule {
    pub id: String,
    pub cite: Cite,
    pub reduction: i32,
    pub extra: ExtraAcceptance,
}

/// The Chapter Three adjustments of one edition.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ChapterThree {
    pub roles: Vec<RoleAdjustment>,
    pub acceptance: AcceptanceRule,
}

/// The zones of the Sentencing Table, by the minimum of the range.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ZoneBands {
    pub id: String,
    pub cite: Cite,
    pub zone_a_max_minimum: u32,
    pub zone_b_max_minimum: u32,
    pub zone_c_max_minimum: u32,
}

/// A provision the engine applies by its nature rather than by numbers it holds (how the
/// statutes bound a range, how counts run): it carries its citation only.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Provision {
    pub id: String,
    pub cite: Cite,
}

/// Chapter Five: the Sentencing Table and how the statutes bound the range.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ChapterFive {
    pub table: Provision,
    /// A total below 1 counts as 1, above 43 as 43.
    pub table_bounds: Provision,
    /// §5G1.1(a): a maximum below the range becomes the guideline sentence.
    pub maximum_below_range: Provision,
    /// §5G1.1(b): a minimum above the range becomes the guideline sentence.
    pub minimum_above_range: Provision,
    /// §5G1.1(c): within the range, not above the maximum nor below the minimum.
    pub within_limits: Provision,
    /// §5G1.2(d): counts run consecutively as far as needed for the total punishment.
    pub consecutive_counts: Provision,
}

/// §1B1.11: which Manual a court uses.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ChapterOne {
    /// (a): the Manual in effect on the date of sentencing.
    pub manual_in_effect: Provision,
    /// (b)(1): the one in effect on the offense date, if the later would violate the ex post
    /// facto clause.
    pub ex_post_facto: Provision,
    /// (b)(2): one Manual, applied in its entirety.
    pub one_book: Provision,
}

/// The text of one edition, as the rule code reads it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ManualText {
    pub chapter_one: ChapterOne,
    pub firearms: FirearmsGuideline,
    pub export: ExportGuideline,
    pub export_control: ExportControlGuideline,
    pub drugs: DrugGuideline,
    pub chapter_three: ChapterThree,
    pub zones: ZoneBands,
    pub chapter_five: ChapterFive,
    /// §4C1.1; `None` before amendment 821.
    pub zero_point: Option<ZeroPointRule>,
}

/// Where a rule's present text came from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Provenance {
    /// The amendments that changed the rule since the base text, oldest first.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub amended_by: Vec<u16>,
    /// How the present text was checked.
    pub verified: Verification,
}

/// One edition, resolved: its text and where each rule's text came from.
#[derive(Debug, Clone, PartialEq)]
pub struct Manual {
    pub edition: ManualEdition,
    pub text: ManualText,
    /// By rule id.
    pub provenance: BTreeMap<String, Provenance>,
    /// Every rule's citation, by id, as this edition numbers it.
    pub cites: BTreeMap<String, Cite>,
}
