//! Chapter Three adjustments: aggravating and mitigating role (§3B1.1, §3B1.2) and
//! acceptance of responsibility (§3E1.1).

use crate::case::Case;
use crate::edition::ManualEdition;
use crate::i18n::Message;
use crate::law::{ChapterThree, Role};
use crate::worksheet::{fact, rule_ref, Recorder};

/// The adjusted offense level after role and acceptance.
pub(crate) fn adjust<R: Recorder>(
    case: &Case,
    level: i32,
    c: &ChapterThree,
    edition: ManualEdition,
    rec: &mut R,
) -> i32 {
    let mut level = level;
    let role = fact(case.role, "role", Role::None, "assume.role", rec);
    if let Some(adj) = c.roles.iter().find(|r| r.role == role) {
        rec.step(
            &adj.cite.section,
            rule_ref(&adj.id, &adj.cite, edition),
            (Some(level), Some(level + adj.adjustment)),
            || {
                Message::new("worksheet.role")
                    .verbatim("adjustment", format!("{:+}", adj.adjustment))
            },
        );
        level += adj.adjustment;
    }

    let accepts = fact(
        case.accepts_responsibility,
        "accepts_responsibility",
        true,
        "assume.accepts_responsibility",
        rec,
    );
    if accepts {
        let a = &c.acceptance;
        let before = level;
        level -= a.reduction;
        rec.step(
            &a.cite.section,
            rule_ref(&a.id, &a.cite, edition),
            (Some(before), Some(level)),
            || Message::new("worksheet.acceptance").with("reduction", a.reduction),
        );
        // The further level needs the level *before* acceptance to be 16 or more.
        let extra = &a.extra;
        if before >= extra.min_level {
            let motion = fact(
                case.government_motion,
                "government_motion",
                true,
                "assume.government_motion",
                rec,
            );
            if motion {
                rec.step(
                    &extra.cite.section,
                    rule_ref(&extra.id, &extra.cite, edition),
                    (Some(level), Some(level - extra.reduction)),
                    || {
                        Message::new("worksheet.acceptance_extra")
                            .with("before", before)
                            .with("min", extra.min_level)
                            .with("extra", extra.reduction)
                    },
                );
                level -= extra.reduction;
            }
        }
    }
    level
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::law::{ChargeId, Law, LawEra};
    use crate::worksheet::Silent;

    fn adjusted(level: i32, role: Role, accepts: bool, motion: bool) -> i32 {
        let mut case = Case::new(LawEra::Today, ChargeId::Trafficking933);
        case.role = Some(role);
        case.accepts_responsibility = Some(accepts);
        case.government_motion = Some(motion);
        let edition = ManualEdition::latest();
        let c = Law::embedded().chapter_three(edition).unwrap();
        adjust(&case, level, c, edition, &mut Silent)
    }

    #[test]
    fn roles() {
        let rows = [
            (Role::None, 20),
            (Role::OrganizerLeader, 24),
            (Role::ManagerSupervisor, 23),
            (Role::OrganizerSmall, 22),
            (Role::Minor, 18),
            (Role::MinorMinimal, 17),
            (Role::Minimal, 16),
        ];
        for (role, want) in rows {
            assert_eq!(adjusted(20, role, false, false), want, "{role:?}");
        }
    }

    #[test]
    fn acceptance_and_its_level_16_condition() {
        assert_eq!(adjusted(15, Role::None, true, true), 13); // 15 < 16: only -2
        assert_eq!(adjusted(16, Role::None, true, true), 13); // 16 - 2 - 1
        assert_eq!(adjusted(16, Role::None, true, false), 14); // no motion: -2 only
        assert_eq!(adjusted(16, Role::None, false, true), 16); // no acceptance
                                                               // Role comes first: 14 + 2 (organizer) = 16, so the further level applies → 13.
        assert_eq!(adjusted(14, Role::OrganizerSmall, true, true), 13);
    }
}
