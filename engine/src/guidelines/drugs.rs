//! USSG §2D1.1 (drug trafficking), only as the comparator the seed paper uses: the Drug
//! Quantity Table for cocaine, before and after amendment 782.

use crate::case::Case;
use crate::edition::ManualEdition;
use crate::i18n::Message;
use crate::law::DrugGuideline;
use crate::worksheet::{fact, Recorder};

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
        (&g.cite, edition),
        (None, Some(level)),
        || {
            Message::new("worksheet.drug_quantity")
                .number("grams", grams, 3)
                .with("drug", &g.drug)
                .with("level", level)
        },
    );
    level
}
