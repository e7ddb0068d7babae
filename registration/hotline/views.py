"""Per-conference pages of the hotline site: dashboard, check-in desk, check-in list,
participants list and name badges. Wrapped by HotlineAdminSite.admin_view (staff with
`hotline.use_back_office` only)."""

import segno
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from conferences.models import Conference
from registration.models import Registration
from registration.self_service.tickets import scanned

from .charts import bar_chart, table_rows
from .exports import PARTICIPANT_COLUMNS, table_response
from .forms import CheckInForm
from .queries import dashboard_figures
from .services import CheckInResult, check_in


def _conference(conference_id):
    return get_object_or_404(Conference, pk=conference_id)


def _context(request, conference, title, **extra):
    from .sites import hotline_site

    return hotline_site.each_context(request) | {
        "title": title,
        "conference": conference,
        **extra,
    }


def dashboard(request, conference_id):
    conference = _conference(conference_id)
    figures = dashboard_figures(conference)
    context = _context(
        request,
        conference,
        _("Dashboard: %(conference)s") % {"conference": conference},
        figures=figures,
        chart=bar_chart(figures["per_day"]),
        per_day_rows=table_rows(figures["per_day"]),
    )
    return TemplateResponse(request, "hotline/dashboard.html", context)


def _today(conference):
    today = timezone.localdate(timezone=conference.tzinfo)
    return conference.days.filter(date=today).first()


def check_in_desk(request, conference_id):
    """Scan or type a reference: at once whether the person may enter today, and the arrival
    is marked. After a POST the page answers directly (no redirect) so the result shows
    while the cursor is back in the field for the next scan."""
    conference = _conference(conference_id)
    if not request.user.has_perm("hotline.add_checkin"):
        raise PermissionDenied
    day = _today(conference)
    result = registration = None
    if request.method == "POST":
        form = CheckInForm(request.POST, conference=conference)
        if form.is_valid():
            day = form.cleaned_data["day"]
            registration = (
                scanned(
                    Registration.objects.filter(conference=conference),
                    form.cleaned_data["reference"],
                )
                .select_related("category")
                .first()
            )
            if registration is not None:
                result = check_in(registration=registration, day=day, by=request.user)
            form = CheckInForm(initial={"day": day}, conference=conference)
            searched = True
        else:
            searched = False
    else:
        form = CheckInForm(initial={"day": day}, conference=conference)
        searched = False
    arrived = day.check_ins.count() if day is not None else 0
    context = _context(
        request,
        conference,
        _("Check-in: %(conference)s") % {"conference": conference},
        form=form,
        day=day,
        result=result,
        registration=registration,
        searched=searched,
        outcomes=CheckInResult.Outcome,
        arrived=arrived,
    )
    return TemplateResponse(request, "hotline/check_in.html", context)


def _confirmed(conference):
    return (
        Registration.objects.filter(conference=conference, status=Registration.Status.CONFIRMED)
        .select_related("category")
        .order_by("last_name", "first_name")
    )


def check_in_list(request, conference_id):
    """A printable list of everyone confirmed for one day, to tick off at the door."""
    conference = _conference(conference_id)
    day_id = request.GET.get("day", "")
    day = conference.days.filter(pk=day_id if day_id.isdigit() else 0).first()
    day = day or _today(conference)
    day = day or conference.days.first()
    registrations = _confirmed(conference).filter(days=day) if day else _confirmed(conference)
    context = _context(
        request,
        conference,
        _("Check-in list"),
        day=day,
        days=conference.days.all(),
        registrations=registrations.prefetch_related("check_ins"),
    )
    return TemplateResponse(request, "hotline/check_in_list.html", context)


def participants_list(request, conference_id, file_format):
    """Confirmed participants who agreed to appear on the list, nobody else."""
    conference = _conference(conference_id)
    if not request.user.has_perm("hotline.export_registrations"):
        raise PermissionDenied
    if file_format not in ("csv", "xlsx"):
        return redirect("hotline:dashboard", conference_id=conference.pk)
    registrations = _confirmed(conference).filter(listed_consent=True)
    return table_response(
        registrations=registrations,
        columns=PARTICIPANT_COLUMNS,
        filename=f"participants-{conference.slug}",
        file_format=file_format,
    )


def qr_svg(reference):
    """The reference as an inline SVG QR code (segno); scanners type it into the desk."""
    qr = segno.make(reference, error="m", micro=False)
    svg = qr.svg_inline(scale=3, border=2, title=reference, omitsize=True)
    return mark_safe(svg)  # noqa: S308 - segno's output from our own reference text


def render_badges(request, registrations):
    registrations = list(
        registrations.select_related("conference", "category").order_by("last_name")
    )
    if not registrations:
        messages.warning(request, _("No confirmed registration was selected."))
        return None
    badges = [(r, qr_svg(r.booking_reference)) for r in registrations]
    from .sites import hotline_site

    context = hotline_site.each_context(request) | {
        "title": _("Name badges"),
        "badges": badges,
    }
    return TemplateResponse(request, "hotline/badges.html", context)
