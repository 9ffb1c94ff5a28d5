"""HTML 보고서의 한국어 texts. Part of ko.TEXTS."""

from __future__ import annotations

TEXTS: dict[str, str | dict[str, str]] = {
    # -- the HTML report -----------------------------------------------------------------
    "report.title": "microalign 보고서 {day}",
    "report.heading": "microalign — {year}년 {month} {day}일",
    "report.period": "{start}부터 {end}까지의 작은 목표예요.",
    "report.figures": "{state} · 연속 {streak}일 · 최고 {best}일 · 습관 강도 {strength}",
    "report.calendar": "날짜별 기록",
    "report.strength": "습관 강도",
    "report.strength_label": "습관 강도",
    "report.calendar_label": "달력",
    "report.month_title": "{year}년 {month}",
    "report.weekday_initials": "월 화 수 목 금 토 일",
    "report.months_short": "1월 2월 3월 4월 5월 6월 7월 8월 9월 10월 11월 12월",
    "report.day_short": "{month} {day}일",
    "report.percent": "{value}%",
    "report.target": "{value}%: 습관이 된 수준",
    "report.ended_before": "{day}에 끝나서 이 보고서의 기간에는 기록이 없어요.",
    "report.no_chart": "아직 그래프를 그릴 만큼 날이 쌓이지 않았어요.",
    "report.no_goals": "아직 작은 목표가 없어요.",
    "report.values": "주별 가치",
    "report.value_label": "{value}: 주별로 가치에 맞게 지낸 날",
    "report.value_summary": {"other": "{count}주 동안 예정된 날의 {share}를 가치에 맞게 지냈어요."},
    "report.week_of": "{day} 주",
    "report.no_days": "예정된 날 없음",
    "report.no_values": "아직 가치와 연결된 목표가 없어요.",
    "report.levelups": "레벨 업",
    "report.levelups_note": "각 목표는 앞의 목표에서 한 단계 올라간 거예요.",
    "report.levelled_from": "“{goal}”에서 레벨 업했어요.",
    "report.chain_days": {"other": "예정된 날 {count}일 · {kept}일 지킴"},
    "report.legend": "범례",
    "report.legend_note": "날짜를 보려면 칸 위에 마우스를 올리거나 눌러 보세요.",
    "report.state.kept": "지킴",
    "report.state.partly": "조금",
    "report.state.frozen": "연속 보호",
    "report.state.missed": "못 지킴",
    "report.state.rest": "휴일 또는 건너뜀",
    "report.state.pending": "오늘, 아직 답하지 않음",
    "report.state.none": "예정 없음",
    "report.footer": "이 컴퓨터에서 microalign이 만들었어요. 어디에도 보내지 않았어요.",
    "error.chromium_missing": (
        "Chromium 브라우저를 찾지 못했어요 (PATH에서 {names}을(를) 찾아봤어요)."
    ),
    "hint.chromium_missing": (
        "PNG는 헤드리스 Chromium으로 그려요: `sudo apt install chromium` 으로 설치하거나, "
        "`--png` 없이 HTML 보고서를 만드세요."
    ),
    "error.chromium_failed": (
        "{binary}이(가) 보고서를 그리지 못했어요 (그 출력은 `microalign -v report --png` 로 "
        "볼 수 있어요)."
    ),
    "hint.chromium_failed": (
        "`{binary} --headless --screenshot about:blank` 을 실행해 무엇이 문제인지 확인하거나, "
        "`--png` 없이 HTML 보고서를 만드세요."
    ),
}
