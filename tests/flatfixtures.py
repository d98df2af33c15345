"""A crawler's text copy of a report: metadata block, separator, then the whole report on one
line with the table cells run together (the shape of shared/real/pingtan-*.txt, own numbers)."""

from __future__ import annotations

from linter.templates import all_templates

HEAD = ("标题: 某某县某某局2021年政府信息公开工作年度报告\n发布时间: 2022-01-14 17:29\n文号: \n发布机构: \n"
        "栏目: 政府信息公开年报\n原文链接: https://www.example.gov.cn/zfxxgk/202201/t20220114_1.htm\n"
        "页面链接与图片详见 links.tsv(同目录)\n==================== 正文 ====================\n")
CHROME = ("当前位置： 首页政务公开政府信息公开某某县某某局政府信息公开年报 "
          "某某县某某局2021年度政府信息公开工作年度报告 "
          "来源： 时间：2022-01-14 17:29 --> 微信 微博 QQ空间 全真版 文字版 文件下载 相关链接： ")

# Table 三 rows as digits run together (row id → text after the label); every other row is 0000000.
THREE = {
    "一": "120010215",  # 12 0 0 1 0 2 15: only this split has its row total
    "二": "1000001",
    "（一）": "80010110",  # 8 0 0 1 0 1 10
    "（四）1": "4000015",
    "（七）": "120010215",
    "四": "1000001",
}
TWO = {"规章": "000", "行政规范性文件": "3215", "行政许可": "156", "行政处罚": "27", "行政强制": "0",
       "行政事业性收费": "12.5"}
FOUR = "100010000000000"


def _three_label(row_id: str, label: str, groups: dict[str, str], seen: set[str]) -> str:
    if row_id in ("一", "二", "四"):
        return f"{row_id}、{label}"
    if row_id == "（七）":
        return "（七）总计"
    group, number = row_id[:3], row_id[3:]
    prefix = "" if group in seen else ("三、本年度办理结果" if group == "（一）" else "") + (
        f"{group}{groups[group]}" if number else "")
    seen.add(group)
    return f"{prefix}{number}.{label}" if number else f"{prefix}{row_id}{label}"


def table_three_text(rows: dict[str, str]) -> str:
    template = all_templates()["2021"].tables["三"]
    groups = dict(template.groups)
    seen: set[str] = set()
    return "".join(_three_label(r.id, r.label, groups, seen) + rows.get(r.id, "0000000") for r in template.rows)


def crawler_report(three: dict[str, str] | None = None, two: dict[str, str] | None = None, four: str = FOUR,
                   head: str = HEAD, chrome: str = CHROME) -> str:
    two = {**TWO, **(two or {})}
    body = (
        chrome + "根据《中华人民共和国政府信息公开条例》要求，特编制此报告。"
        "本报告中所列数据的统计期限自2021年1月1日起至2021年12月31日止。一、总体情况2021年，我局主动公开政府信息156条，收到政府信息公开申请15件。"
        "二、主动公开政府信息情况第二十条第（一）项信息内容本年制发件数本年废止件数现行有效件数"
        f"规章{two['规章']}行政规范性文件{two['行政规范性文件']}第二十条第（五）项信息内容本年处理决定数量"
        f"行政许可{two['行政许可']}第二十条第（六）项信息内容本年处理决定数量行政处罚{two['行政处罚']}"
        f"行政强制{two['行政强制']}第二十条第（八）项信息内容本年收费金额（单位：万元）行政事业性收费{two['行政事业性收费']}"
        "三、收到和处理政府信息公开申请情况（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
        "申请人情况自然人法人或其他组织总计商业企业科研机构社会公益组织法律服务机构其他"
        + table_three_text({**THREE, **(three or {})})
        + "四、政府信息公开行政复议、行政诉讼情况行政复议行政诉讼结果维持结果纠正其他结果尚未审结总计未经复议直接起诉"
        "复议后起诉结果维持结果纠正其他结果尚未审结总计结果维持结果纠正其他结果尚未审结总计" + four
        + "五、存在的主要问题及改进情况一是公开内容不够丰富。二是解读形式单一。六、其他需要报告的事项2021年，"
        "无收取信息处理费情况。 某某县某某局 2022年1月7日 附件下载"
    )
    return head + body + "\n"
