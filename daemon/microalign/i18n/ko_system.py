"""한국어 texts about the machine: doctor, speech models, audio, files, the database, the
time zone. Part of ko.TEXTS, with the keys of en_system.py."""

from __future__ import annotations

# 여기서 모델을 내려받을 수 없을 때 쓸 수 있는 방법.
_ELSEWHERE = (
    "네트워크를 확인하고 같은 명령을 다시 실행하세요. 다른 곳에서 받은 모델도 쓸 수 있어요: "
    "압축을 풀고 `microalign models use PATH` 를 실행하세요 (PATH: 모델 폴더). "
    "그동안에는 글로 체크인하세요: `microalign checkin evening --text`."
)

TEXTS: dict[str, str | dict[str, str]] = {
    "language.en": "영어",
    "language.ko": "한국어",
    "engine.vosk": "Vosk",
    "engine.whisper": "Whisper",
    "list.or": "{first} 또는 {rest}",
    # -- doctor --------------------------------------------------------------------------
    "doctor.mark.ok": "정상",
    "doctor.mark.warn": "주의",
    "doctor.mark.fail": "실패",
    "doctor.check.config": "설정",
    "doctor.check.database": "데이터베이스",
    "doctor.check.microphone": "마이크",
    "doctor.check.audio_output": "소리 출력",
    "doctor.check.tts": "음성 합성",
    "doctor.check.model": "음성 인식 모델",
    "doctor.check.notifications": "알림",
    "doctor.check.service": "서비스",
    "doctor.config.invalid": "{path}: {problems}",
    "doctor.config.missing": "{path} 파일이 없어서 기본값을 쓰고 있어요",
    "doctor.config.ok": "{path}은(는) 올바른 설정이에요",
    "doctor.fix.init": "`microalign init` 을 실행하세요.",
    "doctor.database.missing": "{path}이(가) 아직 없어요",
    "doctor.fix.init_database": "`microalign init` 을 실행해서 만드세요.",
    "doctor.database.unreadable": "{path}을(를) 읽을 수 없어요: {error}",
    "doctor.fix.database_unreadable": (
        "권한과 남은 디스크 공간을 확인하세요. 파일이 손상됐다면 백업에서 되살리세요."
    ),
    "doctor.database.damaged": "{path}이(가) 손상됐어요: {verdict}",
    "doctor.fix.database_damaged": "데몬을 멈추고, 파일을 복사해 둔 뒤 백업에서 되살리세요.",
    "doctor.database.ok": "{path} (스키마 {version}) 무결성 검사를 통과했어요",
    "doctor.device.no_portaudio": "PortAudio 가 없어요: {error}",
    "doctor.fix.portaudio": "설치하세요: apt install libportaudio2",
    "doctor.device.missing_named": "장치 {device}이(가) 없어요: {error}",
    "doctor.device.missing_input": "기본 입력 장치가 없어요: {error}",
    "doctor.device.missing_output": "기본 출력 장치가 없어요: {error}",
    "doctor.fix.input": (
        "마이크나 헤드셋을 연결하고 `pactl info` 를 확인하세요 (PulseAudio 또는 PipeWire)."
    ),
    "doctor.fix.input_named": (
        "마이크나 헤드셋을 연결하고 `pactl info` 를 확인하세요 (PulseAudio 또는 PipeWire). "
        "또는 설정의 speech.input_device 를 고치세요 (`python -m sounddevice` 참고)."
    ),
    "doctor.fix.output": "스피커나 헤드폰을 연결하고 `pactl info` 를 확인하세요.",
    "doctor.fix.output_named": (
        "스피커나 헤드폰을 연결하고 `pactl info` 를 확인하세요. "
        "또는 설정의 speech.output_device 를 고치세요 (`python -m sounddevice` 참고)."
    ),
    "doctor.tts.no_espeak": "espeak-ng 가 설치되어 있지 않아요",
    "doctor.fix.espeak": "설치하세요: apt install espeak-ng",
    "doctor.tts.broken": "pyttsx3 를 시작할 수 없어요: {error}",
    "doctor.fix.pyttsx3": "다시 설치하세요: pip install -U pyttsx3",
    "doctor.tts.ok": {"other": "espeak-ng 를 쓰는 pyttsx3, 목소리 {count}개"},
    "doctor.model.no_catalogue": "음성 인식 모델 목록이 설치되어 있지 않아요",
    "doctor.model.ok": "{language} 용 {name} ({engine}), 위치: {path}",
    "doctor.notifications.missing": "세션 버스에 알림 서버가 없어요: {error}",
    "doctor.fix.notifications": (
        "데스크톱의 알림 데몬을 시작하세요 (없으면 설치: apt install dunst). "
        "그동안 데몬은 알림을 로그에 적어요."
    ),
    "doctor.service.no_systemctl": "systemctl 을 쓸 수 없어요",
    "doctor.fix.run": "`microalign run` 을 실행하세요.",
    "doctor.service.failed": "systemctl 이 실패했어요: {error}",
    "doctor.service.ok": "microalign.service 상태: {state}",
    "doctor.service.stopped": "microalign.service 가 실행 중이 아니에요 ({state})",
    "doctor.fix.service": (
        "세션마다 자동으로 시작하려면 `microalign service install` 을, 지금 한 번만 쓰려면 "
        "터미널에서 `microalign run` 을 실행하세요."
    ),
    "doctor.service.foreground": "데몬이 systemd 없이 터미널에서 실행 중이에요 (pid {pid})",
    "doctor.fix.service_every_day": "세션마다 자동으로 시작하려면: `microalign service install`.",
    # -- models and retranscribe ---------------------------------------------------------
    "models.column.name": "이름",
    "models.column.language": "언어",
    "models.column.engine": "엔진",
    "models.column.size": "크기",
    "models.column.installed": "설치 위치",
    "models.size": "{size} MB",
    "models.not_installed": "설치되지 않음: {get}",
    "models.already_installed": "{name}은(는) 이미 {path}에 설치되어 있어요.",
    "models.downloading": "{name} 내려받는 중",
    "models.not_verified": (
        "검증하지 않았어요. 내려받은 파일의 SHA-256 을 로그에 남겼으니 {url}과(와) 비교하세요."
    ),
    "models.installed": "{name}을(를) {path}에 설치했어요.",
    "models.use_it": "이렇게 쓰세요: microalign models use {name}",
    "models.put_line": "{path}의 [speech] 섹션에 이 줄을 넣으세요:\n{line}",
    "models.set": "{path}에서 음성 인식 모델을 {value}(으)로 바꿨어요.",
    "model_setting.no_dir": "Vosk 모델 폴더여야 하는데 {setting}은(는) 없는 폴더예요",
    "model_setting.not_model": (
        "{setting}은(는) Vosk 모델 폴더가 아니에요 (안에 am/ 과 conf/ 가 있어야 해요)"
    ),
    "model_setting.unknown": (
        "`microalign models list` 의 모델 이름이나 모델 폴더여야 하는데 {setting}이(가) 주어졌어요"
    ),
    "model_setting.wrong_language": (
        "{setting}은(는) {have} 모델인데 general.language 는 {language}(이)에요"
    ),
    "retranscribe.progress": "글로 옮기는 중",
    "retranscribe.done": "#{id}: {text}",
    "retranscribe.nothing": "(알아들은 말 없음)",
    "retranscribe.failed": "#{id} 실패: {error}",
    "retranscribe.summary": "{done}개를 글로 옮겼고 {failed}개는 실패했어요.",
    # -- the time zone -------------------------------------------------------------------
    "tz.unknown": "TZ={tz}은(는) 이 시스템이 모르는 시간대라서 날짜를 UTC 로 계산하게 돼요",
    "error.tz_unknown": "TZ 환경 변수의 설정이 올바르지 않아요:\n  - {problem}",
    "hint.tz_unknown": (
        "시스템 시간대를 쓰려면 TZ 를 지우고, 아니면 Asia/Seoul 같은 시간대 이름으로 "
        "설정하세요 (`timedatectl list-timezones` 참고)."
    ),
    # -- files ---------------------------------------------------------------------------
    "file.doing.use": "사용할",
    "file.doing.write": "쓸",
    "file.doing.create_folder": "폴더로 만들",
    "file.doing.open_lock": "잠금 파일로 열",
    "file.doing.write_lock": "잠금 파일로 쓸",
    "file.doing.open_database": "데이터베이스로 열",
    "file.doing.create_database": "데이터베이스로 만들",
    "file.a_file": "파일",
    "file.the_file": "그 파일",
    "file.its_folder": "그 폴더",
    "error.file_access": "{path}을(를) {doing} 수 없어요: {reason}.",
    "hint.file_access": "{advice}",
    "file.advice.space": (
        "디스크 공간을 확보한 뒤 명령을 다시 실행하세요. 저장된 것은 바뀌지 않았어요."
    ),
    "file.advice.read_only": (
        "{path}은(는) 읽기 전용 파일 시스템에 있어요. 쓸 수 있는 곳을 고르세요."
    ),
    "file.advice.permissions": "{path}와(과) {parent}의 권한을 확인하세요. 본인 소유여야 해요.",
    "file.advice.no_folder": (
        "{parent} 폴더가 있고 파일을 담을 수 있는지 확인하거나 다른 곳을 고르세요."
    ),
    "file.advice.not_a_folder": (
        "{path}의 경로 중 일부가 폴더가 아니라 파일이에요. 그 파일을 옮기거나 다른 곳을 고르세요."
    ),
    "file.advice.exists": ("{path}이(가) 있지만 폴더가 아니에요. 옮기거나 다른 경로를 고르세요."),
    "file.advice.is_a_folder": "{path}은(는) 폴더예요. 파일 이름을 주세요.",
    "file.advice.too_long": "더 짧은 경로를 고르세요.",
    "file.advice.loop": "{path}은(는) 심볼릭 링크(또는 링크의 고리)예요. 실제 경로를 주세요.",
    "file.advice.io": "디스크가 오류를 알렸어요. 디스크를 확인하고(`dmesg`) 다시 실행하세요.",
    "file.advice.other": "{path}을(를) 확인하고 명령을 다시 실행하세요.",
    # -- the database --------------------------------------------------------------------
    "error.store_locked": "데이터베이스 {path}을(를) 다른 프로그램이 잠그고 있어요.",
    "hint.store_locked": (
        "잠시 뒤에 다시 해 보세요. 계속되면 다른 microalign 프로세스를 멈추세요."
    ),
    "error.disk_full": "{folder}이(가) 있는 디스크가 가득 찼어요 (남은 공간 {free} MB).",
    "hint.disk_full": (
        "디스크 공간을 확보하고 명령을 다시 실행하세요. 이미 저장된 것은 바뀌지 않았어요. "
        "읽기 명령(status, stats, history, export)은 그대로 돼요."
    ),
    "error.disk_read_only": "{folder}은(는) 읽기 전용 파일 시스템에 있어요.",
    "hint.disk_read_only": (
        "읽기-쓰기로 다시 마운트하거나 데이터 폴더를 옮기세요(--data-dir). 바뀐 것은 없어요. "
        "읽기 명령(status, stats, history, export)은 그대로 돼요."
    ),
    "error.store_full": "{path}에 쓸 수 없어요: {error}.",
    "hint.store_full": (
        "공간을 확보하거나 디스크 할당량을 늘려 달라고 하세요. 이미 저장된 것은 바뀌지 않았어요."
    ),
    "error.store_io": "{path}을(를) 읽거나 쓰는 중에 디스크 오류가 났어요: {error}.",
    "hint.store_io": "디스크를 확인하고(`dmesg`) 명령을 다시 실행하세요.",
    "error.store_read_only": "{path}을(를) 쓰기용으로 열 수 없어요: {error}.",
    "hint.store_read_only": "{folder}의 권한을 확인하세요 (본인 소유, 모드 0700 이어야 해요).",
    "error.store_failed": "{path}의 데이터베이스 오류: {error}.",
    "error.store_unreadable": (
        "{path}은(는) 읽을 수 있는 microalign 데이터베이스가 아니에요 ({error})."
    ),
    "hint.store_unreadable": (
        "암호화된 저장소였다면 그 key.json 을 옆에 되돌려 놓으세요. 아니라면 파일을 "
        "옆으로 옮기고 (mv {path} {path}.broken) 명령을 다시 실행하면 새로 시작해요. "
        "이전 파일은 복구용으로 남아요."
    ),
    "error.store_newer": (
        "{path}은(는) 더 새로운 microalign 이 썼어요 (스키마 {version}, 이 버전은 {known} 까지)."
    ),
    "hint.store_newer": "microalign 을 업그레이드하세요: pip install -U microalign.",
    "error.store_damaged": "데이터베이스 {path}이(가) 손상됐어요: {problems}.",
    "hint.store_damaged": (
        "아무것도 바뀌지 않았어요. 복사본을 만들고 (cp {path} {path}.broken) "
        "`sqlite3 {path} .recover | sqlite3 {name}.recovered` 를 해 보세요."
    ),
    "error.store_claimed": "{day} {checkin} 체크인이 다른 프로세스에서 진행 중이에요.",
    # -- speech models -------------------------------------------------------------------
    "error.model_catalogue_missing": "모델 목록 {path}이(가) 없어요.",
    "hint.model_catalogue_missing": "microalign 을 다시 설치하세요.",
    "error.model_catalogue_invalid": "모델 목록 {path}이(가) 올바르지 않아요: {error}",
    "hint.model_catalogue_invalid": "microalign 을 다시 설치하세요.",
    "error.model_unknown": "목록에 {name} 이라는 모델이 없어요.",
    "hint.model_unknown": "있는 모델: {names}.",
    "error.model_not_installed": "음성 인식 모델 {name}이(가) 설치되어 있지 않아요.",
    "hint.model_not_installed": (
        "`{get}`을(를) 실행하세요. 그동안은 `microalign checkin … --text` 로 글로 답할 수 있어요."
    ),
    "error.model_not_a_dir": (
        "{path}은(는) Vosk 모델 폴더가 아니에요 (안에 am/ 과 conf/ 가 있어야 해요)."
    ),
    "hint.model_not_a_dir": (
        "speech.model 을 `microalign models list` 의 모델 이름이나 모델 폴더로 설정하세요."
    ),
    "error.model_none_installed": "{language} 음성 인식 모델이 설치되어 있지 않아요.",
    "hint.model_none_installed": (
        "{ways}을(를) 실행하세요. 그때까지는 `microalign checkin … --text` 를 쓰세요."
    ),
    "error.model_wrong_language": (
        "음성 인식 모델 {name}은(는) {have} 모델인데 체크인 언어는 {want}(이)에요."
    ),
    "hint.model_wrong_language": (
        "`microalign models list` 에 있는 {want} 모델 중 하나로 `microalign models use` 를 "
        "실행하거나 general.language 를 바꾸세요."
    ),
    "error.model_no_url": "{name}은(는) 내려받을 수 없어요.",
    "hint.model_no_url": "`{get}`을(를) 실행하세요.",
    "error.model_not_fetched": "{name}은(는) microalign 이 내려받는 모델이 아니에요.",
    "hint.model_not_fetched": "`{get}`을(를) 실행하세요.",
    "error.model_unverified": (
        "목록에 {name}의 SHA-256 이 없어서 내려받은 파일을 검증할 수 없어요."
    ),
    "hint.model_unverified": (
        "그래도 받으려면 --allow-unverified 를 붙이세요 "
        "(체크섬을 출력하니 {site}와(과) 비교하세요)."
    ),
    "error.model_corrupt": (
        "내려받은 {name}이(가) 손상됐어요: SHA-256 이 {digest} 인데 {expected} 여야 해요."
    ),
    "hint.model_corrupt": (
        "`microalign models fetch {name}`을(를) 다시 실행하세요. 처음부터 받아요."
    ),
    "error.model_file_missing": "음성 인식 모델 {name}의 {file}이(가) 없어요.",
    "hint.model_file_missing": "다시 설치하세요: {get}",
    "error.model_file_corrupt": (
        "음성 인식 모델 {name}의 {file}이(가) 손상됐어요: SHA-256 이 {digest} 인데 "
        "{expected} 여야 해요."
    ),
    "hint.model_file_corrupt": "다시 설치하세요: {get}",
    "error.whisper_missing": (
        "음성 인식 모델 {name}에는 faster-whisper 가 필요한데 설치되어 있지 않아요."
    ),
    "hint.whisper_missing": "설치하세요: pip install faster-whisper==1.2.1",
    "error.model_wrong_size": (
        "내려받은 {name}은(는) {size} 바이트인데, 공개된 파일은 {expected} 바이트예요."
    ),
    "hint.model_wrong_size": (
        "`microalign models fetch {name}`을(를) 다시 실행하세요. 처음부터 받아요. 또 그러면 "
        "서버와 이 컴퓨터 사이의 무언가가 파일을 바꾸고 있어요."
    ),
    "error.model_http": (
        "{url}을(를) 내려받지 못했어요: HTTP {code} ({reason}). 아무것도 받지 않았어요."
    ),
    "http.not_found": "서버에 없어요",
    "http.refused": "서버가 거절했어요",
    "http.busy": "서버가 바빠요",
    "http.server": "서버에 오류가 났어요",
    "http.other": "서버가 보내 주지 않았어요",
    "hint.model_http": _ELSEWHERE,
    "error.model_http_kept": (
        "{url}을(를) 내려받지 못했어요: HTTP {code} ({reason}). 앞서 받은 {kept}바이트는 "
        "남겨 두었어요."
    ),
    "hint.model_http_kept": (
        "네트워크를 확인하고 같은 명령을 다시 실행하세요. 멈춘 곳부터 이어서 받아요."
    ),
    "error.model_unreachable": (
        "{url}을(를) 내려받을 수 없어요: {reason}. 아무것도 받지 않았어요."
    ),
    "hint.model_unreachable": _ELSEWHERE,
    "error.model_interrupted": (
        "{url}을(를) 내려받다가 끊겼어요: {reason}. 지금까지 받은 {kept}바이트는 남겨 두었어요."
    ),
    "hint.model_interrupted": (
        "네트워크를 확인하고 같은 명령을 다시 실행하세요. 멈춘 곳부터 이어서 받아요."
    ),
    "error.model_unsafe_zip": "{archive}에 안전하지 않은 경로 {member}이(가) 있어요.",
    "hint.model_unsafe_zip": "이 파일은 쓰지 마세요.",
    "error.model_zip_empty": "{archive}에 Vosk 모델이 없어요 (am/ 과 conf/ 가 없음).",
    "hint.model_zip_empty": "목록에 적힌 URL 을 확인하세요.",
    "error.model_bad_zip": "{archive}은(는) 올바른 zip 파일이 아니에요 ({error}).",
    "hint.model_bad_zip": "다시 내려받으세요.",
    "error.model_option": "--model: {problem}.",
    "hint.model_option": "`microalign models list` 를 확인하세요.",
    "error.model_load": "{path}의 음성 인식 모델을 불러올 수 없어요 ({error}).",
    "hint.model_load": (
        "모델이 덜 받아졌을 수 있어요. 지우고 다시 받으세요 (`microalign models fetch …`)."
    ),
    "error.model_symbols": "{path}의 기호 표가 손상됐어요.",
    "hint.model_symbols": "모델을 다시 받으세요.",
    "error.model_not_openfst": "{path}은(는) OpenFst 파일이 아니에요.",
    "hint.model_not_openfst": "모델을 다시 받으세요.",
    "error.model_deaf": (
        "음성 인식 모델 {name}은(는) {words}에 쓰는 {language} 단어를 몰라요 ({path}). "
        "다른 언어의 모델인 것 같아요."
    ),
    "hint.model_deaf": (
        "`microalign models list` 를 보고 `microalign models use <{code} 모델>` 을 실행하거나 "
        "general.language 를 바꾸세요."
    ),
    # -- audio and speech ----------------------------------------------------------------
    "device.input_named": "입력 장치 {device}",
    "device.output_named": "출력 장치 {device}",
    "device.input_default": "기본 입력 장치",
    "device.output_default": "기본 출력 장치",
    "device.microphone": "마이크",
    "device.speaker": "스피커",
    "error.device": "{which}을(를) 열 수 없어요: {error}",
    "hint.device": (
        "{thing}이(가) 연결되어 있고 사운드 서버가 실행 중인지 확인하세요. 또는 설정의 "
        "speech.{setting}을(를) `python3 -m sounddevice` 에 나오는 장치로 바꾸세요. "
        "`microalign checkin … --text` 는 소리 없이도 돼요."
    ),
    "error.audio_missing": "오디오 파일 {path}이(가) 없어요.",
    "hint.audio_missing": "경로를 확인하세요.",
    "error.audio_unreadable": (
        "오디오 파일 {path}은(는) 읽을 수 있는 WAV 파일이 아니에요 ({reason})."
    ),
    "audio.empty": "비어 있거나 너무 일찍 끝나요",
    "hint.audio_unreadable": "녹음이 손상돼서 글로 옮길 수 없어요.",
    "error.audio_sample_width": (
        "오디오 파일 {path}의 샘플은 {bits}비트예요. 16비트 PCM 이어야 해요."
    ),
    "hint.audio_sample_width": "변환하세요. 예: `sox {path} -b 16 out.wav`.",
    "error.audio_format": (
        "오디오 파일 {path}은(는) {rate} Hz, {channels} 채널이에요. "
        "음성 인식에는 {needed} Hz 모노가 필요해요."
    ),
    "hint.audio_format": "변환하세요. 예: `sox {path} -r {needed} -c 1 -b 16 out.wav`.",
    "error.audio_cut": "오디오 파일 {path}이(가) 잘려 있어요 ({reason}).",
    "hint.audio_cut": "이 파일은 쓸 수 없어요.",
    "audio.ends_early": "너무 일찍 끝나요",
    "error.audio_truncated": "오디오 파일 {path}이(가) 잘려 있어요: 샘플 {frames}개 중 {have}개.",
    "hint.audio_truncated": "녹음이 중간에 끊겨서 전부 글로 옮길 수는 없어요.",
    "error.audio_write": "답의 음성을 {path}에 쓸 수 없어요: {reason}.",
    "hint.audio_write": "디스크 공간을 확보하거나 데이터 폴더의 권한을 고친 뒤 다시 해 보세요.",
    "error.no_speech": "{seconds}초 동안 대답이 들리지 않았어요.",
    "hint.no_speech": "신호음이 울린 뒤에 말하거나, 마이크를 확인하거나, `--text` 를 쓰세요.",
    "error.tts_unavailable": "음성 합성을 쓸 수 없어요: {error}",
    "hint.tts_unavailable": "espeak-ng 를 설치하거나 (`apt install espeak-ng`) `--text` 를 쓰세요.",
    "error.tts_no_voice": "espeak-ng 목소리 {voice}이(가) 설치되어 있지 않아요.",
    "hint.tts_no_voice": (
        "설정의 speech.voice 를 `espeak-ng --voices` 에 나오는 목소리로 바꾸거나, "
        "비워 두어 언어의 기본 목소리를 쓰세요."
    ),
    "error.tts_failed": "음성 합성에 실패했어요: {error}",
    "hint.tts_failed": "그동안은 `--text` 를 쓰세요.",
    "error.tts_no_audio": "음성 합성이 소리를 만들지 못했어요: {problem}.",
    "hint.tts_no_audio": (
        "`espeak-ng -v {voice} hello` 가 되는지 확인하세요. 그동안은 `--text` 를 쓰세요."
    ),
    # -- what is missing (run's start-up report, init's next steps) -----------------------
    "doctor.check.goals": "목표",
    "ready.heading": {
        "other": (
            "아직 준비가 덜 됐어요: {count}가지가 없어요 (그동안에도 microalign 은 계속 돌아가요):"
        ),
    },
    "ready.init_heading": {"other": "아직 없는 것 {count}가지와 각각을 해결하는 명령:"},
    "ready.unchecked": "제때 확인하지 못했어요: {names}. `microalign doctor` 를 실행하세요.",
    "ready.all_set": "음성 체크인에 필요한 것이 모두 준비됐어요.",
    "ready.goals.none": "아직 진행 중인 목표가 없어서 체크인에서 물어볼 게 없어요.",
    "ready.fix.goals": 'microalign goals add "회의에서 질문 하나 하기" --value 용기',
    "ready.typed": "음성이 준비될 때까지는 글로 체크인하세요: microalign checkin evening --text",
}
