//! Chapter Four, the part that moves the offense level: §4C1.1, 2 levels off for a
//! zero-point offender (from amendment 821, Nov. 2023).

use crate::case::Case;
use crate::edition::ManualEdition;
use crate::i18n::Message;
use crate::law::{GuidelineSection, Role, ZeroPointRule};
use crate::sentencing_table::CriminalHistory;
use crate::worksheet::{fact, rule_ref, Recorder};

/// The level after §4C1.1. A firearms or export guideline always involves a firearm, so
/// (a)(7) bars the reduction there; the worksheet shows it whenever the defendant would
/// otherwise have been a candidate (category I). The drug comparator is taken to involve
/// no weapon.
pub(crate) fn zero_point<R: Recorder>(
    case: &Case,
    guideline: GuidelineSection,
    level: i32,
    history: CriminalHistory,
    rule: &ZeroPointRule,
    edition: ManualEdition,
    rec: &mut R,
) -> i32 {
    if history != CriminalHistory::I || case.criminal_history_points.is_some_and(|p| p > 0) {
        return level;
    }
    if guideline != GuidelineSection::Drugs2D1_1 {
        let bar = &rule.firearm_bar;
        rec.step(
            &bar.cite.section,
            rule_ref(&bar.id, &bar.cite, edition),
            (Some(level), Some(level)),
            || Message::new("worksheet.zero_point.firearm"),
        );
        return level;
    }
    if case.role.unwrap_or(Role::None).is_aggravating() {
        let bar = &rule.role_bar;
        rec.step(
            &bar.cite.section,
            rule_ref(&bar.id, &bar.cite, edition),
            (Some(level), Some(level)),
            || Message::new("worksheet.zero_point.role"),
        );
        return level;
    }
    // Category I holds 0 or 1 point; the reduction needs 0, which must be shown.
    let points = fact(
        case.criminal_history_points,
        "criminal_history_points",
        1,
        "assume.criminal_history_points",
        rec,
    );
    if points != 0 {
        return level;
    }
    rec.step(
        &rule.cite.section,
        rule_ref(&rule.id, &rule.cite, edition),
        (Some(level), Some(level - rule.decrease)),
        || Message::new("worksheet.zero_point").with("decrease", rule.decrease),
    );
    level - rule.decrease
}
