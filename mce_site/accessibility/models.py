"""The accessibility statement public bodies in the EU must publish (Directive 2016/2102,
in Germany BITV 2.0): the site's conformance with WCAG 2.1 AA / EN 301 549, what is known not
to work, how to report a barrier and get the content another way, and where to complain."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class AccessibilityStatement(models.Model):
    """One statement for the whole site, edited in admin in English and German."""

    class Conformance(models.TextChoices):
        FULL = "full", _("fully conformant")
        PARTIAL = "partial", _("partially conformant")
        NONE = "none", _("not conformant")

    conformance = models.CharField(
        _("conformance with WCAG 2.1 AA / EN 301 549"),
        max_length=10,
        choices=Conformance.choices,
        default=Conformance.PARTIAL,
    )
    limitations = models.TextField(
        _("known limitations"),
        blank=True,
        help_text=_("Markdown: what does not work yet, and why."),
    )
    alternatives = models.TextField(
        _("getting the content another way"),
        blank=True,
        help_text=_("Markdown: how people get what a page does not give them (e.g. the hotline)."),
    )
    feedback = models.TextField(
        _("reporting a barrier"), help_text=_("Markdown: whom to write to, and how fast we answer.")
    )
    enforcement = models.TextField(
        _("enforcement procedure"),
        help_text=_("Markdown: the body to turn to when our answer is not satisfactory."),
    )
    prepared_on = models.DateField(_("statement prepared on"))
    reviewed_on = models.DateField(_("last reviewed on"))

    class Meta:
        verbose_name = _("accessibility statement")
        verbose_name_plural = _("accessibility statement")

    def __str__(self):
        return str(_("Accessibility statement"))
