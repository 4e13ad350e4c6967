//! The caseload worker: runs the caseload projection and its tornado off the page's thread,
//! in slices, so that a newer job from the page replaces the one running within a slice.

use std::cell::{Cell, RefCell};

use gloo::timers::callback::Timeout;
use threshold_app::caseload_run::{CaseloadJob, CaseloadRun, Event, Report};
use threshold_engine::Message;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// Work per slice: long enough that posting and timers cost little beside it, short enough
/// that a new job waits no more than this for the old one to stop.
const SLICE_MS: f64 = 50.0;

thread_local! {
    static CURRENT: RefCell<Option<(u64, CaseloadRun)>> = const { RefCell::new(None) };
    static SCHEDULED: Cell<bool> = const { Cell::new(false) };
}

fn scope() -> web_sys::DedicatedWorkerGlobalScope {
    js_sys::global().unchecked_into()
}

fn post(run: u64, event: Event) {
    let text = Report { run, event }.to_text();
    // Nothing can be done about a page that is gone.
    let _ = scope().post_message(&JsValue::from_str(&text));
}

fn schedule() {
    if SCHEDULED.replace(true) {
        return;
    }
    Timeout::new(0, slice).forget();
}

fn slice() {
    SCHEDULED.set(false);
    let Some((run, mut job)) = CURRENT.take() else {
        return;
    };
    let deadline = js_sys::Date::now() + SLICE_MS;
    for event in job.advance(|| js_sys::Date::now() < deadline) {
        post(run, event);
    }
    if !job.is_finished() {
        CURRENT.set(Some((run, job)));
        schedule();
    }
}

/// The run number of a job the worker could not read, so the page still hears of it.
fn run_of(text: &str) -> u64 {
    serde_json::from_str::<serde_json::Value>(text)
        .ok()
        .and_then(|v| v.get("run").and_then(serde_json::Value::as_u64))
        .unwrap_or(0)
}

fn receive(text: &str) {
    match serde_json::from_str::<CaseloadJob>(text) {
        Ok(job) => match CaseloadRun::start(&job) {
            Ok(started) => {
                CURRENT.set(Some((job.run, started)));
                schedule();
            }
            Err(why) => {
                CURRENT.set(None);
                post(job.run, Event::Failed(why));
                post(job.run, Event::Done);
            }
        },
        Err(_) => post(
            run_of(text),
            Event::Failed(Message::new("caseload.worker_failed")),
        ),
    }
}

fn main() {
    let on_message =
        Closure::<dyn FnMut(web_sys::MessageEvent)>::new(|m: web_sys::MessageEvent| {
            receive(&m.data().as_string().unwrap_or_default());
        });
    scope().set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    // The worker lives as long as the page keeps it; so does its handler.
    on_message.forget();
}
