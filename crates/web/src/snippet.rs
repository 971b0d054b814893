//! Highlighted snippets: only the `<em>` marks survive, everything else is text.
//!
//! The index sends snippets HTML-escaped with `<em>…</em>` around the matches. The page does
//! not trust that: it reads the snippet back into plain text and marked text, then escapes
//! it again itself, so a raw `<script>` that slipped through shows as text.

use maud::{html, Markup};

/// A piece of a highlighted snippet, as plain (unescaped) text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Segment {
    /// Text around the matches.
    Plain(String),
    /// A matched stretch, shown emphasised.
    Match(String),
}

const OPEN: &str = "<em>";
const CLOSE: &str = "</em>";

/// Reads a snippet into segments, decoding the entities its escaping produced.
///
/// Unbalanced marks are dropped; any other markup stays as text.
pub fn parse_snippet(snippet: &str) -> Vec<Segment> {
    let mut segments: Vec<Segment> = Vec::new();
    let mut inside = false;
    let mut rest = snippet;
    loop {
        let next_mark = [OPEN, CLOSE]
            .into_iter()
            .filter_map(|mark| rest.find(mark).map(|at| (at, mark)))
            .min_by_key(|(at, _)| *at);
        let Some((at, mark)) = next_mark else {
            push(&mut segments, inside, rest);
            break;
        };
        push(&mut segments, inside, &rest[..at]);
        inside = mark == OPEN;
        rest = &rest[at + mark.len()..];
    }
    segments
}

/// Appends text to the segment list, merging with a neighbour of the same kind.
fn push(segments: &mut Vec<Segment>, emphasised: bool, escaped: &str) {
    if escaped.is_empty() {
        return;
    }
    let text = decode_entities(escaped);
    match (segments.last_mut(), emphasised) {
        (Some(Segment::Match(last)), true) | (Some(Segment::Plain(last)), false) => {
            last.push_str(&text);
        }
        (_, true) => segments.push(Segment::Match(text)),
        (_, false) => segments.push(Segment::Plain(text)),
    }
}

/// Decodes the entities an HTML escaper writes; leaves any other `&` as it is.
fn decode_entities(escaped: &str) -> String {
    let mut out = String::with_capacity(escaped.len());
    let mut rest = escaped;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        let decoded = rest.find(';').filter(|end| *end <= 10).and_then(|end| {
            let name = &rest[1..end];
            entity(name).map(|c| (c, end + 1))
        });
        match decoded {
            Some((c, len)) => {
                out.push(c);
                rest = &rest[len..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// Maps an entity name (between `&` and `;`) to its character.
fn entity(name: &str) -> Option<char> {
    match name {
        "amp" => Some('&'),
        "lt" => Some('<'),
        "gt" => Some('>'),
        "quot" => Some('"'),
        "apos" => Some('\''),
        "nbsp" => Some('\u{a0}'),
        _ => {
            let code = name.strip_prefix('#')?;
            let value = match code.strip_prefix(['x', 'X']) {
                Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                None => code.parse().ok()?,
            };
            char::from_u32(value).filter(|c| !c.is_control() || c.is_whitespace())
        }
    }
}

/// Renders a snippet as safe HTML: escaped text with `<em>` around the matches.
pub fn render_snippet(snippet: &str) -> Markup {
    html! {
        @for segment in parse_snippet(snippet) {
            @match segment {
                Segment::Plain(text) => (text),
                Segment::Match(text) => em { (text) },
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plain(text: &str) -> Segment {
        Segment::Plain(text.to_owned())
    }

    fn matched(text: &str) -> Segment {
        Segment::Match(text.to_owned())
    }

    #[test]
    fn splits_marks_and_decodes_multibyte_text() {
        let segments = parse_snippet("优化<em>营商环境</em>，落实&lt;条例&gt;");
        assert_eq!(segments, vec![plain("优化"), matched("营商环境"), plain("，落实<条例>")]);
    }

    #[test]
    fn escapes_everything_but_em() {
        let html = render_snippet("<em>data</em> &amp; <script>alert(1)</script><b>x</b>");
        assert_eq!(
            html.into_string(),
            "<em>data</em> &amp; &lt;script&gt;alert(1)&lt;/script&gt;&lt;b&gt;x&lt;/b&gt;"
        );
    }

    #[test]
    fn already_escaped_markup_is_not_double_escaped() {
        let html = render_snippet("&lt;script&gt;条款&#39;s&#x4e00;");
        assert_eq!(html.into_string(), "&lt;script&gt;条款's一");
    }

    #[test]
    fn drops_unbalanced_marks() {
        assert_eq!(parse_snippet("</em>a<em>b<em>c"), vec![plain("a"), matched("bc")]);
        assert_eq!(render_snippet("<em>开").into_string(), "<em>开</em>");
    }

    #[test]
    fn keeps_stray_ampersands_and_unknown_entities_as_text() {
        assert_eq!(parse_snippet("R&D &copy; &#0; &"), vec![plain("R&D &copy; &#0; &")]);
        assert_eq!(render_snippet("R&D").into_string(), "R&amp;D");
    }

    #[test]
    fn attribute_tricks_stay_text() {
        let html =
            render_snippet("<em onclick=\"x\">a</em><img src=x onerror=alert(1)>").into_string();
        assert!(!html.contains("<img"), "{html}");
        assert!(!html.contains("<em "), "{html}");
    }
}
