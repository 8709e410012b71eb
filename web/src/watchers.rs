//! Who is told of an instrument's changes: each watcher is registered for as long as a scope
//! lives, and goes with it. A watcher often holds the instrument it watches (to read its state);
//! since the instrument holds its watchers, that is a cycle, and only the scope's end breaks it:
//! so a watcher is never registered without one.

use crate::dom::Scope;
use std::cell::{Cell, RefCell};
use std::rc::Rc;

type Watcher<T> = Rc<dyn Fn(&T)>;
/// The registered watchers, each with the number its scope removes it by.
type List<T> = Rc<RefCell<Vec<(u32, Watcher<T>)>>>;

pub struct Watchers<T> {
    list: List<T>,
    next: Cell<u32>,
}

impl<T> Default for Watchers<T> {
    fn default() -> Self {
        Watchers {
            list: Rc::new(RefCell::new(Vec::new())),
            next: Cell::new(0),
        }
    }
}

impl<T: 'static> Watchers<T> {
    /// Tells `f` of every change while `scope` lives.
    pub fn add(&self, scope: &Scope, f: impl Fn(&T) + 'static) {
        let id = self.next.get();
        self.next.set(id + 1);
        self.list.borrow_mut().push((id, Rc::new(f)));
        // The scope holds the list weakly: a scope that outlives the instrument keeps nothing.
        let list = Rc::downgrade(&self.list);
        scope.on_dispose(move || {
            if let Some(l) = list.upgrade() {
                l.borrow_mut().retain(|(i, _)| *i != id);
            }
        });
    }

    /// Tells every watcher (a watcher may register or drop others while being told).
    pub fn tell(&self, v: &T) {
        let now: Vec<Watcher<T>> = self.list.borrow().iter().map(|(_, f)| f.clone()).collect();
        for f in now {
            f(v);
        }
    }

    pub fn len(&self) -> usize {
        self.list.borrow().len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}
