//! The presentation of the user's own case and proposal: the answer under April 2011 and
//! today's law, the proposal for this case, the whole caseload, and what the figures rest
//! on — the workspace's figures, one finding per screen.

use threshold_engine::answer::{era_comparison, EraAnswer};
use threshold_engine::caseload::ProjectionSummary;
use threshold_engine::checks::calibration_summary;
use threshold_engine::scenario::{nothing_moves, referral_outcomes, side_by_side, Output};
use threshold_engine::sentencing_table::LIFE_MONTHS;
use threshold_engine::{evaluate, Law, Stamp};

use crate::case_fields::assumption_words;
use crate::i18n::{render, t, tf, verbatim, Arg, Lang, Message};
use crate::state::AppState;
use crate::story::{
    basis, caseload_rows, edited_line, not_met, population_words, proposal_rows, rests_on_slide,
    BeforeAfter, Slide, SlideChart, MOST_DRAWS_AT_ONCE,
};
use crate::units;

/// The assumed facts a slide has room for; the worksheet lists them all.
const FACTS_SHOWN: usize = 3;

/// "12 → 27": a move shown large.
fn arrow(lang: Lang, before: f64, after: f64) -> String {
    format!(
        "{} → {}",
        units::number(lang, before),
        units::number(lang, after)
    )
}

/// The answer card as a slide: this case under April 2011 law and under today's law.
fn answer_slide(state: &AppState, basis: &Arg) -> Result<Slide, Message> {
    let lang = state.lang;
    let base = state.baseline()?;
    let eras = era_comparison(
        &state.case,
        Law::embedded(),
        &base.sentencing,
        &base.prosecution,
    )
    .map_err(|e| e.message())?;
    let (then, now) = (&eras.april_2011, &eras.today);
    let range = |a: &EraAnswer| {
        let r = a.range();
        tf(
            lang,
            "results.answer.range_value",
            &[
                ("level", verbatim(a.best.offense_level.to_string())),
                (
                    "range",
                    verbatim(units::month_range(lang, r.min, r.max, LIFE_MONTHS)),
                ),
            ],
        )
    };
    // A move in words where the engine has words for it; an unchanged row says so.
    let moved = |output: Output, from: f64, to: f64| {
        if from == to {
            String::new()
        } else {
            output.difference(from, to).render(lang)
        }
    };
    let row = |key: &str, before: String, after: String, difference: String| BeforeAfter {
        label: t(lang, key).to_string(),
        before,
        after,
        difference,
    };
    let max_months = |a: &EraAnswer| a.best.total_statutory_max_months.map(f64::from);
    let before_after = vec![
        row(
            "results.answer.best_charge",
            then.charge_name.get(lang).to_string(),
            now.charge_name.get(lang).to_string(),
            String::new(),
        ),
        row(
            "results.answer.range",
            range(then),
            range(now),
            moved(
                Output::GuidelineRange,
                f64::from(then.range().min),
                f64::from(now.range().min),
            ),
        ),
        row(
            "results.answer.likely",
            units::months(lang, then.likely_months().round()),
            units::months(lang, now.likely_months().round()),
            moved(
                Output::ExpectedSentence,
                then.likely_months().round(),
                now.likely_months().round(),
            ),
        ),
        row(
            "results.answer.maximum",
            units::term(lang, then.best.total_statutory_max_months),
            units::term(lang, now.best.total_statutory_max_months),
            match (max_months(then), max_months(now)) {
                (Some(from), Some(to)) => moved(Output::ExpectedSentence, from, to),
                _ => String::new(),
            },
        ),
        row(
            "results.answer.acceptance",
            units::chance(lang, then.best.acceptance_probability),
            units::chance(lang, now.best.acceptance_probability),
            moved(
                Output::Acceptance,
                then.best.acceptance_probability,
                now.best.acceptance_probability,
            ),
        ),
    ];
    Ok(Slide {
        id: "answer",
        title: t(lang, "results.answer.title").to_string(),
        figure: tf(
            lang,
            "deck.answer.figure",
            &[(
                "months",
                verbatim(arrow(
                    lang,
                    then.likely_months().round(),
                    now.likely_months().round(),
                )),
            )],
        ),
        // The answer in one sentence, under the figure it explains.
        figure_caption: render(lang, &eras.summary),
        points: vec![],
        columns: [
            t(lang, "results.answer.april_2011").to_string(),
            t(lang, "results.answer.today").to_string(),
        ],
        before_after,
        charts: vec![],
        source: tf(lang, "deck.answer.source", &[("basis", basis.clone())]),
    })
}

/// The case on the form under the status quo and under the proposal, with what happens to
/// referrals like it in each.
fn proposal_slide(state: &AppState, basis: &Arg) -> Result<Slide, Message> {
    let lang = state.lang;
    let base = state.baseline()?;
    let proposal = &state.scenario;
    let short = proposal.short_name_in(lang);
    let columns = [t(lang, "story.brief.status_quo").to_string(), short.clone()];
    let source = tf(
        lang,
        "story.source.proposal",
        &[
            ("source", verbatim(proposal.source_in(lang))),
            ("basis", basis.clone()),
        ],
    );
    let title = tf(
        lang,
        "deck.proposal.title",
        &[("proposal", Arg::from(proposal.name_message()))],
    );
    let comparison = match side_by_side(&state.case, &base, proposal) {
        Ok(comparison) => comparison,
        // The deck still shows: this slide says why the proposal cannot be applied.
        Err(e) => {
            return Ok(Slide {
                id: "proposal",
                title,
                figure: "—".to_string(),
                figure_caption: String::new(),
                points: vec![tf(
                    lang,
                    "app.proposal_cannot_apply",
                    &[("why", Arg::from(e.plain_message()))],
                )],
                columns,
                before_after: vec![],
                charts: vec![],
                source,
            })
        }
    };
    let per_referral = comparison
        .rows
        .iter()
        .find(|r| r.output == Output::PrisonMonthsPerReferral)
        .and_then(|r| Some((r.baseline.number?, r.scenario.number?)));
    let charts = referral_outcomes(&state.case, &base, proposal)
        .map(|[before, after]| {
            [
                (before, "deck.proposal.chart_status_quo"),
                (after, "deck.proposal.chart_proposal"),
            ]
            .map(|(option, key)| SlideChart::Referrals {
                title: tf(lang, key, &[("proposal", verbatim(short.clone()))]),
                accept: option.acceptance_probability,
                reasons: option.decline_reasons,
            })
            .to_vec()
        })
        .unwrap_or_default();
    let points = nothing_moves(&base, proposal, &comparison)
        .map(|n| vec![render(lang, &n.why)])
        .unwrap_or_default();
    Ok(Slide {
        id: "proposal",
        title,
        figure: per_referral.map_or_else(|| "—".to_string(), |(b, a)| arrow(lang, b, a)),
        figure_caption: tf(
            lang,
            "deck.proposal.caption",
            &[("proposal", verbatim(short))],
        ),
        points,
        columns,
        // The months per referral are the slide's figure, so the table leaves them out.
        before_after: proposal_rows(
            lang,
            &comparison,
            &[
                Output::GuidelineRange,
                Output::Acceptance,
                Output::BestCharge,
            ],
        ),
        charts,
        source,
    })
}

/// The referrals the caseload is made of, in words.
fn caseload_words(state: &AppState, summary: &ProjectionSummary) -> String {
    let lang = state.lang;
    match &state.caseload.imported {
        Some(imported) => tf(
            lang,
            "deck.caseload.imported",
            &[
                ("referrals", Arg::from(imported.cases.len())),
                ("file", verbatim(imported.name.clone())),
            ],
        ),
        None => population_words(lang, summary.baseline.referrals),
    }
}

/// The workspace's caseload under the status quo and the proposal: its own run's figures
/// (`workspace_run`) when they are at hand, else the same run (same referrals, seed and
/// draws, so the same figures) computed here when it is small enough to wait for.
fn caseload_slide(
    state: &AppState,
    basis: &Arg,
    workspace_run: Option<&ProjectionSummary>,
) -> Result<Slide, Message> {
    let lang = state.lang;
    let settings = &state.caseload;
    let proposal = &state.scenario;
    let short = proposal.short_name_in(lang);
    let columns = [t(lang, "story.brief.status_quo").to_string(), short.clone()];
    let title = tf(
        lang,
        "deck.caseload.title",
        &[("proposal", Arg::from(proposal.name_message()))],
    );
    let matches = |s: &&ProjectionSummary| {
        s.scenario_id == proposal.id && s.seed == settings.seed && s.draws == settings.draws
    };
    // A slide with no figures, saying why: the rest of the deck still shows.
    let without_figures = |caption: String, points: Vec<String>| Slide {
        id: "caseload",
        title: title.clone(),
        figure: "…".to_string(),
        figure_caption: caption,
        points,
        columns: columns.clone(),
        before_after: vec![],
        charts: vec![],
        source: tf(lang, "deck.basis_only", &[("basis", basis.clone())]),
    };
    let computed;
    let summary = match workspace_run.filter(matches) {
        Some(summary) => summary,
        None if settings.draws <= MOST_DRAWS_AT_ONCE => {
            match settings.project(&state.baseline()?, proposal) {
                Ok(summary) => {
                    computed = summary;
                    &computed
                }
                Err(why) => return Ok(without_figures(String::new(), vec![render(lang, &why)])),
            }
        }
        None => {
            let running = tf(
                lang,
                "deck.caseload.running",
                &[("draws", Arg::from(settings.draws))],
            );
            return Ok(without_figures(running, vec![]));
        }
    };
    let mut points = vec![tf(
        lang,
        "deck.caseload.same_run",
        &[
            ("draws", Arg::from(summary.draws)),
            ("seed", verbatim(summary.seed.to_string())),
        ],
    )];
    if summary.moves_nothing() {
        points.push(t(lang, "caseload.nothing_moves").to_string());
    }
    Ok(Slide {
        id: "caseload",
        title,
        figure: threshold_engine::i18n::signed(lang, summary.difference_prison_years.mean, 0),
        figure_caption: tf(
            lang,
            "deck.caseload.caption",
            &[
                ("referrals", Arg::from(summary.baseline.referrals)),
                ("proposal", verbatim(short)),
            ],
        ),
        points,
        columns,
        before_after: caseload_rows(lang, summary),
        charts: vec![SlideChart::Draws {
            title: t(lang, "caseload.histogram.prison_years.title").to_string(),
            unit: t(lang, "caseload.histogram.prison_years.unit").to_string(),
            histogram: summary.histogram_prison_years.clone(),
        }],
        source: tf(
            lang,
            "story.source.caseload",
            &[
                ("source", verbatim(proposal.source_in(lang))),
                ("basis", basis.clone()),
                ("caseload", verbatim(caseload_words(state, summary))),
            ],
        ),
    })
}

/// What the deck's figures rest on: the facts the engine assumed, the user's edits, and how
/// far the models meet the published figures.
fn what_it_rests_on(state: &AppState) -> Result<Slide, Message> {
    let lang = state.lang;
    let base = state.baseline()?;
    let law = Law::embedded();
    let evaluation = evaluate(&state.case, law, &base.sentencing).map_err(|e| e.message())?;
    let assumed = &evaluation.worksheet.assumptions;
    let mut facts: Vec<String> = assumed
        .iter()
        .take(FACTS_SHOWN)
        .map(|a| assumption_words(lang, &a.field, &a.value))
        .collect();
    if assumed.len() > FACTS_SHOWN {
        facts.push(tf(
            lang,
            "deck.rests_on.more_facts",
            &[("more", Arg::from(assumed.len() - FACTS_SHOWN))],
        ));
    }
    let mut points = Vec::new();
    if !facts.is_empty() {
        points.push(tf(
            lang,
            "deck.rests_on.assumed",
            &[("facts", verbatim(facts.join("; ")))],
        ));
    }
    points.push(edited_line(state));
    let calibration =
        calibration_summary(law, &base.sentencing, &base.prosecution).map_err(|e| e.message())?;
    points.push(
        not_met(lang, &calibration)
            .unwrap_or_else(|| t(lang, "story.rests_on.all_met").to_string()),
    );
    let stamp = Stamp::for_case(&state.case, law, state.caseload.seed);
    Ok(rests_on_slide(lang, &calibration, points, &stamp))
}

/// The user's deck, in the page's language: the case and proposal on screen, under the
/// assumptions on screen; `workspace_run` is the caseload panel's finished run, if any.
pub fn case_deck(
    state: &AppState,
    workspace_run: Option<&ProjectionSummary>,
) -> Result<Vec<Slide>, String> {
    let lang = state.lang;
    let basis = basis(state);
    let slides = [
        answer_slide(state, &basis),
        proposal_slide(state, &basis),
        caseload_slide(state, &basis, workspace_run),
        what_it_rests_on(state),
    ];
    slides
        .into_iter()
        .map(|slide| slide.map_err(|why| render(lang, &why)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::state::{Action, CaseloadSettings};
    use threshold_engine::scenario::preset;
    use yew::Reducible;

    fn ten_rifles_to_mexico() -> AppState {
        let example = threshold_engine::examples::examples()
            .iter()
            .find(|e| e.id == "rifles_to_mexico_10")
            .expect("the example is embedded");
        let state = std::rc::Rc::new(AppState::default());
        (*state.reduce(Action::TryCase(Box::new(example.case.clone())))).clone()
    }

    #[test]
    fn the_deck_shows_the_case_on_the_form() {
        let state = ten_rifles_to_mexico();
        let slides = case_deck(&state, None).unwrap();
        let ids: Vec<&str> = slides.iter().map(|s| s.id).collect();
        assert_eq!(ids, ["answer", "proposal", "caseload", "rests-on"]);
        let stamp = Stamp::for_case(&state.case, Law::embedded(), state.caseload.seed);
        assert!(slides[3]
            .source
            .ends_with(&format!("{}.", stamp.line(Lang::En))));
        let base = state.baseline().unwrap();
        let eras = era_comparison(
            &state.case,
            Law::embedded(),
            &base.sentencing,
            &base.prosecution,
        )
        .unwrap();
        // The answer slide's figures are the answer card's.
        let months = arrow(
            Lang::En,
            eras.april_2011.likely_months().round(),
            eras.today.likely_months().round(),
        );
        assert_eq!(slides[0].figure, format!("{months} months"));
        assert_eq!(slides[0].figure_caption, render(Lang::En, &eras.summary));
        assert_eq!(slides[0].before_after.len(), 5);
        // The proposal slide is the side-by-side, with a chart for each world.
        let comparison = side_by_side(&state.case, &base, &state.scenario).unwrap();
        assert_eq!(
            slides[1].before_after,
            proposal_rows(
                Lang::En,
                &comparison,
                &[
                    Output::GuidelineRange,
                    Output::Acceptance,
                    Output::BestCharge
                ]
            )
        );
        assert_eq!(slides[1].columns[1], "H.R. 2554 (2011)");
        assert_eq!(slides[1].charts.len(), 2);
        assert!(slides[1].title.contains("H.R. 2554"), "{}", slides[1].title);
    }

    #[test]
    fn the_caseload_slide_shows_the_workspace_run() {
        let state = AppState::default();
        let computed = case_deck(&state, None).unwrap();
        let summary = state
            .caseload
            .project(&state.baseline().unwrap(), &state.scenario)
            .unwrap();
        let given = case_deck(&state, Some(&summary)).unwrap();
        // The same seed and draws give the same figures, run here or in the panel.
        assert_eq!(computed[2], given[2]);
        assert_eq!(given[2].before_after, caseload_rows(Lang::En, &summary));
        assert!(
            given[2].points[0].contains("1,000 seeded draws"),
            "{:?}",
            given[2].points
        );
        // A run of another proposal is not shown as this one's.
        let mut other = summary.clone();
        other.scenario_id = "status_quo_2011".into();
        other.difference_prison_years.mean = 1e6;
        assert_eq!(case_deck(&state, Some(&other)).unwrap()[2], computed[2]);
    }

    #[test]
    fn a_long_run_not_yet_finished_is_waited_for_not_redrawn() {
        let state = AppState {
            caseload: CaseloadSettings {
                draws: MOST_DRAWS_AT_ONCE + 1,
                ..CaseloadSettings::default()
            },
            ..AppState::default()
        };
        let slides = case_deck(&state, None).unwrap();
        assert_eq!(slides[2].figure, "…");
        assert!(
            slides[2].figure_caption.contains("5,001"),
            "{}",
            slides[2].figure_caption
        );
        assert!(slides[2].before_after.is_empty());
    }

    #[test]
    fn a_proposal_that_cannot_apply_leaves_the_deck_standing() {
        let mut state = AppState::default();
        let mut broken = preset("hr_2554_2011").unwrap().clone();
        // A cap on a charge the 2011 statutes do not have.
        broken.changes[0].rule = serde_json::from_str(
            r#"{"kind":"statutory_max","charge":"trafficking_933","era":"april_2011","max_months":120}"#,
        )
        .unwrap();
        state.scenario = broken;
        assert!(side_by_side(&state.case, &state.baseline().unwrap(), &state.scenario).is_err());
        let slides = case_deck(&state, None).unwrap();
        assert_eq!(slides.len(), 4);
        assert!(
            slides[1].points[0].contains("cannot"),
            "{:?}",
            slides[1].points
        );
        assert!(slides[1].before_after.is_empty());
    }

    #[test]
    fn the_deck_reads_in_spanish_without_markers() {
        let mut state = ten_rifles_to_mexico();
        state.lang = Lang::Es;
        for slide in case_deck(&state, None).unwrap() {
            let text = [&slide.title, &slide.figure_caption, &slide.source]
                .into_iter()
                .chain(&slide.points)
                .chain(slide.before_after.iter().map(|r| &r.label))
                .cloned()
                .collect::<Vec<_>>()
                .join(" ");
            assert!(
                !text.contains('⟦') && !text.contains('_'),
                "{}: {text}",
                slide.id
            );
        }
    }
}
