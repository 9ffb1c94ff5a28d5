"""Korean texts of what a library or the system reported, by category (causes.py), and of
text-to-speech's own problems. Part of ko.TEXTS, with the keys of en_causes.py."""

from __future__ import annotations

TEXTS: dict[str, str | dict[str, str]] = {
    "tts.wrong_rate": "espeak-ng 가 분당 {wanted}단어가 아니라 {got}단어로 말했어요",
    "tts.empty_wav": "만든 소리 파일이 비어 있어요",
    "cause.no_device": "그런 장치를 찾지 못했어요",
    "cause.device_busy": "다른 프로그램이 장치를 쓰고 있어요",
    "cause.device_silent": "장치에서 소리가 들어오지 않아요",
    "cause.device_format": "장치가 이 소리 형식을 지원하지 않아요",
    "cause.audio_server": "사운드 시스템이 응답하지 않아요",
    "cause.no_portaudio": "PortAudio 라이브러리가 설치되어 있지 않아요",
    "cause.model_broken": "음성 인식 모델이 손상됐거나 불완전해요",
    "cause.dbus": "데스크톱 메시지 버스(D-Bus)가 응답하지 않아요",
    "cause.disk_full": "디스크에 남은 공간이 없어요",
    "cause.read_only": "읽기 전용 파일 시스템이에요",
    "cause.disk_io": "디스크 입출력 오류가 났어요",
    "cause.locked": "다른 프로그램이 데이터베이스를 잠그고 있어요",
    "cause.damaged": "파일이 손상됐거나 예상한 형식이 아니에요",
    "cause.permission": "권한이 없어요",
    "cause.not_found": "그런 파일이나 폴더가 없어요",
    "cause.is_a_folder": "파일이 아니라 폴더예요",
    "cause.not_a_folder": "경로 중 일부가 폴더가 아니에요",
    "cause.link_loop": "심볼릭 링크가 고리를 이루고 있어요",
    "cause.name_too_long": "파일 이름이 너무 길어요",
    "cause.exists": "이미 있는 파일이에요",
    "cause.too_many_files": "열린 파일이 너무 많아요",
    "cause.bad_descriptor": "열려 있지 않은 파일 디스크립터예요",
    "cause.speech_engine": "음성 엔진이 실패했어요",
    "cause.timeout": "제시간에 응답이 없었어요",
    "cause.network": "서버에 연결할 수 없어요 (네트워크)",
    "cause.other": "예상하지 못한 문제가 생겼어요 (자세한 내용은 로그에 있어요)",
}
