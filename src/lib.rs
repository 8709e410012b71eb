//! The explainer in the browser. Every page is drawn at build time (see the model's `render`);
//! the app finds what is already there and makes it live: the essay's stage follows the reader,
//! the timeline opens events, the diagram's switches work, embeds talk to their hosts.

pub mod boot;
pub mod diagram;
pub mod dom;
pub mod embed;
pub mod essay;
pub mod reader;
pub mod scroll;
pub mod timeline;
pub mod widgets;
