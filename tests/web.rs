//! Browser tests (wasm-bindgen-test in headless Chromium): the app mounts into a real DOM,
//! shows what the engine computes, and its inputs behave under real events.
#![cfg(target_arch = "wasm32")]

use threshold_app::share_link;
use threshold_app::state::AppState;
use threshold_engine::scenario::preset;
use threshold_engine::{evaluate, Law, SentencingParams};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};
use web_sys::{Element, Event, EventInit, HtmlInputElement, HtmlSelectElement};

wasm_bindgen_test_configure!(run_in_browser);

/// Sets the test page's fragment without a history entry or a hashchange event.
fn set_fragment(fragment: &str) {
    let window = gloo::utils::window();
    let location = window.location();
    let url = format!(
        "{}{}{fragment}",
        location.pathname().expect("a path"),
        location.search().expect("a query")
    );
    window
        .history()
        .expect("history")
        .replace_state_with_url(&JsValue::NULL, "", Some(&url))
        .expect("replaceState");
}

fn fragment() -> String {
    gloo::utils::window().location().hash().expect("a hash")
}

/// Waits for the tasks already queued (the app writes the address in a task of its own).
async fn next_task() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        gloo::utils::window()
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 0)
            .expect("setTimeout");
    });
    wasm_bindgen_futures::JsFuture::from(promise)
        .await
        .expect("a timeout");
}

/// Mounts the whole app into a fresh element and returns that element. Every app keeps the
/// address in step with its view, so the fragment is cleared first: a test opens the
/// default view unless it sets a link itself.
async fn mount_app() -> Element {
    mount_app_at("").await
}

async fn mount_app_at(fragment: &str) -> Element {
    set_fragment(fragment);
    let document = gloo::utils::document();
    let root = document
        .create_element("div")
        .expect("a div can be created");
    document
        .body()
        .expect("the test page has a body")
        .append_child(&root)
        .expect("append");
    yew::Renderer::<threshold_app::App>::with_root(root.clone()).render();
    yew::scheduler::flush().await;
    // The panels below the fold render in the two tasks after the first paint.
    for _ in 0..2 {
        next_task().await;
        yew::scheduler::flush().await;
    }
    root
}

fn find(root: &Element, selector: &str) -> Element {
    root.query_selector(selector)
        .expect("valid selector")
        .unwrap_or_else(|| panic!("missing {selector}"))
}

fn text(root: &Element, selector: &str) -> String {
    find(root, selector).text_content().unwrap_or_default()
}

/// Types into an input as a person would: the value changes, then an `input` event bubbles.
async fn type_into(root: &Element, selector: &str, value: &str) {
    let input: HtmlInputElement = find(root, selector).dyn_into().expect("an input");
    input.set_value(value);
    let init = EventInit::new();
    init.set_bubbles(true);
    let event = Event::new_with_event_init_dict("input", &init).expect("event");
    input.dispatch_event(&event).expect("dispatch");
    yew::scheduler::flush().await;
}

/// Opens "More facts", whose fields the form builds only once it is opened.
async fn open_more_facts(root: &Element) {
    let fold: web_sys::HtmlDetailsElement = find(root, "[data-testid=more-facts]")
        .dyn_into()
        .expect("a details element");
    fold.set_open(true);
    // The browser fires its toggle event in a task of its own.
    next_task().await;
    yew::scheduler::flush().await;
}

async fn choose(root: &Element, selector: &str, value: &str) {
    let select: HtmlSelectElement = find(root, selector).dyn_into().expect("a select");
    select.set_value(value);
    let init = EventInit::new();
    init.set_bubbles(true);
    let event = Event::new_with_event_init_dict("change", &init).expect("event");
    select.dispatch_event(&event).expect("dispatch");
    yew::scheduler::flush().await;
}

#[wasm_bindgen_test]
async fn shell_renders_header_main_and_footer() {
    let root = mount_app().await;
    for selector in ["header h1", "main#main", "footer details summary"] {
        find(&root, selector);
    }
    assert_eq!(text(&root, "footer summary"), "About / sources");
}

#[wasm_bindgen_test]
async fn the_default_case_shows_what_the_engine_computes() {
    let root = mount_app().await;
    let expected = evaluate(
        &AppState::default().case,
        Law::embedded(),
        SentencingParams::embedded(),
    )
    .expect("the default case evaluates");
    assert_eq!(
        text(&root, "[data-testid=offense-level]"),
        expected.offense_level.to_string()
    );
    // USSG §5A: offense level 12, criminal history category I → 10–16 months.
    assert_eq!(text(&root, "[data-testid=guideline-range]"), "10–16 months");
}

#[wasm_bindgen_test]
async fn typing_more_firearms_recomputes_without_a_button() {
    let root = mount_app().await;
    let mut case = AppState::default().case;
    case.firearms = Some(30);
    let expected = evaluate(&case, Law::embedded(), SentencingParams::embedded()).unwrap();
    type_into(&root, "#field-firearms", "30").await;
    assert_eq!(
        text(&root, "[data-testid=offense-level]"),
        expected.offense_level.to_string()
    );
}

#[wasm_bindgen_test]
async fn garbage_shows_a_message_and_keeps_the_last_valid_result() {
    let root = mount_app().await;
    let before = text(&root, "[data-testid=guideline-range]");
    for garbage in ["abc", "-4", "1000000000", "2.5", "1e400"] {
        type_into(&root, "#field-firearms", garbage).await;
        let message = text(&root, ".field.invalid .field-error");
        assert!(!message.is_empty(), "no message for {garbage:?}");
        assert_eq!(text(&root, "[data-testid=guideline-range]"), before);
    }
    type_into(&root, "#field-firearms", "5").await;
    assert!(root.query_selector(".field.invalid").unwrap().is_none());
}

#[wasm_bindgen_test]
async fn a_charge_missing_from_the_era_is_explained_not_crashed() {
    let root = mount_app().await;
    choose(&root, "#field-law_era", "today").await;
    open_more_facts(&root).await;
    choose(&root, "#field-charge", "trafficking_933").await;
    find(&root, "[data-testid=guideline-range]");
    choose(&root, "#field-law_era", "april_2011").await;
    let message = text(&root, "[data-testid=evaluation-error]");
    assert!(message.contains("933"), "{message}");
}

/// The same seed gives the same projection in the browser as natively: these are the values
/// `engine/src/caseload/tests.rs` pins for the native build (`fingerprint_is_stable_and_matches_wasm`).
#[wasm_bindgen_test]
fn the_caseload_projection_draws_alike_in_webassembly_and_natively() {
    use threshold_engine::caseload::projection_fingerprint;
    for (seed, draws, native) in [
        (2011, 100, 13_291_929_450_157_184_268u64),
        (1, 1000, 5_867_621_865_855_475_084),
        (42, 37, 3_342_822_304_520_888_219),
    ] {
        assert_eq!(
            projection_fingerprint(seed, draws),
            native,
            "seed {seed}, {draws} draws"
        );
    }
}

#[wasm_bindgen_test]
async fn a_share_link_in_the_address_opens_its_view_and_follows_edits() {
    let mut state = AppState::default();
    state.case.firearms = Some(30);
    state.scenario = preset("gtpa_20yr_straw").cloned().expect("preset");
    state.caseload.seed = 7;
    let link = share_link::encode(&state);
    let root = mount_app_at(&format!("#{link}")).await;
    let expected = evaluate(&state.case, Law::embedded(), SentencingParams::embedded()).unwrap();
    assert_eq!(
        text(&root, "[data-testid=offense-level]"),
        expected.offense_level.to_string()
    );
    let value = |selector: &str| -> String {
        let input: HtmlInputElement = find(&root, selector).dyn_into().expect("an input");
        input.value()
    };
    assert_eq!(value("#field-firearms"), "30");
    assert_eq!(value("#field-seed"), "7");
    let picker: HtmlSelectElement = find(&root, "#field-scenario").dyn_into().expect("select");
    assert_eq!(picker.value(), "gtpa_20yr_straw");
    assert!(root
        .query_selector("[data-testid=link-error]")
        .unwrap()
        .is_none());
    next_task().await;
    assert_eq!(fragment(), format!("#{link}"));
    // An edit is written back into the address, so a reload keeps it.
    type_into(&root, "#field-firearms", "31").await;
    next_task().await;
    state.case.firearms = Some(31);
    assert_eq!(fragment(), format!("#{}", share_link::encode(&state)));
    set_fragment("");
}

#[wasm_bindgen_test]
async fn a_broken_link_shows_a_message_and_the_default_view() {
    let root = mount_app_at("#v1.eyJjIjp7fQ-tampered").await;
    let message = text(&root, "[data-testid=link-error]");
    assert!(message.contains("could not be opened"), "{message}");
    // USSG §5A: the default case, offense level 12, category I → 10–16 months.
    assert_eq!(text(&root, "[data-testid=guideline-range]"), "10–16 months");
    set_fragment("");
}

#[wasm_bindgen_test]
fn unreadable_storage_is_backed_up_and_a_written_list_reads_back() {
    use threshold_app::browser_storage;
    use threshold_app::saved_scenarios::{SavedScenario, StorageProblem, STORAGE_KEY};

    let storage = gloo::utils::window()
        .local_storage()
        .expect("storage")
        .expect("storage");
    storage.clear().expect("clear");
    assert_eq!(browser_storage::load().entries, vec![]);

    storage.set_item(STORAGE_KEY, "{x").expect("set");
    let mut shelf = browser_storage::load();
    let Some(StorageProblem::Unreadable {
        backup_key: Some(key),
        raw,
        ..
    }) = shelf.problem.clone()
    else {
        panic!("{:?}", shelf.problem);
    };
    assert_eq!(raw, "{x");
    assert_eq!(storage.get_item(&key).expect("get").as_deref(), Some("{x"));
    // Reading wrote nothing over the damaged list.
    assert_eq!(
        storage.get_item(STORAGE_KEY).expect("get").as_deref(),
        Some("{x")
    );

    shelf.entries.push(SavedScenario {
        name: "kept".into(),
        saved: browser_storage::now_iso(),
        link: "v1.e30".into(),
    });
    browser_storage::store(&shelf).expect("stored");
    let back = browser_storage::load();
    assert_eq!(back.entries, shelf.entries);
    assert_eq!(back.problem, None);
    storage.clear().expect("clear");
}

/// Offline use never breaks the page: with no worker named nothing is registered, and a
/// worker the browser refuses (here, one that does not exist) is an error in words.
#[wasm_bindgen_test]
async fn a_missing_or_refused_service_worker_is_reported_not_thrown() {
    assert_eq!(threshold_app::offline::register().await, Ok(false));
    let document = gloo::utils::document();
    let meta = document.create_element("meta").expect("a meta");
    meta.set_attribute("name", "threshold-service-worker")
        .expect("name");
    meta.set_attribute("content", "no-such-worker.js")
        .expect("content");
    document
        .body()
        .expect("a body")
        .append_child(&meta)
        .expect("appended");
    let refused = threshold_app::offline::register().await;
    meta.remove();
    let reason = refused.expect_err("a worker that does not exist is refused");
    assert!(reason.contains("no-such-worker.js"), "{reason}");
}

#[wasm_bindgen_test]
async fn a_remembered_language_opens_the_page_in_it_and_the_switch_changes_and_remembers() {
    use threshold_app::browser_storage::LANG_KEY;
    use threshold_app::i18n::{t, Lang};
    let storage = gloo::utils::window()
        .local_storage()
        .expect("storage")
        .expect("storage is on");
    storage.set_item(LANG_KEY, "es").expect("set");
    let root = mount_app().await;
    let html = gloo::utils::document()
        .document_element()
        .expect("an html element");
    assert_eq!(html.get_attribute("lang").as_deref(), Some("es-MX"));
    assert_eq!(
        text(&root, ".site-tagline"),
        t(Lang::Es, "app.tagline").as_str()
    );
    find(&root, "[data-lang=en]")
        .dyn_into::<web_sys::HtmlElement>()
        .expect("a button")
        .click();
    yew::scheduler::flush().await;
    assert_eq!(html.get_attribute("lang").as_deref(), Some("en"));
    assert_eq!(
        text(&root, ".site-tagline"),
        t(Lang::En, "app.tagline").as_str()
    );
    assert_eq!(
        storage.get_item(LANG_KEY).expect("get").as_deref(),
        Some("en")
    );
    // The other tests expect the browser's own language.
    storage.remove_item(LANG_KEY).expect("remove");
    set_fragment("");
}
