"""Korean texts of encryption at rest: encrypt, decrypt, the key and its sources. Part of
ko.TEXTS."""

from __future__ import annotations

_GIVE_PASSPHRASE = (
    "MICROALIGN_PASSPHRASE 에 암호를 넣거나, --passphrase-fd N (암호를 읽을 파일 디스크립터)을 "
    "주거나, 터미널에서 실행해 입력하세요. 아무것도 바뀌지 않았어요."
)

TEXTS: dict[str, str | dict[str, str]] = {
    "crypt.passphrase": "microalign 저장소 암호: ",
    "crypt.new_passphrase": "새 암호: ",
    "crypt.again": "같은 암호를 한 번 더: ",
    "crypt.progress": "녹음: {total}개 중 {done}개",
    "crypt.encrypted": ("{data}의 저장소를 암호화했어요 (녹음 {count}개 변환). 키는 {source}."),
    "crypt.already_encrypted": "{data}의 저장소는 이미 암호화되어 있어요.",
    "crypt.decrypted": (
        "{data}의 저장소를 다시 평문으로 바꿨어요 (녹음 {count}개 변환). 키는 지웠어요."
    ),
    "crypt.already_plain": "{data}의 저장소는 암호화되어 있지 않아요.",
    "crypt.key_changed": "이제 키는 {source}. 데이터는 다시 암호화하지 않았어요.",
    "crypt.source.keyring": "데스크톱 키링에 있어요",
    "crypt.source.passphrase": "암호로 보호돼요",
    "crypt.source.none": "지워졌어요",
    "doctor.check.encryption": "암호화",
    "doctor.encryption.plain": "저장소가 암호화되어 있지 않아요",
    "doctor.encryption.keyring": "{path}의 저장소는 암호화되어 있고, 키는 데스크톱 키링에 있어요",
    "doctor.encryption.passphrase": "{path}의 저장소는 암호화되어 있고, 키는 암호로 보호돼요",
    "doctor.encryption.pending": "암호화나 복호화가 중간에 멈췄어요",
    "doctor.fix.encrypt": "암호화하려면: microalign encrypt",
    "doctor.fix.crypt_pending_encrypted": "`microalign encrypt` 를 다시 실행해 마무리하세요.",
    "doctor.fix.crypt_pending_plain": "`microalign decrypt` 를 다시 실행해 마무리하세요.",
    "error.store_key_wrong": "{source}의 키로 데이터베이스 {path}을(를) 열 수 없어요.",
    "hint.store_key_wrong": (
        "키 파일과 데이터베이스가 서로 맞지 않아요. 이 데이터베이스와 함께 있던 key.json 을 "
        "되돌려 놓으세요. 아무것도 바뀌지 않았어요."
    ),
    "error.key_no_passphrase": (
        "저장소가 암호로 암호화되어 있는데 암호가 주어지지 않았어요: {env} 가 없고, "
        "--passphrase-fd 도 없고, 물어볼 터미널도 없어요."
    ),
    "hint.key_no_passphrase": _GIVE_PASSPHRASE,
    "error.key_passphrase_mismatch": "두 암호가 달라요.",
    "hint.key_passphrase_mismatch": "명령을 다시 실행하고 같은 암호를 두 번 입력하세요.",
    "error.key_fd_unreadable": "파일 디스크립터 {fd}에서 암호를 읽을 수 없어요 ({error}).",
    "hint.key_fd_unreadable": (
        "암호가 담긴 디스크립터를 열어 주세요. 예: `--passphrase-fd 3 3<file`. "
        "아무것도 바뀌지 않았어요."
    ),
    "error.key_file_broken": "키 파일 {path}을(를) 읽을 수 없어요: {error}.",
    "key.fd_empty": "비어 있어요",
    "key.not_json": "올바른 JSON 이 아니에요",
    "key.not_key_file": "microalign 키 파일이 아니에요",
    "key.bad_id": "키 식별자가 올바르지 않아요",
    "key.field_missing": "{field} 항목이 없어요",
    "key.field_invalid": "항목 중 하나의 값이 올바르지 않아요",
    "hint.key_file_broken": "백업에서 key.json 을 되돌려 놓으세요. 아무것도 바뀌지 않았어요.",
    "error.key_passphrase_wrong": "{source}의 암호로 {path}의 키를 열 수 없어요.",
    "hint.key_passphrase_wrong": "올바른 암호로 다시 해 보세요. " + _GIVE_PASSPHRASE,
    "error.key_keyring_unavailable": (
        "{path}의 키는 데스크톱 키링에 있는데 키링에 연결할 수 없어요 "
        "(D-Bus 의 Secret Service: {error})."
    ),
    "hint.key_keyring_unavailable": (
        "키링이 있는 데스크톱 세션(gnome-keyring, KWallet, KeePassXC)에 로그인하거나 "
        "DBUS_SESSION_BUS_ADDRESS 를 확인하세요. 아무것도 바뀌지 않았어요."
    ),
    "error.key_keyring_locked": "{path}의 키가 있는 데스크톱 키링이 잠겨 있어요.",
    "hint.key_keyring_locked": (
        "키링을 여세요 (다시 로그인하거나 '암호 및 키'에서). 아무것도 바뀌지 않았어요."
    ),
    "error.key_keyring_missing": "데스크톱 키링에 {path}의 microalign 키 {key_id} 가 없어요.",
    "hint.key_keyring_missing": (
        "저장소를 암호화한 세션의 키링을 쓰거나 그 키링을 복원하세요. 아무것도 바뀌지 않았어요."
    ),
    "error.key_keyring_wrong": "데스크톱 키링의 비밀로 {path}의 키를 열 수 없어요.",
    "hint.key_keyring_wrong": "짝이 맞는 key.json 을 되돌려 놓으세요. 아무것도 바뀌지 않았어요.",
    "error.crypto_missing": "암호화에는 파이썬 패키지 {package} 가 필요한데 설치되어 있지 않아요.",
    "hint.crypto_missing": "설치하세요: pip install 'microalign[encrypt]'.",
    "error.audio_sealed": "암호화된 녹음 {path}을(를) 열 수 없어요 ({reason}).",
    "sealed.short": "머리말보다 짧아요",
    "sealed.not_sealed": "암호화된 녹음이 아니에요",
    "sealed.no_key": "키가 없어요",
    "sealed.chunk": "조각 {number}이(가) 이 키로 열리지 않아요",
    "hint.audio_sealed": "다른 키로 쓰였거나 그 뒤에 바뀌었어요. 재생할 수 없어요.",
    "error.crypt_daemon_running": (
        "데몬(pid {holder})이 실행 중이라 저장소의 형태를 바꿀 수 없어요."
    ),
    "hint.crypt_daemon_running": (
        "데몬을 멈추고(systemctl --user stop microalign) 명령을 실행한 뒤 다시 시작하세요."
    ),
    "error.crypt_pending": (
        "{data}의 저장소를 `microalign {command}` 가 바꾸는 중이거나, 바꾸다가 멈췄어요."
    ),
    "hint.crypt_pending": (
        "끝날 때까지 기다리거나 `microalign {command}` 를 다시 실행해 마무리하세요. "
        "그동안에도 저장소는 온전해요."
    ),
    "error.crypt_not_encrypted": "{data}의 저장소는 암호화되어 있지 않아 바꿀 키가 없어요.",
    "hint.crypt_not_encrypted": "먼저 암호화하세요: microalign encrypt.",
}
