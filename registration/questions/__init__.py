"""Custom questions per conference: organisers ask what the fixed form does not (short or
long text, one choice, several choices, yes or no), in English and German, required or not,
of everyone or only of some participant categories.

The rule of who is asked what has one owner, `Question.applies_to(category)`: a question
limited to categories applies, and is required, only when the registrant's category is one
of them. Answers are personal data: shown on the manage page and in the back office, in the
hotline's exports and the person's data export, and deleted when the person is erased
(`registration.hotline.personal_data` finds `Answer` as a table referring to a
registration). Code: `models.py` (what a question is), `form_fields.py` (one form field per
question, for every form that asks them), `services.py` (saving answers), `exports.py`
(columns of the back office's lists)."""
