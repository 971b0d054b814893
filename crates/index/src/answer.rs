//! What kind of answer a question asks for (a time, an amount, a rate, a definition, an
//! age, a count, who bears a cost) and whether a clause states one.
//!
//! "How long do I have to appeal", 罚多少钱, "deed tax rate", "who counts as a small-scale
//! taxpayer", "minimum age to vote", 几个城市, 体检钱谁出: the clause that settles such a
//! question states a period, a sum, a percentage, a definition, an age, a number of things
//! or who pays, while its neighbours in the same law share the question's words without
//! answering it. Search
//! ranks the clauses that state what the question asks for ahead of those that do not
//! ([`crate::Ranking::answer_boost`]).

use std::sync::LazyLock;

use regex::Regex;

/// Tells whether a clause is a document's signature: at most a short issuer name, then a
/// date, and perhaps a bracketed note (`国务院办公厅 2018年12月23日 （本文有删减）`,
/// "Ministry of Finance April 3, 2025").
fn is_signature(text: &str) -> bool {
    static SIGNATURE: LazyLock<Regex> = LazyLock::new(|| {
        let number = r"[\d〇一二三四五六七八九十零]";
        let note = r"(?:\s*[（(][^）)]{0,12}[）)])?";
        let month =
            "January|February|March|April|May|June|July|August|September|October|November|December";
        // An issuer names a body: no sentence punctuation, none of the words that tie a
        // date into a sentence (于, 前, "before"), English words capitalised.
        let zh = format!(
            r"[^，,；;。：:于在至自起前后内的为是将应]{{0,40}}?\s*{number}{{4}}\s*年\s*{number}{{1,2}}\s*月\s*{number}{{1,3}}\s*日"
        );
        let en = format!(
            r"(?:(?:[A-Z][\w'&.-]*|of|and|the|for)\s+){{0,12}}(?:{month})\s+\d{{1,2}},\s*\d{{4}}"
        );
        let pattern = format!(r"^(?:{zh}|{en}){note}\s*$");
        Regex::new(&pattern).expect("signature pattern")
    });
    SIGNATURE.is_match(text.trim())
}

/// A kind of answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum AnswerKind {
    /// A period, a deadline or a date: 十五日内, "within 30 days", 2025年4月23日前.
    Time,
    /// A sum of money or a multiple: 一万元, "5,000 yuan", 十倍.
    Amount,
    /// A percentage or other rate: 百分之三, 万分之五, "13%".
    Rate,
    /// A definition: 本法所称…是指, "means", "refers to".
    Definition,
    /// An age: 年满十八周岁, "aged 16", "the age of 18".
    Age,
    /// A count of things: 11个城市, 50个以上的成员, 车辆3辆, 0台（套）, "3 leading industries".
    Count,
    /// Who bears a cost, or that it is free: 费用由用人单位承担, 免费提供, "borne by the
    /// employer", "free of charge".
    Cost,
}

impl AnswerKind {
    const ALL: [AnswerKind; 7] = [
        AnswerKind::Time,
        AnswerKind::Amount,
        AnswerKind::Rate,
        AnswerKind::Definition,
        AnswerKind::Age,
        AnswerKind::Count,
        AnswerKind::Cost,
    ];

    /// The name shown in explanations.
    pub(crate) fn name(self) -> &'static str {
        match self {
            AnswerKind::Time => "time",
            AnswerKind::Amount => "amount",
            AnswerKind::Rate => "rate",
            AnswerKind::Definition => "definition",
            AnswerKind::Age => "age",
            AnswerKind::Count => "count",
            AnswerKind::Cost => "cost",
        }
    }

    fn bit(self) -> u8 {
        1 << (self as u8)
    }

    /// The words of a question asking for this kind of answer, on lower-cased text.
    fn question(self) -> &'static Regex {
        static PATTERNS: LazyLock<[Regex; 7]> = LazyLock::new(|| {
            AnswerKind::ALL.map(|kind| {
                let pattern = match kind {
                    AnswerKind::Time => concat!(
                        r"(?-u:\b)(how long|deadlines?|time limits?|how soon|how quickly|within how|",
                        r"how many (\w+ )?(days|weeks|months|years|hours)|when (must|should|do|does|is|are|can|will)|",
                        r"expir\w*|periods?|validity|valid for|how often|by when|what date|which date|",
                        r"what day|how much (notice|time)|how far in advance|how early|in advance)(?-u:\b)|",
                        r"多久|多长时间|期限|几天|多少天|几日|多少日|(几|多少)个?工作日|几个月|多少个月|几年|多少年|",
                        r"截止|截至|时限|有效期|什么时候|什么时间|什么日期|哪天|哪一天|几号|几月几日|几周|多少周|",
                        r"何时|多长期限|多少小时"
                    ),
                    AnswerKind::Amount => concat!(
                        r"(?-u:\b)(how much|fines?|how many yuan|amounts?|sums?)(?-u:\b)|",
                        r"多少钱|罚多少|多少元|金额|赔多少|罚款多少|补多少|补助多少|多少万|数额|",
                        r"(扣|交|缴|给|付|收|退|拿|领|报销|发|奖|罚|挣|赚|花|贷|借)多少|多少[?？]?$"
                    ),
                    AnswerKind::Rate => concat!(
                        r"(?-u:\b)(rates?|percent|percentage|proportion|share of)(?-u:\b)|",
                        r"比例|税率|百分之几|比重|占比|费率|利率"
                    ),
                    AnswerKind::Definition => concat!(
                        r"(?-u:\b)(what is an?|what counts as|who counts as|what qualifies as|",
                        r"who qualifies as|definitions?|meaning of|defined?|what does \w+( \w+)? mean)(?-u:\b)|",
                        r"什么是|是指什么|定义|指的是什么|算不算|怎么界定|如何界定|如何认定|怎么认定"
                    ),
                    AnswerKind::Age => concat!(
                        r"(?-u:\b)(how old|ages?|\d+[- ]years?[- ]old|underage)(?-u:\b)|",
                        r"多大|几岁|多少岁|年龄|岁数|周岁|未成年"
                    ),
                    AnswerKind::Count => concat!(
                        r"(?-u:\b)(how many|number of|quota)(?-u:\b)|",
                        r"(多少|几)(个|家|名|人|项|所|座|批|次|件|类|种|户)|数量|名额|人数"
                    ),
                    // "Do parents pay for…" only as the question's opening: "what extra
                    // charge do I pay for every day I am late" asks for a sum.
                    AnswerKind::Cost => concat!(
                        r"(?-u:\b)(who (pays|will pay|should pay|has to pay|must pay|covers|bears|",
                        r"foots|funds|is paying|picks up)|at whose (expense|cost)|free of charge|",
                        r"for free|(is|are) (it|they|this|that|these|those) free|cost anything)(?-u:\b)|",
                        r"^(do|does|will|would|must|should|can) [a-z']+( [a-z']+)? (have to |need to )?pay for(?-u:\b)|",
                        r"谁(来)?(出|付|承担|负担|掏|买单|支付)|由谁(出|付|承担|负担|支付)|费用谁|要不要钱|要钱吗|",
                        r"收不收费|收费吗|免费吗|是否免费|免不免费|花钱吗|(自己|个人)(花钱|掏钱|出钱|付钱|承担)|自费吗"
                    ),
                };
                Regex::new(pattern).expect("answer question pattern")
            })
        });
        &PATTERNS[self as usize]
    }

    /// What a clause stating this kind of answer holds, on lower-cased text.
    fn statement(self) -> &'static Regex {
        // Word boundaries are ASCII ones ((?-u:\b)): English words are ASCII, and a
        // Unicode boundary would keep the regex engine off its fast path on Chinese text.
        static PATTERNS: LazyLock<[Regex; 7]> = LazyLock::new(|| {
            AnswerKind::ALL.map(|kind| {
                let pattern = match kind {
                    AnswerKind::Time => concat!(
                        r"[0-9〇零一二三四五六七八九十百两]+个?(工作)?(日|天|月|年|小时|周([^岁]|$))|",
                        r"(?-u:\b)\d+\s*(working\s+)?(days?|weeks?|months?|years?|hours?)(?-u:\b)|",
                        r"(?-u:\b)(one|two|three|four|five|six|seven|eight|nine|ten|twelve|fifteen|twenty|",
                        r"thirty|forty|forty-five|sixty|ninety)\s+(working\s+)?(days?|weeks?|months?|years?|hours?)(?-u:\b)|",
                        r"(?-u:\b)(january|february|march|april|may|june|july|august|september|october|",
                        r"november|december)\s+\d|(?-u:\b)(no later than|by the end of)(?-u:\b)"
                    ),
                    AnswerKind::Amount => concat!(
                        r"[0-9〇零一二三四五六七八九十百千万亿两]+(元|万元|亿元|倍)|",
                        r"(?-u:\b)(yuan|rmb)(?-u:\b)|\d\s*(times|million|billion)(?-u:\b)|[$¥]\s*\d"
                    ),
                    AnswerKind::Rate => r"百分之|万分之|千分之|%|(?-u:\b)per\s?cent(?-u:\b)",
                    AnswerKind::Definition => concat!(
                        r"是指|所称|指的是|(?-u:\b)(means|refers to|refer to|shall mean|is defined as|",
                        r"are defined as)(?-u:\b)"
                    ),
                    AnswerKind::Age => concat!(
                        r"周岁|[0-9〇零一二三四五六七八九十]+岁|",
                        r"(?-u:\b)(aged \d+|ages? of \d+|ages? of (sixteen|eighteen|fourteen|twenty|forty)|",
                        r"years of age|years old)(?-u:\b)"
                    ),
                    AnswerKind::Count => concat!(
                        r"(^|[^第0-9〇零一二三四五六七八九十百千])[0-9〇零一二三四五六七八九十百千两]+",
                        r"(个([^月工小]|$)|家|名|人|项|所|座|批|次|件|类|种|户|辆)|",
                        // Machines and sets by figures only: 上一台阶 and 统一张贴 count nothing.
                        r"[0-9](台|套|张)|",
                        r"(?-u:\b)(to|of|than|least|most|about|around|nearly|over|only|total|",
                        r"maximum|minimum|exceed|exceeding|are|were|be) ([1-9][0-9]{0,2}|two|three|four|",
                        r"five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|fifty) [a-z]"
                    ),
                    // A cost and who bears it (费用由…承担, 资金…由…安排), or no cost at all.
                    AnswerKind::Cost => concat!(
                        r"(费用|经费|成本|开支|资金|价款)[^。；]{0,20}由[^。；]{0,24}(承担|负担|分担|支付|列支|安排|保障|筹集)|",
                        r"由[^。；，]{0,20}(承担|负担|分担)[^。；]{0,4}(费用|经费|成本|开支)|",
                        r"从[^。；，]{0,16}中(列支|支出|支付|开支|安排)|",
                        r"免费|不收取|不得收取|不收费|不另收费|自费|(列入|纳入)[^。；]{0,12}预算|",
                        r"(?-u:\b)(borne by|paid by|pays? for|paying for|at (its|their|his|her|the|your|our) own expense|",
                        r"at the expense of|at no (cost|charge)|free of charge|for free|shall bear|bear the costs?|",
                        r"cover the costs?|funded by|financed by|reimburs\w+|subsidy funds|funds arranged by)(?-u:\b)"
                    ),
                };
                Regex::new(pattern).expect("answer statement pattern")
            })
        });
        &PATTERNS[self as usize]
    }
}

/// A tax named in a question.
static TAX: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"税|(?-u:\b)(tax|taxes|duty|duties|vat)(?-u:\b)").expect("tax pattern")
});

/// An English verb of paying.
static PAYING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?-u:\b)(pay|pays|paid|paying|owe|owes|owed|charge|charged|charges)(?-u:\b)")
        .expect("paying pattern")
});

/// A set of answer kinds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) struct Answers(u8);

impl Answers {
    /// The kinds of answer a query asks for, from its wording.
    pub(crate) fn asked(query: &str) -> Answers {
        let mut asks = Answers::matching(query, AnswerKind::question, Answers::all());
        // "How many days", 几个工作日: a count of units of time asks for a time; "how much
        // notice" asks for a time, not a sum.
        if asks.meets(Answers(AnswerKind::Time.bit())) {
            let lower = query.to_lowercase();
            let times: Vec<_> =
                AnswerKind::Time.question().find_iter(&lower).map(|m| m.range()).collect();
            let within_time =
                |m: regex::Match| times.iter().any(|t| t.start <= m.start() && m.end() <= t.end);
            for kind in [AnswerKind::Count, AnswerKind::Amount] {
                if asks.0 & kind.bit() != 0 && kind.question().find_iter(&lower).all(within_time) {
                    asks.0 &= !kind.bit();
                }
            }
        }
        // How much of a tax one pays (契税交多少, "how much tax when I buy a car") is what
        // its rate says.
        if asks.meets(Answers(AnswerKind::Amount.bit())) && TAX.is_match(&query.to_lowercase()) {
            asks.0 |= AnswerKind::Rate.bit();
        }
        asks
    }

    /// The kinds of answer among `among` that a clause text states.
    ///
    /// A signature line states none ([`is_signature`]): its date is the day the document
    /// was signed, not a period or deadline it sets.
    pub(crate) fn stated(text: &str, among: Answers) -> Answers {
        let stated = Answers::matching(text, AnswerKind::statement, among);
        if stated.is_empty() || !is_signature(text) {
            return stated;
        }
        Answers::default()
    }

    /// The words of a query that ask for a kind of answer (比例 in 按多少比例交, "how long"),
    /// as the query writes them, lower-cased.
    ///
    /// In a question of how much one pays or who pays ("how much tax do I pay when I buy a
    /// car", "who pays for…"), the English verb of paying asks too: the clause stating the
    /// rate (税率为百分之十) answers it without a word for paying.
    /// `self` is what the query asks for ([`Answers::asked`]).
    pub(crate) fn asking_words(self, query: &str) -> Vec<String> {
        let lower = query.to_lowercase();
        let mut words: Vec<String> = AnswerKind::ALL
            .iter()
            .flat_map(|kind| kind.question().find_iter(&lower).map(|m| m.as_str().to_owned()))
            .collect();
        let money =
            Answers(AnswerKind::Amount.bit() | AnswerKind::Rate.bit() | AnswerKind::Cost.bit());
        if self.meets(money) {
            words.extend(PAYING.find_iter(&lower).map(|m| m.as_str().to_owned()));
        }
        words
    }

    /// Every kind.
    fn all() -> Answers {
        Answers(AnswerKind::ALL.iter().fold(0, |bits, kind| bits | kind.bit()))
    }

    fn matching(text: &str, pattern: fn(AnswerKind) -> &'static Regex, among: Answers) -> Answers {
        let mut set = Answers::default();
        if among.is_empty() {
            return set;
        }
        let lower = text.to_lowercase();
        for kind in among.kinds() {
            if pattern(kind).is_match(&lower) {
                set.0 |= kind.bit();
            }
        }
        set
    }

    /// No kind at all.
    pub(crate) fn is_empty(self) -> bool {
        self.0 == 0
    }

    /// Some kind is in both sets: the clause states what the question asks for.
    pub(crate) fn meets(self, other: Answers) -> bool {
        self.0 & other.0 != 0
    }

    /// The kinds in the set, in a fixed order.
    pub(crate) fn kinds(self) -> impl Iterator<Item = AnswerKind> {
        AnswerKind::ALL.into_iter().filter(move |k| self.0 & k.bit() != 0)
    }

    /// The names of the kinds, for explanations.
    pub(crate) fn names(self) -> Vec<&'static str> {
        self.kinds().map(AnswerKind::name).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn asked(query: &str) -> Vec<&'static str> {
        Answers::asked(query).names()
    }

    fn asking(query: &str) -> Vec<String> {
        Answers::asked(query).asking_words(query)
    }

    fn stated(text: &str) -> Vec<&'static str> {
        Answers::stated(text, Answers::all()).names()
    }

    #[test]
    fn a_signature_states_no_date() {
        assert!(stated("国务院办公厅 2018年12月23日 （本文有删减）").is_empty());
        assert!(stated("工业和信息化部 财政部\n2025年4月3日").is_empty());
        assert!(stated("Ministry of Finance\nApril 3, 2025").is_empty());
        assert_eq!(stated("申报材料于2025年4月23日前报送。"), ["time"]);
        assert_eq!(stated("二、春节：2月4日至10日放假调休，共7天。"), ["time"]);
        assert_eq!(stated("submit the plan before April 23, 2025"), ["time"]);
    }

    #[test]
    fn questions_ask_for_times_in_both_languages() {
        assert_eq!(asked("how long is a passport valid"), ["time"]);
        assert_eq!(asked("deadline for applications"), ["time"]);
        assert_eq!(asked("执法结果多久向社会公开"), ["time"]);
        assert_eq!(asked("申报截止时间"), ["time"]);
        assert_eq!(asked("how many working days does the review take"), ["time"]);
        assert_eq!(asked("审核要几个工作日"), ["time"]);
        assert_eq!(asked("申报材料什么时间交"), ["time"]);
        assert_eq!(asked("哪天开始放假"), ["time"]);
        assert_eq!(asked("by when must the plan be filed"), ["time"]);
        assert_eq!(asked("how much notice must the agency give"), ["time"]);
        assert_eq!(asked("how much notice and how much compensation"), ["time", "amount"]);
        assert_eq!(asked("how many cities take part"), ["count"]);
    }

    #[test]
    fn questions_ask_for_ages_and_counts() {
        assert_eq!(asked("minimum age to vote"), ["age"]);
        assert_eq!(asked("can the police punish a 13-year-old"), ["age"]);
        assert_eq!(asked("多大年龄可以参军"), ["age"]);
        assert_eq!(asked("minimum number of members"), ["count"]);
        assert_eq!(asked("每个省能推荐几个城市"), ["count"]);
        // A minor violation is not a minor's age; 几天 asks for a time, not a count.
        assert!(asked("a minor violation").is_empty());
        assert_eq!(asked("放假几天"), ["time"]);
    }

    #[test]
    fn questions_ask_for_amounts_rates_and_definitions() {
        assert_eq!(asked("fine for drunk driving"), ["amount"]);
        assert_eq!(asked("企业串通定价罚多少钱"), ["amount"]);
        assert_eq!(asked("子女教育每个月能扣多少"), ["amount"]);
        assert_eq!(asked("补贴标准是多少？"), ["amount"]);
        assert_eq!(asked("失业了想自己创业 能贷多少款"), ["amount"]);
        assert_eq!(asked("deed tax rate"), ["rate"]);
        assert_eq!(asked("买房契税按多少比例交"), ["rate"]);
        // How much tax one pays is set by a rate.
        assert_eq!(asked("买房 契税 交多少"), ["amount", "rate"]);
        assert_eq!(asked("how much tax do I pay on a car"), ["amount", "rate"]);
        assert_eq!(asked("工资一年挣多少以内不用交税"), ["amount", "rate"]);
        assert_eq!(asked("who counts as a small-scale VAT taxpayer"), ["definition"]);
        assert_eq!(asked("什么是基本农田"), ["definition"]);
    }

    #[test]
    fn questions_ask_who_bears_a_cost() {
        assert_eq!(asked("厂里让去做职业病体检 钱谁出"), ["cost"]);
        assert_eq!(asked("试点项目由谁出钱？"), ["cost"]);
        assert_eq!(asked("孩子打疫苗要自己花钱吗"), ["cost"]);
        assert_eq!(asked("who pays for the extra hotel nights"), ["cost"]);
        assert_eq!(asked("do parents pay for their kids' vaccines"), ["cost"]);
        assert_eq!(asked("is it free to renew an ID card"), ["cost"]);
        // A charge one pays per day late is a sum or a rate, not a question of who pays.
        assert!(asked("what extra charge do I pay for every day my taxes are late").is_empty());
        assert!(asked("payment of wages").is_empty());
    }

    #[test]
    fn plain_topics_ask_for_nothing_in_particular() {
        assert!(Answers::asked("fund use restrictions").is_empty());
        assert!(Answers::asked("资金使用范围").is_empty());
        // Word boundaries: "firefighters" holds no "fine", "separate" no "rate".
        assert!(Answers::asked("separate firefighters").is_empty());
    }

    #[test]
    fn clauses_state_periods_dates_sums_rates_and_definitions() {
        assert_eq!(stated("应当在行政机关告知后五日内提出"), ["time"]);
        assert_eq!(stated("在执法决定作出之日起20个工作日内"), ["time"]);
        assert_eq!(stated("submit the plan before April 23, 2025"), ["time"]);
        assert_eq!(stated("within thirty days of receipt"), ["time"]);
        assert_eq!(stated("处每非法聘用一人一万元"), ["amount", "count"]);
        assert_eq!(stated("a fine of 5,000 yuan"), ["amount"]);
        assert_eq!(stated("契税税率为百分之三至百分之五"), ["rate"]);
        assert_eq!(stated("decrease by about 13%"), ["rate"]);
        assert_eq!(
            stated("本法所称小规模纳税人，是指年应征增值税销售额未超过五百万元的纳税人"),
            ["amount", "definition"]
        );
        assert_eq!(stated("\"Personal information\" means any information"), ["definition"]);
        assert_eq!(stated("不满十四周岁的人违反治安管理的，不予处罚"), ["age"]);
        assert_eq!(stated("citizens who have reached the age of 18"), ["age"]);
        assert_eq!(stated("有50个以上的成员"), ["count"]);
        assert_eq!(stated("expanded to 30 within the year"), ["count"]);
        assert_eq!(stated("共有车辆3辆，其中执法执勤用车3辆"), ["count"]);
        assert_eq!(stated("单价100万元以上设备0台（套）"), ["amount", "count"]);
        assert!(stated("推动产业迈上一台阶").is_empty(), "a step is no machine");
        assert_eq!(stated("职业健康检查费用由用人单位承担"), ["cost"]);
        assert_eq!(stated("增加的食宿费用，由旅游者承担"), ["cost"]);
        assert_eq!(stated("政府免费向居民提供免疫规划疫苗"), ["cost"]);
        assert_eq!(stated("其个人应缴纳的基本医疗保险费从失业保险基金中列支"), ["cost"]);
        assert_eq!(stated("the costs shall be borne by the employer"), ["cost"]);
        assert!(stated("由其承担法律责任").is_empty(), "a liability is no cost");
    }

    #[test]
    fn the_words_asking_for_an_answer_are_found_as_written() {
        assert_eq!(asking("买房契税按多少比例交"), ["比例"]);
        assert_eq!(asking("What is the Deadline?"), ["deadline"]);
        assert_eq!(asking("how long and how much"), ["how long", "how much"]);
        assert!(asking("资金使用范围").is_empty());
        assert_eq!(asking("how much tax do I pay"), ["how much", "pay"]);
        assert!(asking("pay back the deposit").is_empty());
    }

    #[test]
    fn article_numbers_and_plain_text_state_nothing() {
        assert!(stated("第五十条 国家鼓励企业开展技术创新").is_empty());
        assert!(stated("Article 64 Amendments to the Constitution").is_empty());
        assert!(stated("第二批试点城市").is_empty(), "an ordinal counts nothing");
    }

    #[test]
    fn a_clause_meets_a_question_when_a_kind_is_shared() {
        let question = Answers::asked("how much is the fine");
        assert!(Answers::stated("处五千元以上二万元以下罚款", question).meets(question));
        assert!(!Answers::stated("应当在十五日内缴纳", question).meets(question));
        assert!(Answers::stated("应当在十五日内缴纳", question).is_empty(), "only asked kinds");
        assert!(!Answers::default().meets(question));
    }
}
