//! The whole caseload, status quo beside the proposal: a seeded Monte Carlo run in slices
//! between frames (input never waits for it), its totals with 90% intervals, histograms,
//! the referrals the proposal flips, and the tornado of the assumptions that drive it.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use gloo::file::callbacks::{read_as_text, FileReader};
use gloo::timers::callback::Timeout;
use threshold_engine::caseload::{
    flip_definition, ChargePolicy, Interval, Projection, ProjectionSummary, ReferralPopulation,
};
use threshold_engine::export::projection_csv;
use threshold_engine::scenario::{Baseline, Scenario};
use threshold_engine::sensitivity::{Metric, Sensitivity, SensitivityRun};
use threshold_engine::{Law, Stamp};
use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::caseload_import::{read_cases, ImportError, MAX_CSV_BYTES};
use crate::components::download_button::DownloadButton;
use crate::components::paired_histogram::PairedHistogram;
use crate::components::param_field::ParamField;
use crate::components::tornado_chart::TornadoChart;
use crate::components::whole_number_field::WholeNumberField;
use crate::download::file_name_part;
use crate::i18n::{render, t, tf, tn, use_lang, verbatim, Lang, Message};
use crate::parameters::{mix_in_percent, mix_param_name};
use crate::state::{Action, CaseloadSettings, ImportedCases, MAX_DRAWS};
use crate::units;

#[derive(Properties)]
pub struct CaseloadPanelProps {
    pub scenario: Scenario,
    pub baseline: Rc<Baseline>,
    pub settings: CaseloadSettings,
    pub on_action: Callback<Action>,
    /// Each finished run, and `None` when a new one starts: the slides and the printed brief
    /// show this run's figures rather than draw their own.
    pub on_summary: Callback<Option<FinishedRun>>,
}

/// A finished caseload run, shared with the slides and the brief. Compared by identity:
/// each run is a new one, and comparing two by value walks their histograms on every
/// render of the page that holds it.
#[derive(Debug, Clone)]
pub struct FinishedRun(pub Rc<ProjectionSummary>);

impl PartialEq for FinishedRun {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

impl PartialEq for CaseloadPanelProps {
    /// The baseline by identity: the app makes a new one only when the assumptions change,
    /// and comparing two by value walks the whole law on every keystroke.
    fn eq(&self, other: &Self) -> bool {
        self.scenario == other.scenario
            && Rc::ptr_eq(&self.baseline, &other.baseline)
            && self.settings == other.settings
            && self.on_action == other.on_action
            && self.on_summary == other.on_summary
    }
}

/// A fraction rounded down to whole percents, as the progress bar shows it.
fn whole_percent(fraction: f64) -> f64 {
    (fraction * 100.0).floor() / 100.0
}

/// Work per slice before handing the thread back to the browser: well inside one frame.
const SLICE_MS: f64 = 8.0;
/// The tornado re-evaluates the caseload four times per parameter; beyond this many
/// referrals it would keep the page busy for minutes, so it runs on the referral population only.
const TORNADO_MAX_REFERRALS: usize = 2_000;

fn now_ms() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map_or(0.0, |p| p.now())
}

/// What the progress bar says the run is doing.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Step {
    Starting,
    Preparing,
    Drawing,
    Tornado,
    Done,
}

impl Step {
    fn label(self, lang: Lang) -> AttrValue {
        match self {
            Step::Starting => t(lang, "caseload.progress.starting"),
            Step::Preparing => t(lang, "caseload.progress.preparing"),
            Step::Drawing => t(lang, "caseload.progress.drawing"),
            Step::Tornado => t(lang, "caseload.progress.tornado"),
            Step::Done => t(lang, "caseload.progress.done"),
        }
    }
}

/// What the background run is doing.
enum Stage {
    Projecting(Box<Projection>),
    Tornado(Box<SensitivityRun>),
    Finished,
}

/// Runs `slice` again after every return of `false`, one browser task at a time, until it
/// returns `true` or `cancelled` is set.
fn drive(cancelled: Rc<Cell<bool>>, slice: Rc<RefCell<dyn FnMut() -> bool>>) {
    Timeout::new(0, move || {
        if cancelled.get() {
            return;
        }
        let done = (slice.borrow_mut())();
        if !done {
            drive(cancelled, slice);
        }
    })
    .forget();
}

fn interval(lang: Lang, i: &Interval, per: f64) -> String {
    format!(
        "{} ({}–{})",
        units::number(lang, i.mean * per),
        units::number(lang, i.p5 * per),
        units::number(lang, i.p95 * per)
    )
}

/// A cell: the interval over chance and assumptions when the projection drew it, and
/// under it the interval over chance alone.
fn cell(lang: Lang, full: Option<&Interval>, chance: &Interval) -> Html {
    match full {
        Some(f) => html! {
            <>
                { interval(lang, f, 1.0) }
                <br />
                <span class="chance-alone">{ tf(lang, "caseload.chance_alone", &[
                    ("low", verbatim(units::number(lang, chance.p5))),
                    ("high", verbatim(units::number(lang, chance.p95))),
                ]) }</span>
            </>
        },
        None => html! { { interval(lang, chance, 1.0) } },
    }
}

#[component]
pub fn CaseloadPanel(props: &CaseloadPanelProps) -> Html {
    let lang = use_lang();
    // Equal values skip the re-render: the bar moves in whole percents, and redrawing the
    // panel after every 8 ms slice would double each slice's hold on the page.
    let progress = use_state_eq(|| (Step::Starting, 0.0f64));
    let summary = use_state(|| None::<ProjectionSummary>);
    let tornado = use_state(|| None::<Sensitivity>);
    let failure = use_state(|| None::<Message>);
    let import_error = use_state(|| None::<ImportError>);
    let reader = use_mut_ref(|| None::<FileReader>);

    {
        let (progress, summary, tornado, failure) = (
            progress.clone(),
            summary.clone(),
            tornado.clone(),
            failure.clone(),
        );
        let on_summary = props.on_summary.clone();
        let deps = (
            props.scenario.clone(),
            props.baseline.clone(),
            props.settings.clone(),
        );
        use_effect_with(deps, move |(scenario, baseline, settings)| {
            let cancelled = Rc::new(Cell::new(false));
            summary.set(None);
            on_summary.emit(None);
            tornado.set(None);
            failure.set(None);
            progress.set((Step::Preparing, 0.0));
            let started =
                settings
                    .caseload()
                    .map_err(|e| e.message())
                    .and_then(|(caseload, mix)| {
                        let projection = settings.projection(&caseload, baseline, scenario)?;
                        Ok((caseload, mix, projection))
                    });
            match started {
                Err(message) => failure.set(Some(message)),
                Ok((caseload, mix, projection)) => {
                    let mut stage = Stage::Projecting(Box::new(projection));
                    let (scenario, baseline) = (scenario.clone(), baseline.clone());
                    let slice = move || -> bool {
                        let deadline = now_ms() + SLICE_MS;
                        // A cap on iterations keeps a slice short even without a clock.
                        for _ in 0..10_000 {
                            match &mut stage {
                                Stage::Projecting(p) => {
                                    if p.is_done() {
                                        let finished = p.summary();
                                        on_summary
                                            .emit(Some(FinishedRun(Rc::new(finished.clone()))));
                                        summary.set(Some(finished));
                                        stage = if caseload.referrals.len() <= TORNADO_MAX_REFERRALS
                                        {
                                            match SensitivityRun::new(
                                                &caseload,
                                                mix.as_ref(),
                                                &baseline,
                                                &scenario,
                                                Metric::DeltaPrisonYearsPer100,
                                                ChargePolicy::Best,
                                            ) {
                                                Ok(run) => Stage::Tornado(Box::new(run)),
                                                Err(e) => {
                                                    failure.set(Some(e.message()));
                                                    Stage::Finished
                                                }
                                            }
                                        } else {
                                            Stage::Finished
                                        };
                                    } else if !p.is_prepared() {
                                        p.prepare(10);
                                    } else {
                                        p.step(2);
                                    }
                                }
                                Stage::Tornado(run) => {
                                    if run.is_done() {
                                        tornado.set(Some(run.result()));
                                        stage = Stage::Finished;
                                    } else if let Err(e) = run.advance(10) {
                                        failure.set(Some(e.message()));
                                        stage = Stage::Finished;
                                    }
                                }
                                Stage::Finished => {
                                    progress.set((Step::Done, 1.0));
                                    return true;
                                }
                            }
                            if now_ms() >= deadline {
                                break;
                            }
                        }
                        match &stage {
                            Stage::Projecting(p) => progress.set((
                                if p.is_prepared() {
                                    Step::Drawing
                                } else {
                                    Step::Preparing
                                },
                                whole_percent(p.progress()),
                            )),
                            Stage::Tornado(run) => {
                                progress.set((Step::Tornado, whole_percent(run.progress())))
                            }
                            Stage::Finished => {}
                        }
                        false
                    };
                    drive(cancelled.clone(), Rc::new(RefCell::new(slice)));
                }
            }
            move || cancelled.set(true)
        });
    }

    let settings = &props.settings;
    let on_seed = props.on_action.reform(Action::SetSeed);
    let on_draws = props
        .on_action
        .reform(|d: u64| Action::SetDraws(d as usize));
    let on_file = {
        let (on_action, import_error, reader) = (
            props.on_action.clone(),
            import_error.clone(),
            reader.clone(),
        );
        Callback::from(move |event: Event| {
            let input = event.target_unchecked_into::<HtmlInputElement>();
            let Some(file) = input.files().and_then(|files| files.get(0)) else {
                return;
            };
            let name = file.name();
            if file.size() > MAX_CSV_BYTES as f64 {
                import_error.set(Some(ImportError::TooLargeToRead { file: name }));
                return;
            }
            let (on_action, import_error) = (on_action.clone(), import_error.clone());
            let task = read_as_text(&gloo::file::File::from(file), move |read| {
                let outcome = read
                    .map_err(|e| ImportError::Unreadable { why: e.to_string() })
                    .and_then(|text| read_cases(&text, &name));
                match outcome {
                    Ok(cases) => {
                        import_error.set(None);
                        on_action.emit(Action::ImportCases(ImportedCases {
                            name: name.clone(),
                            cases: Rc::new(cases),
                        }));
                    }
                    Err(why) => import_error.set(Some(why)),
                }
            });
            *reader.borrow_mut() = Some(task);
        })
    };
    let on_clear = props
        .on_action
        .reform(|_: MouseEvent| Action::ClearImportedCases);

    let summary_rows = |s: &ProjectionSummary| {
        let full = s.full.as_ref();
        let fb = full.map(|f| &f.baseline);
        let fs = full.map(|f| &f.scenario);
        type Row<'a> = (
            &'static str,
            &'a Interval,
            &'a Interval,
            Option<&'a Interval>,
            Option<&'a Interval>,
            Option<&'a Interval>,
            Option<&'a Interval>,
            Option<&'static str>,
        );
        let rows: Vec<Row> = vec![
            (
                "caseload.row.accepted",
                &s.baseline.accepted,
                &s.scenario.accepted,
                Some(&s.difference_accepted),
                fb.map(|f| &f.accepted),
                fs.map(|f| &f.accepted),
                full.map(|f| &f.difference_accepted),
                None,
            ),
            (
                "caseload.row.convictions",
                &s.baseline.convictions,
                &s.scenario.convictions,
                Some(&s.difference_convictions),
                fb.map(|f| &f.convictions),
                fs.map(|f| &f.convictions),
                full.map(|f| &f.difference_convictions),
                None,
            ),
            (
                "caseload.row.prison_years",
                &s.baseline.prison_years,
                &s.scenario.prison_years,
                Some(&s.difference_prison_years),
                fb.map(|f| &f.prison_years),
                fs.map(|f| &f.prison_years),
                full.map(|f| &f.difference_prison_years),
                Some("difference-prison-years"),
            ),
            (
                "caseload.row.accepted_per_100",
                &s.baseline.accepted_per_100,
                &s.scenario.accepted_per_100,
                None,
                fb.map(|f| &f.accepted_per_100),
                fs.map(|f| &f.accepted_per_100),
                None,
                None,
            ),
            (
                "caseload.row.convictions_per_100",
                &s.baseline.convictions_per_100,
                &s.scenario.convictions_per_100,
                None,
                fb.map(|f| &f.convictions_per_100),
                fs.map(|f| &f.convictions_per_100),
                None,
                None,
            ),
            (
                "caseload.row.prison_years_per_100",
                &s.baseline.prison_years_per_100,
                &s.scenario.prison_years_per_100,
                None,
                fb.map(|f| &f.prison_years_per_100),
                fs.map(|f| &f.prison_years_per_100),
                None,
                None,
            ),
        ];
        rows.into_iter()
            .map(|(key, b, sc, d, fb, fs, fd, testid)| html! {
                <tr><th scope="row">{ t(lang, key) }</th>
                    <td>{ cell(lang, fb, b) }</td>
                    <td>{ cell(lang, fs, sc) }</td>
                    <td data-testid={testid}>{ d.map_or(Html::default(), |d| cell(lang, fd, d)) }</td>
                </tr>
            })
            .collect::<Html>()
    };
    let mix_rows = match settings.edited_mix() {
        Ok(mix) => {
            let defaults = ReferralPopulation::embedded();
            html! {
                { for defaults.params().into_iter().map(|(name, default)| {
                    let edited = settings.mix_overrides.iter().any(|(n, _)| *n == name);
                    let value = mix.params().into_iter().find(|(n, _)| *n == name).map_or(default.value, |(_, p)| p.value);
                    let percent = mix_in_percent(name);
                    let check = {
                        let mix = mix.clone();
                        Callback::from(move |candidate: f64| mix.with_param(name, candidate).map(|_| ()).map_err(|e| e.message()))
                    };
                    let on_change = props.on_action.reform(move |v: f64| Action::SetMixParam(name, Some(v)));
                    html! {
                        <ParamField key={name} key_name={format!("mix-{name}")} label={mix_param_name(lang, name)}
                            {value} {percent} meaning={default.meaning.as_ref().map(|m| AttrValue::from(m.get(lang).to_string()))}
                            source={default.source.get(lang).to_string()} assumption={edited || default.assumption}
                            {edited} {check} {on_change} />
                    }
                }) }
            }
        }
        Err(why) => {
            html! { <tr><td colspan="3" class="field-error">{ render(lang, &why.message()) }</td></tr> }
        }
    };

    let (stage, fraction) = *progress;
    html! {
        <section class="panel caseload-panel" aria-labelledby="caseload-title">
            <h2 id="caseload-title">{ t(lang, "caseload.title") }</h2>
            <p>
                { t(lang, "caseload.intro") }
                <code>{ "threshold project" }</code>{ "." }
            </p>
            <div class="caseload-settings">
                <WholeNumberField id="field-seed" label={t(lang, "caseload.seed")} value={settings.seed} min={0} max={u64::MAX} on_change={on_seed} />
                <WholeNumberField id="field-draws" label={t(lang, "caseload.draws")} value={settings.draws as u64} min={1} max={MAX_DRAWS as u64} on_change={on_draws} />
                <div class="field">
                    <label for="field-cases-csv">{ t(lang, "caseload.csv_label") }</label>
                    <input id="field-cases-csv" type="file" accept=".csv,text/csv" onchange={on_file} />
                    if let Some(why) = (*import_error).clone() {
                        <p class="field-error" role="alert" data-testid="import-error">{ why.text(lang) }</p>
                    }
                    if let Some(imported) = &settings.imported {
                        <p data-testid="imported-cases">
                            { tn(lang, "caseload.using", imported.cases.len(), &[
                                ("file", verbatim(imported.name.clone())),
                            ]) }
                            <button type="button" class="secondary" onclick={on_clear}>{ t(lang, "caseload.back_to_mix") }</button>
                        </p>
                    }
                </div>
            </div>
            if settings.imported.is_none() {
                <details class="mix">
                    <summary>{ t(lang, "caseload.mix_summary") }</summary>
                    <div class="table-scroll">
                        <table class="params">
                            <thead><tr><th scope="col">{ t(lang, "caseload.column.parameter") }</th><th scope="col">{ t(lang, "caseload.column.value") }</th><th scope="col">{ t(lang, "caseload.column.source") }</th></tr></thead>
                            <tbody>{ mix_rows }</tbody>
                        </table>
                    </div>
                </details>
            }
            if fraction < 1.0 && failure.is_none() {
                <div class="run-progress" role="status" data-testid="caseload-progress">
                    <progress max="1" value={fraction.to_string()}></progress>
                    { format!(" {}: {}", stage.label(lang), units::percent(lang, fraction)) }
                </div>
            }
            if let Some(why) = (*failure).as_ref() {
                <p class="field-error" role="alert">{ render(lang, why) }</p>
            }
            if let Some(s) = (*summary).clone() {
                <div data-testid="caseload-summary" data-uncertainty={s.uncertainty.code()}>
                    // Focusable: on a phone the table scrolls sideways, and a keyboard user
                    // must be able to reach what is off screen.
                    <div class="table-scroll" role="region" tabindex="0" aria-label={t(lang, "caseload.table_region")}>
                        <table>
                            <caption>{ tf(lang, "caseload.table_caption", &[
                                ("referrals", verbatim(s.baseline.referrals.to_string())),
                                ("seed", verbatim(s.seed.to_string())),
                                ("draws", verbatim(s.draws.to_string())),
                            ]) }</caption>
                            <thead><tr><th scope="col"><span class="visually-hidden">{ t(lang, "caseload.column.figure") }</span></th><th scope="col">{ t(lang, "caseload.column.status_quo") }</th><th scope="col">{ t(lang, "caseload.column.proposal") }</th><th scope="col">{ t(lang, "caseload.column.difference") }</th></tr></thead>
                            <tbody>
                                { summary_rows(&s) }
                            </tbody>
                        </table>
                    </div>
                    if s.moves_nothing() {
                        <p class="nothing-moves" data-testid="caseload-nothing-moves">{ t(lang, "caseload.nothing_moves") }</p>
                    }
                    <p data-testid="flips">
                        { tf(lang, "caseload.flips", &[
                            ("flipped", verbatim(s.flips.declined_to_accepted.to_string())),
                            ("declined", verbatim(s.flips.declined_in_baseline.to_string())),
                            ("reverse", verbatim(s.flips.accepted_to_declined.to_string())),
                            ("extra", verbatim(units::number(lang, s.flips.expected_extra_acceptances))),
                        ]) }
                    </p>
                    <PairedHistogram title={t(lang, "caseload.histogram.prison_years.title")} unit={t(lang, "caseload.histogram.prison_years.unit")} histogram={s.histogram_prison_years.clone()} />
                    <PairedHistogram title={t(lang, "caseload.histogram.accepted.title")} unit={t(lang, "caseload.histogram.accepted.unit")} histogram={s.histogram_accepted.clone()} />
                    <p class="source">{ flip_definition(lang) }</p>
                    <p class="downloads">
                        <DownloadButton label={t(lang, "caseload.download")}
                            file_name={format!("threshold-projection-{}-seed{}-{}draws.csv", file_name_part(&s.scenario_id), s.seed, s.draws)}
                            mime="text/csv" test_id="download-projection-csv" contents={{
                                let (summary, settings) = (s.clone(), settings.clone());
                                // The summary exists only for the settings it was run with (a
                                // change clears it), so their caseload is the one it drew.
                                Callback::from(move |_| match settings.caseload() {
                                    Ok((caseload, _)) => {
                                        let stamp = Stamp::for_caseload(&caseload, Law::embedded(), summary.seed);
                                        projection_csv(&summary, &stamp)
                                    }
                                    Err(why) => render(lang, &why.message()),
                                })
                            }} />
                    </p>
                </div>
            }
            if let Some(sensitivity) = (*tornado).clone() {
                <h3>{ t(lang, "caseload.tornado_title") }</h3>
                <TornadoChart {sensitivity} />
            } else if settings.imported.as_ref().is_some_and(|i| i.cases.len() > TORNADO_MAX_REFERRALS) {
                <p class="note">{ tf(lang, "caseload.tornado_limit", &[("n", verbatim(TORNADO_MAX_REFERRALS.to_string()))]) }</p>
            }
        </section>
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;

    /// The catalog keys are built from the mix's parameter names, so the key scan cannot
    /// see them.
    #[test]
    fn every_mix_parameter_is_named_in_both_languages() {
        for (name, _) in ReferralPopulation::embedded().params() {
            assert!(
                crate::i18n::catalog().contains(&format!("caseload.param.{name}")),
                "{name}"
            );
            assert_eq!(mix_param_name(Lang::En, name), name.replace('_', " "));
            assert_ne!(mix_param_name(Lang::Es, name), name.replace('_', " "));
        }
    }

    #[test]
    fn every_progress_step_reads_in_both_languages() {
        for step in [
            Step::Starting,
            Step::Preparing,
            Step::Drawing,
            Step::Tornado,
            Step::Done,
        ] {
            for lang in Lang::ALL {
                assert!(!step.label(lang).contains('⟦'), "{step:?}");
            }
        }
        assert_eq!(Step::Drawing.label(Lang::En).as_str(), "Drawing outcomes");
    }
}
