//! The presentation's story: a few findings, one per screen, each computed by the engine from
//! the seed paper's typical referral and the presets, under the user's assumptions.

use threshold_engine::backtest::{backtest, RealCases};
use threshold_engine::caseload::{
    Caseload, ChargePolicy, Histogram, Interval, Projection, ProjectionSummary, ReferralPopulation,
};
use threshold_engine::checks::{backtest_summary, calibration_summary, CalibrationSummary};
use threshold_engine::scenario::{preset, side_by_side, Baseline, Output, SideBySide};
use threshold_engine::{assess_charge_set, firearms_threshold, DeclineReasons, Law, Stamp};

use crate::i18n::{render, t, tf, verbatim, Arg, Lang, Message};
use crate::parameters::SentencingParam;
use crate::state::AppState;
use crate::units;

/// The proposal the story tests: today's law, which answered the paper with a trafficking
/// statute.
pub const STORY_PROPOSAL: &str = "today_bsca_819";

/// The most caseload draws a deck runs itself when a slide shows (a tenth of a second or
/// so for the referral population); beyond it a slide waits for the workspace's own run,
/// whose figures it shows in any case when they are at hand.
pub const MOST_DRAWS_AT_ONCE: usize = 5_000;

/// Status quo beside the proposal, for one measure.
#[derive(Debug, Clone, PartialEq)]
pub struct BeforeAfter {
    pub label: String,
    pub before: String,
    pub after: String,
    /// The move in words ("+7.6 points (26.1% → 33.7%), 1.3× likelier"); empty when none.
    pub difference: String,
}

/// A chart on a slide.
#[derive(Debug, Clone, PartialEq)]
pub enum SlideChart {
    /// What happens to referrals like one case: accepted, or declined and why.
    Referrals {
        title: String,
        accept: f64,
        reasons: DeclineReasons,
    },
    /// How often each caseload total came up across the draws, both worlds on shared bins.
    Draws {
        title: String,
        unit: String,
        histogram: Histogram,
    },
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
    /// What the table's two columns stand for ("April 2011", "the proposal").
    pub columns: [String; 2],
    pub before_after: Vec<BeforeAfter>,
    pub charts: Vec<SlideChart>,
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

/// A case's side-by-side as a slide's rows, the `outputs` in order, each with its move in
/// words.
pub fn proposal_rows(lang: Lang, comparison: &SideBySide, outputs: &[Output]) -> Vec<BeforeAfter> {
    outputs
        .iter()
        .filter_map(|&output| comparison.rows.iter().find(|r| r.output == output))
        .map(|r| BeforeAfter {
            label: r.label.render(lang),
            before: r.baseline.text.render(lang),
            after: r.scenario.text.render(lang),
            difference: r.difference().map(|d| d.render(lang)).unwrap_or_default(),
        })
        .collect()
}

/// A caseload projection as a slide's rows: accepted referrals, convictions and prison-years
/// in both worlds and their difference, each a mean with its 90% interval over chance and
/// the assumptions when the run drew them (as the caseload panel shows first), else over
/// chance alone.
pub fn caseload_rows(lang: Lang, summary: &ProjectionSummary) -> Vec<BeforeAfter> {
    // Each measure as (status quo, proposal, difference); both kinds of summary name their
    // intervals alike, only their types differ.
    let [accepted, convictions, prison_years] = match summary.full.as_ref() {
        Some(f) => [
            (
                f.baseline.accepted,
                f.scenario.accepted,
                f.difference_accepted,
            ),
            (
                f.baseline.convictions,
                f.scenario.convictions,
                f.difference_convictions,
            ),
            (
                f.baseline.prison_years,
                f.scenario.prison_years,
                f.difference_prison_years,
            ),
        ],
        None => {
            let (b, s) = (&summary.baseline, &summary.scenario);
            [
                (b.accepted, s.accepted, summary.difference_accepted),
                (b.convictions, s.convictions, summary.difference_convictions),
                (
                    b.prison_years,
                    s.prison_years,
                    summary.difference_prison_years,
                ),
            ]
        }
    };
    [
        ("story.caseload.accepted", accepted),
        ("story.caseload.convictions", convictions),
        ("story.caseload.prison_years", prison_years),
    ]
    .into_iter()
    .map(|(key, (before, after, difference))| BeforeAfter {
        label: t(lang, key).to_string(),
        before: interval(lang, &before),
        after: interval(lang, &after),
        difference: signed_interval(lang, &difference),
    })
    .collect()
}

/// The referral population in words: how many referrals, from which draw of it.
pub fn population_words(lang: Lang, referrals: usize) -> String {
    tf(
        lang,
        "story.caseload.population",
        &[
            ("referrals", verbatim(referrals.to_string())),
            (
                "seed",
                verbatim(ReferralPopulation::embedded().portfolio_seed.to_string()),
            ),
        ],
    )
}

/// Whose models a slide's figures come from: the defaults, or with the user's edits.
pub fn basis(state: &AppState) -> Arg {
    let edited = state.sentencing_overrides != Default::default()
        || state.prosecution_overrides != Default::default();
    Arg::from(Message::new(if edited {
        "story.basis.edited"
    } else {
        "story.basis.default"
    }))
}

/// The last slide of either deck: how many published figures the models meet, how many of
/// their parameters are published, then `points`; the stamp of what computed them closes it.
pub fn rests_on_slide(
    lang: Lang,
    calibration: &CalibrationSummary,
    points: Vec<String>,
    stamp: &Stamp,
) -> Slide {
    let params = threshold_engine::ProsecutionParams::embedded().fields();
    let sourced = params.iter().filter(|(_, p)| !p.assumption).count();
    Slide {
        id: "rests-on",
        title: t(lang, "story.rests_on.title").to_string(),
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
        points,
        columns: [String::new(), String::new()],
        before_after: vec![],
        charts: vec![],
        source: format!("{} {}.", t(lang, "story.rests_on.source"), stamp.line(lang)),
    }
}

/// The model assumptions the user changed, by their plain names: the first few, then how
/// many more; or that every one is at its default.
pub fn edited_line(state: &AppState) -> String {
    const NAMED: usize = 5;
    let lang = state.lang;
    let mut names: Vec<String> = threshold_engine::ProsecutionParams::embedded()
        .fields()
        .iter()
        .map(|(name, _)| *name)
        .filter(|name| state.prosecution_overrides.get(name).is_some())
        .map(|name| crate::parameters::prosecution_param_label(lang, name))
        .collect();
    names.extend(
        SentencingParam::ALL
            .into_iter()
            .filter(|p| p.overridden(&state.sentencing_overrides).is_some())
            .map(|p| p.label(lang).to_string()),
    );
    if names.is_empty() {
        return t(lang, "story.brief.all_default").to_string();
    }
    let shown = verbatim(names[..names.len().min(NAMED)].join(", "));
    match names.len().saturating_sub(NAMED) {
        0 => tf(lang, "story.brief.edited", &[("shown", shown)]),
        more => tf(
            lang,
            "story.brief.edited_more",
            &[("shown", shown), ("more", Arg::from(more))],
        ),
    }
}

/// The published figures the model does not meet, in one sentence; `None` when it meets all.
pub fn not_met(lang: Lang, c: &CalibrationSummary) -> Option<String> {
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
    let basis = basis(state);
    let said = |key: &str| t(lang, key).to_string();
    let columns = [said("story.ui.april_2011"), said("story.ui.proposal")];

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
        columns: columns.clone(),
        before_after: vec![],
        charts: vec![SlideChart::Referrals {
            title: said("story.ui.what_happens"),
            accept: option.acceptance_probability,
            reasons: *reasons,
        }],
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
        columns: columns.clone(),
        before_after: vec![],
        charts: vec![],
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
    let before_after = proposal_rows(
        lang,
        &comparison,
        &[
            Output::GuidelineRange,
            Output::Acceptance,
            Output::PrisonMonthsPerReferral,
            Output::BestCharge,
        ],
    );
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
        columns: columns.clone(),
        before_after,
        charts: vec![],
        source: tf(
            lang,
            "story.source.proposal",
            &[
                ("source", proposal_source.clone()),
                ("basis", basis.clone()),
            ],
        ),
    };

    // The workspace's seed and draws: with the story's proposal chosen in the workspace, the
    // caseload panel shows these same figures.
    let draws = state.caseload.draws.min(MOST_DRAWS_AT_ONCE);
    let mut projection = Projection::new(
        &Caseload::default_population(),
        &base,
        proposal,
        state.caseload.seed,
        draws,
        ChargePolicy::Best,
    )
    .map_err(|e| e.to_string())?;
    projection.step(draws);
    let summary = projection.summary();
    let b = &summary.baseline;
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
        columns: columns.clone(),
        before_after: caseload_rows(lang, &summary),
        charts: vec![],
        source: tf(
            lang,
            "story.source.caseload",
            &[
                ("source", proposal_source),
                ("basis", basis),
                (
                    "caseload",
                    verbatim(population_words(lang, summary.baseline.referrals)),
                ),
            ],
        ),
    };

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
    let rests_on = rests_on_slide(
        lang,
        &calibration,
        vec![
            not_met(lang, &calibration).unwrap_or_else(|| said("story.rests_on.all_met")),
            render(lang, &backtest_summary(&real_cases)),
            said("story.rests_on.averages"),
        ],
        &Stamp::for_case(&case, law, state.caseload.seed),
    );

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
    use threshold_engine::{ProsecutionParams, SentencingParams};

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
    fn edited_assumptions_read_by_their_plain_names_in_both_languages() {
        let mut state = AppState::default();
        assert_eq!(
            edited_line(&state),
            "Every model assumption at its default."
        );
        state
            .prosecution_overrides
            .set("sentence_weight", Some(3.0));
        let line = edited_line(&state);
        assert!(
            line.starts_with("Model assumptions changed by the user: "),
            "{line}"
        );
        assert!(!line.contains('_'), "{line}");
        for p in SentencingParam::ALL {
            p.set(
                &mut state.sentencing_overrides,
                Some(p.of(SentencingParams::embedded()).value),
            );
        }
        let line = edited_line(&state);
        assert!(line.ends_with("more (listed on screen)."), "{line}");
        state.lang = Lang::Es;
        let line = edited_line(&state);
        assert!(
            line.starts_with("Supuestos del modelo cambiados por el usuario: "),
            "{line}"
        );
        assert!(line.ends_with("más (detallados en pantalla)."), "{line}");
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
