"""Contribute: how to add or correct a tool, a form that builds a valid entry file, and a checker for pasted files.

All logic is in catalogue.entry_form (tested without Streamlit); the checks are the validator's own.
"""
import datetime as dt
import re

import streamlit as st

from app_pages import common
from app_pages.settings import new_file_url, repository, settings, suggest_issue_url
from catalogue import entry_form as form
from catalogue.about import GUIDE_SECTIONS, guide_section, read_guide
from catalogue.fields import FIELD_BY_NAME, FIRST_YEAR

DRAFT_KEY = "contribute_draft"  # the form's values, kept while the user visits other pages
PREFIX = "form_"
# What the form calls a field where it differs from "Field name" made from the key (`primary_purpose`
# -> "Primary purpose"): messages name fields as the form shows them, not by their YAML keys.
FIELD_LABELS = {"url": "Official page", "slug": "File name", "organisation.name": "Organisation name",
                "organisation.type": "Organisation type", "organisation.website": "Organisation website",
                "last_seen_active": "Seen in use", "last_verified": "Date you checked the sources",
                "deployed_in": "Deployed in", "developed_in": "Developed in", "source_code": "Source code",
                "evidence_of_impact": "Evaluation or impact report"}
# Issue-form fields (ids in .github/ISSUE_TEMPLATE/suggest_tool.yml) that take text, filled from a draft.
ISSUE_TEXT_FIELDS = ("name", "aliases", "summary", "description", "url", "partners", "developed_in", "deployed_in",
                     "last_seen_active", "launched", "licence", "source_code", "evidence_of_impact", "sources")

catalogue = common.get_catalogue()
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
    return FIELD_LABELS.get(key) or key.replace("_", " ").capitalize()


def readable(text: str) -> str:
    """A validator message with `yaml_keys` of fields replaced by the labels the form shows."""
    def label(match: re.Match) -> str:
        key = match.group(1)
        known = key in FIELD_BY_NAME or key.startswith("organisation.") or key == "slug"
        return f"“{field_label(key)}”" if known else match.group(0)
    return re.sub(r"`([a-z_]+(?:\.[a-z_]+)?)`", label, text)


def readable_problem(problem) -> str:
    return readable(f"{problem.line}:{problem.col}: {problem.message}" + (f" (hint: {problem.hint})" if problem.hint else ""))


def show_problems(name: str) -> None:
    for problem in problems.get(name, []):
        message = readable(problem.message + (f" (hint: {problem.hint})" if problem.hint else ""))
        if form.is_still_empty(problem, draft):
            # A fresh form is all empty fields: a quiet marker each, not a wall of red boxes.
            st.caption("❌ Made from the name: type the name first, or a file name here." if problem.check == "slug"
                       else "❌ Required, still empty.")
        elif problem.is_error:
            st.error(common.escape_markdown(message), icon="❌")
        else:
            st.warning(common.escape_markdown(message), icon="⚠️")


def label_of(name: str, text: str) -> str:
    spec = FIELD_BY_NAME.get(name)
    return f"{text} *" if spec and spec.required else text


def text_input(name: str, label: str, max_chars: int = 500, **options) -> None:
    st.text_input(label_of(name, label), key=PREFIX + name, max_chars=max_chars,
                  help=options.pop("help", form.field_help(name)), **options)
    show_problems(name)


def text_area(name: str, label: str, max_chars: int = 5000, **options) -> None:
    st.text_area(label_of(name, label), key=PREFIX + name, max_chars=max_chars,
                 help=options.pop("help", form.field_help(name)), **options)
    show_problems(name)


def term_choice(name: str, label: str, vocabulary: str, many: bool) -> None:
    help_text = f"{form.field_help(name)}\n\n{form.vocabulary_help(vocabulary)}"
    widget = st.multiselect if many else st.selectbox
    # select_all=False on multiselects: with it, Enter after typing selected every matching value.
    options = {"select_all": False} if many else {}
    widget(label_of(name, label), form.term_options(vocabulary), key=PREFIX + name, help=help_text,
           format_func=lambda key: form.term_label(vocabulary, key), placeholder="Choose…", **options)
    show_problems(name)


def yes_no(name: str, label: str) -> None:
    st.radio(label, form.TRI_STATE, key=PREFIX + name, horizontal=True, help=form.field_help(name),
             format_func=lambda value: {form.NOT_STATED: "Not stated"}.get(value, value.capitalize()))
    show_problems(name)


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
        st.success("✅ Passes every check of the validator.")
    elif not errors:
        st.warning(f"⚠️ No errors; {warnings} warning(s) to look at.")
    else:
        st.error(f"❌ {errors} error(s) and {warnings} warning(s): fix them before sending the file.")
    st.download_button(f"⬇️ Download {draft.file_name}", draft.text.encode("utf-8"), file_name=draft.file_name,
                       mime="application/yaml", key=f"download_entry_{where}", on_click="ignore",
                       type="primary" if not errors else "secondary")
    if not repository():
        st.info("This copy of the app has no repository address (`repository_url` in settings.yaml), so it "
                "cannot open GitHub for you. Download the file and add it to the `tools_data/` folder of the "
                "catalogue's repository in a pull request, or send it to the maintainers with the issue form "
                "*Suggest a tool*.")
        return
    pull_request = new_file_url(draft.file_name, draft.text)
    if errors:
        st.caption("Fix the errors to propose the file on GitHub; you can download the draft meanwhile.")
    elif pull_request:
        st.link_button("Propose it on GitHub (a pull request, no git needed)", pull_request,
                       help="Opens GitHub's new-file page with your file filled in. Without write access, GitHub "
                            "makes a copy (fork) for you and turns the change into a pull request.")
    else:
        st.caption("The file is too long to pass in a link: download it and upload it on GitHub instead.")
    # An issue needs no valid file: a maintainer writes the entry from what is there.
    issue = suggest_issue_url(issue_fields())
    if issue:
        st.link_button("Or suggest it as an issue", issue, help="Opens the Suggest a tool form, filled in with "
                       "what you have typed; a maintainer writes the entry.")


# ---------------------------------------------------------------- how to contribute

st.title("Contribute")
common.load_notice(catalogue)
st.markdown(
    "Anyone can add a tool or correct one. Each tool is one YAML file in the `tools_data/` folder of the "
    "repository, and every change is a pull request that the validator checks automatically.\n\n"
    "1. **Search first** on the Explore page, including the tool's other names and its organisation. "
    "If it is listed, correct that entry: edit `tools_data/<slug>.yaml` (the slug is the `tool=` part of the "
    "tool page's address), then check your edited file below.\n"
    "2. **New tool:** fill in the form below. It builds the file and checks it as you type, with the "
    "same validator as `python -m catalogue validate`.\n"
    "3. **Send it:** the button under the finished form opens GitHub with your file filled in, ready to "
    "propose as a pull request from the browser (no git needed); or download the file.\n\n"
    + (f"No GitHub pull request? [Open an issue]({repository()}/issues/new/choose) with the *Suggest a tool* or "
       f"*Report a correction* form instead. The full guide, step by step, is "
       f"[CONTRIBUTING.md]({repository()}/blob/{settings().get('default_branch') or 'main'}/CONTRIBUTING.md)."
       if repository() else
       "No GitHub pull request? Open an issue with the *Suggest a tool* or *Report a correction* form instead. "
       "The full guide, step by step, is **CONTRIBUTING.md** in the repository.")
)
if guide:
    for title in GUIDE_SECTIONS:
        section = guide_section(guide, title)
        if section:
            with st.expander(f"{title} (from CONTRIBUTING.md)"):
                st.markdown(section)  # project text, not entry text

build_tab, check_tab = st.tabs(["Build a new entry", "Check an entry file"])

# ---------------------------------------------------------------- the form

with build_tab:
    form_column, file_column = st.columns([3, 2], gap="large")
    with form_column:
        st.caption("Fields marked * are required. Leave an optional field empty rather than guess: "
                   "an empty field reads as “not known”, a guessed one as a fact.")
        st.subheader("The tool")
        text_input("name", "Name", max_chars=200)
        suggested = form.slug_of({"name": values.get("name")}) or "made-from-the-name"
        text_input("slug", "File name (slug)", max_chars=120, placeholder=suggested,
                   help="Lowercase letters, digits and hyphens; it becomes the tool's address and cannot change "
                        "later. Leave it empty to make it from the name.")
        st.caption(f"The file will be {common.escape_markdown(draft.file_name)}")
        text_area("aliases", "Other names or acronyms (one per line)", max_chars=2000, height=68)
        text_input("summary", "Summary: one sentence, in your own words", max_chars=1000)
        text_area("description", "Description: a paragraph in your own words")
        text_input("summary_fr", "Summary in French (optional): translate the summary, add nothing", max_chars=1000)
        text_input("summary_es", "Summary in Spanish (optional): translate the summary, add nothing", max_chars=1000)
        text_input("url", "Official page (https://…)")

        st.subheader("Who runs it")
        text_input("organisation_name", label_of("organisation", "Organisation"), max_chars=300,
                   help=form.field_help("organisation"))
        st.selectbox("Organisation type *", form.term_options("organisation_types"), key=PREFIX + "organisation_type",
                     format_func=lambda key: form.term_label("organisation_types", key), placeholder="Choose…",
                     help=form.vocabulary_help("organisation_types"))
        show_problems("organisation_type")
        text_input("organisation_website", "Organisation website (optional)",
                   help="http(s) address of the organisation's own site.")
        text_area("partners", "Partner organisations (one per line)", max_chars=2000, height=68)

        st.subheader("What it does")
        term_choice("primary_purpose", "Primary purpose", "purposes", many=False)
        term_choice("purposes", "Purposes (include the primary one)", "purposes", many=True)
        term_choice("target_users", "Target users", "target_users", many=True)
        term_choice("technologies", "Technologies", "technologies", many=True)
        term_choice("exploitation_types", "Exploitation types", "exploitation_types", many=True)
        term_choice("sectors", "Sectors (optional)", "sectors", many=True)

        st.subheader("Where")
        st.multiselect(label_of("developed_in", "Developed in"), form.country_options(), key=PREFIX + "developed_in", select_all=False,
                       format_func=form.country_label, help=form.field_help("developed_in"), placeholder="Countries…")
        show_problems("developed_in")
        st.radio("Used where? *", (form.SCOPE_COUNTRIES, form.SCOPE_GLOBAL), key=PREFIX + "deployment_scope",
                 format_func={form.SCOPE_COUNTRIES: "In the countries listed below",
                              form.SCOPE_GLOBAL: "Global: open to anyone, anywhere"}.get,
                 help="Choose global only for a tool anyone in any country can use; a tool used in many "
                      "countries lists them.")
        is_global = values.get("deployment_scope") == form.SCOPE_GLOBAL
        st.multiselect("Deployed in", form.country_options(), key=PREFIX + "deployed_in", disabled=is_global, select_all=False,
                       format_func=form.country_label, help=form.field_help("deployed_in"), placeholder="Countries…")
        show_problems("deployed_in")
        st.multiselect("Languages (optional)", form.language_options(), key=PREFIX + "languages", select_all=False,
                       format_func=form.language_label, help=form.field_help("languages"), placeholder="Languages…")
        show_problems("languages")

        st.subheader("Status and access")
        term_choice("status", "Status", "status", many=False)
        text_input("last_seen_active", "Seen in use (date of the newest source)", max_chars=10,
                   placeholder="YYYY-MM")
        years = st.columns(2)
        with years[0]:
            st.number_input("Launched (year, optional)", min_value=FIRST_YEAR, max_value=today.year, step=1,
                            key=PREFIX + "launched", help=form.field_help("launched"), placeholder="Year")
            show_problems("launched")
        with years[1]:
            st.number_input("Discontinued (year, optional)", min_value=FIRST_YEAR, max_value=today.year, step=1,
                            key=PREFIX + "discontinued", help=form.field_help("discontinued"), placeholder="Year")
            show_problems("discontinued")
        term_choice("access", "Access", "access", many=False)
        text_input("licence", "Licence (optional)", max_chars=200,
                   help="An SPDX identifier such as MIT, Apache-2.0 or GPL-3.0-only; or proprietary; or unknown.")
        text_input("source_code", "Source code (optional, https://…)")
        yes_no("survivor_informed", "Survivors took part in its design")
        yes_no("handles_personal_data", "Collects or stores personal data")
        text_input("evidence_of_impact", "Evaluation or impact report (optional, https://…)")

        st.subheader("Sources")
        text_area("sources", "Public pages backing the facts (one address per line, the organisation's own first)",
                  max_chars=10_000)
        st.date_input(label_of("last_verified", "Date you checked the sources"), key=PREFIX + "last_verified",
                      min_value=dt.date(FIRST_YEAR, 1, 1), max_value=today, help=form.field_help("last_verified"))
        show_problems("last_verified")
        st.subheader("Send your entry")
        send_file("end")

    with file_column:
        st.subheader("Your entry file")
        send_file("side")
        empty = form.still_empty_fields(draft)
        if empty:
            st.markdown("**Still to fill in:** " + ", ".join(common.escape_markdown(field_label(name)) for name in empty))
        typed = [p for p in draft.problems if not form.is_still_empty(p, draft)]
        if typed:
            st.caption("Problems in what you entered (each is also shown under its field):")
            st.code("\n".join(readable_problem(p) for p in typed), language=None, wrap_lines=True)
        if draft.problems:
            with st.expander("Every problem, as `python -m catalogue validate` prints it"):
                st.code("\n".join(form.format_problem(p) for p in draft.problems), language=None, wrap_lines=True)
        st.code(draft.text, language="yaml", line_numbers=True, wrap_lines=True)
        st.button("Start over", key="start_over", on_click=start_over)

# ---------------------------------------------------------------- checking a file

with check_tab:
    st.markdown("Paste an entry file (a new one, or an existing entry you corrected) to see every problem "
                "the validator would report, with its line and column.")
    st.text_input("File name (optional)", key="paste_file_name", max_chars=200, placeholder="e.g. golden-dreams.yaml",
                  help="The name the file will have in tools_data/. Without it, an entry already in the catalogue is "
                       "recognised by its name or address; a new one gets a file name made from its name.")
    pasted = st.text_area("Entry file (YAML)", key="paste_text", height=300, max_chars=form.PASTE_MAX_CHARS,
                          placeholder="# yaml-language-server: $schema=../schema/tool.schema.json\nname: …")
    if pasted.strip():
        check = form.check_pasted(pasted, st.session_state.get("paste_file_name", ""), today, catalogue.tools)
        if check.truncated:
            st.warning(f"Only the first {form.PASTE_MAX_CHARS:,} characters were checked.")
        if check.corrects:
            st.info(f"Checked as a correction of {common.escape_markdown(f'tools_data/{check.corrects}.yaml')}. "
                    "To check it as a new file, give it a file name.")
        else:
            st.caption(f"Checked as a new file: {common.escape_markdown(check.file_name)}")
        if not check.problems:
            st.success("✅ No problems: the validator accepts this file.")
        else:
            st.error(f"❌ {len(check.errors)} error(s) and {len(check.warnings)} warning(s)." if check.errors else
                     f"⚠️ No errors; {len(check.warnings)} warning(s).")
            st.code("\n".join(form.format_problem(p) for p in check.problems), language=None, wrap_lines=True)
        with st.expander("Your text with line numbers", expanded=bool(check.errors)):
            st.code(pasted, language="yaml", line_numbers=True)
