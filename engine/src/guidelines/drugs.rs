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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::law::{ChargeId, Law, LawEra};
    use crate::worksheet::Silent;

    /// Grams of cocaine → level before (2010, 2011) and after (2023) amendment 782.
    #[test]
    fn cocaine_quantity_table() {
        let rows = [
            (10.0, 12, 8),
            (24.9, 12, 10),
            (25.0, 14, 12),
            (100.0, 18, 16),
            (500.0, 26, 24),
            (4_999.0, 30, 28),
            (5_000.0, 32, 30),
            (15_000.0, 34, 32),
            (150_000.0, 38, 36),
            (450_000.0, 38, 38),
        ];
        let law = Law::embedded();
        for (grams, before_782, after_782) in rows {
            let mut case = Case::new(LawEra::April2011, ChargeId::DrugConspiracy841b1a);
            case.drug_grams = Some(grams);
            let ed = |c| ManualEdition::from_code(c).unwrap();
            for (edition, want) in [
                (ed("2010"), before_782),
                (ed("2011"), before_782),
                (ed("2023"), after_782),
            ] {
                let g = law.drug_guideline(edition).unwrap();
                assert_eq!(
                    offense_level(&case, 0.0, g, edition, &mut Silent),
                    want,
                    "{grams} g {edition:?}"
                );
            }
        }
    }
}
