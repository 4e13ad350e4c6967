//! The presentation's story: a few findings, one per screen, each computed by the engine from
//! the seed paper's typical referral and the presets, under the user's assumptions.

use threshold_engine::caseload::{Caseload, ChargePolicy, Interval, Projection};
use threshold_engine::scenario::{preset, side_by_side, Baseline, Output};
use threshold_engine::{assess_charge_set, firearms_threshold, DeclineReasons, Law};

use crate::state::AppState;
use crate::units;

/// The proposal the story tests: today's law, which answered the paper with a trafficking
/// statute.
pub const STORY_PROPOSAL: &str = "today_bsca_819";

/// Draws for the story's caseload: enough for a stable mean on a projector, few enough to
/// compute before the slide shows (the workspace's own projection runs the full count).
pub const STORY_DRAWS: usize = 200;

/// The seed the story's caseload uses, as the workspace does by default.
pub const STORY_SEED: u64 = 2011;

/// Status quo beside the proposal, for one measure.
#[derive(Debug, Clone, PartialEq)]
pub struct BeforeAfter {
    pub label: String,
    pub before: String,
    pub after: String,
}

/// One finding on one screen.
#[derive(Debug, Clone, PartialEq)]
pub struct Slide {
    /// Stable, for tests and for the slide's heading id.
    pub id: &'static str,
    pub title: String,
    /// The finding in a few characters, shown large.
    pub figure: String,
    pub figure_caption: String,
    pub points: Vec<String>,
    pub before_after: Vec<BeforeAfter>,
    pub decline_reasons: Option<DeclineReasons>,
    pub source: String,
}

fn interval(i: &Interval) -> String {
    format!(
        "{} ({}–{})",
        units::number(crate::i18n::Lang::En, i.mean),
        units::number(crate::i18n::Lang::En, i.p5),
        units::number(crate::i18n::Lang::En, i.p95)
    )
}

/// The whole story for the user's assumptions (`state`'s overrides); the case is always the
/// paper's typical referral, so the story means the same thing on every screen it is shown.
pub fn story(state: &AppState) -> Result<Vec<Slide>, String> {
    let base: Baseline = state.baseline()?;
    let law = Law::embedded();
    let case = AppState::default().case;
    let charges = [case.charge];
    let (sentencing, prosecution) = (&base.sentencing, &base.prosecution);
    let edited = state.sentencing_overrides != Default::default()
        || state.prosecution_overrides != Default::default();
    let basis = if edited {
        "Threshold's models with the assumptions you edited"
    } else {
        "Threshold's models with their default assumptions"
    };

    let assessment = assess_charge_set(&case, &charges, law, sentencing, prosecution)
        .map_err(|e| e.to_string())?;
    let option = &assessment.option;
    let reasons = &option.decline_reasons;
    let decline = 1.0 - option.acceptance_probability;
    let declined = Slide {
        id: "declined",
        title: "Why U.S. Attorneys decline straw-purchase cases".into(),
        figure: units::percent(crate::i18n::Lang::En, option.acceptance_probability),
        figure_caption: format!(
            "of referrals like this one are accepted for prosecution: a straw purchaser of {} guns, first offender, April 2011",
            case.firearms.unwrap_or_default()
        ),
        points: vec![
            format!(
                "If convicted: guideline range {}, a median sentence of {}.",
                units::month_range(crate::i18n::Lang::En,
                    option.guideline_range_months.min,
                    option.guideline_range_months.max,
                    threshold_engine::sentencing_table::LIFE_MONTHS
                ),
                units::months(crate::i18n::Lang::En, option.expected_sentence_months.median)
            ),
            format!(
                "Of the {} declined, {} for a low likely sentence and {} for no evidence of intent to traffic.",
                units::percent(crate::i18n::Lang::En, decline),
                units::percent(crate::i18n::Lang::En, reasons.low_penalty),
                units::percent(crate::i18n::Lang::En, reasons.no_intent_evidence)
            ),
        ],
        before_after: vec![],
        decline_reasons: Some(*reasons),
        source: format!(
            "Goodman (2011), Wilson Center: 300+ referrals declined for low penalties and weak intent evidence; {basis}."
        ),
    };

    let mut with_gun = case.clone();
    with_gun.crime_gun_recovered = Some(true);
    let mut without_gun = case.clone();
    without_gun.crime_gun_recovered = Some(false);
    let threshold = |c| {
        firearms_threshold(c, &charges, law, sentencing, prosecution)
            .map(|f| f.firearms)
            .map_err(|e| e.to_string())
    };
    let guns = |n: Option<u32>| n.map_or_else(|| "more than 10,000".into(), |n| n.to_string());
    let (with, without) = (threshold(&with_gun)?, threshold(&without_gun)?);
    let gun_threshold = Slide {
        id: "threshold",
        title: "The unwritten gun threshold".into(),
        figure: guns(with),
        figure_caption: "guns before such a referral is more likely accepted than declined, when a gun was recovered at a crime scene".into(),
        points: vec![
            format!("Without a recovered crime gun: {} guns.", guns(without)),
            "The paper reports prosecutors' unwritten threshold of 10 to 20 guns.".into(),
        ],
        before_after: vec![],
        decline_reasons: None,
        source: format!("Goodman (2011), Wilson Center; {basis}."),
    };

    let proposal =
        preset(STORY_PROPOSAL).ok_or_else(|| format!("the preset {STORY_PROPOSAL} is missing"))?;
    let comparison = side_by_side(&case, &base, proposal).map_err(|e| e.to_string())?;
    let row = |output: Output| comparison.rows.iter().find(|r| r.output == output);
    let before_after: Vec<BeforeAfter> = [
        Output::GuidelineRange,
        Output::Acceptance,
        Output::PrisonMonthsPerReferral,
        Output::BestCharge,
    ]
    .into_iter()
    .filter_map(row)
    .map(|r| BeforeAfter {
        label: r.label.render(crate::i18n::Lang::En),
        before: r.baseline.text.render(crate::i18n::Lang::En),
        after: r.scenario.text.render(crate::i18n::Lang::En),
    })
    .collect();
    let best = row(Output::BestCharge).ok_or("the comparison has no best-charge row")?;
    let (Some(best_before), Some(best_after)) = (best.baseline.number, best.scenario.number) else {
        return Err("the best charge has no figure in one of the worlds".into());
    };
    let statute = Slide {
        id: "statute",
        title: "What a trafficking statute changes".into(),
        figure: format!(
            "{} → {}",
            units::number(crate::i18n::Lang::En, best_before),
            units::number(crate::i18n::Lang::En, best_after)
        ),
        figure_caption: format!(
            "expected prison months per referral like this one, when the prosecutor brings the best charge: April 2011 against {}",
            proposal.name
        ),
        points: vec![],
        before_after,
        decline_reasons: None,
        source: format!("{}; {basis}.", proposal.source),
    };

    let caseload = Caseload::default_mix();
    let mut projection = Projection::new(
        &caseload,
        &base,
        proposal,
        STORY_SEED,
        STORY_DRAWS,
        ChargePolicy::Best,
    )
    .map_err(|e| e.to_string())?;
    projection.step(STORY_DRAWS);
    let summary = projection.summary();
    let (b, s) = (&summary.baseline, &summary.scenario);
    let caseload_slide = Slide {
        id: "caseload",
        title: "What the caseload would look like".into(),
        figure: format!("{:+}", summary.difference_prison_years.mean.round() as i64),
        figure_caption: format!(
            "prison-years across {} referrals like the declined Gunrunner cases, under {}",
            b.referrals, proposal.name
        ),
        points: vec![format!(
            "Means with 90% intervals over {} seeded draws (seed {}).",
            summary.draws, summary.seed
        )],
        before_after: vec![
            BeforeAfter {
                label: "accepted referrals".into(),
                before: interval(&b.accepted),
                after: interval(&s.accepted),
            },
            BeforeAfter {
                label: "convictions".into(),
                before: interval(&b.convictions),
                after: interval(&s.convictions),
            },
            BeforeAfter {
                label: "prison-years".into(),
                before: interval(&b.prison_years),
                after: interval(&s.prison_years),
            },
        ],
        decline_reasons: None,
        source: format!("{}; {basis}; {}.", proposal.source, summary.caseload),
    };

    let params = threshold_engine::ProsecutionParams::embedded().fields();
    let sourced = params.iter().filter(|(_, p)| !p.assumption).count();
    let rests_on = Slide {
        id: "rests-on",
        title: "What these numbers rest on".into(),
        figure: format!("{sourced} of {}", params.len()),
        figure_caption: "prosecution-model figures come from a published source; the rest are assumptions fitted to aggregate figures".into(),
        points: vec![
            "Statutes and Guidelines are entered from the law, each row with its citation.".into(),
            "Every assumption is listed under “Sources and assumptions” and can be changed; the numbers here follow.".into(),
            "A model of averages: it says what a change does to typical referrals, not what any one prosecutor will do.".into(),
        ],
        before_after: vec![],
        decline_reasons: None,
        source: "Threshold's sources and assumptions panel; USSC and TRAC figures as cited there.".into(),
    };

    Ok(vec![
        declined,
        gun_threshold,
        statute,
        caseload_slide,
        rests_on,
    ])
}

#[cfg(test)]
mod tests {
    use super::*;
    use threshold_engine::ProsecutionParams;

    #[test]
    fn the_story_follows_the_engine() {
        let slides = story(&AppState::default()).unwrap();
        let ids: Vec<&str> = slides.iter().map(|s| s.id).collect();
        assert_eq!(
            ids,
            ["declined", "threshold", "statute", "caseload", "rests-on"]
        );
        let case = AppState::default().case;
        let assessment = assess_charge_set(
            &case,
            &[case.charge],
            Law::embedded(),
            &Baseline::embedded().sentencing,
            ProsecutionParams::embedded(),
        )
        .unwrap();
        assert_eq!(
            slides[0].figure,
            units::percent(
                crate::i18n::Lang::En,
                assessment.option.acceptance_probability
            )
        );
        // Calibrated: the threshold with a crime gun lies in the paper's 10–20 band.
        let with: u32 = slides[1].figure.parse().unwrap();
        assert!((10..=20).contains(&with), "{with}");
        assert_eq!(slides[2].before_after.len(), 4);
        assert!(slides[2].figure.contains(" → "), "{}", slides[2].figure);
        assert_eq!(slides[3].before_after.len(), 3);
        for slide in &slides {
            assert!(
                !slide.figure.is_empty() && !slide.source.is_empty(),
                "{slide:?}"
            );
        }
    }

    #[test]
    fn edited_assumptions_move_the_story_and_say_so() {
        let mut state = AppState::default();
        state
            .prosecution_overrides
            .set("sentence_weight", Some(3.0));
        let edited = story(&state).unwrap();
        let default = story(&AppState::default()).unwrap();
        assert_ne!(edited[0].figure, default[0].figure);
        assert!(edited[0].source.contains("you edited"));
        assert!(!default[0].source.contains("you edited"));
    }
}
