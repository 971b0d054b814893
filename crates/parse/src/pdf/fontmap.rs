//! Recovers the text of a CID font that has no ToUnicode map from the character map
//! (`cmap` table) of the TrueType or OpenType font embedded in the file.
//!
//! With `Identity-H` encoding a string's two-byte codes are CIDs, `CIDToGIDMap` turns
//! CIDs into glyph ids, and the embedded font's own `cmap` maps characters to glyph ids:
//! read backwards, it names the character each glyph draws.

use std::collections::HashMap;

use lopdf::{Dictionary, Document, Object};

/// Ranks the characters one glyph may stand for: a unified ideograph or ordinary
/// character beats a radical, a compatibility ideograph or a private-use code.
fn rank(c: char) -> u8 {
    match c as u32 {
        0xE000..=0xF8FF | 0xF0000.. => 3,
        0x2E80..=0x2FDF | 0xF900..=0xFAFF | 0x2F800..=0x2FA1F => 2,
        _ => 1,
    }
}

/// Reads the embedded font program's `cmap` backwards: glyph id to character.
fn glyph_to_char(program: &[u8]) -> Option<HashMap<u16, char>> {
    let face = ttf_parser::Face::parse(program, 0).ok()?;
    let cmap = face.tables().cmap?;
    let mut glyphs: HashMap<u16, char> = HashMap::new();
    for subtable in cmap.subtables {
        if !subtable.is_unicode() {
            continue;
        }
        subtable.codepoints(|code_point| {
            let (Some(c), Some(glyph)) =
                (char::from_u32(code_point), subtable.glyph_index(code_point))
            else {
                return;
            };
            glyphs
                .entry(glyph.0)
                .and_modify(|known| {
                    if rank(c) < rank(*known) {
                        *known = c
                    }
                })
                .or_insert(c);
        });
    }
    (!glyphs.is_empty()).then_some(glyphs)
}

fn dict<'a>(doc: &'a Document, object: &'a Object) -> Option<&'a Dictionary> {
    doc.dereference(object).ok()?.1.as_dict().ok()
}

/// Builds the CID-to-character map of a Type0 font without ToUnicode, if it embeds a
/// TrueType or OpenType program with a Unicode `cmap`.
pub(crate) fn cid_to_char(doc: &Document, font: &Dictionary) -> Option<HashMap<u16, char>> {
    if font.has(b"ToUnicode") {
        return None;
    }
    let descendants = font.get_deref(b"DescendantFonts", doc).ok()?.as_array().ok()?;
    let descendant = dict(doc, descendants.first()?)?;
    let descriptor = dict(doc, descendant.get(b"FontDescriptor").ok()?)?;
    let file = descriptor
        .get_deref(b"FontFile2", doc)
        .or_else(|_| descriptor.get_deref(b"FontFile3", doc));
    let stream = file.ok()?.as_stream().ok()?;
    let program = stream.decompressed_content().ok()?;
    let glyphs = glyph_to_char(&program)?;
    let cid_to_gid =
        descendant.get_deref(b"CIDToGIDMap", doc).ok().and_then(|o| o.as_stream().ok());
    let Some(cid_to_gid) = cid_to_gid else {
        // No map, or /Identity: a CID is its glyph id.
        return Some(glyphs);
    };
    let table = cid_to_gid.decompressed_content().ok()?;
    let mut chars = HashMap::new();
    for (cid, pair) in table.chunks_exact(2).enumerate() {
        let glyph = u16::from_be_bytes([pair[0], pair[1]]);
        if let (Ok(cid), Some(c)) = (u16::try_from(cid), glyphs.get(&glyph)) {
            chars.insert(cid, *c);
        }
    }
    Some(chars)
}

/// Decodes two-byte codes through a CID map; unknown CIDs become U+FFFD so that the
/// text is reported as unmapped rather than silently shortened.
pub(crate) fn decode(chars: &HashMap<u16, char>, bytes: &[u8]) -> String {
    bytes
        .chunks_exact(2)
        .map(|pair| {
            chars.get(&u16::from_be_bytes([pair[0], pair[1]])).copied().unwrap_or('\u{fffd}')
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prefers_unified_ideographs_over_radicals() {
        assert!(rank('门') < rank('⻔'));
        assert!(rank('门') < rank('\u{e000}'));
        assert_eq!(rank('a'), rank('门'));
    }

    #[test]
    fn decodes_codes_and_marks_unknown_ones() {
        let chars = HashMap::from([(0x0012, '通'), (0x0013, '知')]);
        assert_eq!(decode(&chars, &[0x00, 0x12, 0x00, 0x13, 0x00, 0x99]), "通知\u{fffd}");
    }

    #[test]
    fn rejects_a_program_that_is_not_a_font() {
        assert_eq!(glyph_to_char(b"not a font"), None);
    }

    #[test]
    fn a_font_without_an_embedded_program_has_no_map() {
        let doc = Document::with_version("1.5");
        let font = lopdf::dictionary! { "Type" => "Font", "Subtype" => "Type0", "Encoding" => "Identity-H" };
        assert_eq!(cid_to_char(&doc, &font), None);
    }
}
