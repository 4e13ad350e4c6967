//! The Sentencing Table (USSG §5A): offense level × criminal history → range in months, and
//! the zone of each range. The table itself is data (`data/sentencing_table.txt`); the zone
//! bands are part of each Manual edition (`data/law/`).

use std::fmt;
use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

use crate::i18n::Message;
use crate::law::ZoneBands;

const TABLE_TEXT: &str = include_str!("../data/sentencing_table.txt");

/// Lowest and highest offense levels of the table; a total below 1 is treated as 1 and above
/// 43 as 43 (USSG Ch. 5 Pt. A, application note 2).
pub const MIN_LEVEL: i32 = 1;
pub const MAX_LEVEL: i32 = 43;

/// Criminal history category (USSG §4A1.1, Ch. 5 Pt. A).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub enum CriminalHistory {
    I,
    II,
    III,
    IV,
    V,
    VI,
}

impl CriminalHistory {
    pub const ALL: [CriminalHistory; 6] =
        [Self::I, Self::II, Self::III, Self::IV, Self::V, Self::VI];

    /// Column of the Sentencing Table, 0 for I.
    pub fn column(self) -> usize {
        self as usize
    }

    pub fn roman(self) -> &'static str {
        ["I", "II", "III", "IV", "V", "VI"][self.column()]
    }

    /// The category of a number of criminal history points (Ch. 5 Pt. A): 0–1 I, 2–3 II,
    /// 4–6 III, 7–9 IV, 10–12 V, 13 or more VI.
    pub fn from_points(points: u8) -> Self {
        match points {
            0..=1 => Self::I,
            2..=3 => Self::II,
            4..=6 => Self::III,
            7..=9 => Self::IV,
            10..=12 => Self::V,
            _ => Self::VI,
        }
    }

    /// The most points the category holds; `None` for VI, which has no top.
    pub fn max_points(self) -> Option<u8> {
        [Some(1), Some(3), Some(6), Some(9), Some(12), None][self.column()]
    }

    pub fn from_roman(text: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|c| c.roman() == text.trim())
    }
}

impl fmt::Display for CriminalHistory {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.roman())
    }
}

/// A guideline range in months; `max_months: None` means life imprisonment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct GuidelineRange {
    pub min_months: u32,
    pub max_months: Option<u32>,
}

impl GuidelineRange {
    /// True when the range is life and nothing less (level 43).
    pub fn is_life_only(&self) -> bool {
        self.max_months.is_none() && self.min_months == LIFE_MONTHS
    }
}

impl fmt::Display for GuidelineRange {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.is_life_only(), self.max_months) {
            (true, _) => f.write_str("life"),
            (false, Some(max)) => write!(f, "{}–{} months", self.min_months, max),
            (false, None) => write!(f, "{} months–life", self.min_months),
        }
    }
}

impl GuidelineRange {
    /// The range in words, for the reader's language ("10–16 months", "life").
    pub fn message(&self) -> Message {
        match (self.is_life_only(), self.max_months) {
            (true, _) => Message::new("range.life"),
            (false, Some(max)) => Message::new("range.months")
                .with("min", self.min_months)
                .with("max", max),
            (false, None) => Message::new("range.months_to_life").with("min", self.min_months),
        }
    }
}

/// Months used to stand for a life term where a number is needed (a life-only range).
pub const LIFE_MONTHS: u32 = 470;

/// Sentencing zones (USSG §5B1.1, §5C1.1): what kinds of sentence the range allows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Zone {
    A,
    B,
    C,
    D,
}

impl fmt::Display for Zone {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Zone::A => "A",
            Zone::B => "B",
            Zone::C => "C",
            Zone::D => "D",
        })
    }
}

type Table = [[GuidelineRange; 6]; MAX_LEVEL as usize];

fn table() -> &'static Table {
    static TABLE: OnceLock<Table> = OnceLock::new();
    // The text is fixed at build time and every cell is checked by the tests, so a parse
    // failure here is a build defect, not something user input can cause.
    TABLE.get_or_init(|| parse_table(TABLE_TEXT).expect("embedded Sentencing Table is valid"))
}

fn parse_cell(cell: &str) -> Result<GuidelineRange, String> {
    if cell == "life" {
        return Ok(GuidelineRange {
            min_months: LIFE_MONTHS,
            max_months: None,
        });
    }
    let (min, max) = cell
        .split_once('-')
        .ok_or_else(|| format!("cell {cell:?} is not MIN-MAX"))?;
    let min_months = min
        .parse()
        .map_err(|_| format!("bad minimum in {cell:?}"))?;
    let max_months = match max {
        "life" => None,
        m => Some(m.parse().map_err(|_| format!("bad maximum in {cell:?}"))?),
    };
    Ok(GuidelineRange {
        min_months,
        max_months,
    })
}

/// Parses the table text: one line per level, in order, six cells each.
pub(crate) fn parse_table(text: &str) -> Result<Table, String> {
    let mut table = [[GuidelineRange {
        min_months: 0,
        max_months: Some(0),
    }; 6]; MAX_LEVEL as usize];
    let mut next_level = MIN_LEVEL;
    for line in text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
    {
        let mut fields = line.split_whitespace();
        let level: i32 = fields
            .next()
            .and_then(|f| f.parse().ok())
            .ok_or("missing level")?;
        if level != next_level {
            return Err(format!("expected level {next_level}, found {level}"));
        }
        let cells: Vec<&str> = fields.collect();
        if cells.len() != 6 {
            return Err(format!("level {level}: {} cells, expected 6", cells.len()));
        }
        for (column, cell) in cells.iter().enumerate() {
            table[(level - 1) as usize][column] = parse_cell(cell)?;
        }
        next_level += 1;
    }
    if next_level != MAX_LEVEL + 1 {
        return Err(format!("table ends at level {}", next_level - 1));
    }
    Ok(table)
}

/// The guideline range for a total offense level and criminal history category. Levels
/// outside 1–43 are clamped, as the Manual directs.
pub fn guideline_range(offense_level: i32, history: CriminalHistory) -> GuidelineRange {
    let level = offense_level.clamp(MIN_LEVEL, MAX_LEVEL);
    table()[(level - 1) as usize][history.column()]
}

/// The zone of a range under an edition's band edges, decided by the range's minimum.
pub fn zone(range: GuidelineRange, bands: &ZoneBands) -> Zone {
    match range.min_months {
        m if m <= bands.zone_a_max_minimum => Zone::A,
        m if m <= bands.zone_b_max_minimum => Zone::B,
        m if m <= bands.zone_c_max_minimum => Zone::C,
        _ => Zone::D,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use CriminalHistory::*;

    fn r(min: u32, max: u32) -> GuidelineRange {
        GuidelineRange {
            min_months: min,
            max_months: Some(max),
        }
    }

    #[test]
    fn embedded_table_parses() {
        parse_table(TABLE_TEXT).unwrap();
    }

    #[test]
    fn cells_quoted_in_the_reference() {
        assert_eq!(guideline_range(12, I), r(10, 16));
        assert_eq!(guideline_range(14, I), r(15, 21));
        assert_eq!(guideline_range(18, I), r(27, 33));
        assert_eq!(guideline_range(20, I), r(33, 41));
        assert_eq!(guideline_range(26, I), r(63, 78));
        assert_eq!(guideline_range(29, VI), r(151, 188));
        assert_eq!(
            guideline_range(38, V),
            GuidelineRange {
                min_months: 360,
                max_months: None
            }
        );
        assert!(guideline_range(43, I).is_life_only());
    }

    #[test]
    fn levels_outside_the_table_are_clamped() {
        assert_eq!(guideline_range(-7, III), guideline_range(1, III));
        assert_eq!(guideline_range(50, II), guideline_range(43, II));
    }

    fn bands() -> impl Iterator<Item = &'static ZoneBands> {
        crate::law::Law::embedded()
            .manuals
            .iter()
            .map(|m| &m.text.zones)
    }

    #[test]
    fn zones_follow_the_2010_band_edges() {
        for edition in bands() {
            assert_eq!(zone(guideline_range(8, I), edition), Zone::A); // 0–6
            assert_eq!(zone(guideline_range(11, I), edition), Zone::B); // 8–14
            assert_eq!(zone(guideline_range(12, I), edition), Zone::C); // 10–16
            assert_eq!(zone(guideline_range(13, I), edition), Zone::C); // 12–18
            assert_eq!(zone(guideline_range(14, I), edition), Zone::D); // 15–21
        }
    }

    /// Every row of the table, typed again from the Manual as the minimum of each cell
    /// (categories I–VI); the maximum follows from the minimum, since the Manual uses one
    /// ladder of ranges throughout. Level 43 is life in every column.
    #[test]
    fn every_row_of_the_sentencing_table() {
        const MINIMUMS: [[u32; 6]; 42] = [
            [0, 0, 0, 0, 0, 0],
            [0, 0, 0, 0, 0, 1],
            [0, 0, 0, 0, 2, 3],
            [0, 0, 0, 2, 4, 6],
            [0, 0, 1, 4, 6, 9],
            [0, 1, 2, 6, 9, 12],
            [0, 2, 4, 8, 12, 15],
            [0, 4, 6, 10, 15, 18],
            [4, 6, 8, 12, 18, 21],
            [6, 8, 10, 15, 21, 24],
            [8, 10, 12, 18, 24, 27],
            [10, 12, 15, 21, 27, 30],
            [12, 15, 18, 24, 30, 33],
            [15, 18, 21, 27, 33, 37],
            [18, 21, 24, 30, 37, 41],
            [21, 24, 27, 33, 41, 46],
            [24, 27, 30, 37, 46, 51],
            [27, 30, 33, 41, 51, 57],
            [30, 33, 37, 46, 57, 63],
            [33, 37, 41, 51, 63, 70],
            [37, 41, 46, 57, 70, 77],
            [41, 46, 51, 63, 77, 84],
            [46, 51, 57, 70, 84, 92],
            [51, 57, 63, 77, 92, 100],
            [57, 63, 70, 84, 100, 110],
            [63, 70, 78, 92, 110, 120],
            [70, 78, 87, 100, 120, 130],
            [78, 87, 97, 110, 130, 140],
            [87, 97, 108, 121, 140, 151],
            [97, 108, 121, 135, 151, 168],
            [108, 121, 135, 151, 168, 188],
            [121, 135, 151, 168, 188, 210],
            [135, 151, 168, 188, 210, 235],
            [151, 168, 188, 210, 235, 262],
            [168, 188, 210, 235, 262, 292],
            [188, 210, 235, 262, 292, 324],
            [210, 235, 262, 292, 324, 360],
            [235, 262, 292, 324, 360, 360],
            [262, 292, 324, 360, 360, 360],
            [292, 324, 360, 360, 360, 360],
            [324, 360, 360, 360, 360, 360],
            [360, 360, 360, 360, 360, 360],
        ];
        const LADDER: [(u32, u32); 46] = [
            (0, 6),
            (1, 7),
            (2, 8),
            (3, 9),
            (4, 10),
            (6, 12),
            (8, 14),
            (9, 15),
            (10, 16),
            (12, 18),
            (15, 21),
            (18, 24),
            (21, 27),
            (24, 30),
            (27, 33),
            (30, 37),
            (33, 41),
            (37, 46),
            (41, 51),
            (46, 57),
            (51, 63),
            (57, 71),
            (63, 78),
            (70, 87),
            (77, 96),
            (78, 97),
            (84, 105),
            (87, 108),
            (92, 115),
            (97, 121),
            (100, 125),
            (108, 135),
            (110, 137),
            (120, 150),
            (121, 151),
            (130, 162),
            (135, 168),
            (140, 175),
            (151, 188),
            (168, 210),
            (188, 235),
            (210, 262),
            (235, 293),
            (262, 327),
            (292, 365),
            (324, 405),
        ];
        let max_for = |min: u32| match min {
            360 => None,
            _ => Some(
                LADDER
                    .iter()
                    .find(|(lo, _)| *lo == min)
                    .expect("min on the ladder")
                    .1,
            ),
        };
        for (row, minimums) in MINIMUMS.iter().enumerate() {
            let level = row as i32 + 1;
            for (history, &min) in CriminalHistory::ALL.into_iter().zip(minimums) {
                let want = GuidelineRange {
                    min_months: min,
                    max_months: max_for(min),
                };
                assert_eq!(
                    guideline_range(level, history),
                    want,
                    "level {level}, {history}"
                );
            }
        }
        for history in CriminalHistory::ALL {
            assert!(guideline_range(43, history).is_life_only());
        }
    }

    /// The table never goes down along a row or a column.
    #[test]
    fn table_is_monotone() {
        for level in MIN_LEVEL..MAX_LEVEL {
            for history in CriminalHistory::ALL {
                let here = guideline_range(level, history);
                assert!(guideline_range(level + 1, history).min_months >= here.min_months);
                if history != CriminalHistory::VI {
                    let right = CriminalHistory::ALL[history.column() + 1];
                    assert!(guideline_range(level, right).min_months >= here.min_months);
                }
            }
        }
    }

    /// Every cell's zone in every edition, from the band edges of USSG §5A as amended in
    /// 2010 (A: minimum 0; B: 1–9; C: 10–12; D: 15 or more).
    #[test]
    fn zone_of_every_cell() {
        for edition in bands() {
            for level in MIN_LEVEL..=MAX_LEVEL {
                for history in CriminalHistory::ALL {
                    let range = guideline_range(level, history);
                    let want = match range.min_months {
                        0 => Zone::A,
                        1..=9 => Zone::B,
                        10..=12 => Zone::C,
                        _ => Zone::D,
                    };
                    assert_eq!(
                        zone(range, edition),
                        want,
                        "{level} {history} {}",
                        edition.id
                    );
                }
            }
        }
    }
}
