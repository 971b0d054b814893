//! Golden checks on real HTML pages from the corpus: gov.cn notices, whole ministry
//! pages with their boilerplate, and English pages.

use tiaowen_model::{DocType, Lang};

use super::support::{assert_absent, assert_block, number, read};

#[test]
fn govcn_notice_with_metadata_table() {
    let (parsed, record) = read("zh/html/govcn_019.html");
    assert_eq!(
        record.title,
        "国务院办公厅、中央军委办公厅关于加强对侵华日军遗弃化学武器调查和管理工作的通知"
    );
    assert_eq!(record.doc_number.as_ref().map(|n| n.raw.as_str()), Some("国办发〔1996〕25号"));
    assert_eq!(number(&record), Some("国办发〔1996〕25号"));
    assert_eq!(record.issuers, ["国务院办公厅", "中央军委办公厅"]);
    assert_eq!(record.dates.issued.as_deref(), Some("1996-06-29"));
    assert_eq!(record.dates.published.as_deref(), Some("2018-12-24"));
    assert_eq!((record.lang, record.doc_type), (Lang::Zh, DocType::Notice));
    // The title, set over three <br> lines, is one block; the 文号 stands on its own.
    assert_eq!(parsed.blocks[0], record.title);
    assert_eq!(parsed.blocks[1], "国办发〔1996〕25号");
    assert_block(&parsed, "上述调查取证工作中的情况，要及时上报。");
    assert_absent(&parsed, &["扫一扫", "索引号", "主题分类"]);
}

#[test]
fn govcn_opinions_with_attachment_table_inline() {
    let (parsed, record) = read("zh/html/govcn_004.html");
    assert_eq!(record.title, "国务院办公厅关于加强三级公立医院绩效考核工作的意见");
    assert_eq!(number(&record), Some("国办发〔2019〕4号"));
    assert_eq!(record.doc_type, DocType::Opinions);
    assert_eq!(parsed.blocks[0], "国务院办公厅关于加强三级公立医院绩效考核工作的意见");
    assert_block(&parsed, "一、总体要求");
    // The attachment's table follows in the page, row by row, so nothing is missing.
    assert!(parsed.blocks.iter().any(|b| b.contains(" | ")), "table rows are blocks");
    assert!(record.missing_attachments.is_empty(), "{:?}", record.missing_attachments);
}

#[test]
fn govcn_reply_cites_the_request_it_answers() {
    let (_, record) = read("zh/html/govcn_023.html");
    assert_eq!(record.doc_type, DocType::Letter);
    let cite = record.cites.first().expect("the request is cited");
    assert_eq!(
        cite.title.as_deref(),
        Some("关于恳请解决巴东县官渡口镇马鬃山村地质险情有关问题的请示")
    );
    assert_eq!(cite.doc_number.as_ref().map(|n| n.normalized.as_str()), Some("鄂政文〔2004〕15号"));
    assert!(record.missing_attachments.is_empty(), "both attachments follow in the page");
}

#[test]
fn ndrc_cover_letter_without_its_attachment() {
    let (parsed, record) = read("zh/web/ndrc_fagaijiage_gui_2020_101.html");
    assert_eq!(record.title, "国家发展改革委关于印发《省级电网输配电价定价办法》的通知");
    assert_eq!(number(&record), Some("发改价格规〔2020〕101号"));
    assert_eq!(record.issuers, ["国家发展改革委"]);
    assert_eq!(record.dates.issued.as_deref(), Some("2020-01-19"));
    assert_eq!(record.dates.published.as_deref(), Some("2020-02-05"));
    assert_eq!(record.doc_type, DocType::Notice);
    assert_eq!(record.missing_attachments, ["省级电网输配电价定价办法"]);
    let cited: Vec<&str> = record
        .cites
        .iter()
        .filter_map(|c| c.doc_number.as_ref())
        .map(|n| n.normalized.as_str())
        .collect();
    assert_eq!(cited, ["中发〔2015〕9号", "中发〔2015〕28号", "发改价格〔2016〕2711号"]);
    assert_absent(&parsed, &["首页", "打印", "排行榜", "相关政策与解读"]);
}

#[test]
fn cac_measures_among_site_furniture() {
    let (parsed, record) = read("zh/web/cac_generative_ai_interim_measures_2023.html");
    assert_eq!(record.title, "生成式人工智能服务管理暂行办法");
    assert_eq!(record.doc_type, DocType::Measures);
    assert_eq!(record.issuers.first().map(String::as_str), Some("国家互联网信息办公室"));
    assert_eq!(record.issuers.len(), 7);
    assert_eq!(record.dates.issued.as_deref(), Some("2023-07-10"));
    assert_eq!(record.dates.published.as_deref(), Some("2023-07-13"));
    assert!(parsed
        .blocks
        .iter()
        .any(|b| b.starts_with("第二十四条") && b.contains("2023年8月15日")));
    assert_absent(&parsed, &["设为首页", "加入收藏", "京ICP备", "版权所有", "学习强国", "分享到"]);
}

#[test]
fn mof_fragment_lists_its_missing_attachments() {
    let (parsed, record) = read("zh/web/mof_caibanjian_2023_sponge_city_batch3_notice.html");
    assert_eq!(record.issuers, ["财政部办公厅", "住房城乡建设部办公厅", "水利部办公厅"]);
    assert_eq!(record.doc_type, DocType::Notice);
    assert_eq!(record.missing_attachments, ["示范城市申报条件情况表", "2023年项目清单样式表.xlsx"]);
    assert_block(&parsed, "一、工作目标和原则");
    assert_block(&parsed, "（一）省级推荐。");
}

#[test]
fn english_notice_page() {
    let (parsed, record) = read("en/html/2025-miit-mof-second-batch-pilot-cities-notice.html");
    assert!(record.title.starts_with("Notice of the General Office of the Ministry of Industry"));
    assert_eq!(
        number(&record),
        Some("Office of Industry and Information Technology Liangui Letter [2025] No. 108")
    );
    assert_eq!(
        record.issuers,
        ["Ministry of Industry and Information Technology", "Ministry of Finance"]
    );
    assert_eq!(record.dates.published.as_deref(), Some("2025-12-31"));
    assert_eq!((record.lang, record.doc_type), (Lang::En, DocType::Notice));
    let cited: Vec<&str> = record
        .cites
        .iter()
        .filter_map(|c| c.doc_number.as_ref())
        .map(|n| n.normalized.as_str())
        .collect();
    assert_eq!(cited, ["Caijian [2024] No. 16", "Gonggui Letter [2024] No. 1109"]);
    assert_block(&parsed, "II. Work Requirements");
    assert_absent(
        &parsed,
        &["Top News", "Related Downloads", "Your browser", "Copyright", "Position:"],
    );
}

#[test]
fn english_opinions_page_with_signatures() {
    let (parsed, record) =
        read("en/html/2023-12-28-guiding-opinions-traditional-manufacturing.html");
    assert_eq!(number(&record), Some("MIIT Joint Regulation [2023] No. 258"));
    assert_eq!(record.doc_type, DocType::Opinions);
    assert_eq!(record.issuers.len(), 8);
    assert_eq!(record.issuers[3], "Ministry of Finance");
    assert_eq!(record.dates.issued.as_deref(), Some("2023-12-28"));
    assert_absent(&parsed, &["Related Downloads", "Related News", "undefined", "Roundtable"]);
}

#[test]
fn every_corpus_page_reads() {
    let mut read_count = 0;
    for folder in ["zh/html", "zh/web", "en/html"] {
        let dir = super::support::corpus(folder);
        for entry in std::fs::read_dir(&dir).expect("the corpus folder lists") {
            let name = entry.expect("a directory entry").file_name();
            let relative = format!("{folder}/{}", name.to_string_lossy());
            let (parsed, record) = read(&relative);
            assert!(parsed.blocks.len() >= 3, "{relative}: {} blocks", parsed.blocks.len());
            assert!(!record.title.is_empty(), "{relative}");
            assert_absent(&parsed, &["扫一扫在手机打开", "Related Downloads"]);
            read_count += 1;
        }
    }
    assert_eq!(read_count, 65);
}
