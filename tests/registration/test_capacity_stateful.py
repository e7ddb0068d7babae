"""Random sequences of what people, the hotline, organisers and the worker do, checked after
every step against the capacity rule:

* per item, the counter equals the seats held or offered, and never exceeds capacity;
* once the worker has run, nobody is queued for an item that has a free seat;
* a seat given from a queue goes to the earliest arrival still queued for it;
* each change sends exactly one email to the person it concerns (and none to anyone else),
  and each person the worker seats, offers or lets lapse gets exactly one."""

import datetime
from collections import Counter

from django.core import mail
from django.db.models import F
from django.test import TestCase
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    Bundle,
    RuleBasedStateMachine,
    invariant,
    rule,
    run_state_machine_as_test,
)

from conferences.models import WaitingListPromotion
from registration import services
from registration.capacity import sweep
from registration.models import Booking, CapacityItem, Registration
from registration.outbox.models import OutboxEmail
from registration.outbox.sending import send_due_emails
from tests.factories import make_conference, registration_data

Status = Registration.Status
SEATED = ("held", "offered")


def committed(action):
    """Runs `action` as its own request, then sends what it wrote into the outbox, as the
    worker would; returns (its result, how many emails each address got)."""
    before = len(mail.outbox)
    with TestCase.captureOnCommitCallbacks(execute=True):
        result = action()
    send_due_emails()
    return result, Counter(address for m in mail.outbox[before:] for address in m.to)


class RegistrationRush(RuleBasedStateMachine):
    registrations = Bundle("registrations")

    def __init__(self):
        super().__init__()
        # Each example starts from an empty world: the worker's sweep is site-wide, so people
        # of an earlier example would otherwise still expire, lapse and be promoted here.
        OutboxEmail.objects.all().delete()
        Registration.objects.all().delete()
        self.conference = make_conference(capacity=3, gala_dinner_capacity=1, days=2, tables=2)
        second = self.conference.days.all()[1]
        second.capacity = 1
        second.save()
        for table in self.conference.world_cafe_tables.all():
            table.capacity = 1
            table.save()
        self.member = self.conference.participant_categories.get(code="member-city")
        self.days = list(self.conference.days.all())
        self.tables = list(self.conference.world_cafe_tables.all())
        self.swept = False

    def bookings(self, **filters):
        return Booking.objects.filter(item__conference=self.conference, **filters)

    def registrations_here(self, **filters):
        return Registration.objects.filter(conference=self.conference, **filters)

    # --- what people and staff do ---------------------------------------------------

    @rule(
        target=registrations,
        by_hotline=st.booleans(),
        day_choice=st.sampled_from([(0,), (1,), (0, 1)]),
        dinner=st.booleans(),
        tables=st.sampled_from([(), (0,), (0, 1), (1, 0)]),
        all_days=st.booleans(),
        wait_table=st.booleans(),
    )
    def sign_up(self, by_hotline, day_choice, dinner, tables, all_days, wait_table):
        data = registration_data(
            self.conference,
            category=self.member,
            days=[self.days[i] for i in day_choice],
            gala_dinner=dinner,
            first_table_choice=self.tables[tables[0]] if tables else None,
            second_table_choice=self.tables[tables[1]] if len(tables) > 1 else None,
            waits_for_all_days=all_days,
            waits_for_table=wait_table,
        )
        if by_hotline:
            action = lambda: services.register_on_behalf(  # noqa: E731
                conference=self.conference, data=data, source="phone", language="en"
            )
        else:
            action = lambda: services.submit_registration(  # noqa: E731
                conference=self.conference, data=data, language="en"
            )
        registration, emailed = committed(action)
        # One email to the person; a sign-up that found an item full first ends that item's
        # holds and offers whose time is over, and each person concerned gets one email.
        assert emailed[registration.email] == 1
        assert all(n == 1 for n in emailed.values()), emailed
        self.swept = False
        return registration

    @rule(registration=registrations)
    def confirm(self, registration):
        registration.refresh_from_db()
        if registration.status == Status.CANCELLED:
            return
        before = registration.status
        _result, emailed = committed(
            lambda: services.confirm_registration(registration=registration)
        )
        changed = before in (Status.PENDING, Status.EXPIRED)
        assert emailed == (Counter({registration.email: 1}) if changed else Counter())
        self.swept = False

    @rule(
        registration=registrations, dinner=st.booleans(), day_choice=st.sampled_from([(0,), (0, 1)])
    )
    def change(self, registration, dinner, day_choice):
        registration.refresh_from_db()
        if not registration.is_active:
            return
        try:
            _result, emailed = committed(
                lambda: services.change_registration(
                    registration=registration,
                    days=[self.days[i] for i in day_choice],
                    gala_dinner=dinner,
                    first_table_choice=registration.first_table_choice,
                    second_table_choice=registration.second_table_choice,
                )
            )
        except services.CapacityError:
            return  # refused: nothing changed, nothing sent
        assert emailed == Counter({registration.email: 1})
        self.swept = False

    @rule(registration=registrations)
    def cancel(self, registration):
        registration.refresh_from_db()
        if registration.status == Status.CANCELLED:
            return
        _result, emailed = committed(
            lambda: services.cancel_registration(registration=registration)
        )
        assert emailed == Counter({registration.email: 1})
        self.swept = False

    @rule(registration=registrations)
    def accept_offer(self, registration):
        offers = registration.bookings.filter(state="offered")
        token = offers.values_list("offer_token", flat=True).first()
        if not token:
            return
        accepted, emailed = committed(lambda: services.accept_offer(token=token))
        assert accepted is not None
        assert emailed == Counter({registration.email: 1})
        self.swept = False

    @rule(offer=st.booleans())
    def organiser_sets_promotion(self, offer):
        self.conference.waiting_list_promotion = (
            WaitingListPromotion.OFFER if offer else WaitingListPromotion.AUTOMATIC
        )
        self.conference.save()

    @rule(delta=st.integers(-2, 3))
    def organiser_changes_dinner_capacity(self, delta):
        from django.core.exceptions import ValidationError

        self.conference.refresh_from_db()
        self.conference.gala_dinner_capacity = max(self.conference.gala_dinner_capacity + delta, 0)
        try:
            self.conference.full_clean()
        except ValidationError:
            self.conference.refresh_from_db()  # refused: fewer than the seats taken
            return
        self.conference.save()
        self.swept = False

    @rule(hours=st.integers(1, 60))
    def time_passes(self, hours):
        """Every deadline comes `hours` closer (as if the clock moved on)."""
        shift = datetime.timedelta(hours=hours)
        here = self.registrations_here()
        here.filter(expires_at__isnull=False).update(expires_at=F("expires_at") - shift)
        here.filter(hold_remind_at__isnull=False).update(hold_remind_at=F("hold_remind_at") - shift)
        self.bookings(expires_at__isnull=False).update(expires_at=F("expires_at") - shift)
        self.bookings(remind_at__isnull=False).update(remind_at=F("remind_at") - shift)

    @rule()
    def worker_runs(self):
        queues_before = self._queues()
        seated_before = self._seated()
        held_before = self._held()
        _counts, emailed = committed(sweep)
        seated_after = self._seated()
        gained = {registration for registration, _item in seated_after - seated_before}
        self._check_arrival_order(queues_before, seated_before, seated_after)
        # One email per change: a seat given or offered, an offer lapsed (one each per
        # item the worker handled), or one reminder; nobody else hears anything.
        changes = Counter(
            r for r, _i in (seated_after ^ seated_before) | (self._held() ^ held_before)
        )
        by_email = dict(self.registrations_here().values_list("email", "pk"))
        assert set(emailed) <= set(by_email)
        for address, n in emailed.items():
            assert n <= changes[by_email[address]] + 1, (address, n, changes)
        gained_emails = self.registrations_here(pk__in=gained).values_list("email", flat=True)
        assert set(gained_emails) <= set(emailed)  # everyone seated or offered is told
        self.swept = True

    # --- what must always hold ----------------------------------------------------

    def _held(self):
        return set(self.bookings(state="held").values_list("registration", "item"))

    def _seated(self):
        return set(self.bookings(state__in=SEATED).values_list("registration", "item"))

    def _queues(self):
        rows = self.bookings(state="waiting", queued=True)
        return {
            (r, i): joined for r, i, joined in rows.values_list("registration", "item", "joined_at")
        }

    def _check_arrival_order(self, queues_before, seated_before, seated_after):
        # Among those queued for an item before the worker ran (someone who moved into a
        # queue during the run, keeping an older arrival, was not waiting there yet).
        still_queued = {key: j for key, j in self._queues().items() if key in queues_before}
        for (registration, item), joined in queues_before.items():
            if (registration, item) in seated_after - seated_before:
                later = [j for (r, i), j in still_queued.items() if i == item and r != registration]
                assert all(joined <= other for other in later)

    @invariant()
    def counters_match_seats_and_never_exceed_capacity(self):
        for item in CapacityItem.objects.filter(conference=self.conference):
            seated = Booking.objects.filter(item=item, state__in=SEATED).count()
            assert item.taken == seated, (str(item), item.taken, seated)
            assert item.taken <= item.capacity

    @invariant()
    def nobody_waits_for_a_free_seat_once_the_worker_ran(self):
        if not self.swept:
            return
        free = CapacityItem.objects.filter(conference=self.conference, taken__lt=F("capacity"))
        assert not Booking.objects.filter(item__in=free, state="waiting", queued=True).exists()


def test_random_sequences_keep_the_capacity_rule(db):
    run_state_machine_as_test(
        RegistrationRush,
        settings=settings(
            max_examples=25,
            stateful_step_count=40,
            deadline=None,
            suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
        ),
    )
