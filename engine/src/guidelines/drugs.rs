//! USSG §2D1.1 (drug trafficking), only as the comparator the seed paper uses: the Drug
//! Quantity Table for cocaine, before and after amendment 782.

use crate::case::Case;
use crate::edition::ManualEdition;
use crate::i18n::Message;
use crate::law::{DrugGuideline, Role};
use crate::worksheet::{fact, rule_ref, Recorder};

/// The §2D1.1(c) base offense level for the quantity of cocaine.
pub(crate) fn offense_level<R: Recorder>(
    case: &Case,
    tier_threshold_grams: f64,
    g: &DrugGuideline,
    edition: ManualEdition,
    rec: &mut R,
) -> i32 {
    let grams = fact(
        case.drug_grams,
        "drug_grams",
        tier_threshold_grams,
        "assume.drug_grams",
        rec,
    );
    // Tiers are listed from the largest quantity down, so the first match is the level.
    let level = g
        .tiers
        .iter()
        .find(|t| grams >= t.min_grams)
        .or(g.tiers.last())
        .map_or(12, |t| t.level);
    rec.step(
        &g.cite.section,
        rule_ref(&g.id, &g.cite, edition),
        (None, Some(level)),
        || {
            Message::new("worksheet.drug_quantity")
                .number("grams", grams, 3)
                .with("drug", &g.drug)
                .with("level", level)
        },
    );
    // The role itself is recorded (and assumed, if missing) by Chapter Three.
    let role = case.role.unwrap_or(Role::None);
    if !matches!(role, Role::Minor | Role::MinorMinimal | Role::Minimal) {
        return level;
    }
    let cap = &g.mitigating_role_cap;
    let mut capped = cap
        .tiers
        .iter()
        .find(|t| level >= t.min_level && t.max_level.is_none_or(|max| level <= max))
        .map_or(level, |t| match (t.to_level, t.decrease) {
            (Some(to), _) => to.min(level),
            (None, Some(d)) => level - d,
            (None, None) => level,
        });
    if role == Role::Minimal && capped > cap.minimal_participant_max {
        capped = cap.minimal_participant_max;
    }
    if capped != level {
        rec.step(
            &cap.cite.section,
            rule_ref(&cap.id, &cap.cite, edition),
            (Some(level), Some(capped)),
            || Message::new("worksheet.drug_role_cap").with("level", capped),
        );
    }
    capped
}
