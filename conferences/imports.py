"""Programme import from CSV or Excel in admin (django-import-export): topics, speakers and
sessions, each a sheet of its own, matched to existing rows by their slug, so importing the
same sheet twice changes nothing.

Admin shows a preview of every row (new, changed, unchanged, with the changes marked) and the
errors of each row before anything is written. Rows are saved through the models' own save(),
so a moved or renamed published session gets its ScheduleChange like an edit in admin; after
an import the public pages are cleared like after an admin save."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from import_export import fields, resources, widgets

from .caching import clear_public_pages
from .models import Conference, Day, Room, Session, SessionSpeaker, Speaker, Topic

# Local times in the sheet are read in the conference's time zone, not the server's.
TIME_FORMATS = ("%Y-%m-%d %H:%M", "%Y-%m-%d %H:%M:%S", "%Y-%m-%dT%H:%M", "%d.%m.%Y %H:%M")


class ConferenceWidget(widgets.ForeignKeyWidget):
    def __init__(self):
        super().__init__(Conference, field="slug")

    def clean(self, value, row=None, **kwargs):
        if not value:
            raise ValueError(_("Give the conference's slug."))
        try:
            return super().clean(value, row, **kwargs)
        except Conference.DoesNotExist:
            raise ValueError(_("There is no conference “%(value)s”.") % {"value": value}) from None


class OfTheRowsConferenceWidget(widgets.ForeignKeyWidget):
    """A room or topic named in a row, looked up among its conference's only (two editions
    both have a room "Hall A")."""

    def get_queryset(self, value, row, *args, **kwargs):
        return self.model.objects.filter(conference__slug=row.get("conference"))

    def clean(self, value, row=None, **kwargs):
        try:
            return super().clean(value, row, **kwargs)
        except self.model.DoesNotExist:
            message = _("The conference has no %(kind)s “%(value)s”.")
            kind = self.model._meta.verbose_name
            raise ValueError(message % {"kind": kind, "value": value}) from None


class LocalTimeWidget(widgets.Widget):
    """A time as the programme shows it: local time of the row's conference."""

    def clean(self, value, row=None, **kwargs):
        if value in (None, ""):
            return None
        naive = value if isinstance(value, datetime.datetime) else _parse_time(str(value))
        conference = Conference.objects.filter(slug=(row or {}).get("conference")).first()
        tz = conference.tzinfo if conference else timezone.get_current_timezone()
        return naive.replace(tzinfo=tz) if timezone.is_naive(naive) else naive

    def render(self, value, obj=None, **kwargs):
        if value is None:
            return ""
        tz = obj.conference.tzinfo if obj is not None else None
        return timezone.localtime(value, tz).strftime(TIME_FORMATS[0])


def _parse_time(text):
    for time_format in TIME_FORMATS:
        try:
            return datetime.datetime.strptime(text.strip(), time_format)
        except ValueError:
            continue
    raise ValueError(_("“%(value)s” is not a time like 2026-06-10 09:30.") % {"value": text})


class SpeakersWidget(widgets.ManyToManyWidget):
    """Speaker slugs separated by ";", in the order they appear on the programme."""

    def __init__(self):
        super().__init__(Speaker, separator=";", field="slug")

    def clean(self, value, row=None, **kwargs):
        slugs = [slug.strip() for slug in str(value or "").split(self.separator) if slug.strip()]
        found = Speaker.objects.in_bulk(slugs, field_name="slug")
        missing = [slug for slug in slugs if slug not in found]
        if missing:
            raise ValueError(_("Unknown speakers: %(slugs)s") % {"slugs": ", ".join(missing)})
        return [found[slug] for slug in slugs]


class SpeakersField(fields.Field):
    def save(self, instance, row, is_m2m=False, **kwargs):
        """Keeps the role of a speaker already on the session; sets the order from the sheet."""
        speakers = self.clean(row, **kwargs)
        roles = dict(instance.appearances.values_list("speaker_id", "role"))
        instance.appearances.exclude(speaker__in=speakers).delete()
        for order, speaker in enumerate(speakers):
            SessionSpeaker.objects.update_or_create(
                session=instance,
                speaker=speaker,
                defaults={"order": order, "role": roles.get(speaker.pk, "speaker")},
            )


class ProgrammeResource(resources.ModelResource):
    """What every programme sheet shares: an unchanged row is shown as such and not saved,
    and a finished import clears the public pages."""

    def get_instance(self, instance_loader, row):
        try:
            return super().get_instance(instance_loader, row)
        except ValueError:
            # An unknown conference in the row's key: treated as a new row, so its error is
            # listed with the other rows' (an error here would hide them all in the preview).
            return None

    def after_import(self, dataset, result, **kwargs):
        super().after_import(dataset, result, **kwargs)
        if kwargs.get("dry_run") or result.has_errors() or result.has_validation_errors():
            return
        # Now, and again after the commit (as ClearsPublicPagesOnSaveMixin does for a save).
        clear_public_pages()
        transaction.on_commit(clear_public_pages)


class TopicResource(ProgrammeResource):
    conference = fields.Field("conference", "conference", ConferenceWidget())

    class Meta:
        model = Topic
        import_id_fields = ("conference", "slug")
        fields = (
            "conference",
            "slug",
            "number",
            "title_en",
            "title_de",
            "lead_question_en",
            "lead_question_de",
            "description_en",
            "description_de",
        )
        skip_unchanged = True
        report_skipped = True
        clean_model_instances = True


class SpeakerResource(ProgrammeResource):
    class Meta:
        model = Speaker
        import_id_fields = ("slug",)
        fields = (
            "slug",
            "academic_title",
            "first_name",
            "last_name",
            "role_en",
            "role_de",
            "organisation",
            "city",
            "country",
            "bio_en",
            "bio_de",
        )
        skip_unchanged = True
        report_skipped = True
        clean_model_instances = True


class SessionResource(ProgrammeResource):
    conference = fields.Field("conference", "conference", ConferenceWidget())
    starts_at = fields.Field("starts_at", "starts_at", LocalTimeWidget())
    ends_at = fields.Field("ends_at", "ends_at", LocalTimeWidget())
    room = fields.Field("room", "room", OfTheRowsConferenceWidget(Room, field="name"))
    topic = fields.Field("topic", "topic", OfTheRowsConferenceWidget(Topic, field="slug"))
    speakers = SpeakersField("speakers", "speakers", SpeakersWidget())

    class Meta:
        model = Session
        import_id_fields = ("conference", "slug")
        fields = (
            "conference",
            "slug",
            "title_en",
            "title_de",
            "kind",
            "starts_at",
            "ends_at",
            "room",
            "topic",
            "speakers",
            "description_en",
            "description_de",
            "audience",
            "is_published",
        )
        skip_unchanged = True
        report_skipped = True
        clean_model_instances = True

    def import_instance(self, instance, row, **kwargs):
        """Also checks the speakers (saved after the session, so otherwise too late for the
        preview's per-row errors) and takes the day from the start."""
        errors = {}
        try:
            super().import_instance(instance, row, **kwargs)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        try:
            self.fields["speakers"].clean(row)
        except ValueError as error:
            errors["speakers"] = [str(error)]
        day_error = _set_day_from_start(instance)
        if day_error:
            errors["day"] = [day_error]
        if errors:
            raise ValidationError(errors)


def _set_day_from_start(session):
    """The sheet has no day column: a session belongs to the day on which it starts. Returns
    an error message when the conference has no such day."""
    if not (session.conference_id and session.starts_at):
        return None
    start_date = timezone.localtime(session.starts_at, session.conference.tzinfo).date()
    session.day = Day.objects.filter(conference=session.conference, date=start_date).first()
    if session.day is None:
        return _("The conference has no day %(date)s.") % {"date": start_date.isoformat()}
    return None
