//! The root component: holds the one app state, asks the engine for results on every
//! change, and lays out the workspace.

use threshold_engine::{evaluate, Evaluation, Law, SentencingParams};
use yew::prelude::*;

use crate::components::{
    assumptions_panel::AssumptionsPanel, case_builder::CaseBuilder,
    results_summary::ResultsSummary, site_footer::SiteFooter, site_header::SiteHeader,
    worksheet_panel::WorksheetPanel,
};
use crate::state::{Action, AppState};

/// Everything the engine says about the current state, or why it cannot say it.
fn compute(state: &AppState) -> Result<Evaluation, String> {
    let params = SentencingParams::embedded()
        .with_overrides(&state.sentencing_overrides)
        .map_err(|why| format!("The sentencing assumptions do not fit together: {why}."))?;
    evaluate(&state.case, Law::embedded(), &params).map_err(|error| error.to_string())
}

#[component]
pub fn App() -> Html {
    let state = use_reducer(AppState::default);
    let on_action = {
        let state = state.clone();
        Callback::from(move |action: Action| state.dispatch(action))
    };
    // Recomputed only when the state changes (a no-op action returns the same Rc).
    let result = use_memo((*state).clone(), compute);

    let results = match &*result {
        Ok(evaluation) => html! {
            <>
                <ResultsSummary evaluation={evaluation.clone()} />
                <WorksheetPanel worksheet={evaluation.worksheet.clone()} />
            </>
        },
        Err(message) => html! {
            <section class="panel error-panel" role="alert" data-testid="evaluation-error">
                <h2>{ "Cannot compute this case" }</h2>
                <p>{ message.clone() }</p>
                <p>{ "Change the charge or the law above; nothing you entered is lost." }</p>
            </section>
        },
    };

    html! {
        <>
            <SiteHeader />
            <main id="main" class="workspace">
                <div class="case-column">
                    <CaseBuilder case={state.case.clone()} on_action={on_action.clone()} />
                </div>
                <div class="results-column">
                    { results }
                </div>
                <div class="wide-column">
                    <AssumptionsPanel overrides={state.sentencing_overrides.clone()} on_action={on_action} />
                </div>
            </main>
            <SiteFooter />
        </>
    }
}
