"""The bundled Haidian 2022 dataset and the tidy-table reader.

Expected figures are typed here from a reading of the article, independently of the CSV file; the
article lines the dataset cites are kept below, so every source fragment is checked against them.
How the reader (C++, which load_csv binds) treats awkward files is in tests/fuzz/corpus, checked by
test_fuzz_readers.py and tests/cpp/test_dataset.cpp.
"""

from __future__ import annotations

import math
import pathlib
import pickle
import re
from typing import Dict, List, Tuple

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import haidian
from haidian import datasets
from haidian.datasets import DataFileError, check_table, haidian_2022, load_csv, period_years

ROOT = pathlib.Path(__file__).resolve().parents[2]

ARTICLE_LINES: Dict[int, str] = {
    7: (
        '2022年北京海淀地区生产总值达到10206.9亿元,同比增长3.5%,占全市地'
        '区生产总值的四分之一,成为北京发展的“压舱石”。'
    ),
    12: (
        '规模以上工业生产实现增加值同比下降5.7%,工业机器人产品产量同比增长64.8%'
        ';单位地区生产总值能耗降幅3%,经济增长3.5%;全区社会消费品零售总额同比下降'
        '7.0%,与升级类消费相关的文化、体育用品及器材零售额同比增长3.4%……升降之'
        '间,海淀这个“压舱石”在减量中实现着突破。'
    ),
    20: (
        '2022年6月,中关村科学城24个重点项目集中签约。中科创达新设立的子公司奥思维'
        '科技也在其中,这个智能物联网操作系统产品与技术开发领域的新星,获得了北京中关村科'
        '学城创新发展有限公司亿元投资,用以支持下一代物联网操作系统核心技术的开发与应用,'
        '助推各个领域的数字化转型升级。'
    ),
    28: (
        '是什么支持一个个企业在海淀聚沙成塔?在这场集中签约活动中,落实中关村新一轮先行先'
        '试改革,围绕做强创新主体,关键核心技术“揭榜挂帅”、科技应用场景、科技成果先使用'
        '后付费3项支持措施发布。'
    ),
    34: (
        '“我们联合高校院所建成4个概念验证中心,北航中心累计立项20个,8个完成落地转化'
        ',吸引融资及转化收益2900万元;中科院中心累计立项20个,6个项目在海淀区完成'
        '产业化公司注册……”中关村科学城管委会服务体系建设处副处长刘春哲介绍,中关村科学'
        '城致力于构建以大信息产业为支柱、大健康产业为突破、科技服务业为基础、先进制造业为'
        '支撑、未来产业为先导的现代“高精尖”产业体系,为万亿级GDP提供强大的产业驱动力'
        '。'
    ),
    36: (
        '“金融‘活水’浇灌实体经济,并且科创特色更加鲜明,多项金融服务创新在海淀率先落地'
        '。”海淀区金融服务办公室副主任蔡晓靖介绍,2022年10月运行的中关村科创金融服'
        '务中心,试点推出并购贷、科技人才贷、认股权贷款,已累计受理27笔业务,涉及资金1'
        '.96亿元,精准支持了企业的科技发展。'
    ),
    38: (
        '截至目前,海淀区已有国家高新技术企业1万家,占全市的35%,国家级专精特新“小巨'
        '人”企业265家,约占全市的45%,北京市“专精特新”中小企业1914家,占全市'
        '的35.7%……'
    ),
    54: (
        '俯瞰海淀区,430.8平方公里的土地仅占全市2.6%,而其中产业用地面积仅为39'
        '平方公里。长期以来,海淀区纵深推进“疏解整治促提升”专项行动,用“腾笼换鸟”来实'
        '现“去白菜帮留白菜心”,在有限的土地上,重科研、重效率的创新创业之风蔚然形成。'
    ),
    58: (
        '行走其间,天坛家具厂旧厂区那一座座蓝帽白墙的家具制造厂房,变身一栋栋时尚的智造空'
        '间,园区内的高举架、高荷载产业空间保留了85%以上,完美对接了需要小试中试、检验'
        '检测以及小规模转产产业环节“硬科技”创新企业的需求。'
    ),
    60: (
        '金隅智造工场“国企投资改造升级+产业运营商整体运营”模式,入选北京城市更新16个'
        '“最佳实践”项目。如今园区集聚了近百家高新技术企业,包括旷视科技、百分点、云知声'
        '、银河航天等“独角兽”企业6家,以及煜鼎增材、G7智慧物联网、天玑数据、国能日新'
        '、云知声等一批专精特新“小巨人”企业,创新发展势头强劲。'
    ),
    62: (
        '“‘十三五’期间,海淀区拆违1211万平方米,腾退土地1428公顷,中关村大街科'
        '贸电子城、中发电子城、农科院花卉市场等一大批空间资源转变为高精尖产业聚集区。”海'
        '淀区发改委副主任、新闻发言人王玉霞介绍。'
    ),
    64: (
        '从2004年经济总量首次达到1000亿元,到2015年突破5000亿元,再到20'
        '22年跨进“万亿”,海淀跨越式增长特征越来越明显。2022年,单位地区生产总值能'
        '耗降幅3%的情况下,经济增长3.5%。在经济飞速发展的同时,海淀区持续提升产业“'
        '含绿量”和城市“绿能”,坚持走绿色发展之路,单位GDP能耗、水耗逐年下降,以更低'
        '的能源消耗支撑经济快速发展,实现从聚集资源求增长到疏解功能谋发展的重大转变。'
    ),
    70: (
        '63.7亿美元!这是2022年海淀区实际利用外资的数字,占全市37.1%,实际利'
        '用外资连续五年保持全市第一。去年海淀区新增两区项目666个,位列全市第一,全年新'
        '设外商投资企业285家。'
    ),
    72: (
        '“两区”建设两年来,海淀区研提149项制度创新政策措施和50项任务措施,累计组织'
        '中欧连线、上海进博会系列推介活动14次,加速一批标志性、引领性、首创性重点项目落'
        '地。'
    ),
    76: (
        '今年1月5日,2022年第十届“东升杯”国际创业大赛总决赛上,全球6强项目展开了'
        '一场巅峰对决。通过此次大赛,拥有60多项IP多媒体子系统技术专利的一家美国公司E'
        'xcellims选择落地中关村东升国际科学园,将依托北京市科研人才优势,打造前沿'
        '技术研发中心。'
    ),
    78: (
        '“东升杯”国际创业大赛今年已经走过第十个年头,覆盖了37个国家和地区,累计吸引国'
        '内外优秀创业项目13000多个,其中海外项目2700多个,落地120余个优质项目'
        '。'
    ),
    80: (
        '今年年初,“两区”建设海淀又有新动作:《中国(北京)自由贸易试验区科技创新片区海'
        '淀组团发展建设三年行动方案(2023-2025年)》发布。根据方案,海淀区将培育'
        '数字智能、科技服务、未来产业三大主导产业新赛道,实施八大加速计划,建立海淀组团与'
        '中关村软件园的联动合作机制,打造“1+1+N”开放格局,协同争取“两区”政策突破'
        '和先行先试。'
    ),
    86: (
        '去年年底重张后的翠微百货公主坟店,提升了社交体验空间,整合了140多个国际品牌,'
        '成了京西购物新地标,今年春节期间就吸引了8万人次。'
    ),
    90: (
        '“过去一年我们完成了公主坟、五棵松、五道口、清河、世纪城等商圈的改造升级。以公主'
        '坟商圈为例,提质升级后总品牌数近1200家,其中北京首店17家,知名品牌旗舰店约'
        '120家。”海淀区商务局副局长黑煜告诉记者,今年海淀区将重点培育北部地区永丰和西'
        '北旺商圈,西三旗、西北旺两个万象汇将于今年5月、9月开业,五棵松万达预计今年6月'
        '开业,将为海淀区再添63万平方米的商业面积。'
    ),
    100: (
        '“2021年,企业在低谷的时候,我们团队早上一起晨跑,晚上一起散步,一起为了产品'
        '熬通宵。”陈科枫说,入驻创客小镇后公司申请了创客人才公租房,两居室的租金也就20'
        '00元多一点,还配备了食堂,一群年轻人在一起,不仅生活成本低,也增加凝聚力,团队'
        '一直很稳定。'
    ),
    104: (
        '“目前创客小镇入驻的企业有400多家,产业集中度高,大信息产业占了60%。”中关'
        '村创客小镇(北京)科技有限公司总经理程清鸽说,公租房+产业园区的模式,让初创企业'
        '团队稳定,园区服务、科技服务、产业服务三大服务体系让科技创新价值在这里实现最大化'
        ',许多创客从这里成长,创新的星星之火成燎原之势。'
    ),
    106: (
        '海淀区稳步改善着群众居住品质,仅2022年就开工保障性住房4378套,竣工570'
        '7套,配租公租房3828套,着力解决职住平衡问题。'
    ),
    114: (
        '北京十一中关村科学城学校就在永清路西端,2021年9月招收了首批175名小学新生'
        ',2022年9月招收了首批160名初一新生。在优化海淀区域教育资源的同时,也大幅'
        '缓解海淀北部中关村科学城北区的科技人才子女教育需求的增长问题。'
    ),
    116: (
        '2022年,海淀北部地区规划的25个教育新建项目全部投入使用,使海淀北部地区新增'
        '8600余个中小学学位、6300余个学前学位,为当地居民带来优质的义务教育供给服'
        '务,也让越来越多的科技人才不再因为孩子的教育问题纠结。'
    ),
    118: (
        '不仅在北部,海淀区也全力满足群众对优质教育的期待,去年新增中小学学位1万余个,完'
        '成了7所学校“公参民”改革,一次性转化优质公办学位1万余个,集团化办学学校(校区'
        ')扩增至153所……'
    ),
    120: (
        '2022年海淀区居民人均可支配收入96153元,同比增长2.9%。数据显示,20'
        '22年海淀区人均地区生产总值为4.9万美元,如果把海淀当作一个单独的经济体,海淀'
        '的人均地区生产总值约可跻身于全球前20强。'
    ),
}


def article_lines() -> Dict[int, str]:
    """Line number -> text of the article (the lines the dataset cites)."""
    return dict(ARTICLE_LINES)


# (indicator, kind, period, value, unit, the number as the article writes it, a fragment around it)
SAMPLE: List[Tuple[str, str, str, float, str, str, str]] = [
    ("gdp", "level", "2022", 10206.9, "亿元", "10206.9", "地区生产总值达到10206.9亿元"),
    ("gdp", "growth", "2022", 0.035, "fraction", "3.5%", "同比增长3.5%"),
    ("gdp", "share", "2022", 0.25, "fraction", "四分之一", "占全市地区生产总值的四分之一"),
    ("industrial_value_added", "growth", "2022", -0.057, "fraction", "5.7%", "增加值同比下降5.7%"),
    ("industrial_robot_output", "growth", "2022", 0.648, "fraction", "64.8%", "产量同比增长64.8%"),
    ("energy_intensity", "growth", "2022", -0.03, "fraction", "3%", "单位地区生产总值能耗降幅3%"),
    ("retail_sales", "growth", "2022", -0.07, "fraction", "7.0%", "零售总额同比下降7.0%"),
    ("retail_sales_culture_sports", "growth", "2022", 0.034, "fraction", "3.4%", "零售额同比增长3.4%"),
    ("high_tech_enterprises", "count", "2023-02", 10000, "enterprises", "1万", "国家高新技术企业1万家"),
    ("high_tech_enterprises", "share", "2023-02", 0.35, "fraction", "35%", "占全市的35%"),
    ("little_giant_enterprises", "count", "2023-02", 265, "enterprises", "265", "“小巨人”企业265家"),
    ("little_giant_enterprises", "share", "2023-02", 0.45, "fraction", "45%", "约占全市的45%"),
    ("specialised_smes", "count", "2023-02", 1914, "enterprises", "1914", "中小企业1914家"),
    ("specialised_smes", "share", "2023-02", 0.357, "fraction", "35.7%", "占全市的35.7%"),
    ("land_area", "level", "2022", 430.8, "km²", "430.8", "430.8平方公里"),
    ("land_area", "share", "2022", 0.026, "fraction", "2.6%", "仅占全市2.6%"),
    ("industrial_land_area", "level", "2022", 39, "km²", "39", "产业用地面积仅为39平方公里"),
    ("illegal_construction_demolished", "level", "2016-2020", 1211, "万m²", "1211", "拆违1211万平方米"),
    ("land_vacated", "level", "2016-2020", 1428, "ha", "1428", "腾退土地1428公顷"),
    ("gdp", "level", "2004", 1000, "亿元", "1000", "2004年经济总量首次达到1000亿元"),
    ("gdp", "level", "2015", 5000, "亿元", "5000", "2015年突破5000亿元"),
    ("fdi_actual_use", "level", "2022", 63.7, "亿美元", "63.7", "63.7亿美元"),
    ("fdi_actual_use", "share", "2022", 0.371, "fraction", "37.1%", "占全市37.1%"),
    ("two_zones_new_projects", "count", "2022", 666, "projects", "666", "新增两区项目666个"),
    ("new_foreign_invested_enterprises", "count", "2022", 285, "enterprises", "285", "外商投资企业285家"),
    ("affordable_housing_started", "count", "2022", 4378, "housing_units", "4378", "开工保障性住房4378套"),
    ("affordable_housing_completed", "count", "2022", 5707, "housing_units", "5707", "竣工5707套"),
    ("public_rental_housing_allocated", "count", "2022", 3828, "housing_units", "3828", "配租公租房3828套"),
    ("north_school_places_added", "count", "2022", 8600, "school_places", "8600", "新增8600余个中小学学位"),
    ("disposable_income_per_capita", "level", "2022", 96153, "元", "96153", "可支配收入96153元"),
    ("disposable_income_per_capita", "growth", "2022", 0.029, "fraction", "2.9%", "同比增长2.9%"),
    ("gdp_per_capita", "level", "2022", 4.9, "万美元", "4.9", "人均地区生产总值为4.9万美元"),
]


@pytest.fixture(scope="module")
def data() -> pd.DataFrame:
    return haidian_2022()


def _row(data: pd.DataFrame, indicator: str, kind: str, period: str) -> pd.Series:
    found = data[(data.indicator == indicator) & (data.kind == kind) & (data.period == period)
                 & (data.region == "haidian")]
    assert len(found) == 1, (indicator, kind, period)
    return found.iloc[0]


# ---------------------------------------------------------------------------------------------
# The figures against the article


@pytest.mark.parametrize("indicator,kind,period,value,unit,number,fragment", SAMPLE,
                         ids=[f"{s[0]}-{s[1]}-{s[2]}" for s in SAMPLE])
def test_sample_figure_matches_the_article(data, indicator, kind, period, value, unit, number,
                                           fragment) -> None:
    row = _row(data, indicator, kind, period)
    assert row.value == value  # both the nearest double to the same decimal
    assert row.unit == unit
    assert number in fragment
    assert number in row.source
    assert fragment in row.source or row.source in fragment or _overlap(fragment, row.source)
    line = article_lines()[int(row.source_line)]
    assert fragment in line


def _overlap(a: str, b: str) -> bool:
    """True if a and b share a run of at least six characters (fragments cut at different places)."""
    return any(a[i:i + 6] in b for i in range(len(a) - 5))


def test_sample_is_large_enough_and_covers_every_kind_of_money_and_share_figure() -> None:
    assert len(SAMPLE) >= 20
    assert {s[1] for s in SAMPLE} >= {"level", "growth", "share", "count"}


def test_every_source_occurs_verbatim_on_its_article_line(data) -> None:
    lines = article_lines()
    for row in data.itertuples():
        assert row.source in lines[row.source_line], (row.indicator, row.kind, row.period)


_CHINESE_NUMBERS = {"四分之一": 0.25, "第一": 1, "两": 2, "三": 3, "八": 8, "十": 10, "百": 100}


def _numbers_in(text: str) -> List[float]:
    """Every number a fragment states, read as our convention stores it: 3.5% -> 0.035, 1万 -> 10000."""
    found: List[float] = []
    for digits, suffix in re.findall(r"(\d+(?:\.\d+)?)(%|万(?!平方米|美元|元))?", text):
        number = float(digits)
        found.append(number / 100 if suffix == "%" else number * 1e4 if suffix else number)
    found += [value for word, value in _CHINESE_NUMBERS.items() if word in text]
    return found


def test_every_value_is_a_number_its_source_states(data) -> None:
    # An independent reading of every row: the value must be one of the numbers in its fragment.
    for row in data.itertuples():
        candidates = _numbers_in(row.source)
        assert any(math.isclose(abs(row.value), c, rel_tol=1e-12) for c in candidates), \
            (row.indicator, row.kind, row.value, row.source)


def test_growth_signs_follow_the_words_for_fall_and_rise(data) -> None:
    for row in data[data.kind == "growth"].itertuples():
        falls = "下降" in row.source or "降幅" in row.source
        assert (row.value < 0) == falls, (row.indicator, row.source)


def test_qualifiers_follow_the_article_wording(data) -> None:
    for row in data.itertuples():
        if row.qualifier == "approx":
            assert "约" in row.source or "近" in row.source, row.source
        elif row.qualifier == "at_least":
            assert any(w in row.source for w in ("余", "多", "以上", "突破", "达到")), row.source
        else:
            assert row.qualifier == "exact"
            # ("规模以上", industry above designated size, and "签约", signing, are not qualifiers)
            assert not re.search(r"(?<!签)约|近|\d余|\d多|\d%?以上", row.source), row.source


def test_shares_of_the_city_say_so(data) -> None:
    for row in data[data.relative_to == "beijing"].itertuples():
        assert row.kind == "share" and "全市" in row.source


def test_period_spans_and_dates(data) -> None:
    assert _row(data, "land_vacated", "level", "2016-2020").qualifier == "exact"  # 十三五
    assert period_years("2016-2020") == (2016, 2020)
    assert period_years(2022) == (2022, 2022)
    assert period_years("2023-01-05") == (2023, 2023)
    assert set(data.region) == {"haidian", "beijing"}


# ---------------------------------------------------------------------------------------------
# The DataFrame contract


def test_one_row_per_line_of_the_file_and_50_to_80_figures(data) -> None:
    path = pathlib.Path(datasets.__file__).parent / "app" / "data" / "haidian_2022.csv"
    lines = [line for line in path.read_text(encoding="utf-8").splitlines() if line]
    assert len(data) == len(lines) - 1
    assert 50 <= len(data) <= 80


def test_columns_and_types(data) -> None:
    assert tuple(data.columns) == datasets.COLUMNS
    assert data["value"].dtype == np.float64
    assert data["source_line"].dtype == "Int64"
    for column in ("indicator", "region", "period", "unit", "kind", "source", "label_zh"):
        assert pd.api.types.is_string_dtype(data[column]), column
    assert data[["indicator", "region", "period", "kind"]].duplicated().sum() == 0
    assert set(data.kind) <= set(datasets.KINDS)
    assert data.label_zh.str.len().min() > 0


def test_each_call_returns_a_fresh_copy() -> None:
    first = haidian_2022()
    first.loc[0, "value"] = -1.0
    del first["source"]
    second = haidian_2022()
    assert second.loc[0, "value"] == 10206.9
    assert "source" in second.columns
    assert not np.shares_memory(haidian_2022()["value"].to_numpy(), second["value"].to_numpy())


def test_reachable_from_the_package() -> None:
    assert haidian.datasets.haidian_2022 is haidian_2022


def test_round_trip_through_pandas_csv(tmp_path, data) -> None:
    path = tmp_path / "copy.csv"
    data.to_csv(path, index=False)
    pd.testing.assert_frame_equal(load_csv(path), data)


def test_user_file_needs_only_the_eight_required_columns_in_any_order(tmp_path) -> None:
    path = tmp_path / "mine.csv"
    path.write_text("value,kind,indicator,region,period,unit,price_basis,source,extra\n"
                    "0.05,growth,gdp,x,2021,fraction,comparable,\"a, \"\"quoted\"\" text\",?\n",
                    encoding="utf-8")
    frame = load_csv(path)
    assert tuple(frame.columns) == datasets.COLUMNS
    assert frame.loc[0, "source"] == 'a, "quoted" text'
    assert frame.loc[0, "qualifier"] == "exact"
    assert frame.loc[0, "source_line"] is pd.NA


def test_byte_order_mark_and_crlf(tmp_path) -> None:
    path = tmp_path / "excel.csv"
    path.write_bytes("\ufeffindicator,region,period,value,unit,price_basis,kind,source\r\n"
                     "gdp,x,2021,+1.5e2,亿元,current,level,s\r\n".encode("utf-8"))
    assert load_csv(path).loc[0, "value"] == 150.0


HEADER = ("indicator,region,period,value,unit,price_basis,kind,source,label_zh,relative_to,"
          "qualifier,source_line\n")
GOOD = "gdp,x,2021,1,亿元,current,level,s,,,,\n"


def test_bad_file_error_is_a_value_error_with_location_and_pickles(tmp_path) -> None:
    path = tmp_path / "t.csv"
    path.write_text(HEADER + "gdp,x,2021,abc,亿元,current,level,s,,,,\n", encoding="utf-8")
    with pytest.raises(ValueError) as caught:
        load_csv(path)
    error = caught.value
    assert isinstance(error, DataFileError)
    assert (error.where, error.column) == ("t.csv line 2", "value")
    again = pickle.loads(pickle.dumps(error))
    assert (str(again), again.where, again.column) == (str(error), error.where, error.column)


def test_non_utf8_file_names_the_line(tmp_path) -> None:
    path = tmp_path / "t.csv"
    path.write_bytes(HEADER.encode() + GOOD.encode() + "gdp,x,2022,1,亿元,current,level,s,,,,\n"
                     .encode("gbk"))
    with pytest.raises(DataFileError, match=r"^load_csv: t.csv line 3: is not UTF-8 text \(byte 0xD2 "
                       r"at byte 14 of the line; save the file as UTF-8\)$"):
        load_csv(path)


def test_missing_file_raises_file_not_found(tmp_path) -> None:
    with pytest.raises(FileNotFoundError):
        load_csv(tmp_path / "absent.csv")


# ---------------------------------------------------------------------------------------------
# Tables in memory


def test_check_table_accepts_integer_years_and_returns_a_typed_copy() -> None:
    frame = pd.DataFrame({"indicator": ["gdp"], "region": ["x"], "period": [2021],
                          "value": [np.int64(5)], "unit": ["亿元"], "price_basis": ["current"],
                          "kind": ["level"], "source": [""]})
    before = frame.copy(deep=True)
    checked = check_table(frame)
    pd.testing.assert_frame_equal(frame, before)  # the input is not modified
    assert checked.loc[0, "period"] == "2021"
    assert checked["value"].dtype == np.float64


def test_check_table_round_trips_the_bundled_data(data) -> None:
    pd.testing.assert_frame_equal(check_table(data), data)


def test_check_table_errors_name_row_index_and_column(data) -> None:
    frame = data.set_index("indicator", drop=False)
    frame.iloc[3, frame.columns.get_loc("value")] = np.nan
    with pytest.raises(DataFileError, match=re.escape(
            "scorecard: data row 3 (index 'industrial_value_added'), column 'value': nan is not finite")):
        check_table(frame, "scorecard")
    with pytest.raises(DataFileError, match=r"^check_table: data lacks column 'kind'$"):
        check_table(data.drop(columns="kind"))
    with pytest.raises(DataFileError, match=r"^check_table: data has no rows$"):
        check_table(data.iloc[:0])
    with pytest.raises(TypeError, match=r"^check_table: data is a dict, but must be a pandas DataFrame$"):
        check_table({"value": [1]})


def test_check_table_rejects_booleans_as_numbers(data) -> None:
    frame = data.head(1).astype({"value": object})
    frame.loc[0, "value"] = True
    with pytest.raises(DataFileError, match=r"column 'value': True is not a number"):
        check_table(frame)


@pytest.mark.parametrize("period,problem", [
    ("22", "must be YYYY"), ("2022-2022", "the span must end after it starts"),
    ("2022-00", "the month must be 01 to 12"), ("2024-02-30", "the day must be 01 to 29"),
])
def test_period_years_rejects_bad_periods(period, problem) -> None:
    with pytest.raises(ValueError, match=f"^period_years: period is '{period}', but {problem}"):
        period_years(period)


@given(sources=st.lists(st.text(alphabet=st.characters(blacklist_categories=("Cs",),
                                                        blacklist_characters="\r\x00"),
                                max_size=30), min_size=1, max_size=5),
       values=st.lists(st.floats(min_value=-1e12, max_value=1e12, allow_nan=False), min_size=5,
                       max_size=5))
@settings(max_examples=40, deadline=None)
def test_any_source_text_and_value_round_trip_through_pandas_csv(tmp_path_factory, sources,
                                                                  values) -> None:
    # Quotes, commas, newlines and Chinese in the source column; any finite level value.
    frame = pd.DataFrame({
        "indicator": [f"x{i}" for i in range(len(sources))], "region": "r", "period": "2022",
        "value": values[:len(sources)], "unit": "亿元", "price_basis": "current", "kind": "level",
        "source": sources})
    path = tmp_path_factory.mktemp("roundtrip") / "t.csv"
    frame.to_csv(path, index=False)
    loaded = load_csv(path)
    assert loaded.source.tolist() == sources
    assert loaded.value.tolist() == [float(v) for v in values[:len(sources)]]


# ---------------------------------------------------------------------------------------------
# Long files, quoted line breaks, the order of problems


def _long_file(rows: int, bad_line: int = 0, quoted_every: int = 0) -> str:
    lines = [HEADER]
    for i in range(rows):
        value = "bad" if i + 2 == bad_line else f"{i}.5"
        source = f'"s, {i}\nsecond line"' if quoted_every and i % quoted_every == 0 else f"s{i}"
        lines.append(f"gdp,r{i % 7},{1000 + i},{value},亿元,current,level,{source},,,,{i + 1}\n")
    return "".join(lines)


def test_long_file_reads_every_row(tmp_path) -> None:
    path = tmp_path / "long.csv"
    path.write_text(_long_file(3000, quoted_every=250), encoding="utf-8")
    frame = load_csv(path)
    assert len(frame) == 3000
    assert frame.value.tolist() == [i + 0.5 for i in range(3000)]
    assert frame.source_line.tolist() == list(range(1, 3001))
    assert frame.source[250] == "s, 250\nsecond line"
    assert frame.period.iloc[-1] == "3999"
    assert frame.region.tolist() == [f"r{i % 7}" for i in range(3000)]


def test_error_deep_in_a_long_file_names_its_line(tmp_path) -> None:
    # Lines count the second line of each quoted source: row i starts on line 2 + i + (quoted rows
    # before it); with a quoted row every 100 rows, the data row of index 2500 is on line 2527.
    text = _long_file(3000, quoted_every=100).replace(",2500.5,", ",bad,")
    path = tmp_path / "long.csv"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(DataFileError, match=r"^load_csv: long\.csv line 2527, column 'value': "
                                            r"'bad' is not a number$"):
        load_csv(path)


def test_repeated_text_columns_are_categoricals_and_period_and_source_plain_strings(data) -> None:
    # Lean for large tables: a code a row for the columns whose values repeat; period is compared
    # and sorted as text by the report, source is nearly one value a row.
    for column in ("indicator", "region", "unit", "price_basis", "kind", "label_zh", "relative_to",
                   "qualifier"):
        assert isinstance(data[column].dtype, pd.CategoricalDtype), column
    for column in ("period", "source"):
        assert not isinstance(data[column].dtype, pd.CategoricalDtype), column


def test_quoting_error_after_a_bad_row_is_the_one_reported(tmp_path) -> None:
    # Quoting is checked for the whole file before the rows, as the encoding is.
    path = tmp_path / "t.csv"
    path.write_text(HEADER + GOOD.replace(",1,", ",bad,") + GOOD + 'gdp,x,"a"b\n',
                    encoding="utf-8")
    with pytest.raises(DataFileError, match=r"^load_csv: t\.csv line 4: unexpected text after a "
                                            r"closing quote$") as caught:
        load_csv(path)
    assert (caught.value.where, caught.value.column) == ("t.csv line 4", None)


def test_whitespace_only_lines_are_skipped_like_blank_lines(tmp_path) -> None:
    path = tmp_path / "t.csv"
    path.write_text(HEADER + "   \n" + GOOD + "\t \n\n", encoding="utf-8")
    assert len(load_csv(path)) == 1


@pytest.mark.parametrize("line,accepted", [("2147483647", True), ("2147483648", False),
                                           ("9223372036854775808", False), ("７", False)])
def test_source_line_fits_the_cpp_int(tmp_path, line, accepted) -> None:
    path = tmp_path / "t.csv"
    path.write_text(HEADER + GOOD.replace(",,,,\n", f",,,,{line}\n"), encoding="utf-8")
    if accepted:
        assert load_csv(path).source_line[0] == int(line)
    else:
        with pytest.raises(DataFileError, match=re.escape(
                f"column 'source_line': '{line}' is not a line number (1 to 2147483647)")):
            load_csv(path)


def test_check_table_finds_the_first_problem_in_row_order() -> None:
    # Row 1 has a bad kind, row 2 a bad indicator: row 1's problem is reported, as a file's would be.
    frame = pd.DataFrame({"indicator": ["gdp", "gdp", "GDP"], "region": "x",
                          "period": ["2020", "2021", "2022"], "value": [1.0, 2.0, 3.0],
                          "unit": "亿元", "price_basis": "current",
                          "kind": ["level", "stock", "level"], "source": ""})
    with pytest.raises(DataFileError, match=r"^check_table: data row 1 \(index 1\), column 'kind': "
                                            r"'stock' is not one of"):
        check_table(frame)


def test_check_table_rejects_unicode_digits_and_reports_repeats() -> None:
    base = {"indicator": ["gdp", "gdp"], "region": "x", "value": [1.0, 2.0], "unit": "亿元",
            "price_basis": "current", "kind": "level", "source": ""}
    with pytest.raises(DataFileError, match=r"row 1 \(index 1\), column 'period': '２０１５' is not"):
        check_table(pd.DataFrame({**base, "period": ["2015", "２０１５"]}))
    with pytest.raises(DataFileError, match=r"^check_table: data row 1 \(index 'b'\): repeats "
                                            r"indicator 'gdp', region 'x', period '2015', kind "
                                            r"'level' of data row 0 \(index 'a'\)$"):
        check_table(pd.DataFrame({**base, "period": [2015, "2015"]}, index=["a", "b"]))


def test_check_table_fills_defaults_and_keeps_the_input() -> None:
    frame = pd.DataFrame({"indicator": ["gdp"], "region": ["x"], "period": [2021],
                          "value": ["1.5"], "unit": ["亿元"], "price_basis": [np.nan],
                          "kind": ["level"], "source": [None], "qualifier": [""],
                          "source_line": [np.nan]}, dtype=object)
    before = frame.copy(deep=True)
    checked = check_table(frame)
    pd.testing.assert_frame_equal(frame, before)
    row = checked.iloc[0]
    assert (row.period, row.value, row.price_basis, row.source, row.qualifier) == \
        ("2021", 1.5, "", "", "exact")
    assert row.source_line is pd.NA


def test_check_table_names_a_cell_that_is_not_text() -> None:
    frame = pd.DataFrame({"indicator": ["gdp", "gdp"], "region": "x", "period": ["2020", "2021"],
                          "value": [1.0, 2.0], "unit": "亿元", "price_basis": "current",
                          "kind": "level", "source": ["", ["a list"]]})
    with pytest.raises(DataFileError, match=r"^check_table: data row 1 \(index 1\), column 'source': "
                                            r"\['a list'\] is not text$"):
        check_table(frame)
