//! The widgets' own pages, one file each over a shared shell: each finds its drawing, makes it
//! live, keeps its state in the address (or tells the page around it), and opens where the
//! address or the host page's fragment says.

pub mod diagram;
pub mod map;
pub mod shell;
pub mod timeline;
