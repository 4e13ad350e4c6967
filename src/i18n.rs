//! The page's words in English and Spanish: the message catalogs, the reader's language as
//! a Yew context, and the lookups components call.
//!
//! Every string the page shows is a key in `src/messages/*.json` (or, for what the engine
//! says, `engine/data/messages.json`) with both languages side by side. Components call
//! [`t`] for a fixed text, [`tf`] for one with `{placeholders}` and [`tn`] for one that
//! counts something (its `.one` and `.other` forms); a key missing from the
//! catalog shows as `⟦key⟧`, and the tests below fail on any key the code uses that the
//! catalogs lack.

use std::sync::OnceLock;

use threshold_engine::i18n::engine_catalog;
pub use threshold_engine::i18n::{Arg, Catalog, Lang, Message, Text};
use yew::prelude::*;

/// The app's catalog files, by the part of the page they serve.
pub const APP_MESSAGES: [(&str, &str); 9] = [
    ("src/messages/app.json", include_str!("messages/app.json")),
    ("src/messages/case.json", include_str!("messages/case.json")),
    (
        "src/messages/results.json",
        include_str!("messages/results.json"),
    ),
    (
        "src/messages/prosecution.json",
        include_str!("messages/prosecution.json"),
    ),
    (
        "src/messages/scenario.json",
        include_str!("messages/scenario.json"),
    ),
    (
        "src/messages/caseload.json",
        include_str!("messages/caseload.json"),
    ),
    ("src/messages/keep.json", include_str!("messages/keep.json")),
    (
        "src/messages/story.json",
        include_str!("messages/story.json"),
    ),
    (
        "src/messages/checks.json",
        include_str!("messages/checks.json"),
    ),
];

/// The engine's messages and the app's, in one catalog.
pub fn catalog() -> &'static Catalog {
    static CATALOG: OnceLock<Catalog> = OnceLock::new();
    CATALOG.get_or_init(|| {
        // The engine's catalog is already read (the engine renders with it): copied, not
        // parsed again at start-up.
        let mut catalog = engine_catalog().clone();
        // A broken file is caught by the tests below; at run time the page still shows,
        // with ⟦keys⟧ where its text would be.
        for (source, json) in APP_MESSAGES {
            let _ = catalog.add_json(source, json);
        }
        catalog
    })
}

/// The text for `key` in `lang`.
pub fn t(lang: Lang, key: &str) -> AttrValue {
    match catalog().entry(key) {
        // The catalog lives for the whole run, so its text is shared without a copy.
        Some(entry) => AttrValue::Static(entry.get(lang)),
        None => AttrValue::from(format!("⟦{key}⟧")),
    }
}

/// The text for `key` in `lang` with its `{placeholders}` filled from `args`.
pub fn tf(lang: Lang, key: &str, args: &[(&str, Arg)]) -> String {
    catalog().format(key, args, lang)
}

/// The text for a count: `{key}.one` when `count` is 1, else `{key}.other` (English and
/// Spanish both say "1 cambio", "0 cambios", "2 cambios"), with `{n}` the count grouped as
/// the language writes it and any other `{placeholders}` filled from `args`.
pub fn tn(lang: Lang, key: &str, count: usize, args: &[(&str, Arg)]) -> String {
    let form = if count == 1 { "one" } else { "other" };
    let mut all = vec![("n", Arg::from(count))];
    all.extend(args.iter().cloned());
    catalog().format(&format!("{key}.{form}"), &all, lang)
}

/// A message (from the engine or the app) in `lang`.
pub fn render(lang: Lang, message: &Message) -> String {
    catalog().render(message, lang)
}

/// Text written the same in every language (a name the user typed, a citation).
pub fn verbatim(value: impl Into<String>) -> Arg {
    Arg::Verbatim(value.into())
}

/// The reader's language, as the root provides it.
#[hook]
pub fn use_lang() -> Lang {
    use_context::<Lang>().unwrap_or_default()
}

/// Which language to start in: the link's, else the one this browser chose before, else the
/// browser's own preference when it is Spanish, else English.
pub fn initial_lang(link: Option<Lang>, remembered: Option<&str>, browser: &[String]) -> Lang {
    link.or_else(|| remembered.and_then(Lang::from_code))
        .or_else(|| browser.iter().find_map(|tag| Lang::from_code(tag)))
        .unwrap_or_default()
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use std::path::{Path, PathBuf};
    use threshold_engine::i18n::ENGINE_MESSAGES;

    /// Every catalog reads: both languages written, the same placeholders, no key twice.
    #[test]
    fn every_catalog_reads_and_is_complete() {
        let mut catalog = Catalog::default();
        catalog
            .add_json("engine/data/messages.json", ENGINE_MESSAGES)
            .unwrap();
        for (source, json) in APP_MESSAGES {
            catalog
                .add_json(source, json)
                .unwrap_or_else(|e| panic!("{e}"));
        }
        assert_eq!(catalog.keys().count(), super::catalog().keys().count());
    }

    fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                rust_files(&path, out);
            } else if path.extension().is_some_and(|e| e == "rs") {
                out.push(path);
            }
        }
    }

    /// The string literal keys passed to `t(…, "key")`, `tf(…, "key", …)`,
    /// `Message::new("key")` and, as both its forms, `tn(…, "key", …)` in `source`.
    fn keys_used(source: &str) -> Vec<String> {
        let mut keys = Vec::new();
        for call in ["t(", "tf(", "tn(", "Message::new("] {
            let mut rest = source;
            while let Some(at) = rest.find(call) {
                let before = rest[..at].chars().next_back();
                rest = &rest[at + call.len()..];
                // `t(` must be the function, not the end of `format(` or `.set(`.
                if call != "Message::new("
                    && before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == '.')
                {
                    continue;
                }
                let mut args = rest.trim_start();
                if call != "Message::new(" {
                    // Skip the language argument.
                    match args.find(',') {
                        Some(comma) if !args[..comma].contains(['(', '"', ')']) => {
                            args = args[comma + 1..].trim_start();
                        }
                        _ => continue,
                    }
                }
                if let Some(literal) = args.strip_prefix('"') {
                    if let Some(end) = literal.find('"') {
                        let key = &literal[..end];
                        if call == "tn(" {
                            keys.push(format!("{key}.one"));
                            keys.push(format!("{key}.other"));
                        } else {
                            keys.push(key.to_string());
                        }
                    }
                }
            }
        }
        keys
    }

    /// A key the code uses that either language lacks fails here, naming file and key.
    #[test]
    fn every_key_the_code_uses_is_in_both_languages() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut files = Vec::new();
        rust_files(&root.join("src"), &mut files);
        rust_files(&root.join("engine/src"), &mut files);
        let mut missing = Vec::new();
        let mut used = 0;
        // This file's own tests hold keys made up to test the scan.
        files.retain(|f| !f.ends_with("src/i18n.rs"));
        for file in files {
            let source = std::fs::read_to_string(&file).unwrap();
            for key in keys_used(&source) {
                used += 1;
                if !catalog().contains(&key) {
                    missing.push(format!("{}: {key}", file.display()));
                }
            }
        }
        assert!(
            missing.is_empty(),
            "keys missing from the catalogs:\n{}",
            missing.join("\n")
        );
        assert!(used > 0, "the scan found no keys at all");
    }

    #[test]
    fn the_key_scan_finds_calls_and_skips_lookalikes() {
        let source = r#"t(lang, "a.b") tf(props.lang, "c", &[]) format("x") x.set(y, "no")
            Message::new("d.e") t(lang,"f") tn(lang, "g", 2, &[])"#;
        assert_eq!(
            keys_used(source),
            ["a.b", "f", "c", "g.one", "g.other", "d.e"]
        );
    }

    /// One is singular, every other count plural, in both languages.
    #[test]
    fn counts_choose_their_form() {
        for (lang, count, text) in [
            (Lang::En, 0, "Its 0 changes"),
            (Lang::En, 1, "Its 1 change"),
            (Lang::En, 2, "Its 2 changes"),
            (Lang::En, 1200, "Its 1,200 changes"),
            (Lang::Es, 0, "Introduce 0 cambios"),
            (Lang::Es, 1, "Introduce 1 cambio"),
            (Lang::Es, 3, "Introduce 3 cambios"),
        ] {
            assert_eq!(tn(lang, "scenario.changes", count, &[]), text);
        }
        for (lang, count, text) in [
            (Lang::En, 1, "1 charge left out, and why"),
            (Lang::En, 4, "4 charges left out, and why"),
            (Lang::Es, 1, "1 cargo descartado y por qué"),
            (Lang::Es, 4, "4 cargos descartados y por qué"),
        ] {
            assert_eq!(tn(lang, "results.comparison.left_out", count, &[]), text);
        }
        let file = [("file", verbatim("a.csv"))];
        assert_eq!(
            tn(Lang::En, "caseload.using", 1, &file),
            "Using 1 case from a.csv. "
        );
        assert_eq!(
            tn(Lang::Es, "caseload.using", 2, &file),
            "Se usan 2 casos de a.csv. "
        );
    }

    #[test]
    fn missing_keys_show_as_keys() {
        assert_eq!(t(Lang::Es, "no.such.key").as_str(), "⟦no.such.key⟧");
    }

    #[test]
    fn the_starting_language_follows_link_then_memory_then_browser() {
        let browser = ["es-MX".to_string(), "en".to_string()];
        assert_eq!(initial_lang(Some(Lang::En), Some("es"), &browser), Lang::En);
        assert_eq!(initial_lang(None, Some("en"), &browser), Lang::En);
        assert_eq!(initial_lang(None, Some("xx"), &browser), Lang::Es);
        assert_eq!(
            initial_lang(None, None, &["fr".into(), "es".into()]),
            Lang::Es
        );
        assert_eq!(initial_lang(None, None, &["fr".into()]), Lang::En);
    }
}
