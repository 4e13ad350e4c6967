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

/// A whole projection of 10,000 referrals × 1,000 draws, in the slices the caseload panel
/// uses: preparation, then draws over chance alone and over chance and assumptions.
#[wasm_bindgen_test]
fn full_uncertainty_projection_in_webassembly() {
    use threshold_engine::caseload::Uncertainty;
    let base = Baseline::embedded();
    let scenario = preset("today_bsca_819").expect("preset");
    let population = ReferralPopulation::embedded()
        .with_param("referrals", 10_000.0)
        .expect("population");
    let caseload = Caseload::from_population(&population);
    for uncertainty in [Uncertainty::Chance, Uncertainty::Full] {
        let mut projection =
            Projection::new(&caseload, &base, scenario, 2011, 1000, ChargePolicy::Best)
                .expect("projection")
                .with_uncertainty(uncertainty);
        let start = now_ms();
        while !projection.is_prepared() {
            projection.prepare(200);
        }
        let prepared = now_ms();
        let mut longest = 0.0f64;
        while !projection.is_done() {
            let slice = now_ms();
            projection.step(10);
            longest = longest.max(now_ms() - slice);
        }
        let done = now_ms();
        console_log!(
            "wasm: 10,000 referrals × 1,000 draws, {}: preparing {:.0} ms, drawing {:.0} ms (longest 10-draw slice {:.0} ms)",
            uncertainty.code(),
            prepared - start,
            done - prepared,
            longest
        );
    }
}
