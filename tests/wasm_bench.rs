//! Browser benchmark of the caseload kernel (run by hand: `scripts/bench-wasm`): case draws
//! per second in WebAssembly, measured like the native criterion bench
//! (`engine/benches/caseload.rs`) so the two figures give the WASM/native ratio.
#![cfg(target_arch = "wasm32")]

use threshold_engine::caseload::rng::Pcg32;
use threshold_engine::caseload::{Caseload, ChargePolicy, Projection, ReferralPopulation};
use threshold_engine::scenario::{preset, Baseline};
use wasm_bindgen_test::{console_log, wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

fn now_ms() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map_or(0.0, |p| p.now())
}

#[wasm_bindgen_test]
fn case_draws_per_second_in_webassembly() {
    let base = Baseline::embedded();
    let scenario = preset("amendment_753").expect("preset");
    for referrals in [400usize, 10_000] {
        let mix = ReferralPopulation::embedded()
            .with_param("referrals", referrals as f64)
            .expect("mix");
        let caseload = Caseload::from_population(&mix);
        let prepare_start = now_ms();
        let mut projection =
            Projection::new(&caseload, &base, scenario, 2011, 1, ChargePolicy::Best)
                .expect("projection");
        projection.prepare(usize::MAX);
        let prepare_ms = now_ms() - prepare_start;
        let (table, _) = projection.tables();
        let mut sink = 0u64;
        let mut draws = 0u64;
        let start = now_ms();
        // At least a second of draws, so timer granularity does not matter.
        while now_ms() - start < 1000.0 {
            for _ in 0..10 {
                draws += 1;
                sink =
                    sink.wrapping_add(u64::from(table.draw(&mut Pcg32::new(2011, draws)).accepted));
            }
        }
        let seconds = (now_ms() - start) / 1000.0;
        let case_draws = draws as f64 * referrals as f64 / seconds;
        console_log!(
            "wasm: {referrals} referrals: {:.1} million case draws per second (one world); preparing both worlds took {:.0} ms [{sink}]",
            case_draws / 1e6,
            prepare_ms
        );
    }
}
