//! Plain-text tables for a terminal, aligned by display width: a CJK character or an emoji takes
//! two columns, a combining accent none, so counting characters (or bytes) would shift every
//! column after an e-mail written in Chinese. Free text may be cut to a column's limit with
//! `…`; machine-readable columns (ids, paths, codes) never are.
//!
//! Cells must already be safe to print (see [`crate::safe_text`]): a control character has no
//! width a terminal agrees on.

use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// The number of terminal columns `text` takes.
pub fn width(text: &str) -> usize {
    UnicodeWidthStr::width(text)
}

/// `text` cut to at most `max` columns, ending with `…` when it was cut. A wide character that
/// would straddle the limit goes whole, so the result may be one column narrower.
pub fn cut(text: &str, max: usize) -> String {
    if width(text) <= max {
        return text.to_owned();
    }
    let room = max.saturating_sub(1);
    let mut used = 0;
    let mut kept = String::with_capacity(text.len().min(max * 4));
    for c in text.chars() {
        let w = c.width().unwrap_or(0);
        if used + w > room {
            break;
        }
        used += w;
        kept.push(c);
    }
    if max > 0 {
        kept.push('…');
    }
    kept
}

/// One column of a table.
#[derive(Debug, Clone, Copy)]
pub struct Column {
    /// The heading printed above the column.
    pub heading: &'static str,
    /// The widest the column may be, for free text; `None` for text that must come out whole.
    pub limit: Option<usize>,
}

/// A table's column widths: each column as wide as its widest cell (after cutting) or heading.
#[derive(Debug, Clone)]
pub struct Layout {
    columns: Vec<Column>,
    widths: Vec<usize>,
}

impl Layout {
    /// Measures `rows` (one cell per column) for these columns.
    pub fn measure<'a>(columns: &[Column], rows: impl IntoIterator<Item = &'a [String]>) -> Self {
        let mut widths: Vec<usize> = columns.iter().map(|column| width(column.heading)).collect();
        for row in rows {
            for ((cell, column), widest) in row.iter().zip(columns).zip(widths.iter_mut()) {
                let shown = match column.limit {
                    Some(limit) => width(cell).min(limit),
                    None => width(cell),
                };
                *widest = (*widest).max(shown);
            }
        }
        Layout {
            columns: columns.to_vec(),
            widths,
        }
    }

    /// The heading line.
    pub fn heading(&self) -> String {
        let headings: Vec<String> = self
            .columns
            .iter()
            .map(|column| column.heading.to_owned())
            .collect();
        self.line(&headings)
    }

    /// One row: free text cut to its column's limit, every cell padded to its column's width
    /// (the last one is not padded), two spaces between columns.
    pub fn line(&self, row: &[String]) -> String {
        let mut line = String::new();
        let last = row.len().min(self.columns.len()).saturating_sub(1);
        for (at, ((cell, column), widest)) in
            row.iter().zip(&self.columns).zip(&self.widths).enumerate()
        {
            let shown = match column.limit {
                Some(limit) => cut(cell, limit),
                None => cell.clone(),
            };
            line.push_str(&shown);
            if at < last {
                line.push_str(&" ".repeat(widest.saturating_sub(width(&shown)) + 2));
            }
        }
        line.truncate(line.trim_end().len());
        line
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wide_characters_count_double() {
        assert_eq!(width("abc"), 3);
        assert_eq!(width("山田@例え.jp"), 12);
        assert_eq!(width("📱"), 2);
        assert_eq!(width("e\u{301}"), 1);
    }

    #[test]
    fn cutting_keeps_within_the_limit_and_marks_it() {
        assert_eq!(cut("abcdef", 6), "abcdef");
        assert_eq!(cut("abcdef", 4), "abc…");
        assert_eq!(cut("山田太郎", 5), "山田…");
        assert!(width(&cut("山田太郎", 6)) <= 6);
        assert_eq!(cut("abc", 0), "");
    }

    #[test]
    fn columns_line_up_whatever_the_script() {
        let columns = [
            Column {
                heading: "ID",
                limit: None,
            },
            Column {
                heading: "NAME",
                limit: Some(8),
            },
            Column {
                heading: "MAIL",
                limit: Some(20),
            },
        ];
        let rows = [
            vec!["1".to_owned(), "山田".to_owned(), "a@b".to_owned()],
            vec![
                "22".to_owned(),
                "a very long name".to_owned(),
                "x".to_owned(),
            ],
        ];
        let layout = Layout::measure(&columns, rows.iter().map(Vec::as_slice));
        let lines: Vec<String> = rows.iter().map(|row| layout.line(row)).collect();
        assert_eq!(layout.heading(), "ID  NAME      MAIL");
        assert_eq!(lines[0], "1   山田      a@b");
        assert_eq!(lines[1], "22  a very …  x");
    }
}
