//! USSG §2K2.1 (firearms): base offense level and specific offense characteristics. The
//! legal cases that test it, edition by edition, are data in `tests/law/`.

use crate::case::Case;
use crate::edition::ManualEdition;
use crate::i18n::Message;
use crate::law::{
    BaseLevelRule, ChargeId, Conduct933, FirearmsGuideline, Recipient, WeaponRequirement,
};
use crate::sentencing_table::CriminalHistory;
use crate::worksheet::{fact, rule_ref, Recorder};

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
                rule_ref(&rule.id, &rule.cite, edition),
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
            rule_ref(&conviction.id, &conviction.cite, edition),
            (None, None),
            || {
                Message::new("worksheet.status_conviction")
                    .verbatim("charge", charge.statute_text())
            },
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
                rule_ref(&variant.id, &variant.cite, edition),
                (None, None),
                || {
                    Message::new("worksheet.status_knowledge")
                        .verbatim("charge", charge.statute_text())
                },
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
            rule_ref(&tier.id, &tier.cite, edition),
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
            rule_ref(&inc.id, &inc.cite, edition),
            (Some(level), Some(level + inc.increase)),
            || Message::new(what).with("increase", inc.increase),
        );
        level += inc.increase;
    }

    if let Some(devices) = &g.conversion_devices {
        let possessed = fact(
            case.conversion_devices,
            "conversion_devices",
            0,
            "assume.conversion_devices",
            rec,
        );
        let transferred = fact(
            case.conversion_device_transferred,
            "conversion_device_transferred",
            false,
            "assume.conversion_device_transferred",
            rec,
        );
        // Transferring even one device counts only if there was a device to transfer.
        let tier = devices
            .tiers
            .iter()
            .filter(|t| possessed >= t.min_possessed || (t.any_transferred && transferred))
            .max_by_key(|t| t.increase);
        if let Some(tier) = tier {
            rec.step(
                &tier.cite.section,
                rule_ref(&tier.id, &tier.cite, edition),
                (Some(level), Some(level + tier.increase)),
                || {
                    Message::new("worksheet.conversion_devices")
                        .with("devices", possessed)
                        .with("increase", tier.increase)
                },
            );
            level += tier.increase;
        }
    }

    let cap = g.characteristics_cap.level.max(base);
    if level > cap {
        rec.step(
            &g.characteristics_cap.cite.section,
            rule_ref(
                &g.characteristics_cap.id,
                &g.characteristics_cap.cite,
                edition,
            ),
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
    // 933's subsection matters only where a tier names subsections for this conviction.
    let names_conduct = g.trafficking_tiers.iter().any(|t| {
        t.convicted_under
            .iter()
            .any(|c| c.charge == charge && !c.conduct.is_empty())
    });
    let conduct = names_conduct.then(|| {
        fact(
            case.trafficking_933_conduct,
            "trafficking_933_conduct",
            Conduct933::Transferred,
            "assume.trafficking_933_conduct",
            rec,
        )
    });
    let convicted = |t: &crate::law::TraffickingTier| {
        t.convicted_under.iter().any(|c| {
            c.charge == charge
                && (c.conduct.is_empty() || conduct.is_some_and(|x| c.conduct.contains(&x)))
        })
    };
    let trafficking = g
        .trafficking_tiers
        .iter()
        .filter(|t| {
            let knew = t
                .recipient
                .is_some_and(|needed| needed != Recipient::None && recipient >= needed);
            convicted(t) || (knew && firearms >= t.min_firearms)
        })
        .max_by_key(|t| t.increase);
    if let Some(tier) = trafficking {
        rec.step(
            &tier.cite.section,
            rule_ref(&tier.id, &tier.cite, edition),
            (Some(level), Some(level + tier.increase)),
            || Message::new("worksheet.trafficking").with("increase", tier.increase),
        );
        level += tier.increase;
    }

    // Where the guns went does not decide (b)(6)(A); what the defendant knew does. A Mexico
    // destination left unexplained is said to the reader, not taken as that knowledge.
    let unexplained = if case.mexico_nexus == Some(true) {
        "assume.knew_leaving_us.mexico"
    } else {
        "assume.knew_leaving_us"
    };
    let leaving = fact(
        case.knew_leaving_us,
        "knew_leaving_us",
        false,
        unexplained,
        rec,
    );
    let other_felony = fact(
        case.other_felony,
        "other_felony",
        false,
        "assume.other_felony",
        rec,
    );
    let b6: Option<(&crate::law::Increase, &str)> = match (&g.export, leaving, other_felony) {
        (Some(export), true, _) => Some((export, "worksheet.export_enhancement")),
        (_, _, true) => Some((&g.other_felony, "worksheet.other_felony")),
        _ => None,
    };
    if g.export.is_none() && leaving && !other_felony {
        rec.step(
            &g.other_felony.cite.section,
            rule_ref(&g.other_felony.id, &g.other_felony.cite, edition),
            (Some(level), Some(level)),
            || Message::new("worksheet.no_export_enhancement"),
        );
    }
    if let Some((rule, why)) = b6 {
        let increase = rule.increase;
        let raised = (level + increase).max(g.felony_floor.level);
        rec.step(
            &rule.cite.section,
            rule_ref(&rule.id, &rule.cite, edition),
            (Some(level), Some(raised)),
            || {
                Message::new(why)
                    .with("increase", increase)
                    .with("floor", g.felony_floor.level)
            },
        );
        level = raised;
    }
    if trafficking.is_some() {
        level = group_and_mitigating(case, level, g, edition, rec);
    }
    level
}

/// The paragraphs that follow a trafficking enhancement (amendment 819): +2 through a
/// criminal group, −2 for a defendant moved by a relationship, threats or fear.
fn group_and_mitigating<R: Recorder>(
    case: &Case,
    level: i32,
    g: &FirearmsGuideline,
    edition: ManualEdition,
    rec: &mut R,
) -> i32 {
    let mut level = level;
    if let Some(group) = &g.criminal_group {
        if fact(
            case.criminal_group,
            "criminal_group",
            false,
            "assume.criminal_group",
            rec,
        ) {
            rec.step(
                &group.cite.section,
                rule_ref(&group.id, &group.cite, edition),
                (Some(level), Some(level + group.increase)),
                || Message::new("worksheet.criminal_group").with("increase", group.increase),
            );
            level += group.increase;
        }
    }
    if let Some(m) = &g.mitigating {
        let moved = fact(
            case.relationship_or_fear_motive,
            "relationship_or_fear_motive",
            false,
            "assume.relationship_or_fear_motive",
            rec,
        );
        if moved {
            // Category I is 0 or 1 point, so without the points the category decides.
            let few_points = match case.criminal_history_points {
                Some(points) => points <= m.max_history_points,
                None => case
                    .history_category()
                    .unwrap_or(CriminalHistory::I)
                    .max_points()
                    .is_some_and(|top| top <= m.max_history_points),
            };
            if few_points {
                rec.step(
                    &m.cite.section,
                    rule_ref(&m.id, &m.cite, edition),
                    (Some(level), Some(level - m.decrease)),
                    || {
                        Message::new("worksheet.mitigating")
                            .with("decrease", m.decrease)
                            .with("points", u32::from(m.max_history_points))
                    },
                );
                level -= m.decrease;
            } else {
                rec.step(
                    &m.cite.section,
                    rule_ref(&m.id, &m.cite, edition),
                    (Some(level), Some(level)),
                    || {
                        Message::new("worksheet.mitigating_points")
                            .with("points", u32::from(m.max_history_points))
                    },
                );
            }
        }
    }
    level
}
