//! Filling a pattern: `"Step {n} of {total}"` with `n` and `total`. The one piece of the words
//! table the browser needs: the pages carry the patterns their apps say (see `crate::contract`),
//! and the apps fill them in, so that no interface sentence is compiled into the wasm.

/// Replaces each `{name}` with its value; an unknown name stays as written (the loader checks
/// every pattern's names against the engine's table, so that cannot happen in a built page).
pub fn fill(pattern: &str, args: &[(&str, &str)]) -> String {
    // By splitting, not by slicing at found indices: the browser builds carry no slicing panic
    // (whose message machinery would be a fifth of a widget's wasm).
    let mut out = String::with_capacity(pattern.len() + 16);
    let mut rest = pattern;
    while let Some((before, after)) = rest.split_once('{') {
        out.push_str(before);
        match after.split_once('}') {
            Some((name, next)) => {
                match args.iter().find(|(k, _)| *k == name) {
                    Some((_, v)) => out.push_str(v),
                    None => {
                        out.push('{');
                        out.push_str(name);
                        out.push('}');
                    }
                }
                rest = next;
            }
            None => {
                out.push('{');
                out.push_str(after);
                rest = "";
            }
        }
    }
    out.push_str(rest);
    out
}

/// The `{names}` a pattern uses, in order of first use.
pub fn names(pattern: &str) -> Vec<&str> {
    let mut out: Vec<&str> = Vec::new();
    let mut rest = pattern;
    while let Some(open) = rest.find('{') {
        let after = &rest[open + 1..];
        let Some(close) = after.find('}') else { break };
        let name = &after[..close];
        if !out.contains(&name) {
            out.push(name);
        }
        rest = &after[close + 1..];
    }
    out
}

/// Upper-cases the first letter (for a pattern's value at the start of a sentence); text in a
/// script without case is returned as it is.
pub fn capitalised(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().collect::<String>() + c.as_str(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn patterns_fill_and_name_their_holes() {
        assert_eq!(
            fill("Step {n} of {total}", &[("n", "3"), ("total", "20")]),
            "Step 3 of 20"
        );
        assert_eq!(
            fill("{total}단계 중 {n}단계", &[("n", "3"), ("total", "20")]),
            "20단계 중 3단계"
        );
        assert_eq!(fill("a {b} {c", &[("b", "x")]), "a x {c");
        assert_eq!(fill("{unknown}", &[]), "{unknown}");
        assert_eq!(names("{n}/{total} {n}"), vec!["n", "total"]);
        assert_eq!(capitalised("leans"), "Leans");
        assert_eq!(capitalised("기울다"), "기울다");
    }
}
