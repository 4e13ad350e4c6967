//! The Guidelines Manual editions Threshold models, and what distinguishes them.

use serde::{Deserialize, Serialize};

use crate::i18n::Lang;

/// An edition of the U.S. Sentencing Commission's Guidelines Manual.
///
/// Three editions matter for firearms trafficking to Mexico: the one in force when the seed
/// paper was written, the one that answered it (amendment 753), and the current one after the
/// Bipartisan Safer Communities Act (amendment 819).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum ManualEdition {
    /// Manual effective Nov. 1, 2010 (before amendment 753).
    #[serde(rename = "2010")]
    Nov2010,
    /// Manual effective Nov. 1, 2011 (amendment 753: straw-purchaser base level, (b)(6)(A) export).
    #[serde(rename = "2011")]
    Nov2011,
    /// Manual effective Nov. 1, 2023 (amendment 819: the BSCA offences 932 and 933).
    #[serde(rename = "2023")]
    Nov2023,
}

impl ManualEdition {
    pub const ALL: [ManualEdition; 3] = [Self::Nov2010, Self::Nov2011, Self::Nov2023];

    /// The short name used in data files, links and the command line.
    pub fn code(self) -> &'static str {
        match self {
            Self::Nov2010 => "2010",
            Self::Nov2011 => "2011",
            Self::Nov2023 => "2023",
        }
    }

    /// A label for people.
    pub fn label(self, lang: Lang) -> &'static str {
        match (lang, self) {
            (Lang::En, Self::Nov2010) => "Guidelines Manual, Nov. 1, 2010",
            (Lang::En, Self::Nov2011) => "Guidelines Manual, Nov. 1, 2011 (amendment 753)",
            (Lang::En, Self::Nov2023) => "Guidelines Manual, Nov. 1, 2023 (amendment 819)",
            (Lang::Es, Self::Nov2010) => "Manual de las Directrices, 1 de noviembre de 2010",
            (Lang::Es, Self::Nov2011) => {
                "Manual de las Directrices, 1 de noviembre de 2011 (enmienda 753)"
            }
            (Lang::Es, Self::Nov2023) => {
                "Manual de las Directrices, 1 de noviembre de 2023 (enmienda 819)"
            }
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|e| e.code() == code)
    }
}
