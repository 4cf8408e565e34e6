"""The daily digest: one French mail per candidate with the new offers of their searches, never twice."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.utils import timezone

from candidates import alerts
from candidates.models import AlertDigest, AlertRun, AlertState
from matching import alerts as digests
from matching.tasks import send_alert_digests
from offers.models import ContractType, Offer, OfferStatus
from tests.alerts.feed import feed_settle
from tests.factories import CommuneFactory, OfferFactory, UserFactory

# Digest windows are transaction ids (offers.feed): the test's writes must really commit.
pytestmark = pytest.mark.django_db(transaction=True)


def _save(user, name="Boulanger", query=None, frequency="daily"):
    return alerts.saved_search_create(
        user=user, name=name, query=query if query is not None else {"q": "boulanger"}, frequency=frequency
    )


def _unrelated(title, **fields):
    """An offer no baker search matches."""
    defaults = {"description": "Service en salle et au bar.", "company": "Brasserie du Port", "rome_code": "G1803",
                "rome_label": "Serveur / Serveuse", "skills": []}  # fmt: skip
    return OfferFactory(title=title, **(defaults | fields))


def _run(**kwargs):
    feed_settle()
    return digests.alert_digests_send(**kwargs)


def _mails_to(address):
    return [message for message in mail.outbox if message.to == [address]]


def test_a_candidate_receives_the_new_offers_of_their_search_in_french_html_and_text():
    candidate = UserFactory()
    search = _save(candidate, name="Boulanger à Montpellier")
    offer = OfferFactory(title="Boulanger de nuit H/F", company="Au Bon Pain", salary_min=24000, salary_max=28000)
    _unrelated("Serveur en brasserie")

    result = _run()

    assert result.sent == 1
    (message,) = mail.outbox
    assert message.to == [candidate.email]
    assert message.subject == "1 nouvelle offre pour vos alertes JobMarket"
    assert "Voici 1 nouvelle offre pour vos alertes JobMarket." in message.body
    assert "Boulanger de nuit H/F — Au Bon Pain — Montpellier (34)" in message.body
    assert "Serveur" not in message.body and "Brasserie" not in message.body
    assert f"https://jobmarket.example/offres/{offer.pk}/" in message.body
    assert "https://jobmarket.example/offres/?q=boulanger" in message.body
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html"
    assert '<html lang="fr">' in html
    assert f'href="https://jobmarket.example/offres/{offer.pk}/"' in html
    assert "Boulanger à Montpellier" in html
    assert "24\xa0000 – 28\xa0000 €/an" in html  # French thousands separator
    # One-click unsubscribe (RFC 8058), for all alerts, and a link per search in the body.
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert message.extra_headers["List-Unsubscribe"].startswith("<https://jobmarket.example/alertes/desinscription/")
    per_search = alerts.unsubscribe_url(user_id=candidate.pk, search_id=search.pk)
    assert per_search in message.body and per_search in html
    assert AlertDigest.objects.get().offer_ids == [offer.pk]


def test_a_search_lists_at_most_n_offers_and_links_to_the_rest(monkeypatch):
    monkeypatch.setattr(digests, "MAX_OFFERS_PER_SEARCH", 2)
    candidate = UserFactory()
    _save(candidate)
    now = timezone.now()
    for days in range(5):
        OfferFactory(title=f"Boulanger {days}", published_at=now - dt.timedelta(days=days))

    _run()

    (message,) = mail.outbox
    assert message.body.count("https://jobmarket.example/offres/") == 3  # 2 offers + none for the rest link
    assert "Boulanger 0" in message.body and "Boulanger 1" in message.body  # the newest
    assert "Boulanger 2" not in message.body
    assert "Et 3 autres offres : https://jobmarket.example/offres/?q=boulanger" in message.body


def test_nothing_is_sent_when_nothing_is_new():
    candidate = UserFactory()
    OfferFactory(title="Boulanger déjà là")  # before the search was saved
    _save(candidate)
    _unrelated("Serveur")  # new, but not a match

    result = _run()

    assert mail.outbox == []
    assert result.empty == 1
    assert AlertRun.objects.get().empty == 1


def test_a_second_run_sends_nothing_again():
    candidate = UserFactory()
    _save(candidate)
    OfferFactory()
    _run()
    assert len(mail.outbox) == 1

    send_alert_digests.delay()  # the task, as the pipeline queues it
    feed_settle()
    _run()

    assert len(mail.outbox) == 1
    # Only what is new since then comes in the next one.
    newer = OfferFactory(title="Boulanger pâtissier")
    _run()
    assert len(mail.outbox) == 2
    assert "Boulanger pâtissier" in mail.outbox[1].body
    assert str(newer.pk) in mail.outbox[1].body
    assert mail.outbox[0].body.count("/offres/") - 1 == 1


def test_a_crash_between_two_candidates_then_a_rerun_sends_the_second_only(monkeypatch):
    first, second = UserFactory(), UserFactory()
    _save(first)
    _save(second)
    OfferFactory()
    deliver = alerts.alert_digest_deliver
    calls = []

    def crash_after_the_first(**kwargs):
        if calls:
            raise RuntimeError("worker killed")
        calls.append(kwargs["user_id"])
        return deliver(**kwargs)

    monkeypatch.setattr(alerts, "alert_digest_deliver", crash_after_the_first)
    with pytest.raises(RuntimeError):
        _run()
    assert [message.to for message in mail.outbox] == [[first.email]]

    monkeypatch.setattr(alerts, "alert_digest_deliver", deliver)
    _run()

    assert [message.to for message in mail.outbox] == [[first.email], [second.email]]
    _run()
    assert len(mail.outbox) == 2


def test_a_crash_while_sending_loses_nothing_and_the_retry_is_the_same_message(monkeypatch):
    candidate = UserFactory()
    _save(candidate)
    OfferFactory()

    def refused(self, *args, **kwargs):
        raise RuntimeError("crash after the mail left, before the commit")

    monkeypatch.setattr(AlertDigest.objects, "create", refused.__get__(AlertDigest.objects))
    with pytest.raises(RuntimeError):
        _run()
    monkeypatch.undo()
    assert AlertState.objects.get(user=candidate).daily_horizon < digests.feed_horizon()

    _run()

    first, retry = mail.outbox
    assert first.body == retry.body
    assert first.extra_headers["Message-ID"] == retry.extra_headers["Message-ID"]
    assert AlertDigest.objects.count() == 1


def test_an_smtp_failure_is_counted_and_retried_on_the_next_run(monkeypatch):
    import smtplib

    from django.core.mail.backends.locmem import EmailBackend

    candidate = UserFactory()
    _save(candidate)
    OfferFactory()
    original = EmailBackend.send_messages

    def refuse(self, messages):
        raise smtplib.SMTPServerDisconnected("connexion perdue")

    monkeypatch.setattr(EmailBackend, "send_messages", refuse)
    result = _run()
    assert (result.failed, result.sent) == (1, 0)
    assert "connexion perdue" in AlertRun.objects.get().errors

    monkeypatch.setattr(EmailBackend, "send_messages", original)
    assert _run().sent == 1
    assert _mails_to(candidate.email)


def test_paused_and_never_searches_send_nothing():
    paused, never = UserFactory(), UserFactory()
    search = _save(paused)
    alerts.saved_search_pause(user=paused, search_id=search.pk, paused=True)
    _save(never, frequency="never")
    OfferFactory()

    result = _run()

    assert mail.outbox == []
    assert result.candidates == 0


def test_one_mail_gathers_every_search_and_lists_an_offer_once():
    candidate = UserFactory()
    CommuneFactory()  # Montpellier, for the département filter
    _save(candidate, name="Boulanger")
    _save(candidate, name="CDI à Montpellier", query={"lieu": "34", "contrat": ["cdi"]})
    _save(candidate, name="CDD", query={"contrat": ["cdd"]})
    both = OfferFactory(title="Boulanger CDI")
    cdd = _unrelated("Vendeur CDD", contract_type=ContractType.CDD)

    _run()

    (message,) = mail.outbox
    assert message.subject == "2 nouvelles offres pour vos alertes JobMarket"
    assert message.body.count(f"/offres/{both.pk}/") == 1
    assert f"/offres/{cdd.pk}/" in message.body
    assert "== Boulanger ==" in message.body and "== CDD ==" in message.body


def test_closed_offers_are_not_announced():
    candidate = UserFactory()
    _save(candidate)
    offer = OfferFactory()
    Offer.objects.filter(pk=offer.pk).update(status=OfferStatus.CLOSED)

    _run()

    assert mail.outbox == []


def test_weekly_searches_are_sent_on_the_first_run_of_the_week_with_everything_since_the_last_one():
    candidate = UserFactory()
    _save(candidate, name="Hebdo", frequency="weekly")
    _save(candidate, name="Quotidienne", query={"q": "serveur"}, frequency="daily")
    early = OfferFactory(title="Boulanger du début de semaine")
    now = timezone.now()
    monday = alerts.week_start(now) + dt.timedelta(days=7, hours=6)

    _run(now=now)  # same week as the searches were saved: the weekly one waits
    assert mail.outbox == []

    late = OfferFactory(title="Boulanger de fin de semaine")
    _run(now=monday)

    (message,) = mail.outbox
    assert f"/offres/{early.pk}/" in message.body and f"/offres/{late.pk}/" in message.body
    assert "== Hebdo ==" in message.body

    OfferFactory(title="Boulanger du lundi midi")
    _run(now=monday + dt.timedelta(hours=6))  # a second run that Monday: the weekly one is done
    assert len(mail.outbox) == 1


def test_a_candidate_another_worker_holds_is_left_to_it_and_sent_once():
    import threading

    from django.db import connection, transaction

    held, other = UserFactory(), UserFactory()
    _save(held)
    _save(other)
    OfferFactory()
    locked, release, finished = threading.Event(), threading.Event(), threading.Event()

    def other_worker() -> None:
        try:
            with transaction.atomic():
                AlertState.objects.select_for_update().get(user=held)
                locked.set()
                release.wait(timeout=60)
        finally:
            connection.close()
            finished.set()

    thread = threading.Thread(target=other_worker)
    thread.start()
    assert locked.wait(timeout=60)
    result = _run()
    release.set()
    assert finished.wait(timeout=60)
    thread.join()

    assert (result.sent, result.skipped) == (1, 1)
    assert [message.to for message in mail.outbox] == [[other.email]]
    _run()
    assert [message.to for message in mail.outbox] == [[other.email], [held.email]]
