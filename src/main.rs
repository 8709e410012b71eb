//! The essay's page. This file only starts the app: see `essay` for what it attaches to.

fn main() {
    explainer::boot::start(
        explainer_model::route::Widget::Essay,
        explainer::essay::attach,
    );
}
