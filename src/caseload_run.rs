//! One caseload run, the projection and then its tornado, as a job the page hands to the
//! caseload worker, and the reports the run sends back; where no worker can start (the
//! single-file build opened from disk), the page steps the same run itself.

use serde::{Deserialize, Serialize};
use threshold_engine::caseload::{
    Caseload, ChargePolicy, Projection, ProjectionSummary, ReferralPopulation,
};
use threshold_engine::i18n::InputError;
use threshold_engine::imposed::{SentencingOverrides, SentencingParams};
use threshold_engine::prosecution::{ProsecutionOverrides, ProsecutionParams};
use threshold_engine::scenario::{Baseline, Scenario};
use threshold_engine::sensitivity::{Metric, Sensitivity, SensitivityRun};
use threshold_engine::{Case, Law, Message};

/// The tornado re-evaluates the caseload four times per parameter; beyond this many
/// referrals it would keep the run busy for minutes, so it runs on the referral population only.
pub const TORNADO_MAX_REFERRALS: usize = 2_000;

/// The status quo a proposal is measured against: the embedded law with the user's
/// assumptions. The page and the worker both build it here, so their figures agree.
pub fn baseline(
    sentencing: &SentencingOverrides,
    prosecution: &ProsecutionOverrides,
) -> Result<Baseline, Message> {
    Ok(Baseline {
        law: Law::embedded().clone(),
        sentencing: SentencingParams::embedded()
            .with_overrides(sentencing)
            .map_err(|why| {
                Message::new("app.error.sentencing_params").with("why", why.message())
            })?,
        prosecution: ProsecutionParams::embedded()
            .with_overrides(prosecution)
            .map_err(|why| {
                Message::new("app.error.prosecution_params").with("why", why.message())
            })?,
    })
}

/// The referral population with the user's edits, applied in the order made.
pub fn edited_mix<'a>(
    edits: impl IntoIterator<Item = (&'a str, f64)>,
) -> Result<ReferralPopulation, InputError> {
    edits.into_iter().try_fold(
        ReferralPopulation::embedded().clone(),
        |mix, (name, value)| mix.with_param(name, value),
    )
}

/// The referrals a run projects: imported cases when there are any, else the edited
/// population (returned too, for the tornado that varies it).
pub fn caseload<'a>(
    edits: impl IntoIterator<Item = (&'a str, f64)>,
    imported: Option<(&str, &[Case])>,
) -> Result<(Caseload, Option<ReferralPopulation>), InputError> {
    match imported {
        Some((name, cases)) => Ok((Caseload::from_cases(cases.to_vec(), name)?, None)),
        None => {
            let mix = edited_mix(edits)?;
            Ok((Caseload::from_population(&mix), Some(mix)))
        }
    }
}

/// The projection a run steps: every caller starts here, so with the same seed and draws
/// the panel, the slides and the command line draw the same outcomes.
pub fn projection(
    caseload: &Caseload,
    baseline: &Baseline,
    scenario: &Scenario,
    seed: u64,
    draws: usize,
) -> Result<Projection, Message> {
    Projection::new(
        caseload,
        baseline,
        scenario,
        seed,
        draws,
        ChargePolicy::Best,
    )
    .map_err(|e| e.message())
}

/// Cases read from a file, carried whole to the worker.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ImportedJob {
    pub name: String,
    pub cases: Vec<Case>,
}

/// Everything a run depends on, as plain data the page can post to the worker.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CaseloadJob {
    /// Which run this is: reports carry it back, and the page drops those of older runs.
    pub run: u64,
    pub scenario: Scenario,
    pub sentencing: SentencingOverrides,
    pub prosecution: ProsecutionOverrides,
    pub seed: u64,
    pub draws: usize,
    pub mix_edits: Vec<(String, f64)>,
    pub imported: Option<ImportedJob>,
}

/// What the progress bar says the run is doing.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub enum Step {
    Starting,
    Preparing,
    Drawing,
    Tornado,
    Done,
}

/// One thing a run has to tell the page, in the order it happened.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Event {
    /// How far the run is, rounded down to whole percents so the bar redraws at most 100 times.
    Progress(Step, f64),
    Summary(Box<ProjectionSummary>),
    Tornado(Sensitivity),
    Failed(Message),
    Done,
}

/// An event of one run, as the worker posts it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Report {
    pub run: u64,
    pub event: Event,
}

impl Report {
    /// The text posted across the thread boundary. JSON with exact float round trips, so
    /// the page receives the worker's figures to the bit.
    pub fn to_text(&self) -> String {
        serde_json::to_string(self).unwrap_or_else(|_| {
            // Only a non-finite figure could fail; say so rather than leave the page waiting.
            let failed = Report {
                run: self.run,
                event: Event::Failed(Message::new("caseload.worker_failed")),
            };
            serde_json::to_string(&failed).unwrap_or_default()
        })
    }
}

enum Stage {
    Projecting(Box<Projection>),
    Tornado(Box<SensitivityRun>),
    Finished,
}

/// A run in progress: [`CaseloadRun::advance`] moves it on for as long as it is allowed.
pub struct CaseloadRun {
    stage: Stage,
    caseload: Caseload,
    mix: Option<ReferralPopulation>,
    baseline: Baseline,
    scenario: Scenario,
    shown: Option<(Step, f64)>,
}

/// A fraction rounded down to whole percents, as the progress bar shows it.
fn whole_percent(fraction: f64) -> f64 {
    (fraction * 100.0).floor() / 100.0
}

impl CaseloadRun {
    /// A run of `job`, not yet stepped; or why its settings cannot be projected.
    pub fn start(job: &CaseloadJob) -> Result<CaseloadRun, Message> {
        let baseline = baseline(&job.sentencing, &job.prosecution)?;
        let (caseload, mix) = caseload(
            job.mix_edits.iter().map(|(n, v)| (n.as_str(), *v)),
            job.imported
                .as_ref()
                .map(|i| (i.name.as_str(), i.cases.as_slice())),
        )
        .map_err(|e| e.message())?;
        let projection = projection(&caseload, &baseline, &job.scenario, job.seed, job.draws)?;
        Ok(CaseloadRun::of(
            projection,
            caseload,
            mix,
            baseline,
            job.scenario.clone(),
        ))
    }

    fn of(
        projection: Projection,
        caseload: Caseload,
        mix: Option<ReferralPopulation>,
        baseline: Baseline,
        scenario: Scenario,
    ) -> CaseloadRun {
        CaseloadRun {
            stage: Stage::Projecting(Box::new(projection)),
            caseload,
            mix,
            baseline,
            scenario,
            shown: None,
        }
    }

    pub fn is_finished(&self) -> bool {
        matches!(self.stage, Stage::Finished)
    }

    /// Works while `more()` says there is time, and at least one step; returns what happened.
    pub fn advance(&mut self, mut more: impl FnMut() -> bool) -> Vec<Event> {
        let mut events = Vec::new();
        // A cap on iterations keeps a slice short even without a clock.
        for _ in 0..10_000 {
            match &mut self.stage {
                Stage::Projecting(p) => {
                    if p.is_done() {
                        events.push(Event::Summary(Box::new(p.summary())));
                        self.stage = self.tornado(&mut events);
                    } else if !p.is_prepared() {
                        p.prepare(10);
                    } else {
                        p.step(2);
                    }
                }
                Stage::Tornado(run) => {
                    if run.is_done() {
                        events.push(Event::Tornado(run.result()));
                        self.stage = Stage::Finished;
                    } else if let Err(e) = run.advance(10) {
                        events.push(Event::Failed(e.message()));
                        self.stage = Stage::Finished;
                    }
                }
                Stage::Finished => break,
            }
            if !more() {
                break;
            }
        }
        let now = match &self.stage {
            Stage::Projecting(p) if p.is_prepared() => (Step::Drawing, p.progress()),
            Stage::Projecting(p) => (Step::Preparing, p.progress()),
            Stage::Tornado(run) => (Step::Tornado, run.progress()),
            Stage::Finished => (Step::Done, 1.0),
        };
        let now = (now.0, whole_percent(now.1));
        if self.shown != Some(now) {
            self.shown = Some(now);
            events.push(Event::Progress(now.0, now.1));
        }
        if self.is_finished() {
            events.push(Event::Done);
        }
        events
    }

    /// What follows the projection: its tornado, for a caseload small enough to vary.
    fn tornado(&self, events: &mut Vec<Event>) -> Stage {
        if self.caseload.referrals.len() > TORNADO_MAX_REFERRALS {
            return Stage::Finished;
        }
        match SensitivityRun::new(
            &self.caseload,
            self.mix.as_ref(),
            &self.baseline,
            &self.scenario,
            Metric::DeltaPrisonYearsPer100,
            ChargePolicy::Best,
        ) {
            Ok(run) => Stage::Tornado(Box::new(run)),
            Err(e) => {
                events.push(Event::Failed(e.message()));
                Stage::Finished
            }
        }
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use threshold_engine::scenario::preset;

    fn job(run: u64) -> CaseloadJob {
        CaseloadJob {
            run,
            scenario: preset("hr_2554_2011").unwrap().clone(),
            sentencing: SentencingOverrides::default(),
            prosecution: ProsecutionOverrides::default(),
            seed: 2011,
            draws: 200,
            mix_edits: vec![("crime_gun_share".into(), 0.5)],
            imported: None,
        }
    }

    /// Runs `job` to its end in slices of one step, as the worker would in larger ones.
    fn run_to_end(job: &CaseloadJob) -> Vec<Event> {
        let mut run = CaseloadRun::start(job).unwrap();
        let mut events = Vec::new();
        while !run.is_finished() {
            events.extend(run.advance(|| false));
        }
        events
    }

    #[test]
    fn a_run_reports_the_same_summary_as_the_projection_stepped_at_once() {
        let job = job(7);
        let events = run_to_end(&job);
        let summary = events
            .iter()
            .find_map(|e| match e {
                Event::Summary(s) => Some((**s).clone()),
                _ => None,
            })
            .expect("a summary");
        let base = baseline(&job.sentencing, &job.prosecution).unwrap();
        let (caseload, _) = caseload([("crime_gun_share", 0.5)], None).unwrap();
        let mut at_once = projection(&caseload, &base, &job.scenario, 2011, 200).unwrap();
        at_once.step(usize::MAX);
        assert_eq!(summary, at_once.summary());
        assert!(matches!(events.last(), Some(Event::Done)));
        assert!(events.iter().any(|e| matches!(e, Event::Tornado(_))));
        // Progress only moves forward, and ends at the whole.
        let fractions: Vec<f64> = events
            .iter()
            .filter_map(|e| match e {
                Event::Progress(_, f) => Some(*f),
                _ => None,
            })
            .collect();
        assert_eq!(fractions.last(), Some(&1.0));
    }

    #[test]
    fn jobs_and_reports_cross_the_thread_boundary_to_the_bit() {
        let job = job(3);
        let text = serde_json::to_string(&job).unwrap();
        assert_eq!(serde_json::from_str::<CaseloadJob>(&text).unwrap(), job);
        for event in run_to_end(&job) {
            let report = Report { run: 3, event };
            let back: Report = serde_json::from_str(&report.to_text()).unwrap();
            assert_eq!(back, report);
        }
    }

    #[test]
    fn settings_that_cannot_be_projected_say_why() {
        let mut bad = job(1);
        bad.mix_edits = vec![("crime_gun_share".into(), 7.0)];
        assert!(CaseloadRun::start(&bad).is_err());
    }
}
