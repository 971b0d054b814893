//! The fallback engine: walks a page's content stream with lopdf and decodes the strings
//! of the text-showing operators itself.
//!
//! It exists for the pages `pdf-extract` panics on or returns nothing for. Besides what
//! lopdf decodes (simple encodings, ToUnicode maps, `UniGB-UCS2-H`), it reads the
//! predefined Chinese CMaps: the `Uni*-UCS2`/`UTF16` family is UTF-16 big-endian and the
//! `GBK-EUC`/`GB-EUC`/`GBpc-EUC` family is GBK bytes; `Identity` fonts without a
//! ToUnicode map are read through their embedded font's `cmap` (see [`fontmap`]). Glyph widths are estimated (one em
//! for wide characters, half an em otherwise): positions only need to be good enough to
//! tell lines apart and to see how far a line reaches.

use std::collections::{BTreeMap, HashMap, HashSet};

use encoding_rs::{Encoding as TextEncoding, BIG5, GB18030, GBK, UTF_16BE};
use lopdf::content::Content;
use lopdf::{Dictionary, Document, Encoding, Object, ObjectId};

use super::fontmap;
use super::lines::LineBuilder;
use super::RawLine;

/// How deep form XObjects may nest before the walker stops following them (a form that
/// draws itself would otherwise recurse for ever).
const MAX_FORM_DEPTH: usize = 8;

/// A 2-D affine matrix `[a b c d e f]` as PDF writes it.
type Matrix = [f32; 6];

const IDENTITY: Matrix = [1.0, 0.0, 0.0, 1.0, 0.0, 0.0];

fn multiply(m1: &Matrix, m2: &Matrix) -> Matrix {
    [
        m1[0] * m2[0] + m1[1] * m2[2],
        m1[0] * m2[1] + m1[1] * m2[3],
        m1[2] * m2[0] + m1[3] * m2[2],
        m1[2] * m2[1] + m1[3] * m2[3],
        m1[4] * m2[0] + m1[5] * m2[2] + m2[4],
        m1[4] * m2[1] + m1[5] * m2[3] + m2[5],
    ]
}

fn translate(tx: f32, ty: f32, m: &Matrix) -> Matrix {
    multiply(&[1.0, 0.0, 0.0, 1.0, tx, ty], m)
}

/// Turns the bytes of a shown string into text for one font.
enum FontDecoder<'a> {
    /// A predefined CMap whose codes are a legacy or UTF-16 encoding.
    Charset(&'static TextEncoding),
    /// CIDs read through the embedded font program's own character map.
    CidMap(HashMap<u16, char>),
    /// Whatever lopdf makes of the font's encoding and ToUnicode map.
    Lopdf(Encoding<'a>),
    /// Nothing known: the strings are skipped.
    Unknown,
}

impl FontDecoder<'_> {
    fn decode(&self, bytes: &[u8]) -> String {
        match self {
            FontDecoder::Charset(encoding) => {
                encoding.decode_without_bom_handling(bytes).0.into_owned()
            }
            FontDecoder::CidMap(chars) => fontmap::decode(chars, bytes),
            FontDecoder::Lopdf(encoding) => {
                Document::decode_text(encoding, bytes).unwrap_or_default()
            }
            FontDecoder::Unknown => String::new(),
        }
    }
}

/// Maps the name of a predefined CMap to the text encoding its codes use.
fn predefined_cmap_charset(name: &[u8]) -> Option<&'static TextEncoding> {
    let name = String::from_utf8_lossy(name);
    if name.contains("UCS2") || name.contains("UTF16") {
        return Some(UTF_16BE);
    }
    if name.starts_with("GBK2K") {
        return Some(GB18030);
    }
    if name.starts_with("GBK-") || name.starts_with("GB-EUC") || name.starts_with("GBpc-EUC") {
        return Some(GBK);
    }
    if name.starts_with("ETen-B5") || name.starts_with("B5pc") || name.starts_with("HKscs-B5") {
        return Some(BIG5);
    }
    None
}

fn font_decoder<'a>(doc: &'a Document, font: &'a Dictionary) -> FontDecoder<'a> {
    let encoding_name = font
        .get(b"Encoding")
        .ok()
        .and_then(|object| doc.dereference(object).ok())
        .and_then(|(_, object)| object.as_name().ok());
    if let Some(charset) = encoding_name.and_then(predefined_cmap_charset) {
        return FontDecoder::Charset(charset);
    }
    if encoding_name.is_some_and(|name| name.starts_with(b"Identity-")) {
        if let Some(chars) = fontmap::cid_to_char(doc, font) {
            return FontDecoder::CidMap(chars);
        }
    }
    match font.get_font_encoding(doc) {
        Ok(encoding) => FontDecoder::Lopdf(encoding),
        Err(_) => FontDecoder::Unknown,
    }
}

/// Reads the `/Font` dictionary of a resource dictionary.
fn fonts_of<'a>(
    doc: &'a Document,
    resources: &'a Dictionary,
) -> BTreeMap<Vec<u8>, FontDecoder<'a>> {
    let mut fonts = BTreeMap::new();
    let Some(font_dict) = resources.get_deref(b"Font", doc).ok().and_then(|o| o.as_dict().ok())
    else {
        return fonts;
    };
    for (name, value) in font_dict.iter() {
        let font = doc.dereference(value).ok().and_then(|(_, object)| object.as_dict().ok());
        if let Some(font) = font {
            fonts.insert(name.clone(), font_decoder(doc, font));
        }
    }
    fonts
}

fn number(object: &Object) -> f32 {
    object.as_float().unwrap_or(0.0)
}

fn numbers<const N: usize>(operands: &[Object]) -> Option<[f32; N]> {
    if operands.len() < N {
        return None;
    }
    let mut out = [0.0; N];
    for (slot, object) in out.iter_mut().zip(operands) {
        *slot = object.as_float().ok()?;
    }
    Some(out)
}

/// The graphics and text state the walker tracks.
#[derive(Debug, Clone)]
struct State {
    ctm: Matrix,
    text_matrix: Matrix,
    line_matrix: Matrix,
    font: Vec<u8>,
    font_size: f32,
    leading: f32,
    char_spacing: f32,
    word_spacing: f32,
    horizontal_scale: f32,
}

impl Default for State {
    fn default() -> Self {
        State {
            ctm: IDENTITY,
            text_matrix: IDENTITY,
            line_matrix: IDENTITY,
            font: Vec::new(),
            font_size: 0.0,
            leading: 0.0,
            char_spacing: 0.0,
            word_spacing: 0.0,
            horizontal_scale: 1.0,
        }
    }
}

/// Walks content streams and feeds decoded strings to a [`LineBuilder`].
struct Walker<'a> {
    doc: &'a Document,
    builder: LineBuilder,
    visited_forms: HashSet<ObjectId>,
}

impl<'a> Walker<'a> {
    fn run(&mut self, content: &[u8], resources: &'a Dictionary, ctm: Matrix, depth: usize) {
        let Ok(content) = Content::decode(content) else { return };
        let fonts = fonts_of(self.doc, resources);
        let mut state = State { ctm, ..State::default() };
        let mut saved: Vec<State> = Vec::new();
        for operation in &content.operations {
            let operands = operation.operands.as_slice();
            match operation.operator.as_str() {
                "q" => saved.push(state.clone()),
                "Q" => state = saved.pop().unwrap_or(state),
                "cm" => {
                    if let Some(m) = numbers::<6>(operands) {
                        state.ctm = multiply(&m, &state.ctm);
                    }
                }
                "Do" => self.draw_form(operands, resources, &state, depth),
                _ => self.text_operation(&operation.operator, operands, &mut state, &fonts),
            }
        }
    }

    fn text_operation(
        &mut self,
        operator: &str,
        operands: &[Object],
        state: &mut State,
        fonts: &BTreeMap<Vec<u8>, FontDecoder<'a>>,
    ) {
        match operator {
            "BT" => {
                state.text_matrix = IDENTITY;
                state.line_matrix = IDENTITY;
            }
            "Tf" => {
                if let [name, size, ..] = operands {
                    state.font = name.as_name().map(<[u8]>::to_vec).unwrap_or_default();
                    state.font_size = number(size);
                }
            }
            "Td" | "TD" => {
                if let Some([tx, ty]) = numbers::<2>(operands) {
                    if operator == "TD" {
                        state.leading = -ty;
                    }
                    state.line_matrix = translate(tx, ty, &state.line_matrix);
                    state.text_matrix = state.line_matrix;
                }
            }
            "Tm" => {
                if let Some(m) = numbers::<6>(operands) {
                    state.line_matrix = m;
                    state.text_matrix = m;
                }
            }
            "T*" => next_line(state),
            "TL" => state.leading = operands.first().map(number).unwrap_or(0.0),
            "Tc" => state.char_spacing = operands.first().map(number).unwrap_or(0.0),
            "Tw" => state.word_spacing = operands.first().map(number).unwrap_or(0.0),
            "Tz" => state.horizontal_scale = operands.first().map(number).unwrap_or(100.0) / 100.0,
            "Tj" => self.show(operands.first(), state, fonts),
            "'" => {
                next_line(state);
                self.show(operands.first(), state, fonts);
            }
            "\"" => {
                if let [word, char_spacing, text, ..] = operands {
                    state.word_spacing = number(word);
                    state.char_spacing = number(char_spacing);
                    next_line(state);
                    self.show(Some(text), state, fonts);
                }
            }
            "TJ" => self.show_array(operands.first(), state, fonts),
            _ => {}
        }
    }

    /// Shows the strings of a `TJ` array, moving left by the numbers between them.
    fn show_array(
        &mut self,
        operand: Option<&Object>,
        state: &mut State,
        fonts: &BTreeMap<Vec<u8>, FontDecoder<'a>>,
    ) {
        let Some(Ok(items)) = operand.map(Object::as_array) else { return };
        for item in items {
            match item {
                Object::String(..) => self.show(Some(item), state, fonts),
                other => {
                    let shift = -number(other) / 1000.0 * state.font_size * state.horizontal_scale;
                    state.text_matrix = translate(shift, 0.0, &state.text_matrix);
                }
            }
        }
    }

    fn show(
        &mut self,
        operand: Option<&Object>,
        state: &mut State,
        fonts: &BTreeMap<Vec<u8>, FontDecoder<'a>>,
    ) {
        let Some(Ok(bytes)) = operand.map(Object::as_str) else { return };
        let text = fonts.get(&state.font).map(|font| font.decode(bytes)).unwrap_or_default();
        let start = multiply(&state.text_matrix, &state.ctm);
        let mut advance = 0.0;
        for c in text.chars() {
            let em = if is_wide(c) { 1.0 } else { 0.5 };
            let spacing = state.char_spacing + if c == ' ' { state.word_spacing } else { 0.0 };
            advance += (em * state.font_size + spacing) * state.horizontal_scale;
        }
        state.text_matrix = translate(advance, 0.0, &state.text_matrix);
        let end = multiply(&state.text_matrix, &state.ctm);
        let scale = (start[0] * start[3] - start[1] * start[2]).abs().sqrt();
        let text: String = text.chars().filter(|c| !c.is_control()).collect();
        self.builder.push(start[4], start[5], end[4], state.font_size * scale, &text);
    }

    fn draw_form(
        &mut self,
        operands: &[Object],
        resources: &'a Dictionary,
        state: &State,
        depth: usize,
    ) {
        if depth >= MAX_FORM_DEPTH {
            return;
        }
        let Some(Ok(name)) = operands.first().map(Object::as_name) else { return };
        let xobjects = resources.get_deref(b"XObject", self.doc).and_then(Object::as_dict);
        let Ok(reference) = xobjects.and_then(|x| x.get(name)).and_then(Object::as_reference)
        else {
            return;
        };
        if !self.visited_forms.insert(reference) {
            return;
        }
        let Ok(stream) = self.doc.get_object(reference).and_then(Object::as_stream) else { return };
        let is_form =
            stream.dict.get(b"Subtype").and_then(Object::as_name).is_ok_and(|s| s == b"Form");
        if !is_form {
            return;
        }
        let content = stream.decompressed_content().unwrap_or_else(|_| stream.content.clone());
        let form_resources = stream
            .dict
            .get_deref(b"Resources", self.doc)
            .and_then(Object::as_dict)
            .unwrap_or(resources);
        let matrix = stream
            .dict
            .get(b"Matrix")
            .and_then(Object::as_array)
            .ok()
            .and_then(|m| numbers::<6>(m))
            .unwrap_or(IDENTITY);
        self.run(&content, form_resources, multiply(&matrix, &state.ctm), depth + 1);
        self.visited_forms.remove(&reference);
    }
}

fn next_line(state: &mut State) {
    state.line_matrix = translate(0.0, -state.leading, &state.line_matrix);
    state.text_matrix = state.line_matrix;
}

/// Tells whether a character is drawn about one em wide (CJK, full-width forms).
fn is_wide(c: char) -> bool {
    matches!(c as u32, 0x1100..=0x115F | 0x2E80..=0xA4CF | 0xAC00..=0xD7A3 | 0xF900..=0xFAFF
        | 0xFE30..=0xFE4F | 0xFF00..=0xFF60 | 0xFFE0..=0xFFE6 | 0x20000..=0x3FFFD)
}

/// Extracts the lines of one page by walking its content stream.
pub(crate) fn page_lines(doc: &Document, page_id: ObjectId) -> Result<Vec<RawLine>, String> {
    let content = doc.get_page_content(page_id).map_err(|e| e.to_string())?;
    let empty = Dictionary::new();
    let resources = doc
        .get_page_resources(page_id)
        .ok()
        .and_then(|(direct, ids)| {
            direct.or_else(|| ids.first().and_then(|id| doc.get_dictionary(*id).ok()))
        })
        .unwrap_or(&empty);
    let mut walker = Walker { doc, builder: LineBuilder::default(), visited_forms: HashSet::new() };
    walker.run(&content, resources, IDENTITY, 0);
    Ok(walker.builder.finish())
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    #[test]
    fn maps_predefined_cmaps_to_charsets() {
        assert_eq!(predefined_cmap_charset(b"UniGB-UCS2-H"), Some(UTF_16BE));
        assert_eq!(predefined_cmap_charset(b"GBK-EUC-H"), Some(GBK));
        assert_eq!(predefined_cmap_charset(b"GBpc-EUC-V"), Some(GBK));
        assert_eq!(predefined_cmap_charset(b"ETen-B5-H"), Some(BIG5));
        assert_eq!(predefined_cmap_charset(b"Identity-H"), None);
    }

    #[test]
    fn decodes_gbk_and_ucs2_strings() {
        let gbk = FontDecoder::Charset(GBK);
        assert_eq!(gbk.decode(&[0xB9, 0xD8, 0xD3, 0xDA, b'2', b'0']), "关于20");
        let ucs2 = FontDecoder::Charset(UTF_16BE);
        assert_eq!(ucs2.decode(&[0x90, 0x1A, 0x77, 0xE5]), "通知");
    }

    #[test]
    fn multiplies_matrices_in_pdf_order() {
        let scaled = multiply(&translate(10.0, 20.0, &IDENTITY), &[2.0, 0.0, 0.0, 2.0, 5.0, 5.0]);
        assert_eq!(scaled, [2.0, 0.0, 0.0, 2.0, 25.0, 45.0]);
    }

    /// A one-page A4 PDF whose font `F1` is STSong-Light in the predefined CMap `font`.
    pub(crate) fn one_page_pdf(font: &str, content: &str) -> Vec<u8> {
        use lopdf::{dictionary, Stream};
        let mut doc = Document::with_version("1.5");
        let pages_id = doc.new_object_id();
        let font_id = doc.add_object(dictionary! {
            "Type" => "Font", "Subtype" => "Type0", "BaseFont" => "STSong-Light",
            "Encoding" => Object::Name(font.as_bytes().to_vec()),
        });
        let resources_id =
            doc.add_object(dictionary! { "Font" => dictionary! { "F1" => font_id } });
        let content_id = doc.add_object(Stream::new(dictionary! {}, content.as_bytes().to_vec()));
        let page_id = doc.add_object(dictionary! {
            "Type" => "Page", "Parent" => pages_id, "Contents" => content_id,
            "Resources" => resources_id, "MediaBox" => vec![0.into(), 0.into(), 595.into(), 842.into()],
        });
        doc.objects.insert(
            pages_id,
            Object::Dictionary(
                dictionary! { "Type" => "Pages", "Kids" => vec![page_id.into()], "Count" => 1 },
            ),
        );
        let catalog_id = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages_id });
        doc.trailer.set("Root", catalog_id);
        let mut bytes = Vec::new();
        doc.save_to(&mut bytes).expect("saving to memory cannot fail");
        bytes
    }

    #[test]
    fn walks_gbk_text_into_lines() {
        let pdf = one_page_pdf(
            "GBK-EUC-H",
            "BT /F1 14 Tf 20 TL 60 780 Td <B9D8D3DA> Tj T* [<CDA8> -100 <D6AA>] TJ ET",
        );
        let doc = Document::load_mem(&pdf).expect("the test document is valid");
        let page_id = *doc.get_pages().get(&1).expect("one page");
        let lines = page_lines(&doc, page_id).expect("the page has content");
        let texts: Vec<&str> = lines.iter().map(|l| l.text.as_str()).collect();
        assert_eq!(texts, ["关于", "通知"]);
        assert_eq!(lines[0].y, 780.0);
        assert_eq!(lines[1].y, 760.0);
        assert!((lines[0].x1 - 88.0).abs() < 1e-3);
    }
}
