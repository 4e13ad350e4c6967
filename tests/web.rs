//! Browser tests (wasm-bindgen-test in headless Chromium): the app mounts into a real DOM and
//! shows what the engine computes.
#![cfg(target_arch = "wasm32")]

use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

/// Mounts the whole app into a fresh element and returns that element.
async fn mount_app() -> web_sys::Element {
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
    root
}

#[wasm_bindgen_test]
async fn shell_renders_header_main_and_footer() {
    let root = mount_app().await;
    for selector in ["header h1", "main#main", "footer details summary"] {
        assert!(
            root.query_selector(selector)
                .expect("valid selector")
                .is_some(),
            "missing {selector}"
        );
    }
    let summary = root.query_selector("footer summary").unwrap().unwrap();
    assert_eq!(summary.text_content().as_deref(), Some("About / sources"));
}

#[wasm_bindgen_test]
async fn engine_value_is_computed_in_the_browser() {
    let root = mount_app().await;
    let range = root
        .query_selector("[data-testid=guideline-range]")
        .unwrap()
        .expect("the engine check panel shows a range");
    // USSG §5A: offense level 12, criminal history category I → 10–16 months.
    assert_eq!(range.text_content().as_deref(), Some("10–16 months"));
}
