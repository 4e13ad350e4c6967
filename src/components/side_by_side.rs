//! The current case under the status quo and under the proposal, output by output, each
//! difference explained by the changes that cause it.

use threshold_engine::export::side_by_side_csv;
use threshold_engine::scenario::{NothingMoves, SideBySide};
use threshold_engine::{Case, Stamp};
use yew::prelude::*;

use crate::components::download_button::DownloadButton;
use crate::download::file_name_part;
use crate::i18n::{render, t, tf, use_lang, verbatim, Arg};

#[derive(Properties, PartialEq)]
pub struct SideBySideProps {
    pub comparison: SideBySide,
    /// The status quo case's stamp, for the download.
    pub stamp: Stamp,
    /// Why nothing moved, when nothing did.
    #[prop_or_default]
    pub nothing: Option<NothingMoves>,
    /// Whether an example case is on the form in place of the user's own.
    #[prop_or_default]
    pub trying_example: bool,
    pub on_try: Callback<Case>,
    pub on_restore: Callback<()>,
}

#[component]
pub fn SideBySidePanel(props: &SideBySideProps) -> Html {
    let lang = use_lang();
    let c = &props.comparison;
    let nothing = props.nothing.as_ref().map(|n| {
        let offer = n.probe.as_ref().map(|(case, label)| {
            let on_try = props.on_try.clone();
            let case = case.clone();
            html! {
                <button type="button" class="secondary" data-testid="try-probe"
                    onclick={move |_: MouseEvent| on_try.emit(case.clone())}>
                    { tf(lang, "scenario.side.try_probe", &[("case", Arg::from(label.clone()))]) }
                </button>
            }
        });
        html! {
            <div class="nothing-moves" data-testid="nothing-moves">
                <p>{ render(lang, &n.why) }</p>
                { for offer }
            </div>
        }
    });
    let restore = props.trying_example.then(|| {
        let on_restore = props.on_restore.clone();
        html! {
            <p class="trying-example">
                { t(lang, "scenario.side.trying_example") }
                { " " }
                <button type="button" data-testid="restore-case" onclick={move |_: MouseEvent| on_restore.emit(())}>
                    { t(lang, "scenario.side.restore") }
                </button>
            </p>
        }
    });
    html! {
        <div class="side-by-side">
            { for restore }
            { for nothing }
            // Focusable: on a phone the table scrolls sideways, and a keyboard user must be
            // able to reach what is off screen.
            <div class="table-scroll fits" role="region" tabindex="0" aria-label={t(lang, "scenario.side.region")}>
                <table data-testid="side-by-side" class="cards-on-phone">
                    <caption>{ tf(lang, "scenario.side.caption", &[("name", Arg::from(c.scenario_name.clone()))]) }</caption>
                    <thead>
                        <tr>
                            <th scope="col">{ t(lang, "scenario.side.output") }</th>
                            <th scope="col">{ t(lang, "scenario.side.status_quo") }</th>
                            <th scope="col">{ t(lang, "scenario.side.proposal") }</th>
                            <th scope="col">{ t(lang, "scenario.side.why") }</th>
                        </tr>
                    </thead>
                    <tbody>
                        { for c.rows.iter().map(|row| html! {
                            <tr class={classes!(row.changed.then_some("changed"))}>
                                <th scope="row">{ render(lang, &row.label) }</th>
                                <td data-label={t(lang, "scenario.side.status_quo")}>{ render(lang, &row.baseline.text) }</td>
                                <td data-label={t(lang, "scenario.side.proposal")}>
                                    { render(lang, &row.scenario.text) }
                                    if let Some(difference) = row.difference() {
                                        <span class="delta">{ render(lang, &difference) }</span>
                                    }
                                </td>
                                <td data-label={t(lang, "scenario.side.why")}>
                                    if !row.changed {
                                        { t(lang, "scenario.side.unchanged") }
                                    } else if row.causes.is_empty() {
                                        { t(lang, "scenario.side.together_only") }
                                    } else {
                                        <ul class="causes">
                                            { for row.causes.iter().map(|cause| html! {
                                                <li>
                                                    { render(lang, &cause.label) }
                                                    if let Some(d) = row.cause_difference(cause) {
                                                        { format!(": {}", render(lang, &d)) }
                                                    }
                                                </li>
                                            }) }
                                            if let Some(i) = row.interaction_difference() {
                                                <li>{ tf(lang, "scenario.side.interaction", &[("delta", verbatim(render(lang, &i)))]) }</li>
                                            }
                                        </ul>
                                    }
                                </td>
                            </tr>
                        }) }
                    </tbody>
                </table>
            </div>
            if !c.caseload_only.is_empty() {
                <p class="note">
                    { tf(lang, "scenario.side.caseload_only", &[("changes", verbatim(c.caseload_only.iter().map(|m| render(lang, m)).collect::<Vec<_>>().join("; ")))]) }
                </p>
            }
            <p class="downloads">
                <DownloadButton label={t(lang, "scenario.side.download")}
                    file_name={format!("threshold-side-by-side-{}.csv", file_name_part(&c.scenario_id))}
                    mime="text/csv" test_id="download-side-by-side-csv" contents={{
                        let (comparison, stamp) = (c.clone(), props.stamp.clone());
                        Callback::from(move |_| side_by_side_csv(&comparison, &stamp))
                    }} />
            </p>
            <p class="source">{ c.method.render(lang) }</p>
        </div>
    }
}
