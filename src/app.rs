//! The root component: holds the one app state, asks the engine for results on every
//! change, and lays out the workspace.

use threshold_engine::{
    evaluate, sentence_histogram, Evaluation, GuidelineRange, HistogramBin, Law, SentencingParams,
};
use yew::prelude::*;

use crate::components::{
    assumptions_panel::AssumptionsPanel, case_builder::CaseBuilder,
    results_summary::ResultsSummary, sentence_chart::SentenceChart, site_footer::SiteFooter,
    site_header::SiteHeader, worksheet_panel::WorksheetPanel,
};
use crate::state::{Action, AppState};

/// Bars in the sentence chart: fine enough to show the range, few enough to read.
const CHART_BINS: usize = 24;

/// Everything the engine says about the current state.
#[derive(PartialEq)]
struct Outcome {
    evaluation: Evaluation,
    histogram: Vec<HistogramBin>,
}

/// Asks the engine about the current state, or says in plain words why it cannot answer.
fn compute(state: &AppState) -> Result<Outcome, String> {
    let params = SentencingParams::embedded()
        .with_overrides(&state.sentencing_overrides)
        .map_err(|why| format!("The sentencing assumptions do not fit together: {why}."))?;
    let evaluation =
        evaluate(&state.case, Law::embedded(), &params).map_err(|error| error.to_string())?;
    let range = GuidelineRange {
        min_months: evaluation.guideline_range_months.min,
        max_months: evaluation.guideline_range_months.max,
    };
    let histogram = sentence_histogram(
        range,
        evaluation.zone,
        evaluation.statutory_min_months,
        evaluation.total_statutory_max_months,
        &params,
        CHART_BINS,
    );
    Ok(Outcome {
        evaluation,
        histogram,
    })
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
        Ok(Outcome {
            evaluation,
            histogram,
        }) => html! {
            <>
                <ResultsSummary evaluation={evaluation.clone()}>
                    <SentenceChart bins={histogram.clone()} sentence={evaluation.expected_sentence_months} />
                </ResultsSummary>
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
