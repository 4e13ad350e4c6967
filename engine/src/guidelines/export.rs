//! USSG §2M5.2 (exportation of arms without a licence), the guideline for firearms
//! smuggled under 18 U.S.C. 554 or exported in violation of 22 U.S.C. 2778, and §2M5.1, the
//! guideline for an export of firearms on the Commerce Control List (50 U.S.C. 4819).

use crate::case::Case;
use crate::edition::ManualEdition;
use crate::i18n::Message;
use crate::law::{ExportControlGuideline, ExportGuideline};
use crate::worksheet::{fact, rule_ref, Recorder};

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
    let parts = fact(
        case.parts_or_magazines,
        "parts_or_magazines",
        false,
        "assume.parts_or_magazines",
        rec,
    );
    let rounds = match small.max_rounds {
        None => 0,
        Some(_) => fact(
            case.ammunition_rounds,
            "ammunition_rounds",
            0,
            "assume.ammunition_rounds",
            rec,
        ),
    };
    let rounds_ok = small.max_rounds.is_none_or(|max| rounds <= max);
    if !automatic && !parts && weapons <= small.max_weapons && rounds_ok {
        rec.step(
            &small.cite.section,
            rule_ref(&small.id, &small.cite, edition),
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
        let only = &g.only_small_arms;
        let base = (g.base.id.as_str(), &g.base.cite);
        let (rule, key) = match () {
            _ if automatic => (base, "worksheet.export_base_automatic"),
            _ if parts => ((only.id.as_str(), &only.cite), "worksheet.export_parts"),
            _ if weapons > small.max_weapons => (base, "worksheet.export_base"),
            _ if small.max_rounds == Some(0) => (
                (small.id.as_str(), &small.cite),
                "worksheet.export_ammunition_only",
            ),
            _ => (
                (small.id.as_str(), &small.cite),
                "worksheet.export_base_rounds",
            ),
        };
        rec.step(
            &g.base.cite.section,
            rule_ref(rule.0, rule.1, edition),
            (None, Some(g.base.level)),
            || {
                Message::new(key)
                    .with("weapons", weapons)
                    .with("rounds", rounds)
                    .with("limit", small.max_rounds.unwrap_or(0))
                    .with("level", g.base.level)
            },
        );
        g.base.level
    }
}

/// The §2M5.1 level of a firearms export under 50 U.S.C. 4819: the firearms' entries on the
/// Commerce Control List give national security as a reason for control, so an unlicensed
/// export evades national-security controls (level 26); the step cites where that is read.
pub(crate) fn control_level<R: Recorder>(
    g: &ExportControlGuideline,
    edition: ManualEdition,
    rec: &mut R,
) -> i32 {
    let why = &g.firearms_controlled_for_national_security;
    let level = g.national_security.level;
    rec.step(
        &g.national_security.cite.section,
        rule_ref(&why.id, &why.cite, edition),
        (None, Some(level)),
        || Message::new("worksheet.export_control").with("level", level),
    );
    level
}
