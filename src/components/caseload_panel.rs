//! The whole caseload, status quo beside the proposal: a seeded Monte Carlo run in the
//! caseload worker (input never waits for it), its totals with 90% intervals, histograms,
//! the referrals the proposal flips, and the tornado of the assumptions that drive it.

use std::rc::Rc;

use gloo::file::callbacks::{read_as_text, FileReader};
use threshold_engine::caseload::{flip_definition, Interval, ProjectionSummary};
use threshold_engine::export::projection_csv;
use threshold_engine::scenario::Scenario;
use threshold_engine::{Law, ProsecutionOverrides, SentencingOverrides, Stamp};
use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::caseload_import::{read_cases, ImportError, MAX_CSV_BYTES};
use crate::caseload_run::{Step, TORNADO_MAX_REFERRALS};
use crate::caseload_worker::use_caseload_run;
use crate::components::download_button::DownloadButton;
use crate::components::paired_histogram::PairedHistogram;
use crate::components::referral_mix::ReferralMix;
use crate::components::tornado_chart::TornadoChart;
use crate::components::whole_number_field::WholeNumberField;
use crate::download::file_name_part;
use crate::i18n::{render, t, tf, tn, use_lang, verbatim, Lang};
use crate::state::{Action, CaseloadSettings, ImportedCases, MAX_DRAWS};
use crate::units;

#[derive(Properties, PartialEq)]
pub struct CaseloadPanelProps {
    pub scenario: Scenario,
    /// The user's assumptions: the run builds its status quo from them, as the page does.
    pub sentencing: SentencingOverrides,
    pub prosecution: ProsecutionOverrides,
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

/// What the progress bar says the run is doing.
fn step_label(step: Step, lang: Lang) -> AttrValue {
    match step {
        Step::Starting => t(lang, "caseload.progress.starting"),
        Step::Preparing => t(lang, "caseload.progress.preparing"),
        Step::Drawing => t(lang, "caseload.progress.drawing"),
        Step::Tornado => t(lang, "caseload.progress.tornado"),
        Step::Done => t(lang, "caseload.progress.done"),
    }
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
    let import_error = use_state(|| None::<ImportError>);
    let reader = use_mut_ref(|| None::<FileReader>);
    let run = {
        let deps = (
            props.scenario.clone(),
            props.sentencing.clone(),
            props.prosecution.clone(),
            props.settings.clone(),
        );
        let inputs = deps.clone();
        use_caseload_run(
            deps,
            move |run| {
                let (scenario, sentencing, prosecution, settings) = &inputs;
                settings.job(run, scenario, sentencing, prosecution)
            },
            props.on_summary.clone(),
        )
    };
    let (summary, tornado, failure) = (&run.summary, &run.tornado, &run.failure);

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
    let (stage, fraction) = (run.step, run.fraction);
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
                <ReferralMix settings={settings.clone()} on_action={props.on_action.clone()} />
            }
            if fraction < 1.0 && failure.is_none() {
                <div class="run-progress" role="status" data-testid="caseload-progress">
                    <progress max="1" value={fraction.to_string()}></progress>
                    { format!(" {}: {}", step_label(stage, lang), units::percent(lang, fraction)) }
                </div>
            }
            if let Some(why) = failure.as_ref() {
                <p class="field-error" role="alert">{ render(lang, why) }</p>
            }
            if let Some(s) = summary.clone() {
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
            if let Some(sensitivity) = tornado.clone() {
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
                assert!(!step_label(step, lang).contains('⟦'), "{step:?}");
            }
        }
        assert_eq!(
            step_label(Step::Drawing, Lang::En).as_str(),
            "Drawing outcomes"
        );
    }
}
