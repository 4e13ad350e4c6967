//! The one-page brief that printing (or "Save as PDF") gives: the question, the case under
//! the status quo beside the proposal, the likely sentence, what it assumes, the sources, the
//! date, and the link that reproduces it.

use std::rc::Rc;

use threshold_engine::scenario::SideBySide;
use threshold_engine::{
    Assumption, ExpectedSentence, HistogramBin, ProsecutionParams, SentencingParams, Stamp,
};
use yew::prelude::*;

use crate::case_fields::assumption_words;

use crate::browser_storage::now_iso;
use crate::components::case_facts::CaseFacts;
use crate::components::caseload_panel::FinishedRun;
use crate::components::sentence_chart::SentenceChart;
use crate::i18n::{t, tf, use_lang, verbatim, Arg};
use crate::parameters::SentencingParam;
use crate::state::AppState;

/// The assumed facts a page has room for; the worksheet on screen lists them all.
const ASSUMPTIONS_SHOWN: usize = 2;

#[derive(Properties, PartialEq)]
pub struct BriefProps {
    pub state: Rc<AppState>,
    pub side_by_side: Option<SideBySide>,
    pub bins: Vec<HistogramBin>,
    pub sentence: ExpectedSentence,
    /// Facts the case left out and the engine assumed.
    pub assumptions: Vec<Assumption>,
    /// The statutes of the charges brought, as cited.
    pub statutes: AttrValue,
    /// The view's share link (the fragment, without `#`).
    pub link: AttrValue,
    /// What the figures were computed with: engine, Manual, statutes, law data and seed.
    pub stamp: Stamp,
    /// The caseload panel's finished run; `None` while it runs.
    pub caseload: Option<FinishedRun>,
}

/// The page's own address with the view's link: what reopens this brief's numbers (from a
/// server or from the single file alike, so the address minus its fragment, not the origin).
fn reproducing_link(link: &str) -> String {
    let href = web_sys::window()
        .and_then(|w| w.location().href().ok())
        .unwrap_or_default();
    let base = href.split('#').next().unwrap_or_default();
    format!("{base}#{link}")
}

#[component]
pub fn Brief(props: &BriefProps) -> Html {
    let lang = use_lang();
    let calibration = threshold_engine::checks::default_calibration();
    let state = &props.state;
    let proposal = &state.scenario;
    let link = reproducing_link(&props.link);
    let date = threshold_engine::i18n::date(lang, &now_iso());
    let params = ProsecutionParams::embedded().fields();
    let sourced = params.iter().filter(|(_, p)| !p.assumption).count();
    // The published figures the models use, each cited once, from the data files.
    let mut model_sources: Vec<&str> = SentencingParam::ALL
        .into_iter()
        .map(|p| p.of(SentencingParams::embedded()))
        .chain(params.iter().map(|(_, p)| *p))
        .filter(|p| !p.assumption)
        // The citation, not the working that follows its colon: a page has no room for it.
        .map(|p| p.source.get(lang).split(": ").next().unwrap_or_default())
        .collect();
    model_sources.dedup();
    // Both tables read the same way: the status quo, the proposal, the difference.
    let header = html! {
        <tr><th scope="col"><span class="visually-hidden">{ t(lang, "story.brief.output") }</span></th><th scope="col">{ t(lang, "story.brief.status_quo") }</th><th scope="col">{ proposal.short_name_in(lang) }</th><th scope="col">{ t(lang, "story.ui.difference") }</th></tr>
    };
    html! {
        <article class="brief print-only" aria-label={t(lang, "story.brief.label")} data-testid="brief">
            <header class="brief-header">
                <h1>{ t(lang, "story.brief.title") }</h1>
                <p>{ tf(lang, "story.brief.dateline", &[("date", verbatim(date))]) }</p>
            </header>
            <p class="brief-stamp" data-testid="brief-stamp">{ props.stamp.line(lang) }</p>
            <h2>{ t(lang, "story.brief.question_title") }</h2>
            <p data-testid="brief-question">
                { tf(lang, "story.brief.question", &[
                    ("statutes", verbatim(props.statutes.to_string())),
                    ("proposal", Arg::from(proposal.name_message())),
                ]) }
            </p>
            <CaseFacts case={state.case.clone()} charges={state.charges.clone()} />
            <h2>{ t(lang, "story.brief.side_by_side") }</h2>
            if let Some(comparison) = &props.side_by_side {
                <table class="brief-table" data-testid="brief-side-by-side">
                    <thead>
                        { header.clone() }
                    </thead>
                    <tbody>
                        { for comparison.rows.iter().map(|row| html! {
                            <tr class={classes!(row.changed.then_some("changed"))}>
                                <th scope="row">{ row.label.render(lang) }</th>
                                <td>{ row.baseline.text.render(lang) }</td>
                                <td>{ row.scenario.text.render(lang) }</td>
                                <td>{ row.difference().map_or_else(|| t(lang, "story.ui.no_difference").to_string(), |d| d.render(lang)) }</td>
                            </tr>
                        }) }
                    </tbody>
                </table>
            } else {
                <p>{ t(lang, "story.brief.cannot_apply") }</p>
            }
            <h2>{ t(lang, "story.brief.caseload_title") }</h2>
            if let Some(FinishedRun(run)) = &props.caseload {
                <table class="brief-table" data-testid="brief-caseload">
                    <thead>
                        { header.clone() }
                    </thead>
                    <tbody>
                        { for crate::story::caseload_rows(lang, run).into_iter().map(|row| html! {
                            <tr><th scope="row">{ row.label }</th><td>{ row.before }</td><td>{ row.after }</td><td>{ row.difference }</td></tr>
                        }) }
                    </tbody>
                </table>
                <p class="brief-note">{ tf(lang, "story.brief.caseload_note", &[
                    ("referrals", Arg::from(run.baseline.referrals)),
                    ("draws", Arg::from(run.draws)),
                    ("seed", verbatim(run.seed.to_string())),
                ]) }</p>
            } else {
                <p data-testid="brief-caseload-running">{ t(lang, "story.brief.caseload_running") }</p>
            }
            // The chart beside what the figures assume: a page has room for both only side
            // by side.
            <div class="brief-pair">
                <section>
                    <h2>{ t(lang, "story.brief.likely_sentence") }</h2>
                    <SentenceChart bins={props.bins.clone()} sentence={props.sentence} />
                </section>
                <section>
                    <h2>{ t(lang, "story.brief.assumes") }</h2>
                    <ul class="brief-list">
                        { for props.assumptions.iter().take(ASSUMPTIONS_SHOWN).map(|a| html! {
                            <li><strong>{ assumption_words(lang, &a.field, &a.value) }</strong>{ format!(" — {}", a.reason.render(lang)) }</li>
                        }) }
                        if props.assumptions.len() > ASSUMPTIONS_SHOWN {
                            <li>{ tf(lang, "story.brief.more_facts", &[("more", Arg::from(props.assumptions.len() - ASSUMPTIONS_SHOWN))]) }</li>
                        }
                        <li>{ crate::story::edited_line(state) }</li>
                        <li>{ tf(lang, "story.brief.published_share", &[("sourced", Arg::from(sourced)), ("total", Arg::from(params.len()))]) }</li>
                    </ul>
                </section>
            </div>
            <h2>{ t(lang, "story.brief.sources") }</h2>
            <ul class="brief-list">
                <li>{ tf(lang, "story.brief.proposal_source", &[("source", verbatim(proposal.source_in(lang)))]) }</li>
                <li>{ t(lang, "story.brief.goodman") }</li>
                <li>{ tf(lang, "story.brief.model_sources", &[("sources", verbatim(model_sources.join("; ")))]) }</li>
                <li data-testid="brief-calibration">
                    { tf(lang, "story.brief.checked", &[("line", verbatim(crate::story::checked_line(lang, calibration)))]) }
                </li>
            </ul>
            <p class="brief-link">
                { format!("{} ", t(lang, "story.brief.reproduce")) }
                <a href={link.clone()} data-testid="brief-link">{ link }</a>
            </p>
        </article>
    }
}
