//! The default model's calibration for the printed brief, computed once per page after the
//! first answer is on screen (it is a pass over the referral population), then kept.

use std::cell::RefCell;
use std::rc::Rc;

use gloo::timers::callback::Timeout;
use threshold_engine::checks::{calibration_summary, CalibrationSummary};
use threshold_engine::{Law, ProsecutionParams, SentencingParams};
use yew::prelude::*;

thread_local! {
    static COMPUTED: RefCell<Option<Rc<CalibrationSummary>>> = const { RefCell::new(None) };
}

/// How long after mounting to compute it: the first answer and its paint come first.
const DELAY_MS: u32 = 1500;

/// The default model's calibration summary, `None` until it has been computed (or if it
/// cannot be: the embedded model always can, and a test holds it to that).
#[hook]
pub fn use_default_calibration() -> Option<Rc<CalibrationSummary>> {
    let summary = use_state(|| COMPUTED.with(|c| c.borrow().clone()));
    {
        let summary = summary.clone();
        use_effect_with((), move |_| {
            let pending = summary.is_none().then(|| {
                Timeout::new(DELAY_MS, move || {
                    let computed = COMPUTED.with(|c| c.borrow().clone()).or_else(|| {
                        calibration_summary(
                            Law::embedded(),
                            SentencingParams::embedded(),
                            ProsecutionParams::embedded(),
                        )
                        .ok()
                        .map(Rc::new)
                    });
                    COMPUTED.with(|c| *c.borrow_mut() = computed.clone());
                    summary.set(computed);
                })
            });
            // Dropping the timeout cancels it when the brief goes away first.
            move || drop(pending)
        });
    }
    (*summary).clone()
}
