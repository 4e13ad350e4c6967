//! "How was this computed?": every step of the engine's worksheet with its citation, in
//! order, and the facts the engine had to assume.

use threshold_engine::law::Checked;
use threshold_engine::likely::LikelySentence;
use threshold_engine::{Assumption, Worksheet};
use yew::prelude::*;

use crate::case_fields::assumption_words;
use crate::components::fold::Fold;

use crate::i18n::{render, t, tf, use_lang, verbatim};
use crate::units;

#[derive(Properties, PartialEq)]
pub struct WorksheetPanelProps {
    pub worksheet: Worksheet,
    /// Facts the prosecution model had to assume.
    #[prop_or_default]
    pub prosecution_assumptions: Vec<Assumption>,
    /// The distributions the likely sentence spreads the unknown facts over.
    #[prop_or_default]
    pub likely: Option<LikelySentence>,
}

/// The label of a rule whose text was not read in primary text; `None` for one that was.
fn checked_key(checked: Checked) -> Option<&'static str> {
    match checked {
        Checked::PrimaryText => None,
        Checked::SecondarySource => Some("results.worksheet.checked.secondary_source"),
        Checked::NotVerified => Some("results.worksheet.checked.not_verified"),
        Checked::Proposal => Some("results.worksheet.checked.proposal"),
    }
}

#[component]
pub fn WorksheetPanel(props: &WorksheetPanelProps) -> Html {
    let lang = use_lang();
    let worksheet = &props.worksheet;
    let assumptions: Vec<&Assumption> = worksheet
        .assumptions
        .iter()
        .chain(
            // The two models may assume the same fact (the plea): list it once.
            props
                .prosecution_assumptions
                .iter()
                .filter(|p| !worksheet.assumptions.iter().any(|w| w.field == p.field)),
        )
        .collect();
    html! {
        <section class="panel worksheet" aria-labelledby="worksheet-title">
            <Fold summary={html! { <h2 id="worksheet-title">{ t(lang, "results.worksheet.title") }</h2> }}>
                <ol class="steps" data-testid="worksheet-steps">
                    { for worksheet.steps.iter().map(|step| {
                        let levels = match (step.level_before, step.level_after) {
                            (Some(before), Some(after)) => format!("{before} → {after}"),
                            (None, Some(after)) => after.to_string(),
                            _ => String::new(),
                        };
                        html! {
                            <li>
                                <span class="rule">{ step.rule_in(lang) }</span>
                                if !levels.is_empty() {
                                    <span class="levels">{ levels }</span>
                                }
                                <span class="reason">{ step.reason.render(lang) }</span>
                                <span class="citation">{ step.citation.get(lang).to_string() }</span>
                                if let Some(key) = step.checked.and_then(checked_key) {
                                    <span class="checked" data-testid="step-checked">{ t(lang, key) }</span>
                                }
                            </li>
                        }
                    }) }
                </ol>
                if !assumptions.is_empty() {
                    <h3>{ t(lang, "results.worksheet.assumed") }</h3>
                    <ul class="assumptions" data-testid="worksheet-assumptions">
                        { for assumptions.iter().map(|a| html! {
                            <li class="assumed">
                                <strong>{ assumption_words(lang, &a.field, &a.value) }</strong>
                                { format!(" — {}", a.reason.render(lang)) }
                            </li>
                        }) }
                    </ul>
                }
                if let Some(likely) = &props.likely {
                    <h3>{ t(lang, "results.worksheet.spread") }</h3>
                    <ul class="spread" data-testid="likely-spread">
                        { for likely.spread.iter().map(|f| html! {
                            <li>
                                <strong>{ render(lang, &f.label) }</strong>{ ": " }
                                { f.shares.iter().map(|s| format!("{} {}", render(lang, &s.value), units::percent(lang, s.share))).collect::<Vec<_>>().join(", ") }
                                { tf(lang, "results.likely.from", &[("source", verbatim(render(lang, &f.source)))]) }
                            </li>
                        }) }
                    </ul>
                }
            </Fold>
        </section>
    }
}
