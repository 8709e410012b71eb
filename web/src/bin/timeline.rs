//! The timeline widget's page (`timeline/`): only the timeline's code is in this build.

fn main() {
    explainer_web::boot::start(
        explainer_model::route::Widget::Timeline,
        explainer_web::pages::timeline::start,
    );
}
