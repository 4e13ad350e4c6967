//! Entry point of the browser app: mounts the root component, then asks for offline use.

fn main() {
    yew::Renderer::<threshold_app::App>::new().render();
    threshold_app::offline::register_service_worker();
}
