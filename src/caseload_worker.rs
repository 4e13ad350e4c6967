//! The page's side of the caseload worker: starts it after the first answer, posts it each
//! run, and hands its reports to the caseload panel; where no worker can start, steps the
//! same run on the page between frames.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use gloo::timers::callback::Timeout;
use threshold_engine::caseload::ProjectionSummary;
use threshold_engine::sensitivity::Sensitivity;
use threshold_engine::Message;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::caseload_run::{CaseloadJob, CaseloadRun, Event, Report, Step};
use crate::components::caseload_panel::FinishedRun;

/// The worker's script, next to the page: it loads the worker's glue and WebAssembly.
const WORKER_SCRIPT: &str = "./caseload-worker.js";

/// Work per slice when the page runs a projection itself: well inside one frame.
const PAGE_SLICE_MS: f64 = 8.0;

fn now_ms() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map_or(0.0, |p| p.now())
}

/// A running worker. Dropping it stops the worker and whatever it was computing.
struct CaseloadWorker {
    worker: web_sys::Worker,
    _on_message: Closure<dyn FnMut(web_sys::MessageEvent)>,
    _on_error: Closure<dyn FnMut(web_sys::Event)>,
}

impl Drop for CaseloadWorker {
    fn drop(&mut self) {
        self.worker.terminate();
    }
}

/// Whether runs go to a worker, and if not, why not yet.
enum Bridge {
    Untried,
    Ready(CaseloadWorker),
    /// The browser refused the worker (a page opened from disk), or it failed to load.
    Unavailable,
}

/// What the panel shows of the current run.
pub struct RunView {
    pub step: Step,
    pub fraction: f64,
    pub summary: Option<Rc<ProjectionSummary>>,
    pub tornado: Option<Sensitivity>,
    pub failure: Option<Message>,
}

/// Where a run's events land: the panel's state and the app's copy of the finished run.
#[derive(Clone)]
struct Sinks {
    progress: UseStateSetter<(Step, f64)>,
    summary: UseStateSetter<Option<Rc<ProjectionSummary>>>,
    tornado: UseStateSetter<Option<Sensitivity>>,
    failure: UseStateSetter<Option<Message>>,
    on_summary: Callback<Option<FinishedRun>>,
}

impl Sinks {
    fn apply(&self, event: Event) {
        match event {
            Event::Progress(step, fraction) => self.progress.set((step, fraction)),
            Event::Summary(summary) => {
                // One copy, shared by the panel and the app's slides and brief.
                let summary = Rc::new(*summary);
                self.on_summary.emit(Some(FinishedRun(summary.clone())));
                self.summary.set(Some(summary));
            }
            Event::Tornado(sensitivity) => self.tornado.set(Some(sensitivity)),
            Event::Failed(why) => self.failure.set(Some(why)),
            Event::Done => {}
        }
    }

    fn restart(&self) {
        self.summary.set(None);
        self.on_summary.emit(None);
        self.tornado.set(None);
        self.failure.set(None);
        self.progress.set((Step::Preparing, 0.0));
    }
}

/// The run the page is waiting for: its number, and the job, should the worker fail and
/// the page have to run it.
struct Current {
    run: Cell<u64>,
    job: RefCell<Option<CaseloadJob>>,
    /// Set by the worker's error handler: later runs go to the page.
    worker_failed: Cell<bool>,
}

/// Steps `job` on the page, one short task at a time, while it is still the current run.
fn run_on_page(job: CaseloadJob, current: Rc<Current>, sinks: Sinks) {
    let run = match CaseloadRun::start(&job) {
        Ok(run) => run,
        Err(why) => {
            sinks.failure.set(Some(why));
            return;
        }
    };
    fn slice(id: u64, mut run: CaseloadRun, current: Rc<Current>, sinks: Sinks) {
        Timeout::new(0, move || {
            if current.run.get() != id {
                return;
            }
            let deadline = now_ms() + PAGE_SLICE_MS;
            for event in run.advance(|| now_ms() < deadline) {
                sinks.apply(event);
            }
            if !run.is_finished() {
                slice(id, run, current, sinks);
            }
        })
        .forget();
    }
    // The first slice waits for a task of its own, like every later one.
    slice(job.run, run, current, sinks);
}

/// Starts the worker, or `None` when the browser refuses one. Reports of runs other than
/// the current one are dropped; a worker that fails hands the current run to the page.
fn spawn(current: Rc<Current>, sinks: Sinks) -> Option<CaseloadWorker> {
    let worker = web_sys::Worker::new(WORKER_SCRIPT).ok()?;
    let on_message = {
        let (current, sinks) = (current.clone(), sinks.clone());
        Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |message: web_sys::MessageEvent| {
            let Some(text) = message.data().as_string() else {
                return;
            };
            match serde_json::from_str::<Report>(&text) {
                Ok(report) if report.run == current.run.get() => sinks.apply(report.event),
                Ok(_) => {}
                Err(_) => sinks
                    .failure
                    .set(Some(Message::new("caseload.worker_failed"))),
            }
        })
    };
    let on_error = Closure::<dyn FnMut(web_sys::Event)>::new(move |event: web_sys::Event| {
        event.prevent_default();
        // The next run drops the worker; dropping it here would free this closure while it
        // runs. This run goes to the page now.
        current.worker_failed.set(true);
        if let Some(job) = current.job.borrow().clone() {
            run_on_page(job, current.clone(), sinks.clone());
        }
    });
    worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
    Some(CaseloadWorker {
        worker,
        _on_message: on_message,
        _on_error: on_error,
    })
}

/// Runs the caseload for `job` (its `run` is ignored: this hook numbers runs) each time
/// `deps` change, in the worker when there is one; returns what to show of it.
#[hook]
pub fn use_caseload_run<D, J>(deps: D, job: J, on_summary: Callback<Option<FinishedRun>>) -> RunView
where
    D: PartialEq + 'static,
    J: Fn(u64) -> CaseloadJob + 'static,
{
    // Equal values skip the re-render: the bar moves in whole percents.
    let progress = use_state_eq(|| (Step::Starting, 0.0f64));
    let summary = use_state(|| None::<Rc<ProjectionSummary>>);
    let tornado = use_state(|| None::<Sensitivity>);
    let failure = use_state(|| None::<Message>);
    let bridge = use_mut_ref(|| Bridge::Untried);
    let current = use_memo((), |_| Current {
        run: Cell::new(0),
        job: RefCell::new(None),
        worker_failed: Cell::new(false),
    });
    let sinks = Sinks {
        progress: progress.setter(),
        summary: summary.setter(),
        tornado: tornado.setter(),
        failure: failure.setter(),
        on_summary,
    };
    {
        let (bridge, current) = (bridge.clone(), current.clone());
        use_effect_with(deps, move |_| {
            let run = current.run.get() + 1;
            current.run.set(run);
            let job = job(run);
            *current.job.borrow_mut() = Some(job.clone());
            sinks.restart();
            if current.worker_failed.get() {
                *bridge.borrow_mut() = Bridge::Unavailable;
            }
            if matches!(*bridge.borrow(), Bridge::Untried) {
                let spawned = spawn(current.clone(), sinks.clone());
                *bridge.borrow_mut() = spawned.map_or(Bridge::Unavailable, Bridge::Ready);
            }
            let posted = match &*bridge.borrow() {
                Bridge::Ready(w) => {
                    let text = serde_json::to_string(&job).unwrap_or_default();
                    w.worker.post_message(&JsValue::from_str(&text)).is_ok()
                }
                _ => false,
            };
            if !posted {
                *bridge.borrow_mut() = Bridge::Unavailable;
                run_on_page(job, current, sinks);
            }
        });
    }
    {
        // Leaving the page (the presentation unmounts the workspace) ends the run on it.
        let current = current.clone();
        use_effect_with((), move |_| move || current.run.set(u64::MAX));
    }
    let (step, fraction) = *progress;
    RunView {
        step,
        fraction,
        summary: (*summary).clone(),
        tornado: (*tornado).clone(),
        failure: (*failure).clone(),
    }
}
