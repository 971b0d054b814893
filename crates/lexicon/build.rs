//! Encodes the bundled CC-CEDICT extract, with the ECDICT English word list, into sorted
//! lookup tables (see src/cedict.rs), so that the binary does not stem 100k glosses each
//! time it starts.

#[allow(dead_code)]
#[path = "src/english.rs"]
mod english;

#[allow(dead_code)]
#[path = "src/spelling.rs"]
mod spelling;

#[allow(dead_code)]
#[path = "src/cedict.rs"]
mod cedict;

use std::path::PathBuf;

fn main() {
    println!("cargo::rerun-if-changed=data/cedict.tsv");
    println!("cargo::rerun-if-changed=data/supplement.tsv");
    println!("cargo::rerun-if-changed=data/ecdict.tsv");
    println!("cargo::rerun-if-changed=src/cedict.rs");
    println!("cargo::rerun-if-changed=src/english.rs");
    println!("cargo::rerun-if-changed=src/spelling.rs");
    let mut source =
        std::fs::read_to_string("data/cedict.tsv").expect("data/cedict.tsv is part of the crate");
    source.push('\n');
    source.push_str(
        &std::fs::read_to_string("data/supplement.tsv")
            .expect("data/supplement.tsv is part of the crate"),
    );
    let english =
        std::fs::read_to_string("data/ecdict.tsv").expect("data/ecdict.tsv is part of the crate");
    let (zh_en, en_zh) = cedict::encode_with(&source, &english);
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    std::fs::write(out.join("cedict_zh_en.tsv"), zh_en).expect("OUT_DIR is writable");
    std::fs::write(out.join("cedict_en_zh.tsv"), en_zh).expect("OUT_DIR is writable");
    std::fs::write(out.join("cedict_verbs.tsv"), cedict::encode_verbs(&source))
        .expect("OUT_DIR is writable");
}
