//! The current case under the status quo and under the proposal, output by output, each
//! difference explained by the changes that cause it.

use threshold_engine::export::side_by_side_csv;
use threshold_engine::scenario::SideBySide;
use yew::prelude::*;

use crate::components::download_button::DownloadButton;
use crate::download::file_name_part;
use crate::units;

#[derive(Properties, PartialEq)]
pub struct SideBySideProps {
    pub comparison: SideBySide,
}

fn signed(delta: f64) -> String {
    let text = units::number(crate::i18n::Lang::En, delta.abs());
    if delta > 0.0 {
        format!("+{text}")
    } else if delta < 0.0 {
        format!("−{text}")
    } else {
        "0".into()
    }
}

#[component]
pub fn SideBySidePanel(props: &SideBySideProps) -> Html {
    let c = &props.comparison;
    html! {
        <div class="side-by-side">
            // Focusable: on a phone the table scrolls sideways, and a keyboard user must be
            // able to reach what is off screen.
            <div class="table-scroll" role="region" tabindex="0" aria-label="This case side by side">
                <table data-testid="side-by-side">
                    <caption>{ format!("This case: status quo beside “{}”", c.scenario_name) }</caption>
                    <thead>
                        <tr>
                            <th scope="col">{ "Output" }</th>
                            <th scope="col">{ "Status quo" }</th>
                            <th scope="col">{ "Proposal" }</th>
                            <th scope="col">{ "Why it moved" }</th>
                        </tr>
                    </thead>
                    <tbody>
                        { for c.rows.iter().map(|row| html! {
                            <tr class={classes!(row.changed.then_some("changed"))}>
                                <th scope="row">{ row.label.render(crate::i18n::Lang::En) }</th>
                                <td>{ row.baseline.text.render(crate::i18n::Lang::En) }</td>
                                <td>
                                    { row.scenario.text.render(crate::i18n::Lang::En) }
                                    if let (true, Some(delta)) = (row.changed, row.delta) {
                                        <span class="delta">{ format!(" ({})", signed(delta)) }</span>
                                    }
                                </td>
                                <td>
                                    if !row.changed {
                                        { "unchanged" }
                                    } else if row.causes.is_empty() {
                                        { "the changes together (none moves it alone)" }
                                    } else {
                                        <ul class="causes">
                                            { for row.causes.iter().map(|cause| html! {
                                                <li>
                                                    { cause.label.clone() }
                                                    if let Some(d) = cause.delta {
                                                        { format!(" ({})", signed(d)) }
                                                    }
                                                </li>
                                            }) }
                                            if let Some(i) = row.interaction.filter(|i| i.abs() > 0.05) {
                                                <li>{ format!("acting together: {}", signed(i)) }</li>
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
                    { format!("Changes that act on a caseload, not on one case: {}.", c.caseload_only.iter().map(|m| m.render(crate::i18n::Lang::En)).collect::<Vec<_>>().join("; ")) }
                </p>
            }
            <p class="downloads">
                <DownloadButton label="Download this comparison (CSV)"
                    file_name={format!("threshold-side-by-side-{}.csv", file_name_part(&c.scenario_id))}
                    mime="text/csv" test_id="download-side-by-side-csv" contents={{
                        let comparison = c.clone();
                        Callback::from(move |_| side_by_side_csv(&comparison))
                    }} />
            </p>
            <p class="source">{ c.method.render(crate::i18n::Lang::En) }</p>
        </div>
    }
}
