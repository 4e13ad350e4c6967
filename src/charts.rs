//! Pure geometry for the hand-written SVG charts: linear scales and round tick values.

/// Maps a value from a domain onto a pixel range, linearly; a zero-width domain maps to the
/// start of the range.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LinearScale {
    pub domain: (f64, f64),
    pub range: (f64, f64),
}

impl LinearScale {
    pub fn new(domain: (f64, f64), range: (f64, f64)) -> Self {
        LinearScale { domain, range }
    }

    pub fn at(&self, value: f64) -> f64 {
        let (d0, d1) = self.domain;
        let (r0, r1) = self.range;
        if (d1 - d0).abs() < f64::EPSILON {
            return r0;
        }
        r0 + (value - d0) / (d1 - d0) * (r1 - r0)
    }
}

/// Round tick values from 0 to at least `max`, about `target` of them, stepping by 1, 2 or
/// 5 times a power of ten, so axis labels read as people count.
pub fn ticks(max: f64, target: usize) -> Vec<f64> {
    if !(max.is_finite() && max > 0.0) {
        return vec![0.0];
    }
    let raw = max / target.max(1) as f64;
    let power = 10f64.powf(raw.log10().floor());
    let step = [1.0, 2.0, 5.0, 10.0]
        .into_iter()
        .map(|m| m * power)
        .find(|s| *s >= raw)
        .unwrap_or(10.0 * power);
    let count = (max / step).ceil() as usize;
    (0..=count).map(|i| i as f64 * step).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scale_maps_ends_and_middle() {
        let s = LinearScale::new((0.0, 100.0), (40.0, 540.0));
        assert_eq!(s.at(0.0), 40.0);
        assert_eq!(s.at(100.0), 540.0);
        assert_eq!(s.at(50.0), 290.0);
        let flipped = LinearScale::new((0.0, 1.0), (200.0, 0.0));
        assert_eq!(flipped.at(0.25), 150.0);
        assert_eq!(LinearScale::new((3.0, 3.0), (0.0, 10.0)).at(3.0), 0.0);
    }

    #[test]
    fn ticks_are_round_and_cover_the_maximum() {
        assert_eq!(ticks(16.0, 5), vec![0.0, 5.0, 10.0, 15.0, 20.0]);
        assert_eq!(
            ticks(120.0, 6),
            vec![0.0, 20.0, 40.0, 60.0, 80.0, 100.0, 120.0]
        );
        assert_eq!(ticks(0.0, 5), vec![0.0]);
        assert_eq!(ticks(f64::NAN, 5), vec![0.0]);
        for max in [0.7, 3.0, 9.9, 57.0, 470.0, 1e6] {
            let t = ticks(max, 5);
            assert!(*t.last().unwrap() >= max, "{max}");
            assert!(t.len() <= 12, "{max}: {t:?}");
        }
    }
}
