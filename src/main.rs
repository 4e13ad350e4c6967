//! Entry point of the browser app: mounts the root component.

fn main() {
    yew::Renderer::<threshold_app::App>::new().render();
}
