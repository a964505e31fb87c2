"""Contribute: how to add or correct a tool, a form that builds a valid entry file, and a checker for pasted files.

The form's values live in app_pages.entry_form (tested without Streamlit); the checks are the validator's own.
"""
import datetime as dt
import re

import streamlit as st

from app_pages import common, data, i18n
from app_pages import entry_form as form
from app_pages.checks import CHECK_MESSAGES
from app_pages.guide import GUIDE_SECTIONS, guide_section, read_guide
from app_pages.i18n import _, ngettext
from app_pages.settings import new_file_url, repository, settings, suggest_issue_url
from catalogue.facets import GLOBAL_LABEL
from catalogue.fields import FIELD_BY_NAME, FIRST_YEAR, SUMMARY_MAX
from catalogue.geography import GLOBAL, country_name
from catalogue.i18n import N_
from catalogue.validate import PASTE_MAX_CHARS, check_text
from catalogue.vocabulary import load_taxonomy

DRAFT_KEY = "contribute_draft"  # the form's values, kept while the user visits other pages
PREFIX = "form_"
# What the form calls a field where it differs from "Field name" made from the key (`primary_purpose`
# -> "Primary purpose"): messages name fields as the form shows them, not by their YAML keys.
FIELD_LABELS = {"url": N_("Official page"), "slug": N_("File name"), "organisation.name": N_("Organisation name"),
                "organisation.type": N_("Organisation type"), "organisation.website": N_("Organisation website"),
                "last_seen_active": N_("Seen in use"), "last_verified": N_("Date you checked the sources"),
                "deployed_in": N_("Deployed in"), "developed_in": N_("Developed in"), "source_code": N_("Source code"),
                "evidence_of_impact": N_("Evaluation or impact report"), "name": N_("Name"),
                "aliases": N_("Aliases"), "summary": N_("Summary"), "description": N_("Description"),
                "organisation": N_("Organisation"), "partners": N_("Partners"),
                "primary_purpose": N_("Primary purpose"),
                "purposes": N_("Purposes"), "target_users": N_("Target users"), "technologies": N_("Technologies"),
                "exploitation_types": N_("Exploitation types"), "sectors": N_("Sectors"), "languages": N_("Languages"),
                "status": N_("Status"), "launched": N_("Launched"), "discontinued": N_("Discontinued"),
                "access": N_("Access"), "licence": N_("Licence"), "survivor_informed": N_("Survivor informed"),
                "handles_personal_data": N_("Handles personal data"), "sources": N_("Sources"),
                "translations": N_("Translations")}
# Issue-form fields (ids in .github/ISSUE_TEMPLATE/suggest_tool.yml) that take text, filled from a draft.
ISSUE_TEXT_FIELDS = ("name", "aliases", "summary", "description", "url", "partners", "developed_in", "deployed_in",
                     "last_seen_active", "launched", "licence", "source_code", "evidence_of_impact", "sources")

language = i18n.language_selector()
catalogue = data.get_catalogue()
today = dt.date.today()
guide = read_guide()


def start_over() -> None:
    """Callback: an empty form."""
    st.session_state.pop(DRAFT_KEY, None)
    for key in list(st.session_state.keys()):
        if str(key).startswith(PREFIX):
            del st.session_state[key]


# Widgets lose their state when the user leaves the page; re-seed them from the saved draft.
saved = st.session_state.get(DRAFT_KEY) or form.form_defaults(today)
for name, value in saved.items():
    st.session_state.setdefault(PREFIX + name, value)
# Read the values before drawing so each widget can show its own problems right under it.
values = {name: st.session_state[PREFIX + name] for name in saved}
st.session_state[DRAFT_KEY] = dict(values)
draft = form.build_draft(values, today, catalogue.tools)
problems = form.problems_by_field(draft)


def field_label(key: str) -> str:
    return _(FIELD_LABELS[key]) if key in FIELD_LABELS else key.replace("_", " ").capitalize()


def field_help(name: str) -> str:
    """The format's help for a field (catalogue/fields.py, marked there), in the interface language."""
    if name == "summary":  # written with the limit in it
        return _("One sentence, at most {max} characters, in your own words.").format(max=SUMMARY_MAX)
    return _(FIELD_BY_NAME[name].doc) if name in FIELD_BY_NAME else ""


def vocabulary_help(list_name: str) -> str:
    """Every value of a vocabulary list with its definition, in the interface language (trusted taxonomy text)."""
    taxonomy = load_taxonomy()
    return "\n".join(f"- **{taxonomy.label(list_name, key, language)}**: "
                     f"{taxonomy.definition(list_name, key, language)}" for key in taxonomy.keys(list_name))


def readable(text: str) -> str:
    """A validator message with `yaml_keys` of fields replaced by the labels the form shows."""
    def label(match: re.Match) -> str:
        key = match.group(1)
        known = key in FIELD_BY_NAME or key.startswith("organisation.") or key == "slug"
        return f"“{field_label(key)}”" if known else match.group(0)
    return re.sub(r"`([a-z_]+(?:\.[a-z_]+)?)`", label, text)


def problem_text(problem) -> str:
    """The validator's message and hint; in French or Spanish led by what the check means, translated."""
    english = readable(problem.message + (f" (hint: {problem.hint})" if problem.hint else ""))
    if language == i18n.DEFAULT or problem.check not in CHECK_MESSAGES:
        return english
    return _("{meaning} Validator, in English: {message}").format(meaning=_(CHECK_MESSAGES[problem.check]),
                                                                  message=english)


def readable_problem(problem) -> str:
    return f"{problem.line}:{problem.col}: {problem_text(problem)}"


def show_problems(name: str) -> None:
    for problem in problems.get(name, []):
        message = problem_text(problem)
        if form.is_still_empty(problem, draft):
            # A fresh form is all empty fields: a quiet marker each, not a wall of red boxes.
            st.caption("❌ " + (_("Made from the name: type the name first, or a file name here.")
                                if problem.check == "slug" else _("Required, still empty.")))
        elif problem.is_error:
            st.error(common.escape_markdown(message), icon="❌")
        else:
            st.warning(common.escape_markdown(message), icon="⚠️")


def label_of(name: str, text: str) -> str:
    spec = FIELD_BY_NAME.get(name)
    return f"{text} *" if spec and spec.required else text


def text_input(name: str, label: str, max_chars: int = 500, **options) -> None:
    st.text_input(label_of(name, label), key=PREFIX + name, max_chars=max_chars,
                  help=options.pop("help", field_help(name)), **options)
    show_problems(name)


def text_area(name: str, label: str, max_chars: int = 5000, **options) -> None:
    st.text_area(label_of(name, label), key=PREFIX + name, max_chars=max_chars,
                 help=options.pop("help", field_help(name)), **options)
    show_problems(name)


def term_choice(name: str, label: str, vocabulary: str, many: bool) -> None:
    help_text = f"{field_help(name)}\n\n{vocabulary_help(vocabulary)}"
    widget = st.multiselect if many else st.selectbox
    # select_all=False on multiselects: with it, Enter after typing selected every matching value.
    options = {"select_all": False} if many else {}
    widget(label_of(name, label), load_taxonomy().keys(vocabulary), key=PREFIX + name, help=help_text,
           format_func=lambda key: load_taxonomy().label(vocabulary, key, language), placeholder=_("Choose…"),
           **options)
    show_problems(name)


YES_NO_LABELS = {form.NOT_STATED: N_("Not stated"), form.YES: N_("Yes"), form.NO: N_("No")}


def yes_no(name: str, label: str) -> None:
    st.radio(label, form.TRI_STATE, key=PREFIX + name, horizontal=True, help=field_help(name),
             format_func=i18n.labels(YES_NO_LABELS))
    show_problems(name)


def country_label(code: str) -> str:
    if language == i18n.DEFAULT:
        return form.country_label(code)
    return _(GLOBAL_LABEL) if code == GLOBAL else country_name(code, language)


def language_label(code: str) -> str:
    if language == i18n.DEFAULT:
        return form.language_label(code)
    return f"{i18n.language_name(code, language)} ({code})"


def issue_fields() -> dict[str, str]:
    """The draft as text for the "Suggest a tool" issue form (lists one item per line)."""
    fields = {}
    for key in ISSUE_TEXT_FIELDS:
        value = draft.data.get(key)
        if isinstance(value, list):
            value = "\n".join(str(item) for item in value)
        if value not in (None, ""):
            fields[key] = str(value)
    organisation = draft.data.get("organisation") or {}
    for key in ("name", "website"):
        if organisation.get(key):
            fields[f"organisation_{key}"] = str(organisation[key])
    return fields


def send_file(where: str) -> None:
    """Pass/fail, the download and, when the repository is known, the links that send the file.

    Drawn beside the form and again under its last field (`where` keeps the widget keys apart).
    """
    errors, warnings = len(draft.errors), len(draft.warnings)
    if not errors and not warnings:
        st.success("✅ " + _("Passes every check of the validator."))
    elif not errors:
        st.warning("⚠️ " + ngettext("No errors; {count} warning to look at.", "No errors; {count} warnings to look at.",
                                   warnings).format(count=warnings))
    else:
        st.error("❌ " + _("{errors} and {warnings}: fix them before sending the file.").format(
            errors=ngettext("{count} error", "{count} errors", errors).format(count=errors),
            warnings=ngettext("{count} warning", "{count} warnings", warnings).format(count=warnings)))
    st.download_button("⬇️ " + _("Download {file}").format(file=draft.file_name), draft.text.encode("utf-8"),
                       file_name=draft.file_name,
                       mime="application/yaml", key=f"download_entry_{where}", on_click="ignore",
                       type="primary" if not errors else "secondary")
    if not repository():
        st.info(_("This copy of the app has no repository address (`repository_url` in settings.yaml), so it "
                  "cannot open GitHub for you. Download the file and add it to the `tools_data/` folder of the "
                  "catalogue's repository in a pull request, or send it to the maintainers with the issue form "
                  "*Suggest a tool*."))
        return
    pull_request = new_file_url(draft.file_name, draft.text)
    if errors:
        st.caption(_("Fix the errors to propose the file on GitHub; you can download the draft meanwhile."))
    elif pull_request:
        st.link_button(_("Propose it on GitHub (a pull request, no git needed)"), pull_request,
                       help=_("Opens GitHub's new-file page with your file filled in. Without write access, GitHub "
                              "makes a copy (fork) for you and turns the change into a pull request."))
    else:
        st.caption(_("The file is too long to pass in a link: download it and upload it on GitHub instead."))
    # An issue needs no valid file: a maintainer writes the entry from what is there.
    issue = suggest_issue_url(issue_fields())
    if issue:
        st.link_button(_("Or suggest it as an issue"), issue,
                       help=_("Opens the Suggest a tool form, filled in with what you have typed; a maintainer "
                              "writes the entry."))


# ---------------------------------------------------------------- how to contribute

st.title(_("Contribute"))
common.load_notice(catalogue)
branch = settings().get("default_branch") or "main"
st.markdown(
    _("Anyone can add a tool or correct one. Each tool is one YAML file in the `tools_data/` folder of the "
      "repository, and every change is a pull request that the validator checks automatically.") + "\n\n"
    + "1. " + _("**Search first** on the Explore page, including the tool's other names and its organisation. "
                "If it is listed, correct that entry: edit `tools_data/<slug>.yaml` (the slug is the `tool=` part of "
                "the tool page's address), then check your edited file below.") + "\n"
    + "2. " + _("**New tool:** fill in the form below. It builds the file and checks it as you type, with the "
                "same validator as `python -m catalogue validate`.") + "\n"
    + "3. " + _("**Send it:** the button under the finished form opens GitHub with your file filled in, ready to "
                "propose as a pull request from the browser (no git needed); or download the file.") + "\n\n"
    + (_("No GitHub pull request? [Open an issue]({issues}) with the *Suggest a tool* or *Report a correction* form "
         "instead. The full guide, step by step, is [CONTRIBUTING.md]({guide}).").format(
        issues=f"{repository()}/issues/new/choose", guide=f"{repository()}/blob/{branch}/CONTRIBUTING.md")
       if repository() else
       _("No GitHub pull request? Open an issue with the *Suggest a tool* or *Report a correction* form instead. "
         "The full guide, step by step, is **CONTRIBUTING.md** in the repository."))
)
if guide:
    for title in GUIDE_SECTIONS:
        section = guide_section(guide, title)
        if section:
            label = _("{title} (from CONTRIBUTING.md)").format(title=_(title))
            with st.expander(label if language == i18n.DEFAULT else label + " " + _("(in English)")):
                st.markdown(section)  # project text, not entry text

build_tab, check_tab = st.tabs([_("Build a new entry"), _("Check an entry file")])

# ---------------------------------------------------------------- the form

with build_tab:
    form_column, file_column = st.columns([3, 2], gap="large")
    with form_column:
        st.caption(_("Fields marked * are required. Leave an optional field empty rather than guess: "
                     "an empty field reads as “not known”, a guessed one as a fact."))
        st.subheader(_("The tool"))
        text_input("name", _("Name"), max_chars=200)
        suggested = form.slug_of({"name": values.get("name")}) or "made-from-the-name"
        text_input("slug", _("File name (slug)"), max_chars=120, placeholder=suggested,
                   help=_("Lowercase letters, digits and hyphens; it becomes the tool's address and cannot change "
                          "later. Leave it empty to make it from the name."))
        st.caption(_("The file will be {file}").format(file=common.escape_markdown(draft.file_name)))
        text_area("aliases", _("Other names or acronyms (one per line)"), max_chars=2000, height=68)
        text_input("summary", _("Summary: one sentence, in your own words"), max_chars=1000)
        text_area("description", _("Description: a paragraph in your own words"))
        text_input("summary_fr", _("Summary in French (optional): translate the summary, add nothing"), max_chars=1000)
        text_input("summary_es", _("Summary in Spanish (optional): translate the summary, add nothing"), max_chars=1000)
        text_input("url", _("Official page (https://…)"))

        st.subheader(_("Who runs it"))
        text_input("organisation_name", label_of("organisation", _("Organisation")), max_chars=300,
                   help=field_help("organisation"))
        st.selectbox(_("Organisation type") + " *", load_taxonomy().keys("organisation_types"),
                     key=PREFIX + "organisation_type",
                     format_func=lambda key: load_taxonomy().label("organisation_types", key, language),
                     placeholder=_("Choose…"), help=vocabulary_help("organisation_types"))
        show_problems("organisation_type")
        text_input("organisation_website", _("Organisation website (optional)"),
                   help=_("http(s) address of the organisation's own site."))
        text_area("partners", _("Partner organisations (one per line)"), max_chars=2000, height=68)

        st.subheader(_("What it does"))
        term_choice("primary_purpose", _("Primary purpose"), "purposes", many=False)
        term_choice("purposes", _("Purposes (include the primary one)"), "purposes", many=True)
        term_choice("target_users", _("Target users"), "target_users", many=True)
        term_choice("technologies", _("Technologies"), "technologies", many=True)
        term_choice("exploitation_types", _("Exploitation types"), "exploitation_types", many=True)
        term_choice("sectors", _("Sectors (optional)"), "sectors", many=True)

        st.subheader(_("Where"))
        st.multiselect(label_of("developed_in", _("Developed in")), form.country_options(), key=PREFIX + "developed_in",
                       select_all=False, format_func=country_label, help=field_help("developed_in"),
                       placeholder=_("Countries…"))
        show_problems("developed_in")
        SCOPES = {form.SCOPE_COUNTRIES: N_("In the countries listed below"),
                  form.SCOPE_GLOBAL: N_("Global: open to anyone, anywhere")}
        st.radio(_("Used where?") + " *", (form.SCOPE_COUNTRIES, form.SCOPE_GLOBAL), key=PREFIX + "deployment_scope",
                 format_func=i18n.labels(SCOPES),
                 help=_("Choose global only for a tool anyone in any country can use; a tool used in many "
                        "countries lists them."))
        is_global = values.get("deployment_scope") == form.SCOPE_GLOBAL
        st.multiselect(_("Deployed in"), form.country_options(), key=PREFIX + "deployed_in", disabled=is_global,
                       select_all=False, format_func=country_label, help=field_help("deployed_in"),
                       placeholder=_("Countries…"))
        show_problems("deployed_in")
        st.multiselect(_("Languages (optional)"), form.language_options(), key=PREFIX + "languages", select_all=False,
                       format_func=language_label, help=field_help("languages"), placeholder=_("Languages…"))
        show_problems("languages")

        st.subheader(_("Status and access"))
        term_choice("status", _("Status"), "status", many=False)
        text_input("last_seen_active", _("Seen in use (date of the newest source)"), max_chars=10,
                   placeholder=_("YYYY-MM"))
        years = st.columns(2)
        with years[0]:
            st.number_input(_("Launched (year, optional)"), min_value=FIRST_YEAR, max_value=today.year, step=1,
                            key=PREFIX + "launched", help=field_help("launched"), placeholder=_("Year"))
            show_problems("launched")
        with years[1]:
            st.number_input(_("Discontinued (year, optional)"), min_value=FIRST_YEAR, max_value=today.year, step=1,
                            key=PREFIX + "discontinued", help=field_help("discontinued"), placeholder=_("Year"))
            show_problems("discontinued")
        term_choice("access", _("Access"), "access", many=False)
        text_input("licence", _("Licence (optional)"), max_chars=200,
                   help=_("An SPDX identifier such as MIT, Apache-2.0 or GPL-3.0-only; or proprietary; or unknown."))
        text_input("source_code", _("Source code (optional, https://…)"))
        yes_no("survivor_informed", _("Survivors took part in its design"))
        yes_no("handles_personal_data", _("Collects or stores personal data"))
        text_input("evidence_of_impact", _("Evaluation or impact report (optional, https://…)"))

        st.subheader(_("Sources"))
        text_area("sources", _("Public pages backing the facts (one address per line, the organisation's own first)"),
                  max_chars=10_000)
        st.date_input(label_of("last_verified", _("Date you checked the sources")), key=PREFIX + "last_verified",
                      min_value=dt.date(FIRST_YEAR, 1, 1), max_value=today, help=field_help("last_verified"))
        show_problems("last_verified")
        st.subheader(_("Send your entry"))
        send_file("end")

    with file_column:
        st.subheader(_("Your entry file"))
        send_file("side")
        empty = form.still_empty_fields(draft)
        if empty:
            st.markdown(_("**Still to fill in:** {fields}").format(
                fields=", ".join(common.escape_markdown(field_label(name)) for name in empty)))
        typed = [p for p in draft.problems if not form.is_still_empty(p, draft)]
        if typed:
            st.caption(_("Problems in what you entered (each is also shown under its field):"))
            st.code("\n".join(readable_problem(p) for p in typed), language=None, wrap_lines=True)
        if draft.problems:
            with st.expander(_("Every problem, as `python -m catalogue validate` prints it")):
                st.code("\n".join(form.format_problem(p) for p in draft.problems), language=None, wrap_lines=True)
        st.code(draft.text, language="yaml", line_numbers=True, wrap_lines=True)
        st.button(_("Start over"), key="start_over", on_click=start_over)

# ---------------------------------------------------------------- checking a file

with check_tab:
    st.markdown(_("Paste an entry file (a new one, or an existing entry you corrected) to see every problem "
                  "the validator would report, with its line and column."))
    st.text_input(_("File name (optional)"), key="paste_file_name", max_chars=200,
                  placeholder=_("e.g. golden-dreams.yaml"),
                  help=_("The name the file will have in tools_data/. Without it, an entry already in the catalogue is "
                         "recognised by its name or address; a new one gets a file name made from its name."))
    pasted = st.text_area(_("Entry file (YAML)"), key="paste_text", height=300, max_chars=PASTE_MAX_CHARS,
                          placeholder="# yaml-language-server: $schema=../schema/tool.schema.json\nname: …")
    if pasted.strip():
        check = check_text(pasted, st.session_state.get("paste_file_name", ""), today, catalogue.tools)
        if check.truncated:
            st.warning(_("Only the first {count} characters were checked.").format(
                count=i18n.number(PASTE_MAX_CHARS)))
        if check.corrects:
            st.info(_("Checked as a correction of {file}. To check it as a new file, give it a file name.").format(
                file=common.escape_markdown(f"tools_data/{check.corrects}.yaml")))
        else:
            st.caption(_("Checked as a new file: {file}").format(file=common.escape_markdown(check.file_name)))
        if not check.problems:
            st.success("✅ " + _("No problems: the validator accepts this file."))
        else:
            warnings = ngettext("{count} warning", "{count} warnings", len(check.warnings)).format(
                count=len(check.warnings))
            st.error("❌ " + _("{errors} and {warnings}.").format(
                errors=ngettext("{count} error", "{count} errors", len(check.errors)).format(count=len(check.errors)),
                warnings=warnings) if check.errors else
                "⚠️ " + _("No errors; {warnings}.").format(warnings=warnings))
            shown = [form.format_problem(p) for p in check.problems]
            if language != i18n.DEFAULT:
                shown = [line + "\n    " + _(CHECK_MESSAGES[p.check]) if p.check in CHECK_MESSAGES else line
                         for line, p in zip(shown, check.problems, strict=True)]
            st.code("\n".join(shown), language=None, wrap_lines=True)
        with st.expander(_("Your text with line numbers"), expanded=bool(check.errors)):
            st.code(pasted, language="yaml", line_numbers=True)
