//! The decision diagram widget's page (`diagram/`): only the diagram's code is in this build.

fn main() {
    explainer::boot::start(
        explainer_model::route::Widget::Diagram,
        explainer::widgets::diagram,
    );
}
