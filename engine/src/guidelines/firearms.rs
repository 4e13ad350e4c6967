//! USSG §2K2.1 (firearms): base offense level and specific offense characteristics.

use crate::case::Case;
use crate::edition::ManualEdition;
use crate::i18n::Message;
use crate::law::{BaseLevelRule, ChargeId, FirearmsGuideline, Recipient, WeaponRequirement};
use crate::worksheet::{fact, Recorder};

/// The offense level after §2K2.1(a) and (b) for one edition's text.
pub(crate) fn offense_level<R: Recorder>(
    case: &Case,
    charge: ChargeId,
    g: &FirearmsGuideline,
    edition: ManualEdition,
    rec: &mut R,
) -> i32 {
    let firearms = fact(case.firearms, "firearms", 1, "assume.firearms.least", rec);
    let base = base_level(case, charge, g, edition, rec);
    specific_characteristics(case, charge, firearms, base, g, edition, rec)
}

fn base_level<R: Recorder>(
    case: &Case,
    charge: ChargeId,
    g: &FirearmsGuideline,
    edition: ManualEdition,
    rec: &mut R,
) -> i32 {
    let priors = fact(
        case.prior_violent_or_drug_felonies,
        "prior_violent_or_drug_felonies",
        0,
        "assume.prior_felonies",
        rec,
    );
    let large_capacity = fact(
        case.large_capacity_semiautomatic,
        "large_capacity_semiautomatic",
        false,
        "assume.large_capacity",
        rec,
    );
    let nfa = fact(
        case.nfa_weapon,
        "nfa_weapon",
        false,
        "assume.nfa_weapon",
        rec,
    );
    let status = has_status(case, charge, g, edition, rec);
    let applies = |rule: &BaseLevelRule| {
        let weapon_ok = match rule.weapon {
            WeaponRequirement::Any => true,
            WeaponRequirement::LargeCapacityOrNfa => large_capacity || nfa,
            WeaponRequirement::Nfa => nfa,
        };
        priors >= rule.min_prior_felonies && weapon_ok && (status || !rule.requires_status)
    };
    // "Apply the greatest": among the applicable base levels, the highest wins.
    match g
        .base_levels
        .iter()
        .filter(|r| applies(r))
        .max_by_key(|r| r.level)
    {
        Some(rule) => {
            rec.step(
                &rule.cite.section,
                (&rule.cite, edition),
                (None, Some(rule.level)),
                || {
                    Message::new("worksheet.base_level")
                        .with("level", rule.level)
                        .with("why", &rule.reason)
                },
            );
            rule.level
        }
        None => {
            // Only an edited law can lack a catch-all level; fall back to the Manual's floor.
            rec.step(
                "§2K2.1(a)",
                "no applicable base level in the law as edited",
                (None, Some(12)),
                || Message::new("worksheet.no_base_level"),
            );
            12
        }
    }
}

/// Prohibited-person status for (a)(4)(B) and (a)(6): the defendant's own status, a
/// conviction the edition treats as status, or (amendment 753) a false-statement conviction
/// with knowledge that a prohibited person would get the firearm.
fn has_status<R: Recorder>(
    case: &Case,
    charge: ChargeId,
    g: &FirearmsGuideline,
    edition: ManualEdition,
    rec: &mut R,
) -> bool {
    let prohibited = charge == ChargeId::ProhibitedPossession922g
        || fact(
            case.prohibited_person,
            "prohibited_person",
            false,
            "assume.prohibited_person",
            rec,
        );
    if prohibited {
        return true;
    }
    let conviction = &g.status_conviction;
    if conviction.charges.contains(&charge) {
        rec.step(
            &conviction.cite.section,
            (&conviction.cite, edition),
            (None, None),
            || Message::new("worksheet.status_conviction").verbatim("charge", charge.code()),
        );
        return true;
    }
    if let Some(variant) = g
        .knowledge_variant
        .as_ref()
        .filter(|v| v.charges.contains(&charge))
    {
        let from_recipient = case
            .trafficking_recipient
            .is_some_and(|r| r >= Recipient::ProhibitedPerson);
        let knew = fact(
            case.knew_buyer_prohibited,
            "knew_buyer_prohibited",
            from_recipient,
            "assume.knew_buyer_prohibited",
            rec,
        );
        if knew {
            rec.step(
                &variant.cite.section,
                (&variant.cite, edition),
                (None, None),
                || Message::new("worksheet.status_knowledge").verbatim("charge", charge.code()),
            );
            return true;
        }
    }
    false
}

fn specific_characteristics<R: Recorder>(
    case: &Case,
    charge: ChargeId,
    firearms: u32,
    base: i32,
    g: &FirearmsGuideline,
    edition: ManualEdition,
    rec: &mut R,
) -> i32 {
    let mut level = base;
    if let Some(tier) = g
        .firearm_count
        .tiers
        .iter()
        .filter(|t| firearms >= t.min_firearms)
        .max_by_key(|t| t.min_firearms)
    {
        rec.step(
            &g.firearm_count.cite.section,
            (&tier.cite, edition),
            (Some(level), Some(level + tier.increase)),
            || {
                Message::new("worksheet.firearm_count")
                    .with("firearms", firearms)
                    .with("increase", tier.increase)
            },
        );
        level += tier.increase;
    }

    let altered = fact(
        case.altered_serial,
        "altered_serial",
        false,
        "assume.altered_serial",
        rec,
    );
    let stolen = fact(
        case.stolen_firearm,
        "stolen_firearm",
        false,
        "assume.stolen_firearm",
        rec,
    );
    // (b)(4) is "(A) stolen … or (B) altered": one or the other, the greater.
    let serial = if altered {
        Some((&g.altered_serial, "worksheet.altered_serial"))
    } else if stolen {
        Some((&g.stolen, "worksheet.stolen_firearm"))
    } else {
        None
    };
    if let Some((inc, what)) = serial {
        rec.step(
            &inc.cite.section,
            (&inc.cite, edition),
            (Some(level), Some(level + inc.increase)),
            || Message::new(what).with("increase", inc.increase),
        );
        level += inc.increase;
    }

    let cap = g.characteristics_cap.level.max(base);
    if level > cap {
        rec.step(
            &g.characteristics_cap.cite.section,
            (&g.characteristics_cap.cite, edition),
            (Some(level), Some(cap)),
            || Message::new("worksheet.characteristics_cap").with("cap", cap),
        );
        level = cap;
    }

    let recipient = fact(
        case.trafficking_recipient,
        "trafficking_recipient",
        Recipient::None,
        "assume.trafficking_recipient",
        rec,
    );
    let trafficking = g
        .trafficking_tiers
        .iter()
        .filter(|t| {
            let knew = t
                .recipient
                .is_some_and(|needed| needed != Recipient::None && recipient >= needed);
            t.convicted_under.contains(&charge) || (knew && firearms >= t.min_firearms)
        })
        .max_by_key(|t| t.increase);
    if let Some(tier) = trafficking {
        rec.step(
            &tier.cite.section,
            (&tier.cite, edition),
            (Some(level), Some(level + tier.increase)),
            || Message::new("worksheet.trafficking").with("increase", tier.increase),
        );
        level += tier.increase;
    }

    let mexico = fact(
        case.mexico_nexus,
        "mexico_nexus",
        false,
        "assume.mexico_nexus",
        rec,
    );
    let other_felony = fact(
        case.other_felony,
        "other_felony",
        false,
        "assume.other_felony",
        rec,
    );
    let b6: Option<(&crate::law::Increase, &str)> = match (&g.export, mexico, other_felony) {
        (Some(export), true, _) => Some((export, "worksheet.export_enhancement")),
        (_, _, true) => Some((&g.other_felony, "worksheet.other_felony")),
        _ => None,
    };
    if g.export.is_none() && mexico && !other_felony {
        rec.step(
            &g.other_felony.cite.section,
            (&g.other_felony.cite, edition),
            (Some(level), Some(level)),
            || Message::new("worksheet.no_export_enhancement"),
        );
    }
    if let Some((rule, why)) = b6 {
        let increase = rule.increase;
        let raised = (level + increase).max(g.felony_floor.level);
        rec.step(
            &rule.cite.section,
            (&rule.cite, edition),
            (Some(level), Some(raised)),
            || {
                Message::new(why)
                    .with("increase", increase)
                    .with("floor", g.felony_floor.level)
            },
        );
        level = raised;
    }
    level
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::law::{Law, LawEra};
    use crate::worksheet::Silent;
    use ChargeId::*;

    fn ed(code: &str) -> ManualEdition {
        ManualEdition::from_code(code).unwrap()
    }

    /// The editions these table tests were written for, in the order of their columns.
    fn three() -> [ManualEdition; 3] {
        [ed("2010"), ed("2011"), ed("2023")]
    }

    fn level(edition: ManualEdition, case: &Case) -> i32 {
        let g = Law::embedded().firearms_guideline(edition).unwrap();
        offense_level(case, case.charge, g, edition, &mut Silent)
    }

    fn straw(firearms: u32) -> Case {
        let mut case = Case::new(LawEra::April2011, StrawPurchase922a6);
        case.firearms = Some(firearms);
        case
    }

    /// (b)(1): base 12 plus the number-of-firearms table, the same in every edition.
    #[test]
    fn number_of_firearms_table() {
        let rows = [
            (1, 12),   // 12 + 0
            (2, 12),   // 12 + 0
            (3, 14),   // 12 + 2
            (7, 14),   // 12 + 2
            (8, 16),   // 12 + 4
            (24, 16),  // 12 + 4
            (25, 18),  // 12 + 6
            (99, 18),  // 12 + 6
            (100, 20), // 12 + 8
            (199, 20), // 12 + 8
            (200, 22), // 12 + 10
        ];
        for edition in three() {
            for (n, expected) in rows {
                assert_eq!(level(edition, &straw(n)), expected, "{edition:?} {n}");
            }
        }
    }

    /// (a): the base levels of each edition, by the facts that select them.
    #[test]
    fn base_levels_by_edition() {
        type Setup = fn(&mut Case);
        let rows: [(&str, Setup, [i32; 3]); 9] = [
            ("no special facts: (a)(7)", |_| {}, [12, 12, 12]),
            (
                "prohibited person: (a)(6)(A)",
                |c| c.prohibited_person = Some(true),
                [14, 14, 14],
            ),
            (
                "NFA weapon: (a)(5)",
                |c| c.nfa_weapon = Some(true),
                [18, 18, 18],
            ),
            (
                "LCM + prohibited: (a)(4)(B)",
                |c| {
                    c.large_capacity_semiautomatic = Some(true);
                    c.prohibited_person = Some(true);
                },
                [20, 20, 20],
            ),
            (
                "one prior: (a)(4)(A)",
                |c| c.prior_violent_or_drug_felonies = Some(1),
                [20, 20, 20],
            ),
            (
                "LCM + one prior: (a)(3)",
                |c| {
                    c.large_capacity_semiautomatic = Some(true);
                    c.prior_violent_or_drug_felonies = Some(1);
                },
                [22, 22, 22],
            ),
            (
                "two priors: (a)(2)",
                |c| c.prior_violent_or_drug_felonies = Some(2),
                [24, 24, 24],
            ),
            (
                "NFA + two priors: (a)(1)",
                |c| {
                    c.nfa_weapon = Some(true);
                    c.prior_violent_or_drug_felonies = Some(2);
                },
                [26, 26, 26],
            ),
            // Amendment 753: a straw buyer who knew the buyer was prohibited starts at 14
            // from Nov. 2011; in 2010 that knowledge did not change the base level.
            (
                "knew buyer prohibited: (a)(6)(C)",
                |c| c.knew_buyer_prohibited = Some(true),
                [12, 14, 14],
            ),
        ];
        for (what, setup, expected) in rows {
            for (edition, want) in three().into_iter().zip(expected) {
                let mut case = straw(1);
                setup(&mut case);
                assert_eq!(level(edition, &case), want, "{what}, {edition:?}");
            }
        }
    }

    /// 2011 adds the knowledge variant to (a)(4)(B) too: LCM + knowledge → 20.
    #[test]
    fn knowledge_variant_with_large_capacity() {
        let mut case = straw(1);
        case.knew_buyer_prohibited = Some(true);
        case.large_capacity_semiautomatic = Some(true);
        assert_eq!(level(ed("2010"), &case), 12);
        assert_eq!(level(ed("2011"), &case), 20);
        assert_eq!(level(ed("2023"), &case), 20);
    }

    /// A 932/933 conviction counts as status only from the 2023 Manual (amendment 819);
    /// a 922(d) conviction always does.
    #[test]
    fn status_convictions() {
        for (charge, expected) in [
            (TransferToProhibited922d, [14, 14, 14]),
            (StrawPurchase932, [12, 12, 14]),
            (Trafficking933, [12, 12, 16]), // 2023: 14 + (b)(5)(A) 2
        ] {
            for (edition, want) in three().into_iter().zip(expected) {
                let mut case = Case::new(LawEra::Today, charge);
                case.firearms = Some(1);
                assert_eq!(level(edition, &case), want, "{charge} {edition:?}");
            }
        }
    }

    /// (b)(4): stolen +2, altered serial +4, not both.
    #[test]
    fn stolen_and_altered_serial() {
        for edition in three() {
            let mut case = straw(1);
            case.stolen_firearm = Some(true);
            assert_eq!(level(edition, &case), 14); // 12 + 2
            case.altered_serial = Some(true);
            assert_eq!(level(edition, &case), 16); // 12 + 4, the greater of (A) and (B)
        }
    }

    /// The level-29 cap on (b)(1)–(b)(4): NFA + two priors (26) + 200 firearms (+10) +
    /// altered serial (+4) = 40 → capped at 29.
    #[test]
    fn cap_at_29() {
        let mut case = straw(200);
        case.nfa_weapon = Some(true);
        case.prior_violent_or_drug_felonies = Some(2);
        case.altered_serial = Some(true);
        for edition in three() {
            assert_eq!(level(edition, &case), 29);
        }
        // (b)(5) and (b)(6) come after the cap: 29 + 4 trafficking (2010) = 33.
        case.trafficking_recipient = Some(Recipient::ProhibitedPerson);
        assert_eq!(level(ed("2010"), &case), 33);
    }

    /// (b)(5): +4 in 2010/2011 for two or more firearms to a prohibited person; 2023 tiers
    /// +2 (one firearm, or a merely prohibited recipient) and +5 (two or more to a dangerous one).
    #[test]
    fn trafficking_by_edition() {
        // (firearms, recipient) → [2010, 2011, 2023]
        let rows = [
            (1, Recipient::ProhibitedPerson, [12, 14, 16]), // 2011/2023: base 14 via (a)(6)(C); 2023 + 2
            (2, Recipient::ProhibitedPerson, [16, 18, 16]), // 12+4 ; 14+4 ; 14+2
            (2, Recipient::Dangerous, [16, 18, 19]),        // 12+4 ; 14+4 ; 14+5
            (1, Recipient::Dangerous, [12, 14, 16]), // one firearm: no (b)(5) before 2023; 14+2
            (2, Recipient::None, [12, 12, 12]),
        ];
        for (n, recipient, expected) in rows {
            for (edition, want) in three().into_iter().zip(expected) {
                let mut case = straw(n);
                case.trafficking_recipient = Some(recipient);
                assert_eq!(level(edition, &case), want, "{n} {recipient:?} {edition:?}");
            }
        }
    }

    /// (b)(6): export (+4, floor 18) exists from 2011; "another felony" in every edition.
    #[test]
    fn export_and_other_felony() {
        let mut case = straw(1);
        case.mexico_nexus = Some(true);
        assert_eq!(level(ed("2010"), &case), 12); // no (b)(6)(A) yet
        assert_eq!(level(ed("2011"), &case), 18); // 12 + 4 = 16 → floor 18
        assert_eq!(level(ed("2023"), &case), 18);
        let mut case = straw(10); // 12 + 4 = 16
        case.other_felony = Some(true);
        for edition in three() {
            assert_eq!(level(edition, &case), 20); // 16 + 4
        }
        case.mexico_nexus = Some(true); // (A) or (B): one +4, not two
        assert_eq!(level(ed("2011"), &case), 20);
    }

    /// A Mexico-bound straw ring under 2011: 12 base, knowledge → 14; 10 guns +4 = 18;
    /// trafficking +4 = 22; export +4 = 26.
    #[test]
    fn worked_2011_straw_ring() {
        let mut case = straw(10);
        case.trafficking_recipient = Some(Recipient::Dangerous);
        case.knew_buyer_prohibited = Some(true);
        case.mexico_nexus = Some(true);
        assert_eq!(level(ed("2011"), &case), 26);
        // Same facts in 2010: 12 + 4 + 4 = 20 (no knowledge base level, no export SOC).
        assert_eq!(level(ed("2010"), &case), 20);
        // 2023: 14 + 4 + 5 + 4 = 27.
        assert_eq!(level(ed("2023"), &case), 27);
    }
}
