//! The root component: holds the one app state, asks the engine for results on every
//! change, and lays out the workspace.

use std::rc::Rc;
use std::sync::OnceLock;

use gloo::events::EventListener;
use gloo::timers::callback::Timeout;
use wasm_bindgen::{JsCast, JsValue};

use threshold_engine::answer::{era_comparison, EraComparison};
use threshold_engine::scenario::{nothing_moves, side_by_side, NothingMoves, SideBySide};
use threshold_engine::timeline::{timeline, Timeline};
use threshold_engine::{
    assess_charge_set, compare_charges, evaluate, firearms_threshold, sentence_histogram,
    ChargeComparison, Evaluation, GuidelineRange, HistogramBin, Law, ProsecutionAssessment, Stamp,
    ThresholdFinding,
};
use yew::prelude::*;

use crate::browser_storage;
use crate::case_deck::case_deck;
use crate::components::caseload_panel::FinishedRun;
use crate::components::{
    acceptance_panel::AcceptancePanel, answer_card::AnswerCard,
    assumptions_panel::AssumptionsPanel, brief::Brief, case_builder::CaseBuilder,
    caseload_panel::CaseloadPanel, charge_comparison::ChargeComparisonPanel,
    law_timeline::LawTimeline, likely_sentence::LikelySentenceNote,
    model_checks_panel::ModelChecksPanel, presentation::Presentation, result_bar::ResultBar,
    results_summary::ResultsSummary, saved_panel::SavedPanel, scenario_panel::ScenarioPanel,
    sentence_chart::SentenceChart, side_by_side::SideBySidePanel, site_footer::SiteFooter,
    site_header::SiteHeader, worksheet_panel::WorksheetPanel,
};
use crate::i18n::{self, t, tf, Arg, Lang, Message};
use crate::saved_scenarios::StorageProblem;
use crate::share_link;
use crate::state::{Action, AppState, Deck};
use crate::story::story;
use threshold_engine::caseload::ReferralPopulation;
use threshold_engine::likely::{likely_sentence, LikelySentence};

/// The render stages after the first paint (see `App`).
const LAST_STAGE: u8 = 2;

/// Bars in the sentence chart: fine enough to show the range, few enough to read.
const CHART_BINS: usize = 24;

/// Everything the engine says about the current state.
#[derive(PartialEq)]
struct Outcome {
    /// The count that sets the guideline range, with its worksheet.
    governing: Evaluation,
    /// Range, sentence and prosecution figures for all the counts brought together.
    assessment: ProsecutionAssessment,
    comparison: ChargeComparison,
    threshold: ThresholdFinding,
    histogram: Vec<HistogramBin>,
    /// The case under the proposal; an error here leaves the rest standing.
    side_by_side: Result<SideBySide, Message>,
    /// Why the proposal moves nothing for the case, when it moves nothing.
    nothing: Option<NothingMoves>,
    /// The case under each Manual and statute change since 2010.
    timeline: Result<Timeline, Message>,
    /// The sentence over the facts not given, each spread over the referral population.
    likely: Option<LikelySentence>,
    /// The case under April 2011 law and under today's law; an error leaves the rest.
    eras: Result<EraComparison, Message>,
}

/// Asks the engine about the current state, or says in plain words why it cannot answer.
fn compute(state: &AppState) -> Result<Outcome, Message> {
    let law = Law::embedded();
    let base = state.baseline()?;
    let (sentencing, prosecution) = (&base.sentencing, &base.prosecution);
    let mut governing: Option<Evaluation> = None;
    for &charge in &state.charges {
        let mut count = state.case.clone();
        count.charge = charge;
        let evaluation = evaluate(&count, law, sentencing).map_err(|e| e.message())?;
        if governing
            .as_ref()
            .is_none_or(|g| evaluation.offense_level > g.offense_level)
        {
            governing = Some(evaluation);
        }
    }
    let governing = governing.ok_or_else(|| Message::new("app.no_charge"))?;
    let assessment = assess_charge_set(&state.case, &state.charges, law, sentencing, prosecution)
        .map_err(|e| e.message())?;
    let comparison =
        compare_charges(&state.case, law, sentencing, prosecution).map_err(|e| e.message())?;
    let threshold = firearms_threshold(&state.case, &state.charges, law, sentencing, prosecution)
        .map_err(|e| e.message())?;
    let option = &assessment.option;
    let histogram = sentence_histogram(
        GuidelineRange {
            min_months: option.guideline_range_months.min,
            max_months: option.guideline_range_months.max,
        },
        option.zone,
        option.statutory_min_months,
        option.total_statutory_max_months,
        option.probation_allowed,
        sentencing,
        CHART_BINS,
    );
    let side_by_side =
        side_by_side(&state.case, &base, &state.scenario).map_err(|e| e.plain_message());
    let nothing = side_by_side
        .as_ref()
        .ok()
        .and_then(|c| nothing_moves(&base, &state.scenario, c));
    let timeline = timeline(&state.case, law).map_err(|e| e.message());
    let eras = era_comparison(&state.case, law, sentencing, prosecution).map_err(|e| e.message());
    let mut governing_case = state.case.clone();
    governing_case.charge = governing.charge;
    let likely = likely_sentence(
        &governing_case,
        law,
        sentencing,
        prosecution,
        ReferralPopulation::embedded(),
    )
    .map_err(|e| e.message())?;
    Ok(Outcome {
        governing,
        assessment,
        comparison,
        threshold,
        histogram,
        side_by_side,
        timeline,
        likely,
        eras,
        nothing,
    })
}

/// The page address's fragment, without its `#`.
fn location_fragment() -> String {
    let hash = web_sys::window()
        .and_then(|w| w.location().hash().ok())
        .unwrap_or_default();
    hash.strip_prefix('#').unwrap_or(&hash).to_string()
}

/// What a fragment opens: `None` for no link (or an anchor in the page), else the view and
/// the language it names, or the words for why it cannot be opened.
fn open_fragment(fragment: &str) -> Option<Result<(AppState, Option<Lang>), Message>> {
    share_link::is_link(fragment)
        .then(|| share_link::decode_with_lang(fragment).map_err(|error| error.message()))
}

/// Marks the document's language, so screen readers pronounce it and the browser offers
/// no translation of a page already in the reader's language.
fn mark_document_lang(lang: Lang) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    if let Some(root) = document.document_element() {
        let _ = root.set_attribute("lang", lang.tag());
    }
    document.set_title(&t(lang, "app.document_title"));
}

/// Puts `link` in the address bar so that reloading or copying the address keeps the view.
fn write_fragment(link: &str) {
    // The default view's links, one per language, encoded once: this runs after every
    // change.
    static DEFAULT_LINKS: OnceLock<Vec<String>> = OnceLock::new();
    let default_links = DEFAULT_LINKS.get_or_init(|| {
        Lang::ALL
            .into_iter()
            .map(|lang| {
                share_link::encode(&AppState {
                    lang,
                    ..AppState::default()
                })
            })
            .collect()
    });
    let current = location_fragment();
    // The default view on a fresh page keeps its plain address.
    if current == link
        || (!share_link::is_link(&current) && default_links.iter().any(|d| d == link))
    {
        return;
    }
    // replaceState: one history entry per keystroke would make Back useless.
    if let Some(history) = web_sys::window().and_then(|w| w.history().ok()) {
        let _ = history.replace_state_with_url(&JsValue::NULL, "", Some(&format!("#{link}")));
    }
}

#[component]
pub fn App() -> Html {
    let opened = use_memo((), |_| open_fragment(&location_fragment()));
    let link_error = use_state(|| match &*opened {
        Some(Err(message)) => Some(message.clone()),
        _ => None,
    });
    let state = use_reducer(|| {
        let (mut state, link_lang) = match &*opened {
            Some(Ok((state, lang))) => (state.clone(), *lang),
            _ => (AppState::default(), None),
        };
        state.lang = i18n::initial_lang(
            link_lang,
            browser_storage::remembered_lang().as_deref(),
            &browser_storage::browser_languages(),
        );
        state
    });
    use_effect_with(state.lang, |&lang| mark_document_lang(lang));
    let on_lang = {
        let dispatch = state.dispatcher();
        use_callback((), move |lang: Lang, _| {
            browser_storage::remember_lang(lang);
            dispatch.dispatch(Action::SetLang(lang));
        })
    };
    // The view's link, encoded once per change for the address bar and the printed brief.
    let view_link = use_memo((*state).clone(), share_link::encode);
    // The listener below outlives this render, so it reads the newest link from here.
    let latest_link = use_mut_ref(String::new);
    let pending_write = use_mut_ref(|| None::<Timeout>);
    {
        // The address bar is written in a task of its own after the page has updated:
        // `replaceState` costs a few milliseconds that typing should not wait for. A newer
        // edit cancels a write not yet done (dropping a Timeout clears it).
        let (latest_link, pending_write) = (latest_link.clone(), pending_write.clone());
        use_effect_with(view_link.clone(), move |link| {
            let link = (**link).clone();
            *latest_link.borrow_mut() = link.clone();
            *pending_write.borrow_mut() = Some(Timeout::new(0, move || write_fragment(&link)));
        });
    }
    // "Copy link" writes any pending address first, so it copies exactly what is shown.
    let current_address = {
        let (latest_link, pending_write) = (latest_link.clone(), pending_write.clone());
        Callback::from(move |()| {
            pending_write.borrow_mut().take();
            write_fragment(&latest_link.borrow());
            web_sys::window()
                .and_then(|w| w.location().href().ok())
                .unwrap_or_default()
        })
    };
    {
        // A link pasted into the address bar of an open page arrives as a hash change.
        let (dispatch, link_error) = (state.dispatcher(), link_error.clone());
        use_effect_with((), move |_| {
            let listener = web_sys::window().map(|window| {
                EventListener::new(&window, "hashchange", move |_| {
                    match open_fragment(&location_fragment()) {
                        Some(Ok((state, lang))) => {
                            link_error.set(None);
                            dispatch.dispatch(Action::Replace(Box::new(state)));
                            if let Some(lang) = lang {
                                dispatch.dispatch(Action::SetLang(lang));
                            }
                        }
                        Some(Err(message)) => {
                            link_error.set(Some(message));
                            dispatch.dispatch(Action::Replace(Box::default()));
                        }
                        // An anchor (the skip link): put the view's link back.
                        None => write_fragment(&latest_link.borrow()),
                    }
                })
            });
            move || drop(listener)
        });
    }
    {
        // Storage is read after the first paint, so a slow disk never delays the results.
        let dispatch = state.dispatcher();
        use_effect_with((), move |_| {
            dispatch.dispatch(Action::LoadSaved(browser_storage::load()));
        });
    }
    {
        // Another tab of this browser saved or deleted: follow it, or this tab's next write
        // would put back the list as it was and lose that change.
        let dispatch = state.dispatcher();
        use_effect_with((), move |_| {
            let listener = web_sys::window().map(|window| {
                EventListener::new(&window, "storage", move |_| {
                    if let Some(entries) = browser_storage::read_entries() {
                        dispatch.dispatch(Action::SyncSaved(entries));
                    }
                })
            });
            move || drop(listener)
        });
    }
    {
        // Written after each change the user makes to the list, never on load (see
        // `SavedShelf::revision`); a refusal is reported, the list stays in the page.
        let dispatch = state.dispatcher();
        let shelf = state.saved.clone();
        use_effect_with(state.saved.revision, move |revision| {
            if *revision > 0 {
                match browser_storage::store(&shelf) {
                    Ok(()) => {
                        if matches!(shelf.problem, Some(StorageProblem::WriteFailed(_))) {
                            dispatch.dispatch(Action::SetStorageProblem(None));
                        }
                    }
                    Err(problem) => dispatch.dispatch(Action::SetStorageProblem(Some(problem))),
                }
            }
        });
    }
    // One callback for the page's life: a new one on each render would make every panel
    // that takes it (the caseload run, the assumptions) render again on every keystroke.
    let on_action = {
        let dispatcher = state.dispatcher();
        use_callback((), move |action: Action, _| dispatcher.dispatch(action))
    };
    // Recomputed when what the single case depends on changes; caseload settings (seed,
    // draws, imported cases) only restart the caseload run below.
    let result = use_memo(
        (
            state.case.clone(),
            state.charges.clone(),
            state.sentencing_overrides.clone(),
            state.prosecution_overrides.clone(),
            state.scenario.clone(),
        ),
        |_| compute(&state),
    );
    // Assumptions that do not fit together leave nothing for the caseload run to project;
    // the results say why.
    let baseline_ok = *use_memo(
        (
            state.sentencing_overrides.clone(),
            state.prosecution_overrides.clone(),
        ),
        |_| state.baseline().is_ok(),
    );
    // What the case's downloads name as their source; §1B1.11 may weigh two Manuals, so
    // only a new case or seed asks again.
    let stamp = use_memo((state.case.clone(), state.caseload.seed), |(case, seed)| {
        Stamp::for_case(case, Law::embedded(), *seed)
    });

    // The caseload panel's last finished run, for the slides and the printed brief.
    let caseload_run = use_state(|| None::<FinishedRun>);
    let on_caseload_run = {
        let setter = caseload_run.setter();
        use_callback((), move |run, _| setter.set(run))
    };
    // A deck is computed only while presenting: nothing on the form can change then, so
    // entering the presentation, the deck and the language are all it depends on.
    let slides = use_memo(
        (
            state.presenting.is_some(),
            state.deck,
            state.lang,
            (*caseload_run).clone(),
        ),
        |(presenting, deck, _, run)| match (presenting, deck) {
            (false, _) => Ok(Vec::new()),
            (true, Deck::YourCase) => case_deck(&state, run.as_ref().map(|r| &*r.0)),
            (true, Deck::Story) => story(&state),
        },
    );
    {
        // Leaving the presentation puts focus back on the button that started it.
        let was_presenting = use_mut_ref(|| false);
        use_effect_with(state.presenting.is_some(), move |&presenting| {
            if *was_presenting.borrow() && !presenting {
                if let Some(button) = web_sys::window()
                    .and_then(|w| w.document())
                    .and_then(|d| d.get_element_by_id("present-button"))
                    .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
                {
                    let _ = button.focus();
                }
            }
            *was_presenting.borrow_mut() = presenting;
        });
    }
    // The first paint shows the form and the answer; the rest of the results column and
    // the hidden print brief follow in the next task, the panels below in the one after, so
    // opening the page never holds the browser in one long task (a phone's first input
    // would wait for all of it).
    let stage = use_state(|| 0u8);
    {
        let stage = stage.clone();
        use_effect_with(*stage, move |&now| {
            let timeout = (now < LAST_STAGE).then(|| Timeout::new(0, move || stage.set(now + 1)));
            move || drop(timeout)
        });
    }
    let (results_done, settled) = (*stage >= 1, *stage >= LAST_STAGE);
    // After every hook: a component must call the same hooks on every render.
    let lang = state.lang;
    // Every component below reads the language from here (`use_lang`).
    let in_lang = |content: Html| {
        html! {
            <ContextProvider<Lang> context={lang}>{ content }</ContextProvider<Lang>>
        }
    };
    if let Some(index) = state.presenting {
        return in_lang(html! {
            <Presentation {slides} {index} deck={state.deck} on_action={on_action.clone()} />
        });
    }

    // One copy of the view for the panels that export or print all of it.
    let view = Rc::new((*state).clone());
    let results = match &*result {
        Ok(outcome) => html! {
            <>
                <ResultBar option={outcome.assessment.option.clone()} />
                <ResultsSummary option={outcome.assessment.option.clone()} governing={outcome.governing.clone()}>
                    <SentenceChart bins={outcome.histogram.clone()}
                        sentence={outcome.assessment.option.expected_sentence_months} />
                </ResultsSummary>
                if let Some(likely) = &outcome.likely {
                    <LikelySentenceNote likely={likely.clone()} />
                }
                <AcceptancePanel assessment={outcome.assessment.clone()} threshold={outcome.threshold.clone()}
                    firearms={state.case.firearms} />
                if results_done {
                <ChargeComparisonPanel comparison={outcome.comparison.clone()} stamp={(*stamp).clone()} chosen={state.charges.clone()}
                    on_choose={on_action.reform(Action::SetChargeSet)} />
                <Brief state={view.clone()} link={AttrValue::from((*view_link).clone())} side_by_side={outcome.side_by_side.as_ref().ok().cloned()}
                    bins={outcome.histogram.clone()} sentence={outcome.assessment.option.expected_sentence_months}
                    assumptions={outcome.governing.worksheet.assumptions.clone()}
                    statutes={outcome.assessment.option.statutes.clone()} caseload={(*caseload_run).clone()} stamp={(*stamp).clone()} />
                <WorksheetPanel worksheet={outcome.governing.worksheet.clone()}
                    prosecution_assumptions={outcome.assessment.assumptions.clone()}
                    likely={outcome.likely.clone()} />
                if let Ok(timeline) = &outcome.timeline {
                    <LawTimeline timeline={timeline.clone()} />
                }
                <ScenarioPanel scenario={state.scenario.clone()} on_action={on_action.clone()}>
                    { match &outcome.side_by_side {
                        Ok(comparison) => html! {
                            <SideBySidePanel comparison={comparison.clone()} stamp={(*stamp).clone()} nothing={outcome.nothing.clone()}
                                trying_example={state.own_case.is_some()}
                                on_try={on_action.reform(|case| Action::TryCase(Box::new(case)))}
                                on_restore={on_action.reform(|_| Action::RestoreCase)} />
                        },
                        Err(message) => html! {
                            <p class="field-error" role="alert">{ tf(lang, "app.proposal_cannot_apply", &[("why", Arg::from(message.clone()))]) }</p>
                        },
                    } }
                </ScenarioPanel>
                }
            </>
        },
        Err(message) => html! {
            <section class="panel error-panel" role="alert" data-testid="evaluation-error">
                <h2>{ t(lang, "app.cannot_compute") }</h2>
                <p>{ i18n::render(lang, message) }</p>
                <p>{ t(lang, "app.nothing_lost") }</p>
            </section>
        },
    };

    // Its own cell of the grid: first on a phone, beside the form's top on a desktop.
    let answer = match &*result {
        Ok(Outcome { eras: Ok(eras), .. }) => html! {
            <AnswerCard comparison={eras.clone()} era={state.case.law_era} chosen={state.charges.clone()}
                on_choose={on_action.reform(Action::SetChargeSet)} />
        },
        _ => html! {},
    };

    in_lang(html! {
        <>
            <SiteHeader imported={state.caseload.imported.is_some()} {current_address}
                on_present={on_action.reform(|_| Action::Present(Some(0)))} {on_lang} />
            if let Some(message) = &*link_error {
                <div class="link-error" role="alert" data-testid="link-error">
                    <p>{ i18n::render(lang, message) }</p>
                    <button type="button" class="secondary" onclick={
                        let link_error = link_error.clone();
                        move |_: MouseEvent| link_error.set(None)
                    }>{ t(lang, "app.dismiss") }</button>
                </div>
            }
            <main id="main" class="workspace" data-ready={settled.then_some("true")}>
                <div class="answer-column">
                    { answer }
                </div>
                <div class="case-column">
                    <CaseBuilder case={state.case.clone()} trying_example={state.own_case.is_some()} on_action={on_action.clone()} />
                </div>
                <div class="results-column">
                    { results }
                </div>
                <div class="wide-column">
                    if settled {
                    <SavedPanel state={view} on_action={on_action.clone()} />
                    if baseline_ok {
                        <CaseloadPanel scenario={state.scenario.clone()} sentencing={state.sentencing_overrides.clone()}
                            prosecution={state.prosecution_overrides.clone()}
                            settings={state.caseload.clone()} on_action={on_action.clone()} on_summary={on_caseload_run} />
                    }
                    <AssumptionsPanel sentencing_overrides={state.sentencing_overrides.clone()}
                        prosecution_overrides={state.prosecution_overrides.clone()} {on_action} />
                    <ModelChecksPanel />
                    }
                </div>
            </main>
            <SiteFooter />
        </>
    })
}
