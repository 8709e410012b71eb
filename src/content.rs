//! The content, baked into the binary at build time from `content/*.toml` (see build.rs).

include!(concat!(env!("OUT_DIR"), "/content.rs"));

pub fn bundle() -> &'static Bundle {
    &BUNDLE
}
