//! Decimal numbers the pages carry (`0.1234`, `-12`): read and written without the standard
//! float parser and formatter, whose tables would cost the browser build about 15 KB.

/// Reads a plain decimal (optional sign, digits, optional fraction). Anything else is None.
pub fn parse(s: &str) -> Option<f64> {
    let s = s.trim();
    let (neg, s) = match s.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, s),
    };
    let (int, frac) = s.split_once('.').unwrap_or((s, ""));
    if int.is_empty() && frac.is_empty() {
        return None;
    }
    // Whole digits, then the fraction as one integer over a power of ten: one rounding only.
    let digits = |s: &str| -> Option<(f64, i32)> {
        let mut v = 0.0f64;
        for b in s.bytes() {
            if !b.is_ascii_digit() {
                return None;
            }
            v = v * 10.0 + (b - b'0') as f64;
        }
        Some((v, s.len() as i32))
    };
    let (whole, _) = digits(int)?;
    let (f, n) = digits(frac)?;
    let v = whole + f / 10f64.powi(n);
    Some(if neg { -v } else { v })
}

/// Writes `v` with at most `places` decimals (trailing zeros dropped), e.g. `0.4375`, `-2`.
pub fn format(v: f64, places: u32) -> String {
    let scale = 10u64.pow(places);
    let neg = v < 0.0;
    let n = (v.abs() * scale as f64).round() as u64;
    let (int, mut frac) = (n / scale, n % scale);
    let mut out = String::new();
    if neg && n != 0 {
        out.push('-');
    }
    out.push_str(&int.to_string());
    if frac != 0 {
        let mut digits = places;
        while frac % 10 == 0 {
            frac /= 10;
            digits -= 1;
        }
        let f = frac.to_string();
        out.push('.');
        for _ in f.len()..digits as usize {
            out.push('0');
        }
        out.push_str(&f);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_numbers_the_pages_write() {
        assert_eq!(parse("0.1234"), Some(0.1234));
        assert_eq!(parse(" -12 "), Some(-12.0));
        assert_eq!(parse(".5"), Some(0.5));
        assert_eq!(parse("3."), Some(3.0));
        for bad in ["", ".", "-", "1e3", "0x1", "1.2.3", "NaN", "١٢"] {
            assert_eq!(parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn writes_short_fixed_point_and_round_trips() {
        assert_eq!(format(0.43749, 4), "0.4375");
        assert_eq!(format(2.0, 4), "2");
        assert_eq!(format(-0.00001, 4), "0");
        assert_eq!(format(-1.05, 3), "-1.05");
        assert_eq!(format(0.0501, 3), "0.05");
        for v in [0.0, 0.1234, 0.5, 1.0, 0.9999] {
            assert!((parse(&format(v, 4)).unwrap() - v).abs() < 1e-9);
        }
    }
}
