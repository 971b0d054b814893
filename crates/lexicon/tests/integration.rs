//! Folding a real traditional-script notice back to the simplified original it was made
//! from (`shared/fixtures/html/govcn_017_traditional.html` and `corpus/zh/html/govcn_017.html`).

mod fold {
    use std::path::Path;

    use tiaowen_lexicon::{fold_text, to_simplified};

    fn read(relative: &str) -> String {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(relative);
        std::fs::read_to_string(&path)
            .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()))
    }

    /// The share of chars that differ, comparing position by position (the conversion
    /// keeps the char count, so the texts line up).
    fn mismatch_rate(ours: &str, original: &str) -> f64 {
        let ours: Vec<char> = ours.chars().collect();
        let original: Vec<char> = original.chars().collect();
        assert_eq!(ours.len(), original.len(), "char counts differ");
        let differing = ours.iter().zip(&original).filter(|(a, b)| a != b).count();
        differing as f64 / original.len().max(1) as f64
    }

    #[test]
    fn traditional_fixture_folds_back_to_the_corpus_original() {
        let traditional = read("../../../shared/fixtures/html/govcn_017_traditional.html");
        let original = read("../../corpus/zh/html/govcn_017.html");
        assert!(traditional.contains("國務院辦公廳關於推進政務新媒體"));
        let by_char = mismatch_rate(&fold_text(&traditional), &original);
        let by_phrase = mismatch_rate(&to_simplified(&traditional), &original);
        eprintln!("mismatch: fold_text {by_char:.5}, to_simplified {by_phrase:.5}");
        assert!(by_char < 0.002, "fold_text mismatch {by_char}");
        assert!(by_phrase < 0.002, "to_simplified mismatch {by_phrase}");
        assert!(
            fold_text(&traditional).contains("国务院办公厅关于推进政务新媒体健康有序发展的意见")
        );
    }
}
