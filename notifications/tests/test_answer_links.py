"""Signed answer links: single-purpose, bound to one sign-up and person, expiring; the SMS
webhook's signature."""

import pytest
from django.core import signing

from notifications import answers


def test_a_link_says_one_answer_to_one_sign_up_by_its_person():
    token = answers.answer_token(signup_id=5, volunteer_id=9, action="confirm")
    assert answers.read_answer(token, action="confirm") == answers.Answer(5, 9, "confirm")


def test_a_link_cannot_be_used_for_another_purpose():
    token = answers.answer_token(signup_id=5, volunteer_id=9, action="confirm")
    with pytest.raises(answers.BadAnswerLink):
        answers.read_answer(token, action="cancel")


def test_a_link_cannot_be_altered_to_name_another_shift_or_person():
    token = answers.answer_token(signup_id=5, volunteer_id=9, action="cancel")
    forged = signing.dumps({"s": 6, "v": 9, "a": "cancel"}, salt="another-salt")
    with pytest.raises(answers.BadAnswerLink):
        answers.read_answer(forged, action="cancel")
    payload, rest = token.split(":", 1)
    with pytest.raises(answers.BadAnswerLink):
        answers.read_answer(payload[:-2] + "xx:" + rest, action="cancel")


def test_a_link_expires(settings):
    token = answers.answer_token(signup_id=5, volunteer_id=9, action="confirm")
    settings.ANSWER_LINK_MAX_AGE = -1
    with pytest.raises(answers.BadAnswerLink):
        answers.read_answer(token, action="confirm")


def test_the_webhook_signature_needs_the_shared_secret(settings):
    settings.SMS_INBOUND_SECRET = "hemmelig"
    body = b'{"from": "+4791234567", "text": "JA"}'
    good = answers.signature(body, "hemmelig")
    assert answers.signature_valid(body, good)
    assert not answers.signature_valid(body, "")
    assert not answers.signature_valid(body + b" ", good)
    assert not answers.signature_valid(body, answers.signature(body, "gjettet"))
    settings.SMS_INBOUND_SECRET = ""
    assert not answers.signature_valid(body, good)


@pytest.mark.parametrize(
    ("text", "action"),
    [("JA", "confirm"), ("ja!", "confirm"), ("Nei", "cancel"), ("NEI takk", "cancel"), ("?", None)],
)
def test_an_sms_reply_says_yes_or_no(text, action):
    assert answers.sms_action(text) == action
