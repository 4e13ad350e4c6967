//! Case evaluations per second: the cost the caseload Monte Carlo will pay per case.

#[cfg(not(target_arch = "wasm32"))]
mod native {
    use std::hint::black_box;

    use criterion::{criterion_group, Criterion, Throughput};
    use threshold_engine::{
        evaluate, evaluate_each_charge, evaluate_quick, Case, ChargeId, Law, LawEra, Recipient,
        SentencingParams,
    };

    fn typical_case() -> Case {
        let mut case = Case::new(LawEra::Today, ChargeId::Trafficking933);
        case.firearms = Some(20);
        case.trafficking_recipient = Some(Recipient::Dangerous);
        case.mexico_nexus = Some(true);
        case
    }

    fn bench(c: &mut Criterion) {
        let (law, params) = (Law::embedded(), SentencingParams::embedded());
        let case = typical_case();
        let mut group = c.benchmark_group("evaluate");
        group.throughput(Throughput::Elements(1));
        group.bench_function("quick (no worksheet)", |b| {
            b.iter(|| evaluate_quick(black_box(&case), law, params))
        });
        group.bench_function("full (with worksheet)", |b| {
            b.iter(|| evaluate(black_box(&case), law, params))
        });
        group.finish();
        c.bench_function("evaluate_each_charge (13 charges)", |b| {
            b.iter(|| evaluate_each_charge(black_box(&case), law, params))
        });
    }

    criterion_group!(benches, bench);
}

#[cfg(not(target_arch = "wasm32"))]
criterion::criterion_main!(native::benches);

#[cfg(target_arch = "wasm32")]
fn main() {}
