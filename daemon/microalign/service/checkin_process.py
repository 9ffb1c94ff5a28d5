"""`python -m microalign.service.checkin_process`: the check-in process the daemon starts
(service.worker), put together by the composition root with voice speech."""

from microalign.service.compose import run_checkin_process

if __name__ == "__main__":
    run_checkin_process()
