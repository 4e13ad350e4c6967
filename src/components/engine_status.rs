//! A first panel that proves the engine runs in the browser: a guideline range lookup.

use threshold_engine::{guideline_range, zone, CriminalHistory, ManualEdition};
use yew::prelude::*;

/// The straw-purchase starting point the seed paper describes: base offense level 12
/// (USSG §2K2.1(a)(7)), first offender (criminal history category I).
const EXAMPLE_LEVEL: i32 = 12;

#[component]
pub fn EngineStatus() -> Html {
    let edition = ManualEdition::Nov2010;
    let history = CriminalHistory::I;
    let range = guideline_range(EXAMPLE_LEVEL, history);
    let zone = zone(range, edition);
    html! {
        <section class="panel" aria-labelledby="engine-status-title">
            <h2 id="engine-status-title">{ "Engine check" }</h2>
            <p>
                { format!("Offense level {EXAMPLE_LEVEL}, criminal history category {history}: ") }
                <strong data-testid="guideline-range">{ range.to_string() }</strong>
                { format!(", zone {zone}.") }
            </p>
            <p class="source">
                { format!("Source: USSG §5A Sentencing Table, {}.", edition.label()) }
            </p>
        </section>
    }
}
