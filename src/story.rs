//! The presentation's story: a few findings, one per screen, each computed by the engine from
//! the seed paper's typical referral and the presets, under the user's assumptions.

use threshold_engine::backtest::{backtest, RealCases};
use threshold_engine::caseload::{
    Caseload, ChargePolicy, Interval, Projection, ReferralPopulation,
};
use threshold_engine::checks::{backtest_summary, calibration_summary, CalibrationSummary};
use threshold_engine::scenario::{preset, side_by_side, Baseline, Output};
use threshold_engine::{assess_charge_set, firearms_threshold, DeclineReasons, Law};

use crate::i18n::{render, t, tf, verbatim, Arg, Lang, Message};
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
    /// The move in words ("+7.6 points (26.1% → 33.7%), 1.3× likelier"); empty when none.
    pub difference: String,
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

/// A difference and its 90% interval, each signed: "+20.8 (+14 to +28)".
fn signed_interval(lang: Lang, i: &Interval) -> String {
    let signed = |v: f64| threshold_engine::i18n::signed(lang, v, 1);
    tf(
        lang,
        "story.signed_interval",
        &[
            ("mean", verbatim(signed(i.mean))),
            ("low", verbatim(signed(i.p5))),
            ("high", verbatim(signed(i.p95))),
        ],
    )
}

fn interval(lang: Lang, i: &Interval) -> String {
    format!(
        "{} ({}–{})",
        units::number(lang, i.mean),
        units::number(lang, i.p5),
        units::number(lang, i.p95)
    )
}

/// The published figures the model does not meet, in one sentence; `None` when it meets all.
fn not_met(lang: Lang, c: &CalibrationSummary) -> Option<String> {
    (!c.misses.is_empty()).then(|| {
        let misses: Vec<String> = c.misses.iter().map(|m| render(lang, m)).collect();
        tf(
            lang,
            "story.rests_on.not_met",
            &[("misses", verbatim(misses.join("; ")))],
        )
        .to_string()
    })
}

/// The calibration in one line: how many published figures hold, then those that do not.
pub fn checked_line(lang: Lang, c: &CalibrationSummary) -> String {
    let line = render(lang, &c.line);
    match not_met(lang, c) {
        Some(misses) => format!("{line} {misses}"),
        None => line,
    }
}

/// The whole story for the user's assumptions (`state`'s overrides), in the page's language
/// (`state.lang`); the case is always the paper's typical referral, so the story means the
/// same thing on every screen it is shown.
pub fn story(state: &AppState) -> Result<Vec<Slide>, String> {
    let lang = state.lang;
    let base: Baseline = state.baseline().map_err(|why| render(lang, &why))?;
    let law = Law::embedded();
    let case = AppState::default().case;
    let charges = [case.charge];
    let (sentencing, prosecution) = (&base.sentencing, &base.prosecution);
    let edited = state.sentencing_overrides != Default::default()
        || state.prosecution_overrides != Default::default();
    let basis = Arg::from(Message::new(if edited {
        "story.basis.edited"
    } else {
        "story.basis.default"
    }));
    let said = |key: &str| t(lang, key).to_string();

    let assessment = assess_charge_set(&case, &charges, law, sentencing, prosecution)
        .map_err(|e| e.to_string())?;
    let option = &assessment.option;
    let reasons = &option.decline_reasons;
    let decline = 1.0 - option.acceptance_probability;
    let declined = Slide {
        id: "declined",
        title: said("story.declined.title"),
        figure: units::percent(lang, option.acceptance_probability),
        figure_caption: tf(
            lang,
            "story.declined.caption",
            &[("guns", Arg::from(case.firearms.unwrap_or_default()))],
        ),
        points: vec![
            tf(
                lang,
                "story.declined.if_convicted",
                &[
                    (
                        "range",
                        verbatim(units::month_range(
                            lang,
                            option.guideline_range_months.min,
                            option.guideline_range_months.max,
                            threshold_engine::sentencing_table::LIFE_MONTHS,
                        )),
                    ),
                    (
                        "median",
                        verbatim(units::months(lang, option.expected_sentence_months.median)),
                    ),
                ],
            ),
            tf(
                lang,
                "story.declined.why",
                &[
                    ("declined", verbatim(units::percent(lang, decline))),
                    ("low", verbatim(units::percent(lang, reasons.low_penalty))),
                    (
                        "intent",
                        verbatim(units::percent(lang, reasons.no_intent_evidence)),
                    ),
                ],
            ),
        ],
        before_after: vec![],
        decline_reasons: Some(*reasons),
        source: tf(lang, "story.declined.source", &[("basis", basis.clone())]),
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
    // The figure stays a bare number: the slide shows it large, and the end-to-end test
    // compares it with the workspace's own threshold.
    let guns = |n: Option<u32>| n.map_or_else(|| said("story.threshold.beyond"), |n| n.to_string());
    let (with, without) = (threshold(&with_gun)?, threshold(&without_gun)?);
    let gun_threshold = Slide {
        id: "threshold",
        title: said("story.threshold.title"),
        figure: guns(with),
        figure_caption: said("story.threshold.caption"),
        points: vec![
            tf(
                lang,
                "story.threshold.without_gun",
                &[("guns", verbatim(guns(without)))],
            ),
            said("story.threshold.paper"),
        ],
        before_after: vec![],
        decline_reasons: None,
        source: tf(lang, "story.threshold.source", &[("basis", basis.clone())]),
    };

    let proposal = preset(STORY_PROPOSAL).ok_or_else(|| {
        tf(
            lang,
            "story.error.no_preset",
            &[("id", verbatim(STORY_PROPOSAL))],
        )
    })?;
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
        label: r.label.render(lang),
        before: r.baseline.text.render(lang),
        after: r.scenario.text.render(lang),
        difference: r.difference().map(|d| d.render(lang)).unwrap_or_default(),
    })
    .collect();
    let best = row(Output::BestCharge).ok_or_else(|| said("story.error.no_best_row"))?;
    let (Some(best_before), Some(best_after)) = (best.baseline.number, best.scenario.number) else {
        return Err(said("story.error.no_best_figure"));
    };
    let proposal_name = Arg::from(proposal.name_message());
    let proposal_source = verbatim(proposal.source_in(lang));
    let statute = Slide {
        id: "statute",
        title: said("story.statute.title"),
        figure: format!(
            "{} → {}",
            units::number(lang, best_before),
            units::number(lang, best_after)
        ),
        figure_caption: tf(
            lang,
            "story.statute.caption",
            &[("proposal", proposal_name.clone())],
        ),
        points: vec![],
        before_after,
        decline_reasons: None,
        source: tf(
            lang,
            "story.source.proposal",
            &[
                ("source", proposal_source.clone()),
                ("basis", basis.clone()),
            ],
        ),
    };

    let caseload = Caseload::default_population();
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
    let measure =
        |key: &str, before: &Interval, after: &Interval, difference: &Interval| BeforeAfter {
            label: said(key),
            before: interval(lang, before),
            after: interval(lang, after),
            difference: signed_interval(lang, difference),
        };
    let caseload_slide = Slide {
        id: "caseload",
        title: said("story.caseload.title"),
        figure: format!("{:+}", summary.difference_prison_years.mean.round() as i64),
        figure_caption: tf(
            lang,
            "story.caseload.caption",
            &[
                ("referrals", verbatim(b.referrals.to_string())),
                ("proposal", proposal_name),
            ],
        ),
        points: vec![tf(
            lang,
            "story.caseload.draws",
            &[
                ("draws", verbatim(summary.draws.to_string())),
                ("seed", verbatim(summary.seed.to_string())),
            ],
        )],
        // The intervals over chance and assumptions, as the caseload panel shows first.
        before_after: match summary.full.as_ref() {
            Some(f) => vec![
                measure(
                    "story.caseload.accepted",
                    &f.baseline.accepted,
                    &f.scenario.accepted,
                    &f.difference_accepted,
                ),
                measure(
                    "story.caseload.convictions",
                    &f.baseline.convictions,
                    &f.scenario.convictions,
                    &f.difference_convictions,
                ),
                measure(
                    "story.caseload.prison_years",
                    &f.baseline.prison_years,
                    &f.scenario.prison_years,
                    &f.difference_prison_years,
                ),
            ],
            None => vec![
                measure(
                    "story.caseload.accepted",
                    &b.accepted,
                    &s.accepted,
                    &summary.difference_accepted,
                ),
                measure(
                    "story.caseload.convictions",
                    &b.convictions,
                    &s.convictions,
                    &summary.difference_convictions,
                ),
                measure(
                    "story.caseload.prison_years",
                    &b.prison_years,
                    &s.prison_years,
                    &summary.difference_prison_years,
                ),
            ],
        },
        decline_reasons: None,
        source: tf(
            lang,
            "story.source.caseload",
            &[
                ("source", proposal_source),
                ("basis", basis),
                (
                    "caseload",
                    verbatim(tf(
                        lang,
                        "story.caseload.population",
                        &[
                            (
                                "referrals",
                                verbatim(summary.baseline.referrals.to_string()),
                            ),
                            (
                                "seed",
                                verbatim(ReferralPopulation::embedded().portfolio_seed.to_string()),
                            ),
                        ],
                    )),
                ),
            ],
        ),
    };

    let params = threshold_engine::ProsecutionParams::embedded().fields();
    let sourced = params.iter().filter(|(_, p)| !p.assumption).count();
    // Under the parameters this story uses, so an edited model is checked as edited.
    let calibration =
        calibration_summary(law, sentencing, prosecution).map_err(|e| e.to_string())?;
    let real_cases = backtest(
        RealCases::embedded(),
        law,
        sentencing,
        prosecution,
        ReferralPopulation::embedded(),
    );
    let rests_on = Slide {
        id: "rests-on",
        title: said("story.rests_on.title"),
        figure: tf(
            lang,
            "story.rests_on.figure",
            &[
                ("met", verbatim(calibration.met.to_string())),
                ("figures", verbatim(calibration.figures.to_string())),
            ],
        ),
        figure_caption: tf(
            lang,
            "story.rests_on.caption",
            &[
                ("sourced", verbatim(sourced.to_string())),
                ("total", verbatim(params.len().to_string())),
            ],
        ),
        points: vec![
            not_met(lang, &calibration).unwrap_or_else(|| said("story.rests_on.all_met")),
            render(lang, &backtest_summary(&real_cases)),
            said("story.rests_on.averages"),
        ],
        before_after: vec![],
        decline_reasons: None,
        source: said("story.rests_on.source"),
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
    use crate::i18n::render;
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
            units::percent(Lang::En, assessment.option.acceptance_probability)
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

    #[test]
    fn the_story_reads_in_spanish_with_the_same_figures() {
        let english = story(&AppState::default()).unwrap();
        let spanish = story(&AppState {
            lang: Lang::Es,
            ..AppState::default()
        })
        .unwrap();
        assert_eq!(english.len(), spanish.len());
        for (en, es) in english.iter().zip(&spanish) {
            assert_eq!(en.id, es.id);
            assert_eq!(en.before_after.len(), es.before_after.len());
            assert_eq!(en.points.len(), es.points.len());
            assert_ne!(en.title, es.title);
            assert_ne!(en.figure_caption, es.figure_caption);
            let all = [&es.title, &es.figure, &es.figure_caption, &es.source]
                .into_iter()
                .chain(&es.points)
                .chain(es.before_after.iter().map(|r| &r.label));
            for text in all {
                assert!(!text.contains('⟦'), "{}: {text}", es.id);
            }
        }
        // The figures are the engine's, whatever the language.
        assert_eq!(english[0].figure, spanish[0].figure);
        assert_eq!(english[1].figure, spanish[1].figure);
        assert_eq!(english[2].figure, spanish[2].figure);
        assert_eq!(english[3].figure, spanish[3].figure);
        assert_eq!(spanish[4].figure, english[4].figure.replace(" of ", " de "));
        // The Spanish explains the U.S. terms a Mexican reader may not know.
        let declined = format!(
            "{} {}",
            spanish[0].figure_caption,
            spanish[0].points.join(" ")
        );
        assert!(declined.contains("(U.S. Attorney)"), "{declined}");
        assert!(declined.contains("declina el caso"), "{declined}");
        assert!(declined.contains("prestanombres"), "{declined}");
        assert!(declined.contains("Compra por interpósita persona (straw purchase)"));
        assert!(render(Lang::Es, &Message::new("story.basis.edited")).contains("editó"));
        let mut edited = AppState {
            lang: Lang::Es,
            ..AppState::default()
        };
        edited
            .prosecution_overrides
            .set("sentence_weight", Some(3.0));
        assert!(story(&edited).unwrap()[0].source.contains("usted editó"));
    }
}
