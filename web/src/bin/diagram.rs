//! The decision diagram widget's page (`diagram/`): only the diagram's code is in this build.

fn main() {
    explainer_web::boot::start(
        explainer_model::route::Widget::Diagram,
        explainer_web::pages::diagram::start,
    );
}
