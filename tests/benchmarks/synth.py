"""Synthetic standard systems for benchmarks: N standards of M pages, full markup.

Text is drawn deterministically from a pool of sentences in the style of the sample
standards, so two runs measure the same input. About 1,000 Chinese characters (or
3,000 English ones) make an A4 page.
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]

# The repository copy is the tests' helper (tests/repository.py); benchmarks reuse it.
sys.path.insert(0, str(REPO_ROOT / "tests"))
from repository import copy_repository  # noqa: E402

_ZH = [
    "感知终端应采用统一的设备编码规则，编码应在设备全生命周期内保持唯一。",
    "设备安装位置宜避开树木遮挡和强电磁干扰区域，并预留检修空间。",
    "新建道路的通信管道应与道路主体工程同步设计、同步施工、同步验收。",
    "平台可根据业务需要扩展数据接口，扩展接口不应影响既有接口的稳定运行。",
    "系统能在主用链路中断时自动切换至备用链路，切换时间不宜大于30秒。",
    "数据采集应遵循最小必要原则，不应采集与业务无关的个人信息。",
    "运维单位宜建立设备台账，记录设备型号、安装位置、维护记录和故障信息。",
    "供电系统应具备过压、过流和防雷保护功能，接地电阻不应大于10欧姆。",
    "视频图像数据在传输过程中应采用加密措施，存储期限不宜少于30天。",
    "建设单位可委托第三方检测机构对系统性能进行检测并出具检测报告。",
    "终端设备的防护等级不应低于IP65，工作温度范围宜为零下30摄氏度至70摄氏度。",
    "各类感知设备宜集约部署于多功能智慧杆上，减少重复立杆。",
]
_EN = [
    "Sensing terminals shall use a uniform device coding scheme that stays unique over the life of the device.",
    "The installation position should avoid obstruction by trees and areas of strong electromagnetic interference.",
    "Communication ducts of new roads shall be designed, built and accepted together with the road works.",
    "The platform may extend its data interfaces where the service requires it, without affecting existing ones.",
    "The system can switch to the standby link when the main link fails, within 30 seconds at most.",
    "Data collection shall follow the principle of minimum necessity and shall not collect unrelated personal information.",
    "The maintenance organization should keep a register of devices with their models, locations and faults.",
    "The power supply shall protect against overvoltage, overcurrent and lightning; earthing resistance shall not exceed 10 ohms.",
    "Video data shall be encrypted in transit and should be kept for no less than 30 days.",
    "The owner may commission a third-party laboratory to test the performance of the system.",
]
#: Statements of fact for the elements that hold no provisions (foreword, scope,
#: informative annex: GB/T 1.1-2020 8.2, 8.3, 9.6): ``normkit build`` refuses a
#: standard whose check finds a requirement there, and the benchmarks must build.
_FACTS = {
    "zh_CN": [
        "本文件规定了智慧城市感知终端的建设内容和技术指标。",
        "本文件适用于新区范围内道路感知设施的规划、建设和运行维护。",
        "感知终端是城市运行管理的数据来源之一。",
        "城市道路的感知设施包括视频、雷达和环境监测设备。",
        "本文件由合成委员会提出并归口。",
        "典型路段按照每公里四台终端的密度布设。",
    ],
    "en": [
        "This document specifies the construction and technical indicators of sensing terminals.",
        "This document applies to the planning, construction and operation of road sensing facilities.",
        "Sensing terminals are one source of data for the management of the city.",
        "The sensing facilities of urban roads include video, radar and environmental monitors.",
        "This document was proposed by the Synthetic committee.",
        "A typical road section has four terminals per kilometre.",
    ],
}
_SVG = (
    '<svg xmlns="http://www.w3.org/2000/svg" width="400" height="160" viewBox="0 0 400 160">'
    '<rect x="10" y="10" width="120" height="60" fill="#e8eef7" stroke="#345"/>'
    '<rect x="270" y="10" width="120" height="60" fill="#e8eef7" stroke="#345"/>'
    '<line x1="130" y1="40" x2="270" y2="40" stroke="#345" stroke-width="2"/>'
    '<text x="70" y="45" text-anchor="middle" font-size="14" '
    'font-family="Noto Sans CJK SC, sans-serif">{a}</text>'
    '<text x="330" y="45" text-anchor="middle" font-size="14" '
    'font-family="Noto Sans CJK SC, sans-serif">{b}</text></svg>\n'
)

_WORDS = {
    "zh_CN": {
        "scope": "范围",
        "refs": "规范性引用文件",
        "terms": "术语和定义",
        "clause": "技术要求",
        "sub": "一般规定",
        "annex": "典型方案",
        "term": "感知终端{n}",
        "table": "参数表",
        "fig": "系统示意",
        "note": "本条所列数值为推荐值。",
        "example": "某路段布设了十台终端。",
        "a": "终端",
        "b": "平台",
        "cell": ["类型", "数值", "说明"],
        "def": "部署于道路上的感知设备。",
    },
    "en": {
        "scope": "Scope",
        "refs": "Normative references",
        "terms": "Terms and definitions",
        "clause": "Technical requirements",
        "sub": "General",
        "annex": "Typical solutions",
        "term": "sensing terminal {n}",
        "table": "Parameters",
        "fig": "System overview",
        "note": "The values listed are recommended values.",
        "example": "A road section has ten terminals.",
        "a": "Terminal",
        "b": "Platform",
        "cell": ["Type", "Value", "Remark"],
        "def": "sensing device deployed on a road",
    },
}


def _underline(title: str) -> str:
    return "=" * (2 * len(title) + 4)


def _paragraph(rng: random.Random, language: str, chars: int, facts: bool = False) -> str:
    pool = _FACTS[language] if facts else _ZH if language == "zh_CN" else _EN
    out, size = [], 0
    while size < chars:
        sentence = rng.choice(pool)
        out.append(sentence)
        size += len(sentence)
    return ("" if language == "zh_CN" else " ").join(out)


def standard_source(index: int, pages: int, language: str = "zh_CN", cite: str = "") -> str:
    """The RST of a synthetic standard of about ``pages`` pages."""
    rng = random.Random(index)
    w = _WORDS[language]
    per_page = 1000 if language == "zh_CN" else 3000
    para = 250 if language == "zh_CN" else 700
    out = [".. foreword::", "", "   " + _paragraph(rng, language, para // 2, facts=True), ""]
    out += [w["scope"], _underline(w["scope"]), "", _paragraph(rng, language, para, True), ""]
    out += [w["refs"], _underline(w["refs"]), "", ".. normative-references::", ""]
    out += ["   - GB/T 22239—2019 信息安全技术 网络安全等级保护基本要求"]
    out += [f"   - :std:`{cite}`" if cite else "", ""]
    out += [w["terms"], _underline(w["terms"]), ""]
    for n in range(1, 7):
        term = w["term"].format(n=n)
        out += [f".. term:: {term}", f"   :en: sensing terminal {n}", "", f"   {w['def']}", ""]
    clauses = max(4, pages // 2)
    per_clause = max(1, pages * per_page // clauses // para)
    for c in range(1, clauses + 1):
        title = f"{w['clause']}{c}"
        out += [f".. _cl-{c}:", "", title, _underline(title), ""]
        for s in (1, 2):
            sub = f"{w['sub']}{c}.{s}"
            out += [sub, "-" * (2 * len(sub) + 4), ""]
            for _ in range(per_clause // 2):
                out += [_paragraph(rng, language, para), ""]
            ref = f"cl-{max(1, c - 1)}"
            out += [f"{w['sub']} :xref:`{ref}` :term:`{w['term'].format(n=1)}`.", ""]
        out += [f".. list-table:: {w['table']}{c}", f"   :name: tab-{c}", "   :header-rows: 1", ""]
        for row in [w["cell"], *([f"A{r}", str(r * 10), f"B{r}"] for r in range(3))]:
            out += [f"   * - {row[0]}"] + [f"     - {cell}" for cell in row[1:]]
        out += [""]
        out += [".. figure:: figures/f.svg", f"   :name: fig-{c}", "", f"   {w['fig']}{c}", ""]
        out += [f".. note:: {w['note']}", "", ".. example::", "", f"   {w['example']}", ""]
    out += [".. annex:: informative", "", w["annex"], _underline(w["annex"]), ""]
    out += [_paragraph(rng, language, para, facts=True), ""]
    return "\n".join(out) + "\n"


def make_system(root: Path, count: int, pages: int, language: str = "zh_CN") -> list[Path]:
    """A standards repository at ``root`` with ``count`` standards of ``pages`` pages."""
    copy_repository(root, standards=False)
    std_dir = root / "standards"
    std_dir.mkdir(exist_ok=True)
    framework = [
        "[framework]",
        'version = "1.0"',
        'title.zh_CN = "合成标准体系"',
        'title.en = "Synthetic standard system"',
        "",
        "[settings]",
        f'master_language = "{language}"',
        f'languages = ["{"en" if language == "zh_CN" else "zh_CN"}"]',
        'issuing_body.zh_CN = "合成委员会"',
        'issuing_body.en = "Synthetic committee"',
        "",
        "[settings.numbering]",
        'prefix = "T/SYN"',
        "pattern = '^T/SYN \\d{4}$'",
        "",
        "[[category]]",
        'code = "1"',
        'title.zh_CN = "类别"',
        'title.en = "Category"',
        "",
        "[[category.aspect]]",
        'code = "1.1"',
        'title.zh_CN = "方面"',
        'title.en = "Aspect"',
        "",
    ]
    folders = []
    for i in range(1, count + 1):
        number = f"T/SYN {1000 + i}"
        framework += [
            "[[standard]]",
            f'number = "{number}"',
            'aspect = "1.1"',
            'status = "draft"',
            f'title.zh_CN = "合成标准{i}"',
            f'title.en = "Synthetic standard {i}"',
            "",
        ]
        folder = std_dir / f"t-syn-{1000 + i}"
        (folder / "figures").mkdir(parents=True, exist_ok=True)
        (folder / "standard.toml").write_text(
            "\n".join(
                [
                    f'number = "{number}"',
                    'version = "1.0"',
                    'status = "draft"',
                    'aspect = "1.1"',
                    f'title.zh_CN = "合成标准{i}"',
                    f'title.en = "Synthetic standard {i}"',
                    "[classification]",
                    'ics = "35.110"',
                    'ccs = "L79"',
                ]
            )
            + "\n",
            encoding="utf-8",
        )
        cite = f"T/SYN {1000 + (i % count) + 1}" if count > 1 else ""
        (folder / "index.rst").write_text(
            standard_source(i, pages, language, cite), encoding="utf-8"
        )
        w = _WORDS[language]
        (folder / "figures" / "f.svg").write_text(_SVG.format(a=w["a"], b=w["b"]), encoding="utf-8")
        folders.append(folder)
    (std_dir / "framework.toml").write_text("\n".join(framework), encoding="utf-8")
    return folders


def make_standard(root: Path, pages: int, language: str = "zh_CN") -> Path:
    """The folder of a one-standard synthetic system of about ``pages`` pages."""
    return make_system(root, 1, pages, language=language)[0]
