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
