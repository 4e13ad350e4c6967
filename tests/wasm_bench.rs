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

/// The `today_bsca_819` preset against the baseline, over 10,000 referrals of the population.
fn ten_thousand_referrals_today() -> (
    Baseline,
    &'static threshold_engine::scenario::Scenario,
    Caseload,
) {
    let population = ReferralPopulation::embedded()
        .with_param("referrals", 10_000.0)
        .expect("population");
    (
        Baseline::embedded(),
        preset("today_bsca_819").expect("preset"),
        Caseload::from_population(&population),
    )
}

/// A whole projection of 10,000 referrals × 1,000 draws, in the slices the caseload panel
/// uses: preparation, then draws over chance alone and over chance and assumptions.
#[wasm_bindgen_test]
fn full_uncertainty_projection_in_webassembly() {
    use threshold_engine::caseload::Uncertainty;
    let (base, scenario, caseload) = ten_thousand_referrals_today();
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

/// The full-uncertainty kernel alone (both worlds, central parameters, fresh resampling
/// each draw), to tell its cost from the rest of a draw's work.
#[wasm_bindgen_test]
fn full_uncertainty_kernel_in_webassembly() {
    use threshold_engine::caseload::{ArmTable, WorldDraw};
    let (base, scenario, caseload) = ten_thousand_referrals_today();
    let mut projection = Projection::new(&caseload, &base, scenario, 2011, 1, ChargePolicy::Best)
        .expect("projection");
    projection.prepare(usize::MAX);
    let (a, b) = projection.tables();
    let theta = WorldDraw {
        acceptance: [-4.8, 2.0, 0.23, 0.26, 5.2, 1.8, 0.6, 0.6, 0.4, 5.3],
        conviction: [1.2, 2.5, -0.9, -0.75],
        sentence_per_mille: 1000,
    };
    let start = now_ms();
    let mut sink = 0u64;
    for d in 0..200u64 {
        let mut extra = Pcg32::new(2011, d | (1 << 63));
        let picks: Vec<u32> = (0..a.rows.len()).map(|_| extra.next_u32()).collect();
        let mut rng = Pcg32::new(2011, d);
        let (x, y) = ArmTable::draw_full_pair((a, b), &mut rng, &picks, (&theta, &theta));
        sink = sink.wrapping_add(u64::from(x.accepted + y.convictions));
    }
    console_log!(
        "wasm: full-uncertainty kernel, 10,000 referrals × 2 worlds: {:.2} ms a draw [{sink}]",
        (now_ms() - start) / 200.0
    );
}
