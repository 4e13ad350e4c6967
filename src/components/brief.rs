//! The one-page brief that printing (or "Save as PDF") gives: the question, the case under
//! the status quo beside the proposal, the likely sentence, what it assumes, the sources, the
//! date, and the link that reproduces it.

use std::rc::Rc;

use threshold_engine::scenario::SideBySide;
use threshold_engine::{
    Assumption, ExpectedSentence, HistogramBin, ProsecutionParams, SentencingParams,
};
use yew::prelude::*;

use crate::browser_storage::now_iso;
use crate::components::case_facts::CaseFacts;
use crate::components::sentence_chart::SentenceChart;
use crate::parameters::SentencingParam;
use crate::state::AppState;

/// The assumed facts a page has room for; the worksheet on screen lists them all.
const ASSUMPTIONS_SHOWN: usize = 4;

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
    pub manual: AttrValue,
    /// The view's share link (the fragment, without `#`).
    pub link: AttrValue,
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

/// The user's edits in one line: the first few by name, then how many more.
fn edited_assumptions(names: &[&str]) -> String {
    const NAMED: usize = 5;
    let shown = names[..names.len().min(NAMED)].join(", ");
    match names.len().saturating_sub(NAMED) {
        0 => format!("Model assumptions changed by the user: {shown}."),
        more => format!(
            "Model assumptions changed by the user: {shown} and {more} more (listed on screen)."
        ),
    }
}

#[component]
pub fn Brief(props: &BriefProps) -> Html {
    let state = &props.state;
    let proposal = &state.scenario;
    let link = reproducing_link(&props.link);
    let date = now_iso().get(..10).unwrap_or_default().to_string();
    let params = ProsecutionParams::embedded().fields();
    let mut edited: Vec<&'static str> = params
        .iter()
        .map(|(name, _)| *name)
        .filter(|name| state.prosecution_overrides.get(name).is_some())
        .collect();
    edited.extend(
        SentencingParam::ALL
            .into_iter()
            .filter(|p| p.overridden(&state.sentencing_overrides).is_some())
            .map(SentencingParam::key),
    );
    let sourced = params.iter().filter(|(_, p)| !p.assumption).count();
    // The published figures the models use, each cited once, from the data files.
    let mut model_sources: Vec<&str> = SentencingParam::ALL
        .into_iter()
        .map(|p| p.of(SentencingParams::embedded()))
        .chain(params.iter().map(|(_, p)| *p))
        .filter(|p| !p.assumption)
        // The citation, not the working that follows its colon: a page has no room for it.
        .map(|p| p.source.split(": ").next().unwrap_or_default())
        .collect();
    model_sources.dedup();
    html! {
        <article class="brief print-only" aria-label="One-page brief" data-testid="brief">
            <header class="brief-header">
                <h1>{ "Threshold brief" }</h1>
                <p>{ format!("{date} · engine {}", threshold_engine::VERSION) }</p>
            </header>
            <h2>{ "The question" }</h2>
            <p data-testid="brief-question">
                { format!(
                    "For the case below, charged under {}: what sentence follows, how likely is a U.S. Attorney to accept the referral, and what would “{}” change?",
                    props.statutes, proposal.name
                ) }
            </p>
            <CaseFacts case={state.case.clone()} charges={state.charges.clone()} />
            <h2>{ "Status quo beside the proposal" }</h2>
            if let Some(comparison) = &props.side_by_side {
                <table class="brief-table" data-testid="brief-side-by-side">
                    <thead>
                        <tr><th scope="col"><span class="visually-hidden">{ "Output" }</span></th><th scope="col">{ "Status quo" }</th><th scope="col">{ proposal.name.clone() }</th></tr>
                    </thead>
                    <tbody>
                        { for comparison.rows.iter().map(|row| html! {
                            <tr class={classes!(row.changed.then_some("changed"))}>
                                <th scope="row">{ row.label.render(crate::i18n::Lang::En) }</th>
                                <td>{ row.baseline.text.render(crate::i18n::Lang::En) }</td>
                                <td>{ row.scenario.text.render(crate::i18n::Lang::En) }</td>
                            </tr>
                        }) }
                    </tbody>
                </table>
            } else {
                <p>{ "The proposal cannot be applied to this case; the workspace says why." }</p>
            }
            <h2>{ "The likely sentence if convicted, status quo" }</h2>
            <SentenceChart bins={props.bins.clone()} sentence={props.sentence} />
            <h2>{ "What it assumes" }</h2>
            <ul class="brief-list">
                { for props.assumptions.iter().take(ASSUMPTIONS_SHOWN).map(|a| html! {
                    <li>{ format!("{} = {}: {}", a.field, a.value, a.reason.render(crate::i18n::Lang::En)) }</li>
                }) }
                if props.assumptions.len() > ASSUMPTIONS_SHOWN {
                    <li>{ format!("and {} more facts assumed, listed in the worksheet.", props.assumptions.len() - ASSUMPTIONS_SHOWN) }</li>
                }
                if edited.is_empty() {
                    <li>{ "Every model assumption at its default." }</li>
                } else {
                    <li>{ edited_assumptions(&edited) }</li>
                }
                <li>{ format!("{sourced} of the {} prosecution-model figures are published; the rest are assumptions fitted to aggregate figures, so read acceptance as a model's estimate.", params.len()) }</li>
            </ul>
            <h2>{ "Sources" }</h2>
            <ul class="brief-list">
                <li>{ format!("Statutes: {}; {} (USSG).", props.statutes, props.manual) }</li>
                <li>{ format!("Proposal: {}", proposal.source) }</li>
                <li>{ "Goodman (2011), U.S. Firearms Trafficking to Mexico, Wilson Center: declined referrals, penalties, the 10–20 gun threshold." }</li>
                <li>{ format!("Published model figures: {}.", model_sources.join("; ")) }</li>
            </ul>
            <p class="brief-link">
                { "Reproduce these numbers: " }
                <a href={link.clone()} data-testid="brief-link">{ link }</a>
            </p>
        </article>
    }
}
