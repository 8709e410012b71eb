//! The map widget's page (`map/`): only the map's code is in this build.

fn main() {
    explainer_web::boot::start(
        explainer_model::route::Widget::Map,
        explainer_web::pages::map::start,
    );
}
