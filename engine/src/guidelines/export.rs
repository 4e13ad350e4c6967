//! USSG §2M5.2 (exportation of arms without a licence), the guideline for firearms
//! smuggled under 18 U.S.C. 554 or exported in violation of 22 U.S.C. 2778.

use crate::case::Case;
use crate::edition::ManualEdition;
use crate::i18n::Message;
use crate::law::ExportGuideline;
use crate::worksheet::{fact, Recorder};

/// The §2M5.2 base offense level (the guideline has no specific offense characteristics).
pub(crate) fn offense_level<R: Recorder>(
    case: &Case,
    g: &ExportGuideline,
    edition: ManualEdition,
    rec: &mut R,
) -> i32 {
    let small = &g.small_arms;
    let weapons = fact(case.firearms, "firearms", 1, "assume.firearms.one", rec);
    let automatic = fact(
        case.fully_automatic,
        "fully_automatic",
        false,
        "assume.fully_automatic",
        rec,
    );
    let rounds_ok = match small.max_rounds {
        None => true,
        Some(max) => {
            fact(
                case.ammunition_rounds,
                "ammunition_rounds",
                0,
                "assume.ammunition_rounds",
                rec,
            ) <= max
        }
    };
    if !automatic && weapons <= small.max_weapons && rounds_ok {
        rec.step(
            &small.cite.section,
            (&small.cite, edition),
            (None, Some(small.level)),
            || {
                Message::new("worksheet.small_arms")
                    .with("weapons", weapons)
                    .with("limit", small.max_weapons)
                    .with("level", small.level)
            },
        );
        small.level
    } else {
        rec.step(
            &g.base.cite.section,
            (&g.base.cite, edition),
            (None, Some(g.base.level)),
            || {
                let key = if automatic {
                    "worksheet.export_base_automatic"
                } else {
                    "worksheet.export_base"
                };
                Message::new(key)
                    .with("weapons", weapons)
                    .with("level", g.base.level)
            },
        );
        g.base.level
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::law::{ChargeId, Law, LawEra};
    use crate::worksheet::Silent;

    /// (firearms, fully automatic, rounds) → level in [2010, 2011, 2023].
    #[test]
    fn small_arms_limit_by_edition() {
        let rows = [
            (1, false, 0, [14, 14, 14]),
            (2, false, 0, [14, 14, 14]),
            (3, false, 0, [14, 26, 26]), // 2010 allows 10 weapons, 2011+ only 2
            (10, false, 0, [14, 26, 26]),
            (11, false, 0, [26, 26, 26]),
            (1, true, 0, [26, 26, 26]), // fully automatic: never the small-arms level
            (2, false, 500, [14, 14, 14]), // 500 rounds is within the 2011+ limit
            (2, false, 501, [14, 26, 26]), // 2010 sets no ammunition limit
        ];
        let law = Law::embedded();
        for (weapons, automatic, rounds, expected) in rows {
            let mut case = Case::new(LawEra::April2011, ChargeId::Smuggling554);
            case.firearms = Some(weapons);
            case.fully_automatic = Some(automatic);
            case.ammunition_rounds = Some(rounds);
            let three = ["2010", "2011", "2023"].map(|c| ManualEdition::from_code(c).unwrap());
            for (edition, want) in three.into_iter().zip(expected) {
                let g = law.export_guideline(edition).unwrap();
                assert_eq!(
                    offense_level(&case, g, edition, &mut Silent),
                    want,
                    "{weapons} {automatic} {rounds} {edition:?}"
                );
            }
        }
    }
}
